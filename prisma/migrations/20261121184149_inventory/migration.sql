-- CreateTable
CREATE TABLE "units" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "symbol" TEXT NOT NULL,
    "unit_type" TEXT NOT NULL,
    "factor" DECIMAL(30,12) NOT NULL,
    "is_active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "units_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "custom_units" (
    "id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "symbol" TEXT NOT NULL,
    "unit_type" TEXT NOT NULL,
    "factor" DECIMAL(30,12) NOT NULL DEFAULT 1,
    "is_mapped" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "custom_units_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "unit_mappings" (
    "id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "from_unit" TEXT NOT NULL,
    "to_unit" TEXT NOT NULL,
    "factor" DECIMAL(30,12) NOT NULL,
    "notes" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "unit_mappings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ingredient_categories" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "default_density" DECIMAL(12,6),

    CONSTRAINT "ingredient_categories_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inventory_categories" (
    "id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "item_type" TEXT NOT NULL,

    CONSTRAINT "inventory_categories_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inventory_items" (
    "id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "item_type" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "quantity" DECIMAL(20,6) NOT NULL DEFAULT 0,
    "cost_per_unit" DECIMAL(20,6) NOT NULL DEFAULT 0,
    "low_stock_threshold" DECIMAL(20,6),
    "density" DECIMAL(12,6),
    "density_source" TEXT,
    "ingredient_category_id" TEXT,
    "inventory_category_id" TEXT,
    "is_perishable" BOOLEAN NOT NULL DEFAULT false,
    "shelf_life_days" INTEGER,
    "capacity" DECIMAL(20,6),
    "capacity_unit" TEXT,
    "container_material" TEXT,
    "container_type" TEXT,
    "container_style" TEXT,
    "container_color" TEXT,
    "is_tracked" BOOLEAN NOT NULL DEFAULT true,
    "is_intermediate" BOOLEAN NOT NULL DEFAULT false,
    "is_archived" BOOLEAN NOT NULL DEFAULT false,
    "created_by_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "inventory_items_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inventory_lots" (
    "id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "item_id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "original_quantity" DECIMAL(20,6) NOT NULL,
    "remaining_quantity" DECIMAL(20,6) NOT NULL,
    "unit_cost" DECIMAL(20,6) NOT NULL,
    "received_at" TIMESTAMP(3) NOT NULL,
    "expires_at" TIMESTAMP(3),
    "source_type" TEXT NOT NULL,
    "source_notes" TEXT,
    "supplier" TEXT,
    "batch_id" TEXT,
    "is_open" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "inventory_lots_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inventory_movements" (
    "id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "item_id" TEXT NOT NULL,
    "change_type" TEXT NOT NULL,
    "quantity_delta" DECIMAL(20,6) NOT NULL,
    "actor_id" TEXT,
    "notes" TEXT,
    "batch_id" TEXT,
    "order_id" TEXT,
    "reservation_id" TEXT,
    "reverses_movement_id" TEXT,
    "logged_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "inventory_movements_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inventory_events" (
    "id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "item_id" TEXT NOT NULL,
    "lot_id" TEXT,
    "movement_id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "change_type" TEXT NOT NULL,
    "quantity_delta" DECIMAL(20,6) NOT NULL,
    "memo_quantity" DECIMAL(20,6),
    "unit_cost" DECIMAL(20,6) NOT NULL,
    "valuation_method" TEXT NOT NULL,
    "actor_id" TEXT,
    "notes" TEXT,
    "batch_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "inventory_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inventory_digests" (
    "id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "summary" JSONB NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "inventory_digests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inventory_imports" (
    "id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "total_rows" INTEGER NOT NULL,
    "processed_rows" INTEGER NOT NULL DEFAULT 0,
    "rows" JSONB NOT NULL,
    "errors" JSONB NOT NULL DEFAULT '[]',
    "created_by_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMP(3),

    CONSTRAINT "inventory_imports_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inventory_activity_daily" (
    "id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "change_type" TEXT NOT NULL,
    "movements" INTEGER NOT NULL DEFAULT 0,
    "quantity" DECIMAL(24,6) NOT NULL DEFAULT 0,

    CONSTRAINT "inventory_activity_daily_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "units_name_key" ON "units"("name");

-- CreateIndex
CREATE INDEX "custom_units_organization_id_idx" ON "custom_units"("organization_id");

-- CreateIndex
CREATE UNIQUE INDEX "custom_units_organization_id_name_key" ON "custom_units"("organization_id", "name");

-- CreateIndex
CREATE INDEX "unit_mappings_organization_id_idx" ON "unit_mappings"("organization_id");

-- CreateIndex
CREATE UNIQUE INDEX "unit_mappings_organization_id_from_unit_key" ON "unit_mappings"("organization_id", "from_unit");

-- CreateIndex
CREATE UNIQUE INDEX "ingredient_categories_name_key" ON "ingredient_categories"("name");

-- CreateIndex
CREATE INDEX "inventory_categories_organization_id_idx" ON "inventory_categories"("organization_id");

-- CreateIndex
CREATE UNIQUE INDEX "inventory_categories_organization_id_item_type_name_key" ON "inventory_categories"("organization_id", "item_type", "name");

-- CreateIndex
CREATE INDEX "inventory_items_organization_id_item_type_is_archived_idx" ON "inventory_items"("organization_id", "item_type", "is_archived");

-- CreateIndex
CREATE UNIQUE INDEX "inventory_items_organization_id_name_key" ON "inventory_items"("organization_id", "name");

-- CreateIndex
CREATE INDEX "inventory_lots_item_id_is_open_received_at_idx" ON "inventory_lots"("item_id", "is_open", "received_at");

-- CreateIndex
CREATE INDEX "inventory_lots_item_id_is_open_expires_at_received_at_idx" ON "inventory_lots"("item_id", "is_open", "expires_at", "received_at");

-- CreateIndex
CREATE INDEX "inventory_lots_organization_id_is_open_expires_at_idx" ON "inventory_lots"("organization_id", "is_open", "expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "inventory_lots_organization_id_code_key" ON "inventory_lots"("organization_id", "code");

-- CreateIndex
CREATE UNIQUE INDEX "inventory_movements_reverses_movement_id_key" ON "inventory_movements"("reverses_movement_id");

-- CreateIndex
CREATE INDEX "inventory_movements_organization_id_item_id_created_at_idx" ON "inventory_movements"("organization_id", "item_id", "created_at");

-- CreateIndex
CREATE INDEX "inventory_events_organization_id_item_id_created_at_idx" ON "inventory_events"("organization_id", "item_id", "created_at");

-- CreateIndex
CREATE INDEX "inventory_events_lot_id_idx" ON "inventory_events"("lot_id");

-- CreateIndex
CREATE INDEX "inventory_events_movement_id_idx" ON "inventory_events"("movement_id");

-- CreateIndex
CREATE INDEX "inventory_digests_organization_id_idx" ON "inventory_digests"("organization_id");

-- CreateIndex
CREATE UNIQUE INDEX "inventory_digests_organization_id_day_key" ON "inventory_digests"("organization_id", "day");

-- CreateIndex
CREATE INDEX "inventory_imports_organization_id_idx" ON "inventory_imports"("organization_id");

-- CreateIndex
CREATE INDEX "inventory_activity_daily_organization_id_idx" ON "inventory_activity_daily"("organization_id");

-- CreateIndex
CREATE UNIQUE INDEX "inventory_activity_daily_organization_id_day_change_type_key" ON "inventory_activity_daily"("organization_id", "day", "change_type");

-- AddForeignKey
ALTER TABLE "custom_units" ADD CONSTRAINT "custom_units_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "unit_mappings" ADD CONSTRAINT "unit_mappings_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inventory_categories" ADD CONSTRAINT "inventory_categories_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inventory_items" ADD CONSTRAINT "inventory_items_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inventory_items" ADD CONSTRAINT "inventory_items_ingredient_category_id_fkey" FOREIGN KEY ("ingredient_category_id") REFERENCES "ingredient_categories"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inventory_items" ADD CONSTRAINT "inventory_items_inventory_category_id_fkey" FOREIGN KEY ("inventory_category_id") REFERENCES "inventory_categories"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inventory_lots" ADD CONSTRAINT "inventory_lots_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inventory_lots" ADD CONSTRAINT "inventory_lots_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "inventory_items"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inventory_movements" ADD CONSTRAINT "inventory_movements_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inventory_movements" ADD CONSTRAINT "inventory_movements_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "inventory_items"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inventory_events" ADD CONSTRAINT "inventory_events_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inventory_events" ADD CONSTRAINT "inventory_events_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "inventory_items"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inventory_events" ADD CONSTRAINT "inventory_events_lot_id_fkey" FOREIGN KEY ("lot_id") REFERENCES "inventory_lots"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inventory_events" ADD CONSTRAINT "inventory_events_movement_id_fkey" FOREIGN KEY ("movement_id") REFERENCES "inventory_movements"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inventory_digests" ADD CONSTRAINT "inventory_digests_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inventory_imports" ADD CONSTRAINT "inventory_imports_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inventory_activity_daily" ADD CONSTRAINT "inventory_activity_daily_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

