// The writes every movement ends with (docs/rules/inventory.md): lots moved in one statement, then the
// movement, its events and the item's totals in one more. Shared by the TypeScript ledger (apply-movement.ts),
// the SQL path's fallbacks (ledger-sql.ts) and infinite items (infinite.ts); a module of its own so none of
// them imports another in a circle.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { Prisma } from '../../db/client.ts';
import type { TenantTx } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { AppError } from '../../errors.ts';
import type { MovementInputSchema } from '../../../shared/schemas/inventory.ts';
import type { ChangeType } from '../../../shared/change-types.ts';
import { fmt, weightedAverageCost } from './rules.ts';
import type { LockedItem } from './lock-item.ts';

type D = Prisma.Decimal;

/** `value` is the signed change of the lot's value (0 for events without a lot). */
export type EventRow = {
  lotId: string | null;
  code: string;
  delta: D;
  memo: D | null;
  unitCost: D;
  value: D;
  valuation: string;
};

export type MovementResult = {
  movementId: string | null;
  changeType: ChangeType;
  quantityDelta: string;
  message: string;
  events: {
    lotId: string | null;
    code: string;
    quantityDelta: string;
    unitCost: string;
    value: string;
    memoQuantity?: string;
  }[];
  item: { id: string; quantity: string; costPerUnit: string };
};

export const lotMoves = (events: EventRow[]) =>
  events.filter((e) => e.lotId).map((e) => ({ lotId: e.lotId!, delta: e.delta, value: e.value }));

/**
 * Applies signed quantity and value deltas to lots in one statement, keeping is_open in step. A lot
 * never goes below zero or above what it received, and an emptied lot is worth exactly nothing.
 */
export async function moveLots(tx: TenantTx, ctx: OrgCtx, moves: { lotId: string; delta: D; value: D }[]) {
  if (!moves.length) return;
  const ids = moves.map((m) => m.lotId);
  const deltas = moves.map((m) => m.delta.toString());
  const values = moves.map((m) => m.value.toString());
  const updated = await tx.$executeRaw`
    UPDATE inventory_lots l
       SET remaining_quantity = l.remaining_quantity + v.delta, is_open = (l.remaining_quantity + v.delta) > 0,
           remaining_value = l.remaining_value + v.value
      FROM (SELECT unnest(${ids}::text[]) AS id, unnest(${deltas}::numeric[]) AS delta, unnest(${values}::numeric[]) AS value) v
     WHERE l.id = v.id AND l.organization_id = ${ctx.organizationId}
       AND l.remaining_quantity + v.delta >= 0 AND l.remaining_quantity + v.delta <= l.original_quantity
       AND l.remaining_value + v.value >= 0 AND l.remaining_value + v.value <= l.original_value
       AND (l.remaining_quantity + v.delta > 0 OR l.remaining_value + v.value = 0)`;
  if (updated !== moves.length)
    throw new AppError('CONFLICT', 'A lot would go below zero or above what it received; nothing was changed.');
}

/** Writes the movement and its events, updates the item, and returns the result. */
export async function finishMovement(
  tx: TenantTx,
  ctx: OrgCtx,
  item: LockedItem,
  input: z.output<typeof MovementInputSchema>,
  events: EventRow[],
  delta: D,
  opts: { recomputeCost?: boolean; costPerUnit?: D; reversesMovementId?: string },
  message: string,
): Promise<MovementResult> {
  const movementId = randomUUID();
  const now = ctx.now();
  const quantity = item.quantity.plus(delta);
  let costPerUnit = opts.costPerUnit ?? item.costPerUnit;
  // FIFO: the item's cost is what its remaining lots are worth per unit on hand, after every take as after
  // every restock; the moving average moves on restocks only (docs/rules/lot-value.md, Item cost per unit).
  // With nothing left on hand the last cost stays, for estimates.
  const lotsTaken = delta.lt(0) && events.some((e) => e.lotId);
  if (opts.recomputeCost || (item.costMethod === 'fifo' && !opts.costPerUnit && lotsTaken)) {
    const open = await tx.inventoryLot.findMany({
      where: { itemId: item.id, isOpen: true },
      select: { remainingQuantity: true, remainingValue: true },
    });
    if (open.some((l) => l.remainingQuantity.gt(0)))
      costPerUnit = weightedAverageCost(open.map((l) => ({ remaining: l.remainingQuantity, value: l.remainingValue })));
  }
  // The movement, its events and the item's new totals in one statement: fewer round trips on the hot path.
  const eventsJson = JSON.stringify(
    events.map((e) => ({
      lot_id: e.lotId,
      code: e.code,
      delta: e.delta.toString(),
      memo: e.memo?.toString() ?? null,
      unit_cost: e.unitCost.toString(),
      value: e.value.toString(),
      valuation: e.valuation,
    })),
  );
  const notes = input.notes ?? null;
  const batchId = input.batchId ?? null;
  const updated = await tx.$executeRaw`
    WITH m AS (
      INSERT INTO inventory_movements (id, organization_id, item_id, change_type, quantity_delta, actor_id, notes, batch_id, order_id, reverses_movement_id, created_at)
      VALUES (${movementId}, ${ctx.organizationId}, ${item.id}, ${input.changeType}, ${delta.toString()}::numeric, ${ctx.actor.userId}, ${notes}, ${batchId},
              ${input.orderId ?? null}, ${opts.reversesMovementId ?? null}, ${now})
    ), e AS (
      INSERT INTO inventory_events (id, organization_id, item_id, lot_id, movement_id, code, change_type, quantity_delta, memo_quantity, unit_cost, value, valuation_method, actor_id, notes, batch_id, created_at)
      SELECT gen_random_uuid()::text, ${ctx.organizationId}, ${item.id}, x.lot_id, ${movementId}, x.code, ${input.changeType}, x.delta, x.memo, x.unit_cost, x.value, x.valuation,
             ${ctx.actor.userId}, ${notes}, ${batchId}, ${now}
        FROM jsonb_to_recordset(${eventsJson}::jsonb) AS x(lot_id text, code text, delta numeric, memo numeric, unit_cost numeric, value numeric, valuation text)
    )
    UPDATE inventory_items SET quantity = ${quantity.toString()}::numeric, cost_per_unit = ${costPerUnit.toString()}::numeric, updated_at = ${now}
     WHERE id = ${item.id} AND organization_id = ${ctx.organizationId}`;
  if (updated !== 1) throw new AppError('NOT_FOUND', 'Inventory item not found.');
  return {
    movementId,
    changeType: input.changeType,
    quantityDelta: fmt(delta),
    message,
    events: events.map((e) => ({
      lotId: e.lotId,
      code: e.code,
      quantityDelta: fmt(e.delta),
      unitCost: e.unitCost.toString(),
      value: e.value.toString(),
      ...(e.memo ? { memoQuantity: fmt(e.memo) } : {}),
    })),
    item: { id: item.id, quantity: fmt(quantity), costPerUnit: costPerUnit.toString() },
  };
}
