-- AlterTable
ALTER TABLE "batch_outputs" ADD COLUMN     "item_quantity" DECIMAL(20,6) NOT NULL DEFAULT 0,
ADD COLUMN     "value" DECIMAL(24,6) NOT NULL DEFAULT 0,
ALTER COLUMN "unit_cost" SET DATA TYPE DECIMAL(28,12);

-- AlterTable
ALTER TABLE "batches" ADD COLUMN     "waste_value" DECIMAL(24,6),
ALTER COLUMN "projected_portions" SET DATA TYPE DECIMAL(20,6);

-- AlterTable
ALTER TABLE "custom_units" ALTER COLUMN "factor" SET DATA TYPE DECIMAL(40,20);

-- AlterTable
ALTER TABLE "inventory_events" ADD COLUMN     "value" DECIMAL(24,6) NOT NULL DEFAULT 0,
ALTER COLUMN "unit_cost" SET DATA TYPE DECIMAL(28,12);

-- AlterTable
ALTER TABLE "inventory_items" ALTER COLUMN "cost_per_unit" SET DATA TYPE DECIMAL(28,12);

-- AlterTable
ALTER TABLE "inventory_lots" ADD COLUMN     "original_value" DECIMAL(24,6) NOT NULL DEFAULT 0,
ADD COLUMN     "remaining_value" DECIMAL(24,6) NOT NULL DEFAULT 0,
ALTER COLUMN "unit_cost" SET DATA TYPE DECIMAL(28,12);

-- AlterTable
ALTER TABLE "unit_mappings" ALTER COLUMN "factor" SET DATA TYPE DECIMAL(40,20);

-- AlterTable
ALTER TABLE "units" ALTER COLUMN "factor" SET DATA TYPE DECIMAL(40,20);


-- Backfill: lots kept only a unit cost until now, so their values are quantity × unit cost (rounded to
-- micro-dollars); from here on the values are the books and the unit cost is derived from them.
UPDATE "inventory_lots" SET "original_value" = round("original_quantity" * "unit_cost", 6),
                            "remaining_value" = round("remaining_quantity" * "unit_cost", 6);
UPDATE "inventory_events" SET "value" = round("quantity_delta" * "unit_cost", 6) WHERE "lot_id" IS NOT NULL;
UPDATE "batch_outputs" SET "value" = round("quantity" * "unit_cost", 6), "item_quantity" = "quantity";
