// Order reads: the paged list (search by number or customer, filter by status and customer, sort), one
// order with its lines, reservations (lot by lot), returns and the SKUs' availability, and SKU
// availability itself: on hand (in open lots), reserved (active reservations) and available.
import type { z } from 'zod';
import { Prisma } from '../../db/client.ts';
import type { TenantDb } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { AppError } from '../../errors.ts';
import { ListOrdersInputSchema, OrderIdSchema, SkuAvailabilityInputSchema } from '../../../shared/schemas/orders.ts';
import { canTransition } from './rules.ts';

const D = (v: string | number | Prisma.Decimal) => new Prisma.Decimal(v);
const s = (v: Prisma.Decimal | string) => D(v).toString();
const canSeeCosts = (ctx: OrgCtx) => ctx.actor.permissions.has('inventory.view_costs');

const SORT_SQL = {
  createdAt: Prisma.sql`o.created_at`,
  number: Prisma.sql`o.number`,
  status: Prisma.sql`o.status`,
  revenue: Prisma.sql`o.revenue`,
} as const;

const like = (v: string) => `%${v.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function listOrders(db: TenantDb, ctx: OrgCtx, raw: z.input<typeof ListOrdersInputSchema>) {
  const input = ListOrdersInputSchema.parse(raw);
  const q = input.search ? like(input.search) : null;
  const where = Prisma.join(
    [
      Prisma.sql`o.organization_id = ${ctx.organizationId}`,
      ...(q ? [Prisma.sql`(o.number ILIKE ${q} OR c.name ILIKE ${q} OR o.external_id ILIKE ${q})`] : []),
      ...(input.status ? [Prisma.sql`o.status = ${input.status}`] : []),
      ...(input.customerId ? [Prisma.sql`o.customer_id = ${input.customerId}`] : []),
    ],
    ' AND ',
  );
  const dir = input.direction === 'desc' ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  const [count, rows, attention] = await Promise.all([
    db.$queryRaw<
      { n: number }[]
    >`SELECT count(*)::int AS n FROM sales_orders o LEFT JOIN customers c ON c.id = o.customer_id WHERE ${where}`,
    db.$queryRaw<
      {
        id: string;
        number: string;
        channel: string;
        status: string;
        attention_reason: string | null;
        customer_id: string | null;
        customer_name: string | null;
        revenue: string;
        cost_of_goods: string;
        returned_revenue: string;
        returned_cost: string;
        line_count: number;
        created_at: Date;
      }[]
    >`
      SELECT o.id, o.number, o.channel, o.status, o.attention_reason, o.customer_id, c.name AS customer_name,
             o.revenue::text, o.cost_of_goods::text, o.returned_revenue::text, o.returned_cost::text,
             (SELECT count(*)::int FROM sales_order_lines l WHERE l.order_id = o.id) AS line_count, o.created_at
        FROM sales_orders o LEFT JOIN customers c ON c.id = o.customer_id
       WHERE ${where}
       ORDER BY ${SORT_SQL[input.sort]} ${dir}, o.id
       LIMIT ${input.pageSize} OFFSET ${(input.page - 1) * input.pageSize}`,
    db.salesOrder.count({ where: { status: 'needs_attention' } }),
  ]);
  const costs = canSeeCosts(ctx);
  return {
    total: count[0]?.n ?? 0,
    page: input.page,
    pageSize: input.pageSize,
    needsAttention: attention,
    rows: rows.map((r) => ({
      id: r.id,
      number: r.number,
      channel: r.channel,
      status: r.status,
      attentionReason: r.attention_reason,
      customerId: r.customer_id,
      customerName: r.customer_name,
      lineCount: r.line_count,
      createdAt: r.created_at,
      netRevenue: s(D(r.revenue).minus(r.returned_revenue)),
      costOfGoods: costs ? s(D(r.cost_of_goods).minus(r.returned_cost)) : null,
    })),
  };
}

export async function getOrder(db: TenantDb, ctx: OrgCtx, raw: z.input<typeof OrderIdSchema>) {
  const input = OrderIdSchema.parse(raw);
  const o = await db.salesOrder.findUnique({
    where: { id: input.orderId },
    include: {
      customer: { select: { id: true, name: true, email: true, phone: true } },
      lines: {
        orderBy: { position: 'asc' },
        include: { sku: { select: { id: true, code: true, displayName: true, itemId: true, unit: true } } },
      },
      reservations: {
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        include: { lot: { select: { code: true, expiresAt: true } } },
      },
      returns: { orderBy: { createdAt: 'asc' } },
    },
  });
  if (!o) throw new AppError('NOT_FOUND', 'Order not found');
  const costs = canSeeCosts(ctx);
  const skuIds = o.lines.flatMap((l) => (l.skuId ? [l.skuId] : []));
  const availability = skuIds.length ? await skuAvailability(db, ctx, { skuIds }) : [];
  const netRevenue = o.revenue.minus(o.returnedRevenue);
  const netCost = o.costOfGoods.minus(o.returnedCost);
  const sold = o.status === 'fulfilled' || o.status === 'partially_returned' || o.status === 'returned';
  return {
    id: o.id,
    number: o.number,
    channel: o.channel,
    externalId: o.externalId,
    status: o.status,
    attentionReason: o.attentionReason,
    notes: o.notes,
    customer: o.customer,
    createdAt: o.createdAt,
    reservedAt: o.reservedAt,
    fulfilledAt: o.fulfilledAt,
    cancelledAt: o.cancelledAt,
    can: {
      reserve: canTransition(o.status, 'reserve') && o.lines.every((l) => l.skuId),
      release: canTransition(o.status, 'release'),
      cancel: canTransition(o.status, 'cancel'),
      fulfil: canTransition(o.status, 'fulfil'),
      return: canTransition(o.status, 'return'),
    },
    totals: {
      revenue: s(o.revenue),
      returnedRevenue: s(o.returnedRevenue),
      netRevenue: s(netRevenue),
      costOfGoods: costs ? s(netCost) : null,
      marginAmount: costs && sold ? s(netRevenue.minus(netCost)) : null,
      marginPercent:
        costs && sold && netRevenue.gt(0) ? netRevenue.minus(netCost).div(netRevenue).times(100).toFixed(1) : null,
    },
    lines: o.lines.map((l) => ({
      id: l.id,
      skuId: l.skuId,
      skuCode: l.skuCode,
      skuName: l.sku?.displayName ?? null,
      unit: l.sku?.unit ?? null,
      quantity: s(l.quantity),
      unitPrice: s(l.unitPrice),
      discount: s(l.discount),
      revenue: s(l.revenue),
      costOfGoods: costs ? s(l.costOfGoods) : null,
      returnedQuantity: s(l.returnedQuantity),
      returnable: s(l.quantity.minus(l.returnedQuantity)),
    })),
    reservations: o.reservations.map((r) => ({
      id: r.id,
      orderLineId: r.orderLineId,
      lotId: r.lotId,
      lotCode: r.lot.code,
      lotExpiresAt: r.lot.expiresAt,
      quantity: s(r.quantity),
      returnedQuantity: s(r.returnedQuantity),
      unitCost: costs ? s(r.unitCost) : null,
      value: costs ? s(r.value) : null,
      status: r.status,
      expiresAt: r.expiresAt,
      releasedAt: r.releasedAt,
    })),
    returns: o.returns.map((r) => ({
      id: r.id,
      orderLineId: r.orderLineId,
      quantity: s(r.quantity),
      disposition: r.disposition,
      revenue: s(r.revenue),
      costOfGoods: costs ? s(r.costOfGoods) : null,
      reason: r.reason,
      createdAt: r.createdAt,
    })),
    availability,
  };
}

/**
 * Per SKU: on hand (what is in its open lots, reserved stock already out of them), reserved (the active
 * reservations) and available to reserve now (on hand less expired and still-curing lots).
 */
export async function skuAvailability(db: TenantDb, ctx: OrgCtx, raw: z.input<typeof SkuAvailabilityInputSchema>) {
  const input = SkuAvailabilityInputSchema.parse(raw);
  const now = ctx.now();
  const rows = await db.$queryRaw<
    { sku_id: string; code: string; unit: string; on_hand: string; reserved: string; available: string }[]
  >`
    SELECT s.id AS sku_id, s.code, i.unit, i.quantity::text AS on_hand,
           coalesce((SELECT sum(r.quantity) FROM reservations r WHERE r.item_id = i.id AND r.status = 'active'), 0)::text AS reserved,
           coalesce((SELECT sum(l.remaining_quantity) FROM inventory_lots l
                      WHERE l.item_id = i.id AND l.is_open
                        AND (NOT i.is_perishable OR l.expires_at IS NULL OR l.expires_at > ${now})
                        AND (l.ready_on IS NULL OR l.ready_on <= ${now})), 0)::text AS available
      FROM product_skus s JOIN inventory_items i ON i.id = s.item_id
     WHERE s.organization_id = ${ctx.organizationId} AND s.id = ANY(${input.skuIds}::text[])
     ORDER BY s.code`;
  return rows.map((r) => ({
    skuId: r.sku_id,
    code: r.code,
    unit: r.unit,
    onHand: s(r.on_hand),
    reserved: s(r.reserved),
    available: s(r.available),
  }));
}

/** The SKUs an order form offers: code, name, retail price and what is available now. */
export async function listSkuOptions(db: TenantDb, ctx: OrgCtx) {
  const skus = await db.productSku.findMany({
    orderBy: [{ displayName: 'asc' }, { code: 'asc' }],
    take: 500,
    select: { id: true, code: true, displayName: true, unit: true, retailPrice: true },
  });
  const avail = skus.length ? await skuAvailability(db, ctx, { skuIds: skus.map((x) => x.id) }) : [];
  const byId = new Map(avail.map((a) => [a.skuId, a]));
  return skus.map((x) => ({
    id: x.id,
    code: x.code,
    name: x.displayName,
    unit: x.unit,
    retailPrice: x.retailPrice?.toString() ?? null,
    available: byId.get(x.id)?.available ?? '0',
  }));
}
