// Orders write stock only through the ledger (domain/inventory/apply-movement.ts): a reservation is a
// `reserved` deduction taken FEFO/FIFO by applyMovementInTx; a release or a return credits back exactly
// the lots the reservation took, with the value that left them (docs/rules/orders.md, Stock). Both post
// a movement with one event per lot, keep on-hand = lots = events, and enqueue the movement's log job.
import { Prisma } from '../../db/client.ts';
import type { TenantTx } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { AppError } from '../../errors.ts';
import { eventCode, prefixFor } from '../../../shared/change-types.ts';
import { createLot, finishMovement, lotMoves, moveLots, type EventRow } from '../inventory/apply-movement.ts';
import { lockItem } from '../inventory/lock-item.ts';
import { fmt } from '../inventory/rules.ts';

type D = Prisma.Decimal;

export type LotCredit = { lotId: string; quantity: D; value: D; unitCost: D };

/** Credits quantities (and their values) back into the named lots of one item, as one `returned` movement. */
export async function creditLotsInTx(
  tx: TenantTx,
  ctx: OrgCtx,
  itemId: string,
  credits: LotCredit[],
  opts: { notes: string; orderId: string },
) {
  const item = await lockItem(tx, ctx.organizationId, itemId);
  const code = eventCode(prefixFor('returned'), item.id, ctx.now());
  const events: EventRow[] = credits.map((c) => ({
    lotId: c.lotId,
    code,
    delta: c.quantity,
    memo: null,
    unitCost: c.unitCost,
    value: c.value,
    valuation: 'fifo',
  }));
  try {
    await moveLots(tx, ctx, lotMoves(events));
  } catch {
    throw new AppError(
      'CONFLICT',
      `Cannot put ${item.name} back into its lots: one was refilled since (a recount). Nothing was changed.`,
    );
  }
  const total = credits.reduce((s, c) => s.plus(c.quantity), new Prisma.Decimal(0));
  return finishMovement(
    tx,
    ctx,
    item,
    { itemId, changeType: 'returned', notes: opts.notes, orderId: opts.orderId } as never,
    events,
    total,
    { recomputeCost: true },
    `${fmt(total)} ${item.unit} of ${item.name} back in its lots`,
  );
}

/**
 * Damaged returned stock: received into a new `returned` lot at the cost it left with, then spoiled from
 * that very lot, so the ledger shows it came back and where it went, and on-hand does not change.
 */
export async function receiveAndSpoilInTx(
  tx: TenantTx,
  ctx: OrgCtx,
  itemId: string,
  quantity: D,
  value: D,
  opts: { notes: string; orderId: string },
) {
  const item = await lockItem(tx, ctx.organizationId, itemId);
  const received = await createLot(
    tx,
    ctx,
    item,
    {
      itemId,
      changeType: 'returned',
      quantity: quantity.toString(),
      notes: opts.notes,
      orderId: opts.orderId,
    } as never,
    quantity,
    value,
    'returned',
  );
  const lotId = received.events[0]!.lotId!;
  const after = await lockItem(tx, ctx.organizationId, itemId);
  const events: EventRow[] = [
    {
      lotId,
      code: eventCode(prefixFor('spoil'), item.id, ctx.now()),
      delta: quantity.neg(),
      memo: null,
      unitCost: new Prisma.Decimal(received.events[0]!.unitCost),
      value: value.neg(),
      valuation: 'fifo',
    },
  ];
  await moveLots(tx, ctx, lotMoves(events));
  await finishMovement(
    tx,
    ctx,
    after,
    { itemId, changeType: 'spoil', notes: `${opts.notes} (damaged)`, orderId: opts.orderId } as never,
    events,
    quantity.neg(),
    { recomputeCost: true },
    `${fmt(quantity)} ${item.unit} of ${item.name} spoiled`,
  );
  return { lotId, code: received.events[0]!.code };
}
