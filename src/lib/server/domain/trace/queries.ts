// Traceability, each direction one recursive query over the ledger:
//  - backward: from a batch (or a product lot, via the batch that made it) to every lot it consumed,
//    through intermediates (a consumed lot that a batch made leads to that batch's own consumption);
//  - forward: from a supplier lot to every batch that consumed it, the lots those batches made, and on.
import { Prisma } from '../../db/client.ts';
import { toCsv } from '../inventory/csv.ts';
import { recallByCustomerLine, salesFromLots } from './sales.ts';

/** numeric::text keeps the column's scale ("100.000000"); show the value as the ledger does. */
const norm = (v: string | null) => (v === null ? null : new Prisma.Decimal(v).toString());
import type { TenantDb } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { AppError } from '../../errors.ts';

export type BackwardRow = {
  depth: number;
  batch_id: string;
  batch_label: string;
  item_id: string;
  item_name: string;
  lot_id: string;
  lot_code: string;
  supplier: string | null;
  made_by_batch: string | null;
  quantity: string;
  unit: string;
  unit_cost: string;
};

export async function traceBackward(db: TenantDb, ctx: OrgCtx, input: { batchId?: string; lotId?: string }) {
  let batchId = input.batchId;
  if (!batchId && input.lotId) {
    const lot = await db.inventoryLot.findUnique({ where: { id: input.lotId }, select: { batchId: true } });
    if (!lot) throw new AppError('NOT_FOUND', 'Lot not found');
    if (!lot.batchId) return { rows: [] as BackwardRow[], root: null };
    batchId = lot.batchId;
  }
  const root = await db.batch.findUnique({ where: { id: batchId! }, select: { id: true, label: true } });
  if (!root) throw new AppError('NOT_FOUND', 'Batch not found');
  const rows = await db.$queryRaw<BackwardRow[]>`
    WITH RECURSIVE chain(batch_id, depth) AS (
      SELECT ${root.id}::text, 0
      UNION
      SELECT l.batch_id, c.depth + 1
        FROM chain c
        JOIN inventory_events e ON e.batch_id = c.batch_id AND e.organization_id = ${ctx.organizationId} AND e.quantity_delta < 0 AND e.change_type IN ('batch', 'damaged')
        JOIN inventory_lots l ON l.id = e.lot_id
       WHERE l.batch_id IS NOT NULL AND c.depth < 20
    )
    SELECT c.depth, b.id AS batch_id, b.label AS batch_label, i.id AS item_id, i.name AS item_name, l.id AS lot_id, l.code AS lot_code,
           l.supplier, mb.label AS made_by_batch, (-sum(e.quantity_delta) - COALESCE(max(r.returned), 0))::text AS quantity, i.unit,
           (sum(-e.quantity_delta * e.unit_cost) / NULLIF(sum(-e.quantity_delta), 0))::numeric(20,6)::text AS unit_cost
      FROM (SELECT batch_id, min(depth) AS depth FROM chain GROUP BY batch_id) c
      JOIN batches b ON b.id = c.batch_id
      JOIN inventory_events e ON e.batch_id = c.batch_id AND e.organization_id = ${ctx.organizationId} AND e.quantity_delta < 0 AND e.change_type IN ('batch', 'damaged')
      JOIN inventory_lots l ON l.id = e.lot_id
      JOIN inventory_items i ON i.id = l.item_id
      LEFT JOIN batches mb ON mb.id = l.batch_id
      LEFT JOIN (SELECT batch_id, lot_id, sum(quantity_delta) AS returned FROM inventory_events
                  WHERE organization_id = ${ctx.organizationId} AND change_type = 'refunded' AND batch_id IS NOT NULL GROUP BY batch_id, lot_id) r
             ON r.batch_id = c.batch_id AND r.lot_id = l.id
     GROUP BY c.depth, b.id, b.label, i.id, i.name, l.id, l.code, l.supplier, mb.label, i.unit
     ORDER BY c.depth, b.label, i.name, l.code`;
  return {
    root,
    rows: rows.map((r) => ({
      ...r,
      depth: Number(r.depth),
      quantity: norm(r.quantity)!,
      unit_cost: norm(r.unit_cost)!,
    })),
  };
}

export type ForwardRow = {
  depth: number;
  lot_id: string;
  lot_code: string;
  item_id: string;
  item_name: string;
  batch_id: string | null;
  batch_label: string | null;
  batch_status: string | null;
  quantity: string;
  unit: string;
  sku_id: string | null;
};

export async function traceForward(db: TenantDb, ctx: OrgCtx, input: { lotId: string }) {
  const root = await db.inventoryLot.findUnique({
    where: { id: input.lotId },
    select: { id: true, code: true, item: { select: { name: true } } },
  });
  if (!root) throw new AppError('NOT_FOUND', 'Lot not found');
  const rows = await db.$queryRaw<ForwardRow[]>`
    WITH RECURSIVE reach(lot_id, via_batch, depth) AS (
      SELECT ${root.id}::text, NULL::text, 0
      UNION
      SELECT out.id, e.batch_id, r.depth + 1
        FROM reach r
        JOIN inventory_events e ON e.lot_id = r.lot_id AND e.organization_id = ${ctx.organizationId} AND e.batch_id IS NOT NULL AND e.quantity_delta < 0
        JOIN inventory_lots out ON out.batch_id = e.batch_id AND out.organization_id = ${ctx.organizationId}
       WHERE r.depth < 20
    )
    SELECT r.depth, l.id AS lot_id, l.code AS lot_code, i.id AS item_id, i.name AS item_name, b.id AS batch_id, b.label AS batch_label,
           b.status AS batch_status, l.original_quantity::text AS quantity, i.unit, s.id AS sku_id
      FROM (SELECT lot_id, min(depth) AS depth, min(via_batch) AS via_batch FROM reach GROUP BY lot_id) r
      JOIN inventory_lots l ON l.id = r.lot_id
      JOIN inventory_items i ON i.id = l.item_id
      LEFT JOIN batches b ON b.id = r.via_batch
      LEFT JOIN product_skus s ON s.item_id = i.id
     ORDER BY r.depth, b.label NULLS FIRST, i.name, l.code`;
  // Batches that consumed a reached lot but made nothing (failed, cancelled, in progress) are reached too.
  const batches = await db.$queryRaw<
    { batch_id: string; label: string; status: string; lot_id: string; quantity: string }[]
  >`
    SELECT b.id AS batch_id, b.label, b.status, e.lot_id, (-sum(e.quantity_delta))::text AS quantity
      FROM inventory_events e JOIN batches b ON b.id = e.batch_id
     WHERE e.organization_id = ${ctx.organizationId} AND e.quantity_delta < 0 AND e.lot_id = ANY(${rows.map((r) => r.lot_id)}::text[])
     GROUP BY b.id, b.label, b.status, e.lot_id
     ORDER BY b.label`;
  // ... and on to the orders and customers that took from the reached lots.
  const sales = await salesFromLots(
    db,
    ctx,
    rows.map((r) => r.lot_id),
  );
  return {
    root: { id: root.id, code: root.code, itemName: root.item.name },
    rows: rows.map((r) => ({ ...r, depth: Number(r.depth), quantity: norm(r.quantity)! })),
    batches: batches.map((b) => ({ ...b, quantity: norm(b.quantity)! })),
    sales,
  };
}

export async function recallCsv(
  db: TenantDb,
  ctx: OrgCtx,
  input: { direction: 'backward' | 'forward'; batchId?: string; lotId?: string },
) {
  if (input.direction === 'backward') {
    const { rows } = await traceBackward(db, ctx, input);
    return toCsv([
      [
        'depth',
        'batch',
        'item',
        'lot',
        'supplier',
        'made_by_batch',
        'quantity',
        'unit',
        ...(ctx.actor.permissions.has('inventory.view_costs') ? ['unit_cost'] : []),
      ],
      ...rows.map((r) => [
        r.depth,
        r.batch_label,
        r.item_name,
        r.lot_code,
        r.supplier ?? '',
        r.made_by_batch ?? '',
        r.quantity,
        r.unit,
        ...(ctx.actor.permissions.has('inventory.view_costs') ? [r.unit_cost] : []),
      ]),
    ]);
  }
  const { rows, batches, sales } = await traceForward(db, ctx, { lotId: input.lotId! });
  // One table, one header (issue 8): each row says what it is. `lot` rows are the lots the stock reached,
  // `batch` rows the batches that consumed them, `customer` rows the recall list, one per customer and
  // order line (docs/rules/traceability.md, Recall CSV).
  const COLUMNS = [
    'row_type',
    'depth',
    'lot',
    'item',
    'batch',
    'status',
    'quantity',
    'unit',
    'is_product_sku',
    'customer',
    'email',
    'phone',
    'address',
    'order',
    'sku',
    'returned',
    'still_held',
  ] as const;
  type Row = Partial<Record<(typeof COLUMNS)[number], string | number>>;
  const line = (r: Row) => COLUMNS.map((c) => r[c] ?? '');
  return toCsv([
    [...COLUMNS],
    ...rows.map((r) =>
      line({
        row_type: 'lot',
        depth: r.depth,
        lot: r.lot_code,
        item: r.item_name,
        batch: r.batch_label ?? '',
        status: r.batch_status ?? '',
        quantity: r.quantity,
        unit: r.unit,
        is_product_sku: r.sku_id ? 'yes' : 'no',
      }),
    ),
    ...batches.map((b) =>
      line({
        row_type: 'batch',
        lot: rows.find((r) => r.lot_id === b.lot_id)?.lot_code ?? b.lot_id,
        batch: b.label,
        status: b.status,
        quantity: b.quantity,
      }),
    ),
    ...recallByCustomerLine(sales).map((e) =>
      line({
        row_type: 'customer',
        lot: e.lots.join(' '),
        customer: e.row.customer_name ?? '',
        email: e.row.email ?? '',
        phone: e.row.phone ?? '',
        address: e.row.address ?? '',
        order: e.row.order_number,
        status: e.row.order_status,
        sku: e.row.sku_code,
        quantity: e.quantity.toString(),
        returned: e.returned.toString(),
        still_held: e.held ? 'yes' : 'no',
      }),
    ),
  ]);
}
