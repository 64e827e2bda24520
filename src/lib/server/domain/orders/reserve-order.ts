// Reserve a whole order, all or nothing (docs/rules/orders.md, Reserve): each line takes its SKU's
// stock FEFO/FIFO, skipping expired and still-curing lots, through the ledger as one `reserved`
// deduction; a Reservation row per lot taken records the lot, the quantity and the value that left it.
// A shortfall on any line refuses the whole order and leaves no trace.
import type { z } from 'zod';
import { Prisma } from '../../db/client.ts';
import type { TenantDb, TenantTx } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { AppError, isAppError } from '../../errors.ts';
import { ReserveOrderInputSchema } from '../../../shared/schemas/orders.ts';
import { applyMovementInTx } from '../inventory/apply-movement.ts';
import { MovementInputSchema } from '../../../shared/schemas/inventory.ts';
import { fmt } from '../inventory/rules.ts';
import { lockOrder } from './lock-order.ts';
import { assertTransition } from './rules.ts';
import { emitEvent } from '../../events/emit.ts';

type D = Prisma.Decimal;
const D = (v: string | number | D) => new Prisma.Decimal(v);

export async function reserveOrder(db: TenantDb, ctx: OrgCtx, raw: z.input<typeof ReserveOrderInputSchema>) {
  const input = ReserveOrderInputSchema.parse(raw);
  return db.$transaction((tx) => reserveOrderInTx(tx, ctx, input), { timeout: 20_000, maxWait: 15_000 });
}

export async function reserveOrderInTx(tx: TenantTx, ctx: OrgCtx, input: z.output<typeof ReserveOrderInputSchema>) {
  const order = await lockOrder(tx, ctx, input.orderId);
  assertTransition(order, 'reserve');
  const lines = await tx.salesOrderLine.findMany({
    where: { orderId: order.id },
    orderBy: { position: 'asc' },
    select: { id: true, skuId: true, skuCode: true, quantity: true, sku: { select: { itemId: true, code: true } } },
  });
  const unmatched = lines.filter((l) => !l.sku);
  if (unmatched.length)
    throw new AppError(
      'INVALID_STATE',
      `Order ${order.number} has lines without a SKU (${unmatched.map((l) => l.skuCode).join(', ')}); fix them first.`,
    );
  const requested = new Map<string, D>();
  for (const l of lines) requested.set(l.sku!.itemId, (requested.get(l.sku!.itemId) ?? D(0)).plus(l.quantity));
  const now = ctx.now();
  const expiresAt = input.expiresInHours ? new Date(now.getTime() + input.expiresInHours * 3_600_000) : null;
  // Items are locked in one order (by id) whatever the lines' order, so two orders never deadlock.
  const ordered = [...lines].sort((a, b) =>
    a.sku!.itemId < b.sku!.itemId ? -1 : a.sku!.itemId > b.sku!.itemId ? 1 : 0,
  );
  const taken = new Map<string, D>();
  let reservations = 0;
  for (const line of ordered) {
    const itemId = line.sku!.itemId;
    let moved;
    try {
      moved = await applyMovementInTx(
        tx,
        ctx,
        MovementInputSchema.parse({
          itemId,
          changeType: 'reserved',
          quantity: line.quantity.toString(),
          orderId: order.id,
          notes: `Reserved for order ${order.number}`,
        }),
      );
    } catch (e) {
      if (isAppError(e) && e.code === 'INSUFFICIENT_STOCK') {
        const available = D(String(e.details?.available ?? '0')).plus(taken.get(itemId) ?? 0);
        throw new AppError(
          'INSUFFICIENT_STOCK',
          `Insufficient inventory for ${line.sku!.code}: available ${fmt(available)}, requested ${fmt(requested.get(itemId)!)}`,
          { sku: line.sku!.code, available: fmt(available), requested: fmt(requested.get(itemId)!) },
        );
      }
      throw e;
    }
    taken.set(itemId, (taken.get(itemId) ?? D(0)).plus(line.quantity));
    const rows = moved.events
      .filter((e) => e.lotId)
      .map((e) => ({
        organizationId: ctx.organizationId,
        orderId: order.id,
        orderLineId: line.id,
        itemId,
        lotId: e.lotId!,
        quantity: D(e.quantityDelta).neg(),
        value: D(e.value).neg(),
        unitCost: D(e.unitCost),
        expiresAt,
        createdAt: now,
      }));
    await tx.reservation.createMany({ data: rows });
    reservations += rows.length;
  }
  await tx.salesOrder.update({
    where: { id: order.id },
    data: { status: 'reserved', reservedAt: now, attentionReason: null, reserveHours: input.expiresInHours ?? null },
  });
  await emitEvent(tx, ctx, 'order_reserved', order.id, { orderNumber: order.number });
  return { orderId: order.id, number: order.number, status: 'reserved' as const, reservations, expiresAt };
}
