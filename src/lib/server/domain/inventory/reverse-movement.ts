import type { z } from 'zod';
import { Prisma } from '../../db/client.ts';
import type { TenantDb } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { AppError } from '../../errors.ts';
import { ReverseInputSchema } from './schemas.ts';
import { finishMovement, lockItem, moveLots, type EventRow } from './apply-movement.ts';
import { eventCode } from './change-types.ts';

/**
 * Fixes a mistake without editing history: posts the opposite of every event of a movement against
 * the same lots, with a reason. A movement can be reversed once; a reversal is not itself reversed
 * (post a new movement instead), nor is a cost override (set the cost again).
 */
export async function reverseMovement(db: TenantDb, ctx: OrgCtx, raw: z.input<typeof ReverseInputSchema>) {
  const input = ReverseInputSchema.parse(raw);
  return db.$transaction(async (tx) => {
    const movement = await tx.inventoryMovement.findUnique({ where: { id: input.movementId }, include: { events: true } });
    if (!movement) throw new AppError('NOT_FOUND', 'Movement not found');
    if (movement.reversesMovementId) throw new AppError('INVALID_STATE', 'A reversal cannot be reversed; post a new movement instead.');
    if (movement.changeType === 'cost_override') throw new AppError('INVALID_STATE', 'A cost override is undone by setting the cost again.');
    if (await tx.inventoryMovement.findFirst({ where: { reversesMovementId: movement.id }, select: { id: true } })) {
      throw new AppError('CONFLICT', 'This movement has already been reversed.');
    }
    const item = await lockItem(tx, ctx.organizationId, movement.itemId);
    const code = eventCode('REV', item.id, ctx.now());
    const events: EventRow[] = movement.events.map((e) => ({
      lotId: e.lotId, code, delta: e.quantityDelta.neg(), memo: e.memoQuantity?.neg() ?? null, unitCost: e.unitCost, valuation: e.valuationMethod,
    }));
    const moves = movement.events.filter((e) => e.lotId).map((e) => ({ lotId: e.lotId!, delta: e.quantityDelta.neg() }));
    try {
      await moveLots(tx, ctx, moves);
    } catch {
      throw new AppError('CONFLICT', 'Cannot reverse: stock from this movement has since been used or refilled. Post a correcting movement instead.');
    }
    const notes = `Reversal of ${movement.changeType} (${movement.id.slice(0, 8)}): ${input.reason}`;
    return finishMovement(tx, ctx, item, { itemId: item.id, changeType: movement.changeType as never, notes } as never, events,
      movement.quantityDelta.neg(), { recomputeCost: true, reversesMovementId: movement.id }, `Reversed: ${notes}`);
  });
}

