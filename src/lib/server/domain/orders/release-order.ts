// Release, cancel and expire (docs/rules/orders.md, Release): every active reservation of the order
// goes back to exactly the lot it came from, with the value it left with, as one `returned` movement
// per item noted as a release. Release puts the order back to draft (it can be reserved again);
// cancel ends it; the expiry job marks the reservations expired.
import type { z } from 'zod';
import type { TenantDb, TenantTx } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { AppError } from '../../errors.ts';
import { OrderIdSchema } from '../../../shared/schemas/orders.ts';
import { creditLotsInTx, type LotCredit } from './ledger.ts';
import { lockOrder, type LockedOrder } from './lock-order.ts';
import { assertTransition } from './rules.ts';
import { emitEvent } from '../../events/emit.ts';

export async function releaseOrder(db: TenantDb, ctx: OrgCtx, raw: z.input<typeof OrderIdSchema>) {
  const input = OrderIdSchema.parse(raw);
  return db.$transaction(async (tx) => {
    const order = await lockOrder(tx, ctx, input.orderId);
    if (order.status !== 'reserved')
      throw new AppError('INVALID_STATE', `No active reservations found for order ${order.number}`);
    assertTransition(order, 'release');
    const released = await releaseReservationsInTx(tx, ctx, order, 'released');
    await tx.salesOrder.update({ where: { id: order.id }, data: { status: 'draft', reservedAt: null } });
    await emitEvent(tx, ctx, 'order_released', order.id, { orderNumber: order.number });
    return { orderId: order.id, number: order.number, status: 'draft' as const, released };
  });
}

export async function cancelOrder(db: TenantDb, ctx: OrgCtx, raw: z.input<typeof OrderIdSchema>) {
  const input = OrderIdSchema.parse(raw);
  return db.$transaction((tx) => cancelOrderInTx(tx, ctx, input.orderId));
}

export async function cancelOrderInTx(tx: TenantTx, ctx: OrgCtx, orderId: string) {
  const order = await lockOrder(tx, ctx, orderId);
  assertTransition(order, 'cancel');
  const released = order.status === 'reserved' ? await releaseReservationsInTx(tx, ctx, order, 'released') : 0;
  await tx.salesOrder.update({ where: { id: order.id }, data: { status: 'cancelled', cancelledAt: ctx.now() } });
  await emitEvent(tx, ctx, 'order_cancelled', order.id, { orderNumber: order.number });
  return { orderId: order.id, number: order.number, status: 'cancelled' as const, released };
}

/**
 * Credits the order's active reservations (or those past `expiredBy`) back to their lots and marks them.
 * Returns how many reservations went back. The caller holds the order's lock.
 */
export async function releaseReservationsInTx(
  tx: TenantTx,
  ctx: OrgCtx,
  order: LockedOrder,
  status: 'released' | 'expired',
) {
  const active = await tx.reservation.findMany({
    where: { orderId: order.id, status: 'active' },
    orderBy: [{ itemId: 'asc' }, { id: 'asc' }],
    select: { id: true, itemId: true, lotId: true, quantity: true, value: true, unitCost: true },
  });
  if (!active.length) throw new AppError('INVALID_STATE', `No active reservations found for order ${order.number}`);
  const byItem = new Map<string, LotCredit[]>();
  for (const r of active)
    byItem.set(r.itemId, [
      ...(byItem.get(r.itemId) ?? []),
      { lotId: r.lotId, quantity: r.quantity, value: r.value, unitCost: r.unitCost },
    ]);
  const why = status === 'expired' ? 'expired' : 'released';
  for (const [itemId, credits] of byItem)
    await creditLotsInTx(tx, ctx, itemId, credits, {
      notes: `Release of reservation for order ${order.number} (${why})`,
      orderId: order.id,
    });
  await tx.reservation.updateMany({
    where: { id: { in: active.map((r) => r.id) } },
    data: { status, releasedAt: ctx.now() },
  });
  return active.length;
}
