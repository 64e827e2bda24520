-- CreateIndex
CREATE INDEX "inventory_events_batch_id_idx" ON "inventory_events"("batch_id");

-- CreateIndex
CREATE INDEX "inventory_lots_batch_id_idx" ON "inventory_lots"("batch_id");

