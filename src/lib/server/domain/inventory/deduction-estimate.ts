// What deducting some lines would cost, worked out the way the ledger deducts them (docs/rules/lot-value.md,
// Estimates price the lots a start takes): the plan, the recipe cost card and the stock check use it, so a
// plan's cost is what its start takes from the lots when nothing changed in between.
import { Prisma } from '../../db/client.ts';
import type { TenantDb, TenantTx } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { loadUnitCatalog } from '../units/catalog.ts';
import { convertUnits, type UnitCatalog } from '../units/rules.ts';
import { afterTakes, roundQuantity, roundValue, takeFromLots, type OpenLot } from './rules.ts';
import { tierTracksQuantities } from './infinite.ts';

type D = Prisma.Decimal;
const D = (v: string | number | D) => new Prisma.Decimal(v);

/** A line as the start deducts it: a quantity in the line's unit (converted to the item's unit there). */
export type DeductionLine = { itemId: string; quantity: D | string; unit: string };

export type DeductionEstimate = {
  /** The quantity the ledger would take, in the item's unit; null when the units do not convert. */
  itemQuantity: D | null;
  /** The value that would leave the lots (FIFO), or quantity × the average cost; null without a quantity. */
  cost: D | null;
  /** What the open lots do not hold, in the item's unit, priced at the item's cost (the start would refuse it). */
  short: D;
  /** The lots it would take from, in order. */
  takes: { lotId: string; code: string; quantity: D; value: D }[];
};

/**
 * Estimates each line in order, as the start deducts them one after another: a later line of the same item
 * finds the lots the earlier ones left. Same rounding as the start (deductLine): the line quantity to 6
 * places, the converted quantity to 6 places, each take's value as takeValue gives it.
 */
export async function estimateDeductions(
  db: TenantDb | TenantTx,
  ctx: OrgCtx,
  lines: DeductionLine[],
  catalog?: UnitCatalog,
): Promise<DeductionEstimate[]> {
  if (!lines.length) return [];
  const now = ctx.now();
  const cat = catalog ?? (await loadUnitCatalog(db));
  const ids = [...new Set(lines.map((l) => l.itemId))];
  const [org, items, lotRows] = await Promise.all([
    db.organization.findUniqueOrThrow({ where: { id: ctx.organizationId }, select: { inventoryCostMethod: true } }),
    db.inventoryItem.findMany({
      where: { id: { in: ids } },
      select: {
        id: true,
        unit: true,
        isTracked: true,
        isPerishable: true,
        costPerUnit: true,
        density: true,
        ingredientCategory: { select: { defaultDensity: true } },
      },
    }),
    db.inventoryLot.findMany({
      where: { itemId: { in: ids }, isOpen: true },
      select: {
        id: true,
        itemId: true,
        code: true,
        remainingQuantity: true,
        originalQuantity: true,
        unitCost: true,
        remainingValue: true,
        originalValue: true,
        receivedAt: true,
        expiresAt: true,
      },
    }),
  ]);
  const average = org.inventoryCostMethod === 'average';
  const byId = new Map(items.map((i) => [i.id, i]));
  const lotsOf = new Map<string, OpenLot[]>();
  for (const r of lotRows) {
    const list = lotsOf.get(r.itemId) ?? [];
    list.push({
      id: r.id,
      code: r.code,
      remaining: r.remainingQuantity,
      original: r.originalQuantity,
      unitCost: r.unitCost,
      value: r.remainingValue,
      originalValue: r.originalValue,
      receivedAt: r.receivedAt,
      expiresAt: r.expiresAt,
    });
    lotsOf.set(r.itemId, list);
  }

  return lines.map((line): DeductionEstimate => {
    const item = byId.get(line.itemId);
    const none = { itemQuantity: null, cost: null, short: D(0), takes: [] };
    if (!item) return none;
    const q = D(line.quantity).toDecimalPlaces(6, Prisma.Decimal.ROUND_HALF_UP);
    let qty = q;
    if (line.unit !== item.unit) {
      const density = item.density ?? item.ingredientCategory?.defaultDensity ?? null;
      const conv = convertUnits(cat, { amount: q, from: line.unit, to: item.unit, density });
      if (!conv.ok) return none;
      qty = roundQuantity(conv.value);
    }
    if (qty.lte(0)) return { ...none, itemQuantity: qty, cost: D(0) };
    // Untracked (infinite) items take no lots and are costed at the item's cost, as deductLine does.
    if (!item.isTracked || !tierTracksQuantities(ctx))
      return { ...none, itemQuantity: qty, cost: roundValue(qty.times(item.costPerUnit)) };
    const lots = lotsOf.get(item.id) ?? [];
    const opts = { perishable: item.isPerishable, skipExpired: item.isPerishable, now };
    const first = takeFromLots(lots, qty, opts);
    const available = first.available;
    let takes = first.takes;
    let short = D(0);
    if (!takes) {
      // Not enough: price what the lots hold as they would be taken, and the rest at the item's cost.
      short = qty.minus(available);
      takes = available.gt(0) ? takeFromLots(lots, available, opts).takes! : [];
    }
    lotsOf.set(item.id, afterTakes(lots, takes));
    const taken = takes.reduce(
      (s, t) => s.plus(average ? roundValue(t.quantity.times(item.costPerUnit)) : t.value),
      D(0),
    );
    return {
      itemQuantity: qty,
      cost: taken.plus(roundValue(short.times(item.costPerUnit))),
      short,
      takes: takes.map((t) => ({ lotId: t.lot.id, code: t.lot.code, quantity: t.quantity, value: t.value })),
    };
  });
}
