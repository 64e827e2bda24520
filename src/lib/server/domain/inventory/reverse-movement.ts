import type { z } from 'zod';
import type { TenantDb } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { AppError } from '../../errors.ts';
import { ReverseInputSchema } from '../../../shared/schemas/inventory.ts';
import { finishMovement, lotMoves, moveLots, type EventRow, type MovementResult } from './apply-movement.ts';
import type { TenantTx } from '../../db/tenant.ts';
import { lockItem } from './lock-item.ts';
import { eventCode } from '../../../shared/change-types.ts';
import { Prisma } from '../../db/client.ts';
import { roundValue } from './rules.ts';
import type { ChangeType } from '../../../shared/change-types.ts';

/**
 * Fixes a mistake without editing history: posts the opposite of every event of a movement against
 * the same lots, with a reason. A movement can be reversed once; a reversal is not itself reversed
 * (post a new movement instead), nor is a cost override (set the cost again).
 */
export async function reverseMovement(db: TenantDb, ctx: OrgCtx, raw: z.input<typeof ReverseInputSchema>) {
  const input = ReverseInputSchema.parse(raw);
  return db.$transaction(async (tx) => {
    const movement = await tx.inventoryMovement.findUnique({
      where: { id: input.movementId },
      select: { changeType: true, id: true },
    });
    if (!movement) throw new AppError('NOT_FOUND', 'Movement not found');
    const notes = `Reversal of ${movement.changeType} (${movement.id.slice(0, 8)}): ${input.reason}`;
    return undoMovementInTx(tx, ctx, input.movementId, { notes, prefix: 'REV' });
  });
}

/**
 * Posts the opposite of a movement against exactly the lots it touched, at their cost, inside the
 * caller's transaction. Used by reversals and by cancelling a batch (which records it as `refunded`).
 */
export async function undoMovementInTx(
  tx: TenantTx,
  ctx: OrgCtx,
  movementId: string,
  opts: { notes: string; prefix: string; changeType?: ChangeType; batchId?: string },
): Promise<MovementResult> {
  const movement = await tx.inventoryMovement.findUnique({ where: { id: movementId }, include: { events: true } });
  if (!movement) throw new AppError('NOT_FOUND', 'Movement not found');
  if (movement.reversesMovementId)
    throw new AppError('INVALID_STATE', 'A reversal cannot be reversed; post a new movement instead.');
  if (movement.changeType === 'cost_override')
    throw new AppError('INVALID_STATE', 'A cost override is undone by setting the cost again.');
  // docs/rules/infinite-items.md: the drain is undone by switching back to tracked and restocking.
  if (movement.changeType === 'toggle_infinite_drain')
    throw new AppError('INVALID_STATE', 'Switching to infinite is undone by switching back to tracked and restocking.');
  if (await tx.inventoryMovement.findFirst({ where: { reversesMovementId: movement.id }, select: { id: true } })) {
    throw new AppError('CONFLICT', 'This movement has already been reversed.');
  }
  const item = await lockItem(tx, ctx.organizationId, movement.itemId);
  const code = eventCode(opts.prefix, item.id, ctx.now());
  const events: EventRow[] = movement.events.map((e) => ({
    lotId: e.lotId,
    code,
    delta: e.quantityDelta.neg(),
    memo: e.memoQuantity?.neg() ?? null,
    unitCost: e.unitCost,
    value: e.value.neg(),
    valuation: e.valuationMethod,
  }));
  const moves = lotMoves(events);
  try {
    await moveLots(tx, ctx, moves);
  } catch {
    throw new AppError(
      'CONFLICT',
      'Cannot reverse: stock from this movement has since been used or refilled. Post a correcting movement instead.',
    );
  }
  const changeType = opts.changeType ?? (movement.changeType as ChangeType);
  return finishMovement(
    tx,
    ctx,
    item,
    { itemId: item.id, changeType, notes: opts.notes, batchId: opts.batchId } as never,
    events,
    movement.quantityDelta.neg(),
    { recomputeCost: true, reversesMovementId: movement.id },
    `Reversed: ${opts.notes}`,
  );
}

/**
 * Gives back `quantity` of what a deduction took, to the same lots it came from (the last lot taken
 * first), each at the value it left with (its share when only part of a take comes back). Used when a
 * batch returns the containers it took but did not fill (docs/rules/production-outputs.md).
 */
export async function returnPartOfMovementInTx(
  tx: TenantTx,
  ctx: OrgCtx,
  movementId: string,
  quantity: Prisma.Decimal,
  opts: { notes: string; batchId?: string },
): Promise<MovementResult> {
  const movement = await tx.inventoryMovement.findUnique({
    where: { id: movementId },
    include: { events: { orderBy: { id: 'asc' } } },
  });
  if (!movement) throw new AppError('NOT_FOUND', 'Movement not found');
  const item = await lockItem(tx, ctx.organizationId, movement.itemId);
  const code = eventCode('REF', item.id, ctx.now());
  const takes = movement.events.filter((e) => e.lotId && e.quantityDelta.lt(0)).reverse();
  const events: EventRow[] = [];
  let left = quantity;
  for (const e of takes) {
    if (left.lte(0)) break;
    const took = e.quantityDelta.neg();
    const q = Prisma.Decimal.min(took, left);
    const value = q.eq(took) ? e.value.neg() : roundValue(e.value.neg().times(q).div(took));
    events.push({
      lotId: e.lotId,
      code,
      delta: q,
      memo: null,
      unitCost: e.unitCost,
      value,
      valuation: e.valuationMethod,
    });
    left = left.minus(q);
  }
  if (left.gt(0))
    throw new AppError('INVALID_STATE', `Cannot return more ${item.name} than the batch took from its lots.`);
  await moveLots(tx, ctx, lotMoves(events));
  return finishMovement(
    tx,
    ctx,
    item,
    { itemId: item.id, changeType: 'refunded', notes: opts.notes, batchId: opts.batchId } as never,
    events,
    quantity,
    { recomputeCost: true },
    `${quantity.toString()} ${item.unit} of ${item.name} returned to stock`,
  );
}
