// Returns (docs/rules/orders.md, Returns): whole or per line, after fulfilment. The quantity comes back
// to the lots it was reserved from (restock), or, when damaged, into a new `returned` lot that is
// spoiled at once. The return reverses that share of the line's revenue and cost of goods: the
// proportional share, and exactly the rest when the last of the line comes back.
import type { z } from 'zod';
import { Prisma } from '../../db/client.ts';
import type { TenantDb, TenantTx } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { AppError } from '../../errors.ts';
import { ReturnOrderInputSchema } from '../../../shared/schemas/orders.ts';
import { fmt } from '../inventory/rules.ts';
import { creditLotsInTx, receiveAndSpoilInTx, type LotCredit } from './ledger.ts';
import { lockOrder } from './lock-order.ts';
import { assertTransition, shareOf, statusAfterReturn } from './rules.ts';
import { emitEvent } from '../../events/emit.ts';

type D = Prisma.Decimal;
const D = (v: string | number | D) => new Prisma.Decimal(v);
const ZERO = D(0);

export async function returnOrder(db: TenantDb, ctx: OrgCtx, raw: z.input<typeof ReturnOrderInputSchema>) {
  const input = ReturnOrderInputSchema.parse(raw);
  return db.$transaction((tx) => returnOrderInTx(tx, ctx, input), { timeout: 20_000, maxWait: 15_000 });
}

export async function returnOrderInTx(tx: TenantTx, ctx: OrgCtx, input: z.output<typeof ReturnOrderInputSchema>) {
  const order = await lockOrder(tx, ctx, input.orderId);
  assertTransition(order, 'return');
  const lines = await tx.salesOrderLine.findMany({
    where: { orderId: order.id },
    orderBy: { position: 'asc' },
    include: {
      reservations: {
        where: { status: { in: ['fulfilled', 'returned'] } },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      },
    },
  });
  if (input.lines && !input.lines.length)
    throw new AppError('VALIDATION', 'Enter a quantity to return for at least one line', { field: 'lines' });
  const wanted = input.lines
    ? input.lines.map((l) => {
        const line = lines.find((x) => x.id === l.lineId);
        if (!line) throw new AppError('NOT_FOUND', 'Order line not found', { field: 'lines' });
        return { line, quantity: D(l.quantity) };
      })
    : lines
        .map((line) => ({ line, quantity: line.quantity.minus(line.returnedQuantity) }))
        .filter((w) => w.quantity.gt(0));
  if (!wanted.length)
    throw new AppError('INVALID_STATE', `Everything of order ${order.number} has been returned already.`);

  let revenueBack = ZERO;
  let costBack = ZERO;
  for (const { line, quantity } of wanted) {
    const open = line.quantity.minus(line.returnedQuantity);
    if (quantity.gt(open))
      throw new AppError(
        'VALIDATION',
        `Cannot return ${fmt(quantity)} of ${line.skuCode}: ${fmt(open)} sold and not yet returned`,
        { field: 'lines' },
      );
    // Take the return from the line's reservations in the order they were reserved.
    let left = quantity;
    const credits: LotCredit[] = [];
    for (const r of line.reservations) {
      if (left.lte(0)) break;
      const rest = r.quantity.minus(r.returnedQuantity);
      if (rest.lte(0)) continue;
      const part = Prisma.Decimal.min(rest, left);
      const value = shareOf(r.value, r.returnedValue, r.quantity, r.returnedQuantity, part);
      credits.push({ lotId: r.lotId, quantity: part, value, unitCost: r.unitCost });
      await tx.reservation.update({
        where: { id: r.id },
        data: {
          returnedQuantity: r.returnedQuantity.plus(part),
          returnedValue: r.returnedValue.plus(value),
          status: r.returnedQuantity.plus(part).gte(r.quantity) ? 'returned' : 'fulfilled',
        },
      });
      left = left.minus(part);
    }
    const cost = credits.reduce((s, c) => s.plus(c.value), ZERO);
    const revenue = shareOf(line.revenue, line.returnedRevenue, line.quantity, line.returnedQuantity, quantity, 2);
    const itemId = line.reservations[0]?.itemId;
    const notes = `Return from order ${order.number}${input.reason ? `: ${input.reason}` : ''}`;
    if (itemId && credits.length) {
      if (input.disposition === 'damaged')
        await receiveAndSpoilInTx(tx, ctx, itemId, quantity.minus(left), cost, { notes, orderId: order.id });
      else await creditLotsInTx(tx, ctx, itemId, credits, { notes, orderId: order.id });
    }
    await tx.salesOrderLine.update({
      where: { id: line.id },
      data: {
        returnedQuantity: line.returnedQuantity.plus(quantity),
        returnedRevenue: line.returnedRevenue.plus(revenue),
        returnedCost: line.returnedCost.plus(cost),
      },
    });
    line.returnedQuantity = line.returnedQuantity.plus(quantity);
    await tx.orderReturn.create({
      data: {
        organizationId: ctx.organizationId,
        orderId: order.id,
        orderLineId: line.id,
        quantity,
        disposition: input.disposition,
        revenue,
        costOfGoods: cost,
        reason: input.reason ?? null,
        createdById: ctx.actor.userId === 'system' ? null : ctx.actor.userId,
        createdAt: ctx.now(),
      },
    });
    revenueBack = revenueBack.plus(revenue);
    costBack = costBack.plus(cost);
  }
  const status = statusAfterReturn(lines);
  await tx.salesOrder.update({
    where: { id: order.id },
    data: {
      status,
      returnedRevenue: { increment: revenueBack },
      returnedCost: { increment: costBack },
    },
  });
  await emitEvent(tx, ctx, 'order_returned', order.id, { orderNumber: order.number, status });
  return {
    orderId: order.id,
    number: order.number,
    status,
    revenue: revenueBack.toString(),
    costOfGoods: costBack.toString(),
  };
}
