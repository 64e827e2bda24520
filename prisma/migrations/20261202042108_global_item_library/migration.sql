-- AlterTable
ALTER TABLE "inventory_items" ADD COLUMN     "global_item_id" TEXT;

-- CreateTable
CREATE TABLE "global_items" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "aliases" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "item_type" TEXT NOT NULL,
    "default_unit" TEXT NOT NULL,
    "density" DECIMAL(12,6),
    "ingredient_category_id" TEXT,
    "is_perishable" BOOLEAN NOT NULL DEFAULT false,
    "shelf_life_days" INTEGER,
    "inci_name" TEXT,
    "sap_naoh" DECIMAL(8,6),
    "sap_koh" DECIMAL(8,6),
    "fatty_acids" JSONB,
    "capacity" DECIMAL(20,6),
    "capacity_unit" TEXT,
    "container_material" TEXT,
    "container_type" TEXT,
    "container_color" TEXT,
    "edited_fields" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "archived_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "global_items_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "global_items_slug_key" ON "global_items"("slug");

-- CreateIndex
CREATE INDEX "global_items_archived_at_name_idx" ON "global_items"("archived_at", "name");

-- CreateIndex
CREATE INDEX "inventory_items_global_item_id_idx" ON "inventory_items"("global_item_id");

-- AddForeignKey
ALTER TABLE "global_items" ADD CONSTRAINT "global_items_ingredient_category_id_fkey" FOREIGN KEY ("ingredient_category_id") REFERENCES "ingredient_categories"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inventory_items" ADD CONSTRAINT "inventory_items_global_item_id_fkey" FOREIGN KEY ("global_item_id") REFERENCES "global_items"("id") ON DELETE SET NULL ON UPDATE CASCADE;

