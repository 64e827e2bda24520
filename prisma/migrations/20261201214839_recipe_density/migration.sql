-- AlterTable
ALTER TABLE "recipes" ADD COLUMN     "density" DECIMAL(12,6);

