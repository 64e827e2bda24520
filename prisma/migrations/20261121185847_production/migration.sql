-- CreateTable
CREATE TABLE "product_categories" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "is_typically_portioned" BOOLEAN NOT NULL DEFAULT false,
    "sku_name_template" TEXT NOT NULL,

    CONSTRAINT "product_categories_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "recipe_groups" (
    "id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "recipe_groups_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "recipes" (
    "id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "group_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "is_master" BOOLEAN NOT NULL DEFAULT true,
    "variation_name" TEXT,
    "variation_prefix" TEXT,
    "version_number" INTEGER NOT NULL DEFAULT 1,
    "test_sequence" INTEGER,
    "is_current" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "is_archived" BOOLEAN NOT NULL DEFAULT false,
    "archived_at" TIMESTAMP(3),
    "predicted_yield" DECIMAL(20,6),
    "yield_unit" TEXT NOT NULL DEFAULT 'oz',
    "allowed_container_ids" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "product_category_id" TEXT,
    "category_data" JSONB NOT NULL DEFAULT '{}',
    "is_portioned" BOOLEAN NOT NULL DEFAULT false,
    "portion_name" TEXT,
    "portion_count" INTEGER,
    "instructions" TEXT NOT NULL DEFAULT '',
    "parent_recipe_id" TEXT,
    "cloned_from_id" TEXT,
    "created_by_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "recipes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "recipe_lines" (
    "id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "recipe_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "item_id" TEXT NOT NULL,
    "quantity" DECIMAL(20,6) NOT NULL,
    "unit" TEXT NOT NULL,
    "notes" TEXT,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "recipe_lines_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "recipe_lineage" (
    "id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "recipe_id" TEXT NOT NULL,
    "source_recipe_id" TEXT,
    "event_type" TEXT NOT NULL,
    "user_id" TEXT,
    "notes" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "recipe_lineage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "products" (
    "id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "category_id" TEXT,
    "low_stock_threshold" DECIMAL(20,6) NOT NULL DEFAULT 10,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "products_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "product_variants" (
    "id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "product_id" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT 'Base',
    "is_active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "product_variants_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "product_skus" (
    "id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "product_id" TEXT NOT NULL,
    "variant_id" TEXT NOT NULL,
    "item_id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "size_label" TEXT NOT NULL DEFAULT 'Bulk',
    "display_name" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "size_kind" TEXT NOT NULL DEFAULT 'bulk',
    "container_item_id" TEXT,
    "portion_size" DECIMAL(20,6),
    "portion_unit" TEXT,
    "retail_price" DECIMAL(20,4),
    "low_stock_threshold" DECIMAL(20,6) NOT NULL DEFAULT 10,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "product_skus_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "batch_sequences" (
    "organization_id" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "current" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "batch_sequences_pkey" PRIMARY KEY ("organization_id","year")
);

-- CreateTable
CREATE TABLE "batches" (
    "id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "recipe_id" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "batch_type" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'in_progress',
    "status_reason" TEXT,
    "scale" DECIMAL(12,6) NOT NULL,
    "plan_snapshot" JSONB NOT NULL,
    "cost_method" TEXT NOT NULL,
    "projected_yield" DECIMAL(20,6),
    "yield_unit" TEXT NOT NULL,
    "is_portioned" BOOLEAN NOT NULL DEFAULT false,
    "portion_name" TEXT,
    "projected_portions" INTEGER,
    "final_quantity" DECIMAL(20,6),
    "output_unit" TEXT,
    "final_portions" INTEGER,
    "waste_quantity" DECIMAL(20,6),
    "waste_reason" TEXT,
    "output_perishable" BOOLEAN NOT NULL DEFAULT false,
    "output_shelf_life_days" INTEGER,
    "output_expires_at" TIMESTAMP(3),
    "total_cost" DECIMAL(20,6),
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "forced" BOOLEAN NOT NULL DEFAULT false,
    "completion" JSONB,
    "completion_error" TEXT,
    "started_by_id" TEXT,
    "started_at" TIMESTAMP(3) NOT NULL,
    "completed_at" TIMESTAMP(3),
    "failed_at" TIMESTAMP(3),
    "cancelled_at" TIMESTAMP(3),

    CONSTRAINT "batches_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "batch_lines" (
    "id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "batch_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "is_extra" BOOLEAN NOT NULL DEFAULT false,
    "reason" TEXT,
    "item_id" TEXT NOT NULL,
    "quantity" DECIMAL(20,6) NOT NULL,
    "unit" TEXT NOT NULL,
    "item_quantity" DECIMAL(20,6) NOT NULL,
    "total_cost" DECIMAL(20,6) NOT NULL,
    "movement_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "batch_lines_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "batch_notes" (
    "id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "batch_id" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "author_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "batch_notes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "batch_timers" (
    "id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "batch_id" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT 'Timer',
    "duration_seconds" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "accumulated_seconds" INTEGER NOT NULL DEFAULT 0,
    "running_since" TIMESTAMP(3),
    "started_at" TIMESTAMP(3) NOT NULL,
    "ended_at" TIMESTAMP(3),

    CONSTRAINT "batch_timers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "batch_outputs" (
    "id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "batch_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "item_id" TEXT NOT NULL,
    "sku_id" TEXT,
    "lot_id" TEXT NOT NULL,
    "quantity" DECIMAL(20,6) NOT NULL,
    "unit" TEXT NOT NULL,
    "unit_cost" DECIMAL(20,6) NOT NULL,

    CONSTRAINT "batch_outputs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "product_categories_name_key" ON "product_categories"("name");

-- CreateIndex
CREATE INDEX "recipe_groups_organization_id_idx" ON "recipe_groups"("organization_id");

-- CreateIndex
CREATE UNIQUE INDEX "recipe_groups_organization_id_name_key" ON "recipe_groups"("organization_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "recipe_groups_organization_id_prefix_key" ON "recipe_groups"("organization_id", "prefix");

-- CreateIndex
CREATE INDEX "recipes_organization_id_group_id_idx" ON "recipes"("organization_id", "group_id");

-- CreateIndex
CREATE INDEX "recipes_group_id_is_master_variation_name_version_number_idx" ON "recipes"("group_id", "is_master", "variation_name", "version_number");

-- CreateIndex
CREATE INDEX "recipe_lines_recipe_id_idx" ON "recipe_lines"("recipe_id");

-- CreateIndex
CREATE INDEX "recipe_lines_organization_id_idx" ON "recipe_lines"("organization_id");

-- CreateIndex
CREATE INDEX "recipe_lines_item_id_idx" ON "recipe_lines"("item_id");

-- CreateIndex
CREATE INDEX "recipe_lineage_recipe_id_idx" ON "recipe_lineage"("recipe_id");

-- CreateIndex
CREATE INDEX "recipe_lineage_organization_id_idx" ON "recipe_lineage"("organization_id");

-- CreateIndex
CREATE INDEX "products_organization_id_idx" ON "products"("organization_id");

-- CreateIndex
CREATE UNIQUE INDEX "products_organization_id_name_key" ON "products"("organization_id", "name");

-- CreateIndex
CREATE INDEX "product_variants_organization_id_idx" ON "product_variants"("organization_id");

-- CreateIndex
CREATE UNIQUE INDEX "product_variants_product_id_name_key" ON "product_variants"("product_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "product_skus_item_id_key" ON "product_skus"("item_id");

-- CreateIndex
CREATE INDEX "product_skus_organization_id_idx" ON "product_skus"("organization_id");

-- CreateIndex
CREATE UNIQUE INDEX "product_skus_organization_id_code_key" ON "product_skus"("organization_id", "code");

-- CreateIndex
CREATE UNIQUE INDEX "product_skus_variant_id_size_label_key" ON "product_skus"("variant_id", "size_label");

-- CreateIndex
CREATE INDEX "batches_organization_id_status_idx" ON "batches"("organization_id", "status");

-- CreateIndex
CREATE INDEX "batches_recipe_id_idx" ON "batches"("recipe_id");

-- CreateIndex
CREATE UNIQUE INDEX "batches_organization_id_label_key" ON "batches"("organization_id", "label");

-- CreateIndex
CREATE INDEX "batch_lines_batch_id_idx" ON "batch_lines"("batch_id");

-- CreateIndex
CREATE INDEX "batch_lines_organization_id_idx" ON "batch_lines"("organization_id");

-- CreateIndex
CREATE INDEX "batch_notes_batch_id_idx" ON "batch_notes"("batch_id");

-- CreateIndex
CREATE INDEX "batch_notes_organization_id_idx" ON "batch_notes"("organization_id");

-- CreateIndex
CREATE INDEX "batch_timers_batch_id_idx" ON "batch_timers"("batch_id");

-- CreateIndex
CREATE INDEX "batch_timers_organization_id_status_idx" ON "batch_timers"("organization_id", "status");

-- CreateIndex
CREATE INDEX "batch_outputs_organization_id_idx" ON "batch_outputs"("organization_id");

-- CreateIndex
CREATE UNIQUE INDEX "batch_outputs_batch_id_item_id_key" ON "batch_outputs"("batch_id", "item_id");

-- AddForeignKey
ALTER TABLE "recipe_groups" ADD CONSTRAINT "recipe_groups_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "recipes" ADD CONSTRAINT "recipes_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "recipes" ADD CONSTRAINT "recipes_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "recipe_groups"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "recipes" ADD CONSTRAINT "recipes_product_category_id_fkey" FOREIGN KEY ("product_category_id") REFERENCES "product_categories"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "recipe_lines" ADD CONSTRAINT "recipe_lines_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "recipe_lines" ADD CONSTRAINT "recipe_lines_recipe_id_fkey" FOREIGN KEY ("recipe_id") REFERENCES "recipes"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "recipe_lines" ADD CONSTRAINT "recipe_lines_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "inventory_items"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "recipe_lineage" ADD CONSTRAINT "recipe_lineage_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "recipe_lineage" ADD CONSTRAINT "recipe_lineage_recipe_id_fkey" FOREIGN KEY ("recipe_id") REFERENCES "recipes"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "products" ADD CONSTRAINT "products_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "products" ADD CONSTRAINT "products_category_id_fkey" FOREIGN KEY ("category_id") REFERENCES "product_categories"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "product_variants" ADD CONSTRAINT "product_variants_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "product_variants" ADD CONSTRAINT "product_variants_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "product_skus" ADD CONSTRAINT "product_skus_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "product_skus" ADD CONSTRAINT "product_skus_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "product_skus" ADD CONSTRAINT "product_skus_variant_id_fkey" FOREIGN KEY ("variant_id") REFERENCES "product_variants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "product_skus" ADD CONSTRAINT "product_skus_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "inventory_items"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "batch_sequences" ADD CONSTRAINT "batch_sequences_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "batches" ADD CONSTRAINT "batches_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "batches" ADD CONSTRAINT "batches_recipe_id_fkey" FOREIGN KEY ("recipe_id") REFERENCES "recipes"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "batch_lines" ADD CONSTRAINT "batch_lines_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "batch_lines" ADD CONSTRAINT "batch_lines_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "batches"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "batch_notes" ADD CONSTRAINT "batch_notes_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "batch_notes" ADD CONSTRAINT "batch_notes_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "batches"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "batch_timers" ADD CONSTRAINT "batch_timers_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "batch_timers" ADD CONSTRAINT "batch_timers_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "batches"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "batch_outputs" ADD CONSTRAINT "batch_outputs_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "batch_outputs" ADD CONSTRAINT "batch_outputs_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "batches"("id") ON DELETE CASCADE ON UPDATE CASCADE;

