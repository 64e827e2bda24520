-- The ledger's allocation reads only an item's open lots (docs/rules/inventory.md, The ledger in SQL).
-- The indexes of 20261121184149_inventory lead with item_id, but the ledger's queries also filter on
-- organization_id, and with an organization of 100,000 lots the planner ANDed the item's index with the
-- organization's code index (a scan of every lot of the organization: 70 ms for a 3 g deduction).
-- These are partial indexes over the open lots only, keyed (organization, item) and then in the order
-- the ledger takes them, so a deduction reads just the lots it takes, however many depleted lots the
-- item or the organization has:
--   FIFO: received_at, id (bt_apply_movement_v1 orders ties by id COLLATE "C");
--   FEFO: expires_at (NULLS LAST, btree's default for ASC), received_at, id.
-- The FIFO-cost recompute (sum of the open lots of the item) reads the same index.
-- Prisma's schema does not describe partial indexes, so they live here only (as
-- inventory_movements_unlogged_idx does).
CREATE INDEX "inventory_lots_open_fifo_idx" ON "inventory_lots" ("organization_id", "item_id", "received_at", "id" COLLATE "C") WHERE "is_open";
CREATE INDEX "inventory_lots_open_fefo_idx" ON "inventory_lots" ("organization_id", "item_id", "expires_at", "received_at", "id" COLLATE "C") WHERE "is_open";
