// Creating an order (docs/rules/orders.md, Orders): lines name a SKU by id or by code. A manual order
// with an unknown SKU is refused; a channel's order (Shopify, the API) is kept and parked as
// needs_attention with the reason, and nothing is deducted until it is fixed.
import type { z } from 'zod';
import { Prisma } from '../../db/client.ts';
import type { TenantDb, TenantTx } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { AppError } from '../../errors.ts';
import { CreateOrderInputSchema, type OrderChannel } from '../../../shared/schemas/orders.ts';
import { emitEvent } from '../../events/emit.ts';

export type CreateOrderOpts = { channel?: OrderChannel; customerId?: string | null };

export async function createOrder(db: TenantDb, ctx: OrgCtx, raw: z.input<typeof CreateOrderInputSchema>) {
  const input = CreateOrderInputSchema.parse(raw);
  return db.$transaction((tx) => createOrderInTx(tx, ctx, input, { channel: 'manual' }));
}

export async function createOrderInTx(
  tx: TenantTx,
  ctx: OrgCtx,
  input: z.output<typeof CreateOrderInputSchema>,
  opts: CreateOrderOpts,
) {
  const channel = opts.channel ?? 'manual';
  const customerId = opts.customerId ?? input.customerId ?? null;
  if (customerId && !(await tx.customer.findUnique({ where: { id: customerId }, select: { id: true } })))
    throw new AppError('NOT_FOUND', 'Customer not found', { field: 'customerId' });

  const ids = input.lines.flatMap((l) => (l.skuId ? [l.skuId] : []));
  const codes = input.lines.flatMap((l) => (!l.skuId && l.skuCode ? [l.skuCode] : []));
  const skus = await tx.productSku.findMany({
    where: { OR: [{ id: { in: ids } }, { code: { in: codes, mode: 'insensitive' } }] },
    select: { id: true, code: true },
  });
  const byId = new Map(skus.map((s) => [s.id, s]));
  const byCode = new Map(skus.map((s) => [s.code.toLowerCase(), s]));
  const unknown: string[] = [];
  const lines = input.lines.map((l, position) => {
    if (!l.skuId && !l.skuCode) throw new AppError('VALIDATION', `Line ${position + 1}: choose a SKU`);
    const sku = l.skuId ? byId.get(l.skuId) : byCode.get(l.skuCode!.toLowerCase());
    if (!sku) {
      if (l.skuId) throw new AppError('NOT_FOUND', 'SKU not found', { field: `lines.${position}.skuId` });
      unknown.push(l.skuCode!);
    }
    return {
      organizationId: ctx.organizationId,
      position,
      skuId: sku?.id ?? null,
      skuCode: sku?.code ?? l.skuCode!,
      quantity: new Prisma.Decimal(l.quantity),
      unitPrice: new Prisma.Decimal(l.unitPrice),
      discount: new Prisma.Decimal(l.discount),
      externalLineId: l.externalLineId ?? null,
    };
  });
  if (unknown.length && channel === 'manual')
    throw new AppError('VALIDATION', `Unknown SKU ${unknown.join(', ')}`, { field: 'lines' });

  const number = input.number || (await nextOrderNumber(tx, ctx));
  if (await tx.salesOrder.findFirst({ where: { number }, select: { id: true } }))
    throw new AppError('CONFLICT', `Order ${number} already exists`, { field: 'number' });
  const order = await tx.salesOrder.create({
    data: {
      organizationId: ctx.organizationId,
      number,
      channel,
      externalId: input.externalId ?? null,
      customerId,
      notes: input.notes ?? null,
      status: unknown.length ? 'needs_attention' : 'draft',
      attentionReason: unknown.length ? `Unknown SKU ${unknown.join(', ')}: map it to a SKU, then reserve` : null,
      createdById: ctx.actor.userId === 'system' ? null : ctx.actor.userId,
      lines: { create: lines },
    },
    select: { id: true, number: true, status: true, attentionReason: true },
  });
  await emitEvent(tx, ctx, 'order_created', order.id, { orderNumber: order.number });
  return order;
}

/** ORD-<n>, one more than the highest so far, under a per-organization lock so two creates never clash. */
async function nextOrderNumber(tx: TenantTx, ctx: OrgCtx): Promise<string> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`orders:${ctx.organizationId}`}))`;
  const rows = await tx.$queryRaw<{ n: number | null }[]>`
    SELECT max(substring(number FROM '^ORD-([0-9]{1,9})$')::int) AS n
      FROM sales_orders WHERE organization_id = ${ctx.organizationId}`;
  return `ORD-${(rows[0]?.n ?? 0) + 1}`;
}
