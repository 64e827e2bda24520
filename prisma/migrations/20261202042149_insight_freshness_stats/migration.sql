-- AlterTable
ALTER TABLE "organization_stats" ADD COLUMN     "average_fill_efficiency" DECIMAL(5,2),
ADD COLUMN     "batches_cancelled" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "batches_completed" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "batches_failed" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "batches_in_progress" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "product_count" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "success_rate" DECIMAL(5,2),
ADD COLUMN     "test_count" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "top_producer_batches" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "top_producer_user_id" TEXT,
ADD COLUMN     "top_tester_tests" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "top_tester_user_id" TEXT;

-- CreateTable
CREATE TABLE "freshness_snapshots" (
    "id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "freshness_percent" DECIMAL(5,1),
    "lot_count" INTEGER NOT NULL,
    "total_value" DECIMAL(24,6) NOT NULL,
    "expired_value" DECIMAL(24,6) NOT NULL,
    "computed_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "freshness_snapshots_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "batch_freshness" (
    "batch_id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "freshness_percent" DECIMAL(5,1),
    "items" JSONB NOT NULL,
    "computed_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "batch_freshness_pkey" PRIMARY KEY ("batch_id")
);

-- CreateTable
CREATE TABLE "user_stats" (
    "id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "batches_total" INTEGER NOT NULL DEFAULT 0,
    "batches_in_progress" INTEGER NOT NULL DEFAULT 0,
    "batches_completed" INTEGER NOT NULL DEFAULT 0,
    "batches_failed" INTEGER NOT NULL DEFAULT 0,
    "batches_cancelled" INTEGER NOT NULL DEFAULT 0,
    "recipes_master" INTEGER NOT NULL DEFAULT 0,
    "recipes_variation" INTEGER NOT NULL DEFAULT 0,
    "recipes_test" INTEGER NOT NULL DEFAULT 0,
    "items_created" INTEGER NOT NULL DEFAULT 0,
    "adjustments" INTEGER NOT NULL DEFAULT 0,
    "average_fill_efficiency" DECIMAL(5,2),
    "computed_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "user_stats_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "freshness_snapshots_organization_id_day_key" ON "freshness_snapshots"("organization_id", "day");

-- CreateIndex
CREATE INDEX "batch_freshness_organization_id_idx" ON "batch_freshness"("organization_id");

-- CreateIndex
CREATE UNIQUE INDEX "user_stats_organization_id_user_id_key" ON "user_stats"("organization_id", "user_id");

-- AddForeignKey
ALTER TABLE "freshness_snapshots" ADD CONSTRAINT "freshness_snapshots_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "batch_freshness" ADD CONSTRAINT "batch_freshness_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "batch_freshness" ADD CONSTRAINT "batch_freshness_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "batches"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_stats" ADD CONSTRAINT "user_stats_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

