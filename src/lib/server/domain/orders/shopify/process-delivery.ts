// The orders.process-shopify-event job (docs/rules/shopify.md, Processing): one delivery, applied in one
// transaction with its status, through the same domain functions as the app:
//   orders/create -> an order (customer found or created by Shopify's id) and a reservation;
//   orders/fulfilled -> fulfil; orders/cancelled -> cancel (releases); refunds/create -> return the lines.
// A delivery about an order we do not have yet (a cancel before its create) is kept as `deferred` and
// applied when the create arrives. An unknown SKU parks the order as needs_attention; a shortfall too.
// Idempotent: a delivery already processed is skipped, and a crash mid-way commits nothing.
import type { PrismaClient } from '../../../db/client.ts';
import { createTenantDb, type TenantTx } from '../../../db/tenant.ts';
import type { OrgCtx, Services } from '../../context.ts';
import { isAppError } from '../../../errors.ts';
import { orgContextFor } from '../../orgs/context-for.ts';
import { CreateOrderInputSchema } from '../../../../shared/schemas/orders.ts';
import { createOrderInTx } from '../create-order.ts';
import { reserveOrderInTx } from '../reserve-order.ts';
import { fulfilOrderInTx } from '../fulfil-order.ts';
import { cancelOrderInTx } from '../release-order.ts';
import { returnOrderInTx } from '../return-order.ts';
import { canTransition } from '../rules.ts';
import { ShopifyOrderSchema, ShopifyRefundSchema, type ShopifyOrder } from './payloads.ts';

type Outcome = { status: 'processed' | 'deferred' | 'failed' | 'ignored'; error?: string; orderId?: string };
type Delivery = { id: string; topic: string; payload: unknown; shopifyOrderId: string | null };

export async function processShopifyDelivery(
  db: PrismaClient,
  services: Services,
  input: { organizationId: string; deliveryId: string },
) {
  const ctx = await orgContextFor(db, services, input.organizationId, null);
  const tdb = createTenantDb(db, input.organizationId);
  return tdb.$transaction(
    async (tx) => {
      const rows = await tx.$queryRaw<{ id: string; status: string; connection_id: string }[]>`
        SELECT id, status, connection_id FROM shopify_deliveries
         WHERE id = ${input.deliveryId} AND organization_id = ${input.organizationId} FOR UPDATE`;
      const row = rows[0];
      if (!row) return { skipped: true, reason: 'not found' };
      if (row.status !== 'received') return { skipped: true, status: row.status };
      const d = await tx.shopifyDelivery.findUniqueOrThrow({ where: { id: row.id } });
      const out = await apply(tx, ctx, d);
      await mark(tx, ctx, d.id, out);
      return { deliveryId: d.id, ...out };
    },
    { timeout: 30_000, maxWait: 15_000 },
  );
}

async function mark(tx: TenantTx, ctx: OrgCtx, id: string, out: Outcome) {
  await tx.shopifyDelivery.update({
    where: { id },
    data: { status: out.status, error: out.error ?? null, processedAt: out.status === 'deferred' ? null : ctx.now() },
  });
}

const findOrder = (tx: TenantTx, shopifyOrderId: string | null) =>
  shopifyOrderId
    ? tx.salesOrder.findFirst({
        where: { channel: 'shopify', externalId: shopifyOrderId },
        select: { id: true, number: true, status: true },
      })
    : Promise.resolve(null);

async function apply(tx: TenantTx, ctx: OrgCtx, d: Delivery): Promise<Outcome> {
  if (d.topic === 'orders/create') return createFromShopify(tx, ctx, d);
  const order = await findOrder(tx, d.shopifyOrderId);
  // Not created yet: keep it for when the create arrives (Shopify does not promise the order of deliveries).
  if (!order) return { status: 'deferred' };
  return applyToOrder(tx, ctx, d, order);
}

async function applyToOrder(
  tx: TenantTx,
  ctx: OrgCtx,
  d: Delivery,
  order: { id: string; number: string; status: string },
): Promise<Outcome> {
  try {
    if (d.topic === 'orders/cancelled') {
      if (order.status === 'cancelled') return { status: 'processed', orderId: order.id };
      if (!canTransition(order.status, 'cancel'))
        return {
          status: 'failed',
          error: `Order ${order.number} is ${order.status}; Shopify's cancel was not applied`,
        };
      await cancelOrderInTx(tx, ctx, order.id);
      return { status: 'processed', orderId: order.id };
    }
    if (d.topic === 'orders/fulfilled') {
      if (['fulfilled', 'partially_returned', 'returned'].includes(order.status))
        return { status: 'processed', orderId: order.id };
      if (!canTransition(order.status, 'fulfil'))
        return {
          status: 'failed',
          error: `Order ${order.number} is ${order.status.replace('_', ' ')}; reserve it, then fulfil`,
        };
      await fulfilOrderInTx(tx, ctx, order.id);
      return { status: 'processed', orderId: order.id };
    }
    if (d.topic === 'refunds/create') return refund(tx, ctx, d, order);
    return { status: 'ignored' };
  } catch (e) {
    if (isAppError(e) && e.code !== 'CONFLICT') return { status: 'failed', error: e.message };
    throw e;
  }
}

async function refund(tx: TenantTx, ctx: OrgCtx, d: Delivery, order: { id: string; number: string; status: string }) {
  const r = ShopifyRefundSchema.parse(d.payload);
  if (!r.refund_line_items.length) return { status: 'processed' as const, orderId: order.id };
  if (!canTransition(order.status, 'return'))
    return {
      status: 'failed' as const,
      error: `Order ${order.number} is ${order.status}; a refund returns fulfilled goods`,
    };
  const lines = await tx.salesOrderLine.findMany({
    where: { orderId: order.id },
    select: { id: true, externalLineId: true },
  });
  const byExt = new Map(lines.map((l) => [l.externalLineId, l.id]));
  for (const disposition of ['restock', 'damaged'] as const) {
    const items = r.refund_line_items.filter(
      (x) => (x.restock_type === 'no_restock' ? 'damaged' : 'restock') === disposition,
    );
    if (!items.length) continue;
    const missing = items.find((x) => !byExt.has(x.line_item_id));
    if (missing)
      return {
        status: 'failed' as const,
        error: `Refund names line item ${missing.line_item_id}, not on order ${order.number}`,
      };
    await returnOrderInTx(tx, ctx, {
      orderId: order.id,
      lines: items.map((x) => ({ lineId: byExt.get(x.line_item_id)!, quantity: String(x.quantity) })),
      disposition,
      reason: `Shopify refund ${r.id}`,
    });
  }
  return { status: 'processed' as const, orderId: order.id };
}

async function createFromShopify(tx: TenantTx, ctx: OrgCtx, d: Delivery): Promise<Outcome> {
  const o = ShopifyOrderSchema.parse(d.payload);
  const existing = await findOrder(tx, o.id);
  if (existing) return { status: 'processed', orderId: existing.id };
  const conn = await tx.shopifyConnection.findFirstOrThrow({ select: { skuMapping: true } });
  const mapping = (conn.skuMapping ?? {}) as Record<string, string>;
  const customerId = await customerFor(tx, ctx, o);
  const number = await freeNumber(tx, o.name?.trim() || `SHOPIFY-${o.id}`, o.id);
  const input = CreateOrderInputSchema.parse({
    number,
    externalId: o.id,
    lines: o.line_items.map((li) => ({
      skuCode: mapping[li.sku ?? ''] ?? (li.sku?.trim() || `(no SKU: ${li.title ?? li.id})`),
      quantity: String(li.quantity),
      unitPrice: li.price,
      discount: li.total_discount,
      externalLineId: li.id,
    })),
  });
  const order = await createOrderInTx(tx, ctx, input, { channel: 'shopify', customerId });
  const deferred = await tx.shopifyDelivery.findMany({
    where: { shopifyOrderId: o.id, status: 'deferred' },
    orderBy: { receivedAt: 'asc' },
  });
  // A cancel that came first wins: the order is created (so the trail is complete) and cancelled, never reserved.
  const cancel = deferred.find((x) => x.topic === 'orders/cancelled');
  if (cancel) {
    await cancelOrderInTx(tx, ctx, order.id);
    for (const x of deferred)
      await mark(
        tx,
        ctx,
        x.id,
        x === cancel ? { status: 'processed' } : { status: 'ignored', error: 'The order was cancelled' },
      );
    return { status: 'processed', orderId: order.id };
  }
  if (order.status === 'draft') {
    const parked = await reserveOrPark(tx, ctx, order.id);
    if (parked) {
      for (const x of deferred)
        await mark(tx, ctx, x.id, { status: 'failed', error: `Order ${order.number}: ${parked}` });
      return { status: 'processed', orderId: order.id };
    }
  }
  const current = { id: order.id, number: order.number, status: order.status === 'draft' ? 'reserved' : order.status };
  for (const x of deferred) {
    const out = await applyToOrder(tx, ctx, x, current);
    await mark(tx, ctx, x.id, out);
    current.status = (
      await tx.salesOrder.findUniqueOrThrow({ where: { id: order.id }, select: { status: true } })
    ).status;
  }
  return { status: 'processed', orderId: order.id };
}

/** Reserves the new order; a shortfall parks it as needs_attention (nothing deducted) and says why. */
async function reserveOrPark(tx: TenantTx, ctx: OrgCtx, orderId: string): Promise<string | null> {
  await tx.$executeRawUnsafe('SAVEPOINT shopify_reserve');
  try {
    await reserveOrderInTx(tx, ctx, { orderId });
    await tx.$executeRawUnsafe('RELEASE SAVEPOINT shopify_reserve');
    return null;
  } catch (e) {
    if (!isAppError(e) || !['INSUFFICIENT_STOCK', 'INVALID_STATE', 'FORBIDDEN'].includes(e.code)) throw e;
    await tx.$executeRawUnsafe('ROLLBACK TO SAVEPOINT shopify_reserve');
    await tx.salesOrder.update({
      where: { id: orderId },
      data: { status: 'needs_attention', attentionReason: `${e.message}: restock or fix, then reserve` },
    });
    return e.message;
  }
}

/** The customer by Shopify's customer id, created (or refreshed) from the order's details. */
async function customerFor(tx: TenantTx, ctx: OrgCtx, o: ShopifyOrder): Promise<string | null> {
  const c = o.customer;
  if (!c) return null;
  const name =
    [c.first_name, c.last_name].filter(Boolean).join(' ').trim() || c.email || o.email || `Shopify customer ${c.id}`;
  const a = c.default_address;
  const address = a
    ? [a.address1, a.address2, [a.zip, a.city].filter(Boolean).join(' '), a.country].filter(Boolean).join('\n')
    : null;
  const data = {
    name: name.slice(0, 160),
    email: (c.email ?? o.email ?? null)?.slice(0, 254) ?? null,
    phone: c.phone?.slice(0, 40) ?? null,
    address: address?.slice(0, 500) || null,
  };
  const found = await tx.customer.findFirst({ where: { externalId: `shopify:${c.id}` }, select: { id: true } });
  if (found) {
    await tx.customer.update({ where: { id: found.id }, data });
    return found.id;
  }
  const created = await tx.customer.create({
    data: { organizationId: ctx.organizationId, externalId: `shopify:${c.id}`, ...data },
    select: { id: true },
  });
  return created.id;
}

/** Shopify's order name (#1001) unless one of ours already has it; then with Shopify's id. */
async function freeNumber(tx: TenantTx, wanted: string, shopifyId: string): Promise<string> {
  const clash = await tx.salesOrder.findFirst({ where: { number: wanted }, select: { id: true } });
  return clash ? `${wanted}-${shopifyId}`.slice(0, 64) : wanted.slice(0, 64);
}
