// Fill efficiency (domain.md 2.8; docs/rules/reports.md, Statistics): of a completed batch that filled
// containers, min(final quantity, container volume) ÷ container volume × 100, two decimals. The volume is
// the containers it kept (taken − returned, broken ones left out) × their capacity, in the output unit.
import { Prisma } from '../../db/client.ts';
import type { TenantDb } from '../../db/tenant.ts';
import { loadUnitCatalog } from '../units/catalog.ts';
import { convertUnits } from '../units/rules.ts';

const D = (v: string | number | Prisma.Decimal) => new Prisma.Decimal(v);

export async function fillEfficiencies(db: TenantDb) {
  const lines = await db.batchLine.findMany({
    where: {
      kind: 'container',
      OR: [{ reason: null }, { reason: { not: 'damaged' } }],
      batch: { status: 'completed', finalQuantity: { not: null } },
    },
    select: { batchId: true, itemId: true, itemQuantity: true },
  });
  if (!lines.length) return [];
  const batchIds = [...new Set(lines.map((l) => l.batchId))];
  const [batches, items, catalog] = await Promise.all([
    db.batch.findMany({
      where: { id: { in: batchIds } },
      select: {
        id: true,
        startedById: true,
        finalQuantity: true,
        outputUnit: true,
        yieldUnit: true,
        recipe: { select: { density: true } },
      },
    }),
    db.inventoryItem.findMany({
      where: { id: { in: [...new Set(lines.map((l) => l.itemId))] } },
      select: { id: true, capacity: true, capacityUnit: true },
    }),
    loadUnitCatalog(db),
  ]);
  const itemById = new Map(items.map((i) => [i.id, i]));
  const out: { batchId: string; startedById: string | null; efficiency: Prisma.Decimal }[] = [];
  for (const b of batches) {
    const kept = new Map<string, Prisma.Decimal>();
    for (const l of lines.filter((x) => x.batchId === b.id))
      kept.set(l.itemId, (kept.get(l.itemId) ?? D(0)).plus(l.itemQuantity));
    let volume = D(0);
    let known = true;
    for (const [itemId, count] of kept) {
      if (count.lte(0)) continue;
      const c = itemById.get(itemId);
      if (!c?.capacity || !c.capacityUnit) {
        known = false;
        break;
      }
      const conv = convertUnits(catalog, {
        amount: c.capacity.times(count),
        from: c.capacityUnit,
        to: b.outputUnit ?? b.yieldUnit,
        density: b.recipe.density,
      });
      if (!conv.ok) {
        known = false;
        break;
      }
      volume = volume.plus(conv.value);
    }
    // A batch whose containers have no capacity, or one that cannot be converted, has no fill efficiency.
    if (!known || volume.lte(0)) continue;
    const filled = Prisma.Decimal.min(b.finalQuantity!, volume);
    out.push({
      batchId: b.id,
      startedById: b.startedById,
      efficiency: filled.div(volume).times(100).toDecimalPlaces(2, Prisma.Decimal.ROUND_HALF_UP),
    });
  }
  return out;
}

/** The mean of percentages, two decimals; null for none. */
export function meanPercent(values: Prisma.Decimal[]): Prisma.Decimal | null {
  if (!values.length) return null;
  return values
    .reduce((s, v) => s.plus(v), D(0))
    .div(values.length)
    .toDecimalPlaces(2, Prisma.Decimal.ROUND_HALF_UP);
}
