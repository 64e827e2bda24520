import type { PrismaClient } from '../../db/client.ts';
import { findReservationDrift } from '../orders/verify-reservations.ts';

export type Drift = { itemId: string; name: string; onHand: string; lots: string; ledger: string };

/**
 * The invariant, for every tracked item of an organization: on-hand = sum of remaining lot quantities =
 * sum of ledger movements. Returns the items where it does not hold (empty when the books add up).
 */
export async function findInventoryDrift(
  db: Pick<PrismaClient, '$queryRaw'>,
  organizationId: string,
): Promise<Drift[]> {
  const rows = await db.$queryRaw<{ id: string; name: string; quantity: string; lots: string; ledger: string }[]>`
    SELECT i.id, i.name, i.quantity::text,
           COALESCE(l.total, 0)::text AS lots, COALESCE(e.total, 0)::text AS ledger
      FROM inventory_items i
      LEFT JOIN (SELECT item_id, sum(remaining_quantity) total FROM inventory_lots WHERE organization_id = ${organizationId} GROUP BY item_id) l ON l.item_id = i.id
      LEFT JOIN (SELECT item_id, sum(quantity_delta) total FROM inventory_events WHERE organization_id = ${organizationId} GROUP BY item_id) e ON e.item_id = i.id
     WHERE i.organization_id = ${organizationId}
       AND (i.quantity <> COALESCE(l.total, 0) OR i.quantity <> COALESCE(e.total, 0))`;
  const quantities = rows.map((r) => ({
    itemId: r.id,
    name: r.name,
    onHand: r.quantity,
    lots: r.lots,
    ledger: r.ledger,
  }));
  // Reserved stock is held by reservation rows, one for each lot a reservation took (docs/rules/orders.md).
  return [
    ...quantities,
    ...(await findValueDrift(db, organizationId)),
    ...(await findReservationDrift(db, organizationId)),
  ];
}

/**
 * The same for value (docs/rules/lot-value.md): every lot's remaining value = the sum of its events'
 * values (the receipt included), it never exceeds what the lot cost, and an empty lot is worth nothing.
 * Reported with the lot's values in place of the quantities.
 */
async function findValueDrift(db: Pick<PrismaClient, '$queryRaw'>, organizationId: string): Promise<Drift[]> {
  const rows = await db.$queryRaw<{ id: string; name: string; code: string; value: string; ledger: string }[]>`
    SELECT i.id, i.name, l.code, l.remaining_value::text AS value, COALESCE(e.total, 0)::text AS ledger
      FROM inventory_lots l
      JOIN inventory_items i ON i.id = l.item_id
      LEFT JOIN (SELECT lot_id, sum(value) total FROM inventory_events WHERE organization_id = ${organizationId} GROUP BY lot_id) e ON e.lot_id = l.id
     WHERE l.organization_id = ${organizationId}
       AND (l.remaining_value <> COALESCE(e.total, 0) OR l.remaining_value > l.original_value OR l.remaining_value < 0
            OR (l.remaining_quantity = 0 AND l.remaining_value <> 0))`;
  return rows.map((r) => ({
    itemId: r.id,
    name: `${r.name} (lot ${r.code} value)`,
    onHand: r.value,
    lots: r.value,
    ledger: r.ledger,
  }));
}

/** The inventory.verify job: checks one organization or all and reports drift. Read-only. */
export async function verifyInventory(db: PrismaClient, input: { organizationId: string | '*' }) {
  const orgs =
    input.organizationId === '*'
      ? (await db.organization.findMany({ select: { id: true } })).map((o) => o.id)
      : [input.organizationId];
  const report = [];
  for (const id of orgs) report.push({ organizationId: id, drift: await findInventoryDrift(db, id) });
  return { organizations: orgs.length, driftingItems: report.reduce((n, r) => n + r.drift.length, 0), report };
}
