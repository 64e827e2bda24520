// The reservation invariant (docs/rules/orders.md, Reserved stock), checked by the inventory.verify job:
// reserved stock is modelled without a shadow item. For every item, counting the movements of orders,
//   - each `reserved` deduction of the ledger is held by reservation rows: -sum(reserved events) =
//     sum(reservation quantities), whatever their status;
//   - what went back as a release (a `returned` event noted "Release of reservation") = the released and
//     expired reservations;
// so the active reservations are exactly the reserved stock not yet released or sold.
import type { PrismaClient } from '../../db/client.ts';

/** The shape of inventory/verify.ts's Drift (not imported: verify.ts imports this file). */
type Drift = { itemId: string; name: string; onHand: string; lots: string; ledger: string };

export async function findReservationDrift(
  db: Pick<PrismaClient, '$queryRaw'>,
  organizationId: string,
): Promise<Drift[]> {
  const rows = await db.$queryRaw<{ id: string; name: string; active: string; reserved: string; held: string }[]>`
    WITH led AS (
      SELECT e.item_id,
             -sum(e.quantity_delta) FILTER (WHERE e.change_type = 'reserved') AS reserved,
             sum(e.quantity_delta) FILTER (WHERE e.change_type = 'returned' AND e.notes LIKE 'Release of reservation%') AS released
        FROM inventory_events e
        JOIN inventory_movements m ON m.id = e.movement_id
        JOIN sales_orders o ON o.id = m.order_id
       WHERE e.organization_id = ${organizationId} AND e.change_type IN ('reserved', 'returned')
       GROUP BY e.item_id
    ), res AS (
      SELECT item_id, sum(quantity) AS held,
             coalesce(sum(quantity) FILTER (WHERE status = 'active'), 0) AS active,
             coalesce(sum(quantity) FILTER (WHERE status IN ('released', 'expired')), 0) AS released
        FROM reservations WHERE organization_id = ${organizationId} GROUP BY item_id
    )
    SELECT i.id, i.name, coalesce(res.active, 0)::text AS active, coalesce(led.reserved, 0)::text AS reserved,
           coalesce(res.held, 0)::text AS held
      FROM inventory_items i
      LEFT JOIN led ON led.item_id = i.id
      LEFT JOIN res ON res.item_id = i.id
     WHERE i.organization_id = ${organizationId} AND i.is_tracked
       AND (coalesce(led.reserved, 0) <> coalesce(res.held, 0) OR coalesce(led.released, 0) <> coalesce(res.released, 0))`;
  return rows.map((r) => ({
    itemId: r.id,
    name: `${r.name} (reservations)`,
    onHand: r.active,
    lots: r.held,
    ledger: r.reserved,
  }));
}
