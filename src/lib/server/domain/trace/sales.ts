// The forward trace goes on to the customers (docs/rules/traceability.md, Customers): from the lots the
// recursive trace reached, to the reservations that took from them (held or sold, not those released or
// expired, which never left), their orders, order lines and customers. Contact details only for those who
// may see customers (products.sales_tracking).
import { Prisma } from '../../db/client.ts';
import type { TenantDb } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';

export type SaleRow = {
  lot_id: string;
  lot_code: string;
  order_id: string;
  order_number: string;
  order_status: string;
  line_id: string;
  sku_code: string;
  customer_id: string | null;
  customer_name: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  /** Reserved or sold from this lot, and what of it came back. */
  quantity: string;
  returned: string;
  held: boolean;
};

const norm = (v: string) => new Prisma.Decimal(v).toString();

export async function salesFromLots(db: TenantDb, ctx: OrgCtx, lotIds: string[]): Promise<SaleRow[]> {
  if (!lotIds.length) return [];
  const rows = await db.$queryRaw<SaleRow[]>`
    SELECT r.lot_id, l.code AS lot_code, o.id AS order_id, o.number AS order_number, o.status AS order_status,
           ol.id AS line_id, ol.sku_code, c.id AS customer_id, c.name AS customer_name, c.email, c.phone, c.address,
           sum(r.quantity)::text AS quantity, sum(r.returned_quantity)::text AS returned, bool_or(r.status = 'active') AS held
      FROM reservations r
      JOIN inventory_lots l ON l.id = r.lot_id
      JOIN sales_orders o ON o.id = r.order_id
      JOIN sales_order_lines ol ON ol.id = r.order_line_id
      LEFT JOIN customers c ON c.id = o.customer_id
     WHERE r.organization_id = ${ctx.organizationId} AND r.lot_id = ANY(${lotIds}::text[])
       AND r.status IN ('active', 'fulfilled', 'returned')
     GROUP BY r.lot_id, l.code, o.id, ol.id, c.id
     ORDER BY c.name NULLS LAST, o.number, ol.position, l.code`;
  const contacts = ctx.actor.permissions.has('products.sales_tracking');
  return rows.map((r) => ({
    ...r,
    quantity: norm(r.quantity),
    returned: norm(r.returned),
    ...(contacts
      ? {}
      : { customer_name: r.customer_id ? 'Customer (hidden)' : null, email: null, phone: null, address: null }),
  }));
}

/** One row per customer and order line (a line served from several lots lists them together). */
export function recallByCustomerLine(rows: SaleRow[]) {
  const out = new Map<
    string,
    { row: SaleRow; lots: string[]; quantity: Prisma.Decimal; returned: Prisma.Decimal; held: boolean }
  >();
  for (const r of rows) {
    const key = `${r.customer_id ?? ''}|${r.line_id}`;
    const e = out.get(key);
    if (!e)
      out.set(key, {
        row: r,
        lots: [r.lot_code],
        quantity: new Prisma.Decimal(r.quantity),
        returned: new Prisma.Decimal(r.returned),
        held: r.held,
      });
    else {
      e.lots.push(r.lot_code);
      e.quantity = e.quantity.plus(r.quantity);
      e.returned = e.returned.plus(r.returned);
      e.held ||= r.held;
    }
  }
  return [...out.values()];
}
