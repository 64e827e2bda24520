// Fulfil (docs/rules/orders.md, Fulfil): the reservations become the sale. Nothing is deducted again:
// the stock left the lots when it was reserved. The sale records the revenue (price x quantity -
// discount, to the cent, per line) and the cost of goods, which is the value that left the reserved
// lots, exactly.
import type { z } from 'zod';
import { Prisma } from '../../db/client.ts';
import type { TenantDb, TenantTx } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { OrderIdSchema } from '../../../shared/schemas/orders.ts';
import { lockOrder } from './lock-order.ts';
import { assertTransition, lineRevenue } from './rules.ts';
import { emitEvent } from '../../events/emit.ts';

const ZERO = new Prisma.Decimal(0);

export async function fulfilOrder(db: TenantDb, ctx: OrgCtx, raw: z.input<typeof OrderIdSchema>) {
  const input = OrderIdSchema.parse(raw);
  return db.$transaction((tx) => fulfilOrderInTx(tx, ctx, input.orderId));
}

export async function fulfilOrderInTx(tx: TenantTx, ctx: OrgCtx, orderId: string) {
  const order = await lockOrder(tx, ctx, orderId);
  assertTransition(order, 'fulfil');
  const now = ctx.now();
  const lines = await tx.salesOrderLine.findMany({
    where: { orderId: order.id },
    select: {
      id: true,
      quantity: true,
      unitPrice: true,
      discount: true,
      reservations: { where: { status: 'active' }, select: { value: true } },
    },
  });
  let revenue = ZERO;
  let cost = ZERO;
  for (const l of lines) {
    const r = lineRevenue(l.quantity, l.unitPrice, l.discount);
    const c = l.reservations.reduce((s, x) => s.plus(x.value), ZERO);
    revenue = revenue.plus(r);
    cost = cost.plus(c);
    await tx.salesOrderLine.update({ where: { id: l.id }, data: { revenue: r, costOfGoods: c } });
  }
  await tx.reservation.updateMany({
    where: { orderId: order.id, status: 'active' },
    data: { status: 'fulfilled', fulfilledAt: now },
  });
  await tx.salesOrder.update({
    where: { id: order.id },
    data: { status: 'fulfilled', fulfilledAt: now, revenue, costOfGoods: cost },
  });
  await emitEvent(tx, ctx, 'order_fulfilled', order.id, { orderNumber: order.number });
  return {
    orderId: order.id,
    number: order.number,
    status: 'fulfilled' as const,
    revenue: revenue.toString(),
    costOfGoods: cost.toString(),
  };
}
