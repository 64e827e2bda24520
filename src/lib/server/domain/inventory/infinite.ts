// Infinite items (docs/rules/infinite-items.md). An untracked item, or any item of an organization whose
// tier lacks inventory.track_quantities, records its use without limiting or counting it. Switching an
// item to infinite drains its open lots in one recorded movement (`toggle_infinite_drain`), so the books
// keep balancing; switching back starts it at 0.
import type { z } from 'zod';
import { Prisma } from '../../db/client.ts';
import type { TenantDb, TenantTx } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { AppError } from '../../errors.ts';
import { eventCode, type ChangeType } from '../../../shared/change-types.ts';
import type { MovementInputSchema } from '../../../shared/schemas/inventory.ts';
import { SetTrackingInputSchema } from '../../../shared/schemas/inventory-bulk.ts';
import { finishMovement, lotMoves, moveLots, type EventRow, type MovementResult } from './movement-writes.ts';
import { lockItem, type LockedItem } from './lock-item.ts';
import { fmt } from './rules.ts';
import { emitEvent } from '../../events/emit.ts';

type D = Prisma.Decimal;
const D = (v: string | number | D) => new Prisma.Decimal(v);

/** The system change type of the drain; not one a person can post (it is not in CHANGE_TYPES). */
export const TOGGLE_INFINITE_DRAIN = 'toggle_infinite_drain';

export const TRACKING_TIER_LOCKED =
  'Tracking quantities is locked on your current tier. Upgrade to enable this feature.';

export const DRAIN_CONFIRMATION =
  'Switching to infinite sets every open lot to 0 and records it in the ledger. Confirm to continue.';

export function tierTracksQuantities(ctx: Pick<OrgCtx, 'tierPermissions'>): boolean {
  return ctx.tierPermissions.has('inventory.track_quantities');
}

/** Every item of a tier without quantity tracking behaves as infinite, whatever its own switch says. */
export function behavesInfinite(item: { isTracked: boolean }, ctx: Pick<OrgCtx, 'tierPermissions'>): boolean {
  return !item.isTracked || !tierTracksQuantities(ctx);
}

/**
 * The movement of an infinite item: no lot changes and no quantity moves. One event with quantity 0 keeps
 * the amount as a signed memo, valued at the item's cost per unit (valuation `average`), so a batch is
 * still charged and traceability still shows which batches used it. An untracked item's quantity is
 * written back as 0 whatever old data said; a tracked item on a tier without tracking keeps its lots for
 * when tracking comes back.
 */
export async function recordInfiniteMovement(
  tx: TenantTx,
  ctx: OrgCtx,
  item: LockedItem,
  input: z.output<typeof MovementInputSchema>,
  qty: D,
  sign: 1 | -1,
  prefix: string,
): Promise<MovementResult> {
  const ev: EventRow = {
    lotId: null,
    code: input.eventCode ?? eventCode(prefix, item.id, ctx.now()),
    delta: D(0),
    memo: qty.times(sign),
    unitCost: item.costPerUnit,
    value: D(0),
    valuation: 'average',
  };
  const base = item.isTracked ? item : { ...item, quantity: D(0) };
  return finishMovement(
    tx,
    ctx,
    base,
    input,
    [ev],
    D(0),
    {},
    `${item.name}: ${fmt(qty)} ${item.unit} recorded (infinite item: quantity unchanged)`,
  );
}

/**
 * Switches an item between tracked and infinite (inventory.edit). To infinite needs `confirmDrain`; every
 * open lot is then emptied by one `toggle_infinite_drain` movement (one event per lot, at the lot's
 * value). Back to tracked starts at 0: new stock arrives by restock.
 */
export async function setItemTracking(db: TenantDb, ctx: OrgCtx, raw: z.input<typeof SetTrackingInputSchema>) {
  const input = SetTrackingInputSchema.parse(raw);
  if (!tierTracksQuantities(ctx)) throw new AppError('FORBIDDEN', TRACKING_TIER_LOCKED);
  return db.$transaction(
    async (tx) => {
      const item = await lockItem(tx, ctx.organizationId, input.itemId);
      if (item.isArchived)
        throw new AppError('INVALID_STATE', `${item.name} is archived. Restore it before changing it.`);
      if (item.isTracked === input.tracked)
        return { itemId: item.id, tracked: item.isTracked, drained: '0', movementId: null as string | null };
      if (input.tracked) {
        // Back to tracked: on hand is 0 (the drain emptied every lot; nothing moved while infinite).
        await tx.inventoryItem.update({ where: { id: item.id }, data: { isTracked: true, quantity: D(0) } });
        await emitEvent(tx, ctx, 'inventory_adjusted', item.id, { changeType: 'tracking_on', quantity: '0', unit: '' });
        return { itemId: item.id, tracked: true, drained: '0', movementId: null };
      }
      if (!input.confirmDrain) throw new AppError('VALIDATION', DRAIN_CONFIRMATION, { field: 'confirmDrain' });
      const lots = await tx.inventoryLot.findMany({
        where: { itemId: item.id, isOpen: true },
        orderBy: [{ receivedAt: 'asc' }, { id: 'asc' }],
        select: { id: true, remainingQuantity: true, remainingValue: true, unitCost: true },
      });
      let movementId: string | null = null;
      let drained = D(0);
      if (lots.length) {
        const code = eventCode('INF', item.id, ctx.now());
        const events: EventRow[] = lots.map((l) => ({
          lotId: l.id,
          code,
          delta: l.remainingQuantity.neg(),
          memo: null,
          unitCost: l.unitCost,
          value: l.remainingValue.neg(),
          valuation: 'fifo',
        }));
        drained = lots.reduce((s, l) => s.plus(l.remainingQuantity), D(0));
        await moveLots(tx, ctx, lotMoves(events));
        const drainInput = {
          itemId: item.id,
          changeType: TOGGLE_INFINITE_DRAIN as ChangeType,
          notes: 'Switched to infinite: open lots drained',
        } as z.output<typeof MovementInputSchema>;
        // The books close at 0 even if the stored quantity had drifted from the lots.
        const r = await finishMovement(
          tx,
          ctx,
          { ...item, quantity: drained },
          drainInput,
          events,
          drained.neg(),
          { costPerUnit: item.costPerUnit },
          `${item.name}: ${fmt(drained)} ${item.unit} drained (switched to infinite)`,
        );
        movementId = r.movementId;
      }
      await tx.inventoryItem.update({ where: { id: item.id }, data: { isTracked: false, quantity: D(0) } });
      await emitEvent(tx, ctx, 'inventory_adjusted', item.id, {
        changeType: TOGGLE_INFINITE_DRAIN,
        quantity: fmt(drained.neg()),
        unit: item.unit,
      });
      return { itemId: item.id, tracked: false, drained: fmt(drained), movementId };
    },
    { timeout: 20_000, maxWait: 15_000 },
  );
}
