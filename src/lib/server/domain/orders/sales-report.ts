// The sales report (docs/rules/orders.md, Sales report): fulfilled orders in a period (by fulfilment
// date), net of their returns: revenue, cost of goods and gross margin by SKU, by product and by month,
// and the top customers. Cost of goods and margins only for those who see costs.
import type { z } from 'zod';
import { Prisma } from '../../db/client.ts';
import type { TenantDb } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { SalesReportInputSchema } from '../../../shared/schemas/orders.ts';

type D = Prisma.Decimal;
const D = (v: string | number | D) => new Prisma.Decimal(v);
type Sums = { revenue: string; cost: string; quantity?: string; orders?: number };

export async function salesReport(db: TenantDb, ctx: OrgCtx, raw: z.input<typeof SalesReportInputSchema>) {
  const input = SalesReportInputSchema.parse(raw);
  const costs = ctx.actor.permissions.has('inventory.view_costs');
  const from = input.from ?? new Date('1900-01-01T00:00:00Z');
  const to = input.to ?? new Date('2200-01-01T00:00:00Z');
  const joins = Prisma.sql`
    FROM sales_order_lines l
    JOIN sales_orders o ON o.id = l.order_id
    LEFT JOIN product_skus s ON s.id = l.sku_id
    LEFT JOIN products p ON p.id = s.product_id`;
  const where = Prisma.sql`
   WHERE o.organization_id = ${ctx.organizationId} AND o.fulfilled_at IS NOT NULL
     AND o.fulfilled_at >= ${from} AND o.fulfilled_at < ${to}`;
  const base = Prisma.sql`${joins} ${where}`;
  const net = Prisma.sql`sum(l.revenue - l.returned_revenue)::text AS revenue, sum(l.cost_of_goods - l.returned_cost)::text AS cost`;
  const [bySku, byProduct, byMonth, customers] = await Promise.all([
    db.$queryRaw<(Sums & { sku_id: string | null; code: string; name: string | null })[]>`
      SELECT l.sku_id, l.sku_code AS code, s.display_name AS name, sum(l.quantity - l.returned_quantity)::text AS quantity, ${net}
      ${base} GROUP BY l.sku_id, l.sku_code, s.display_name ORDER BY sum(l.revenue - l.returned_revenue) DESC, l.sku_code`,
    db.$queryRaw<(Sums & { product_id: string | null; name: string | null })[]>`
      SELECT p.id AS product_id, p.name, ${net}
      ${base} GROUP BY p.id, p.name ORDER BY sum(l.revenue - l.returned_revenue) DESC, p.name`,
    db.$queryRaw<(Sums & { month: string })[]>`
      SELECT to_char(date_trunc('month', o.fulfilled_at), 'YYYY-MM') AS month, count(DISTINCT o.id)::int AS orders, ${net}
      ${base} GROUP BY 1 ORDER BY 1`,
    db.$queryRaw<(Sums & { customer_id: string; name: string })[]>`
      SELECT c.id AS customer_id, c.name, count(DISTINCT o.id)::int AS orders, ${net}
      ${joins} JOIN customers c ON c.id = o.customer_id ${where}
      GROUP BY c.id, c.name ORDER BY sum(l.revenue - l.returned_revenue) DESC, c.name LIMIT 10`,
  ]);
  const money = (r: Sums) => {
    const revenue = D(r.revenue);
    const cost = D(r.cost);
    const margin = revenue.minus(cost);
    return {
      revenue: revenue.toString(),
      costOfGoods: costs ? cost.toString() : null,
      marginAmount: costs ? margin.toString() : null,
      marginPercent: costs && revenue.gt(0) ? margin.div(revenue).times(100).toFixed(1) : null,
    };
  };
  const total = bySku.reduce((t, r) => ({ revenue: t.revenue.plus(r.revenue), cost: t.cost.plus(r.cost) }), {
    revenue: D(0),
    cost: D(0),
  });
  return {
    from: input.from ?? null,
    to: input.to ?? null,
    costsVisible: costs,
    total: money({ revenue: total.revenue.toString(), cost: total.cost.toString() }),
    bySku: bySku.map((r) => ({
      skuId: r.sku_id,
      code: r.code,
      name: r.name,
      quantity: D(r.quantity!).toString(),
      ...money(r),
    })),
    byProduct: byProduct.map((r) => ({ productId: r.product_id, name: r.name ?? 'Unknown SKU', ...money(r) })),
    byMonth: byMonth.map((r) => ({ month: r.month, orders: r.orders!, ...money(r) })),
    topCustomers: customers.map((r) => ({ customerId: r.customer_id, name: r.name, orders: r.orders!, ...money(r) })),
  };
}
