-- AlterTable
ALTER TABLE "inventory_items" ADD COLUMN     "diameter" DECIMAL(12,4),
ADD COLUMN     "diameter_unit" TEXT,
ADD COLUMN     "wick_max_diameter" DECIMAL(12,4),
ADD COLUMN     "wick_min_diameter" DECIMAL(12,4);

-- AlterTable
ALTER TABLE "inventory_lots" ADD COLUMN     "ready_on" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "recipe_lines" ADD COLUMN     "percent" DECIMAL(9,4),
ADD COLUMN     "percent_of" TEXT;

-- AlterTable
ALTER TABLE "recipes" ADD COLUMN     "batch_size" DECIMAL(20,6),
ADD COLUMN     "batch_size_unit" TEXT,
ADD COLUMN     "cure_days" INTEGER;

