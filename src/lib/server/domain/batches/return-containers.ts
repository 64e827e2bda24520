// Containers at finish (docs/rules/production-outputs.md): a batch fills some of the containers it took;
// the rest go back to the lots they came from, at the value they left with, and only the filled ones
// are charged to the outputs. Broken (damaged) containers stay a cost of the batch.
import { Prisma } from '../../db/client.ts';
import type { OrgCtx } from '../context.ts';
import { AppError } from '../../errors.ts';
import { applyMovementInTx } from '../inventory/apply-movement.ts';
import type { TenantTx } from '../../db/tenant.ts';
import { returnPartOfMovementInTx } from '../inventory/reverse-movement.ts';
import { MovementInputSchema } from '../../../shared/schemas/inventory.ts';
import { roundValue } from '../inventory/rules.ts';

type D = Prisma.Decimal;
const D = (v: string | number | D) => new Prisma.Decimal(v);

type Line = {
  id: string;
  kind: string;
  reason: string | null;
  itemId: string;
  itemQuantity: D;
  totalCost: D;
  movementId: string | null;
  createdAt: Date;
};

export type FilledContainers = Map<string, { name: string; count: number; cost: D }>;

/**
 * Returns every container the batch took (planned or for extra yield) and did not fill, and gives the
 * cost of the ones filled. Refuses filling more containers of a kind than the batch took.
 */
export async function settleContainersInTx(
  tx: TenantTx,
  ctx: OrgCtx,
  batch: { id: string; label: string },
  lines: Line[],
  filledCounts: Record<string, number>,
): Promise<{ filled: FilledContainers; returnedValue: D }> {
  const usable = lines.filter((l) => l.kind === 'container' && l.reason !== 'damaged' && l.reason !== 'returned');
  const itemIds = [...new Set([...usable.map((l) => l.itemId), ...Object.keys(filledCounts)])];
  const items = new Map(
    (
      await tx.inventoryItem.findMany({
        where: { id: { in: itemIds } },
        select: { id: true, name: true, itemType: true, isTracked: true },
      })
    ).map((i) => [i.id, i]),
  );
  const filled: FilledContainers = new Map();
  let returnedValue = D(0);
  for (const itemId of itemIds) {
    const item = items.get(itemId);
    if (!item || item.itemType !== 'container') throw new AppError('NOT_FOUND', 'Container not found');
    const mine = usable.filter((l) => l.itemId === itemId).sort((a, b) => +b.createdAt - +a.createdAt);
    const took = mine.reduce((s, l) => s.plus(l.itemQuantity), D(0));
    const count = filledCounts[itemId] ?? 0;
    if (D(count).gt(took)) {
      throw new AppError(
        'VALIDATION',
        `${count} × ${item.name} filled, but the batch took ${took.toString()}. ` +
          'Add the extra containers to the batch (reason: extra yield) before finishing.',
        { field: 'containerCounts', itemId },
      );
    }
    let back = took.minus(count);
    let cost = mine.reduce((s, l) => s.plus(l.totalCost), D(0));
    for (const line of mine) {
      if (back.lte(0)) break;
      const q = Prisma.Decimal.min(back, line.itemQuantity);
      const { value, movementId } = await returnFromLine(tx, ctx, batch, line, q, item.isTracked);
      await tx.batchLine.create({
        data: {
          organizationId: ctx.organizationId,
          batchId: batch.id,
          kind: 'container',
          isExtra: false,
          reason: 'returned',
          itemId,
          quantity: q.neg(),
          unit: 'count',
          itemQuantity: q.neg(),
          totalCost: value.neg(),
          movementId,
        },
      });
      cost = cost.minus(value);
      returnedValue = returnedValue.plus(value);
      back = back.minus(q);
    }
    if (count > 0) filled.set(itemId, { name: item.name, count, cost });
  }
  return { filled, returnedValue };
}

/** Gives `q` containers of one batch line back; returns the value credited, with the movement it made. */
async function returnFromLine(
  tx: TenantTx,
  ctx: OrgCtx,
  batch: { id: string; label: string },
  line: Line,
  q: D,
  tracked: boolean,
): Promise<{ value: D; movementId: string | null }> {
  const notes = `Not filled in batch ${batch.label}: returned`;
  if (tracked && line.movementId) {
    const m = await returnPartOfMovementInTx(tx, ctx, line.movementId, q, { notes, batchId: batch.id });
    return { value: m.events.reduce((s, e) => s.plus(e.value), D(0)), movementId: m.movementId };
  }
  // An untracked container was only recorded: record its return the same way, at the cost it was charged.
  const m = await applyMovementInTx(
    tx,
    ctx,
    MovementInputSchema.parse({
      itemId: line.itemId,
      changeType: 'refunded',
      quantity: q.toString(),
      batchId: batch.id,
      notes,
    }),
  );
  const value = line.itemQuantity.gt(0) ? roundValue(line.totalCost.times(q).div(line.itemQuantity)) : D(0);
  return { value, movementId: m.movementId };
}
