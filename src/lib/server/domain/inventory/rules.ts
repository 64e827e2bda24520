// Pure ledger arithmetic: which lots a movement takes from or credits, and the resulting cost.
// No database here, so every rule is unit-tested with plain numbers.
import { Prisma } from '../../db/client.ts';
import { DECIMAL_KINDS } from '../../../shared/schemas/primitives.ts';

type D = Prisma.Decimal;
const ZERO = new Prisma.Decimal(0);

export type OpenLot = {
  id: string;
  code: string;
  remaining: D;
  original: D;
  unitCost: D;
  /** What the remaining quantity is worth, and what the whole lot cost (docs/rules/lot-value.md). */
  value: D;
  originalValue: D;
  receivedAt: Date;
  expiresAt: Date | null;
};
export type Take = { lot: OpenLot; quantity: D };

/**
 * Deduction order: perishable items FEFO (earliest expiry first, oldest received on ties, lots without
 * an expiry last), others FIFO (oldest received first). Consumption skips expired lots of perishables.
 */
export function orderForDeduction(
  lots: OpenLot[],
  opts: { perishable: boolean; skipExpired: boolean; now: Date },
): OpenLot[] {
  const usable = lots.filter(
    (l) => l.remaining.gt(0) && !(opts.perishable && opts.skipExpired && l.expiresAt && l.expiresAt <= opts.now),
  );
  return usable.sort((a, b) => {
    if (opts.perishable) {
      const ea = a.expiresAt?.getTime() ?? Infinity;
      const eb = b.expiresAt?.getTime() ?? Infinity;
      if (ea !== eb) return ea - eb;
    }
    return a.receivedAt.getTime() - b.receivedAt.getTime() || a.id.localeCompare(b.id);
  });
}

/** Takes `quantity` from the ordered lots; null when they hold less (nothing is taken then). */
export function allocate(
  ordered: OpenLot[],
  quantity: D,
): { takes: Take[]; available: D } | { takes: null; available: D } {
  const available = ordered.reduce((s, l) => s.plus(l.remaining), ZERO);
  if (available.lt(quantity)) return { takes: null, available };
  const takes: Take[] = [];
  let left = quantity;
  for (const lot of ordered) {
    if (left.lte(0)) break;
    const q = Prisma.Decimal.min(lot.remaining, left);
    takes.push({ lot, quantity: q });
    left = left.minus(q);
  }
  return { takes, available };
}

/** A take with the value that leaves its lot (takeValue). */
export type ValuedTake = Take & { value: D };

/**
 * The one allocation of a deduction (docs/rules/inventory.md, Which lots a deduction takes): the lots in
 * deduction order (FEFO/FIFO, expired lots of perishables skipped when consuming), the quantity taken from
 * each and the value that leaves it. The ledger deducts with it, and the plan, the cost card and the stock
 * check price their lines with it, so an estimate is what the start will take, to the micro-unit.
 */
export function takeFromLots(
  lots: OpenLot[],
  quantity: D,
  opts: { perishable: boolean; skipExpired: boolean; now: Date },
): { takes: ValuedTake[] | null; available: D } {
  const { takes, available } = allocate(orderForDeduction(lots, opts), quantity);
  if (!takes) return { takes: null, available };
  return { takes: takes.map((t) => ({ ...t, value: takeValue(t.lot, t.quantity) })), available };
}

/** The lots as they are after the takes: what a later line of the same item finds (estimates only). */
export function afterTakes(lots: OpenLot[], takes: ValuedTake[]): OpenLot[] {
  const taken = new Map(takes.map((t) => [t.lot.id, t]));
  return lots.map((l) => {
    const t = taken.get(l.id);
    return t ? { ...l, remaining: l.remaining.minus(t.quantity), value: l.value.minus(t.value) } : l;
  });
}

/**
 * Credits partly consumed lots up to their original quantity, in the given order; what does not fit
 * is the overflow, which becomes a new lot.
 */
export function planCredit(ordered: OpenLot[], quantity: D): { credits: Take[]; overflow: D } {
  const credits: Take[] = [];
  let left = quantity;
  for (const lot of ordered) {
    if (left.lte(0)) break;
    const room = lot.original.minus(lot.remaining);
    if (room.lte(0)) continue;
    const q = Prisma.Decimal.min(room, left);
    credits.push({ lot, quantity: q });
    left = left.minus(q);
  }
  return { credits, overflow: left };
}

/** Values are kept to the micro-dollar; unit costs, derived for display and estimates, to 12 places. */
export const VALUE_PLACES = 6;
export const UNIT_COST_PLACES = 12;
export const roundValue = (v: D): D => v.toDecimalPlaces(VALUE_PLACES, Prisma.Decimal.ROUND_HALF_UP);

/**
 * Quantities are kept to the scale of their columns (Decimal(20, 6), the quantity kind of
 * shared/schemas/primitives.ts). A quantity converted from another unit is rounded here, once, before any
 * lot, event or on-hand total sees it: so on-hand = Σ lots = Σ events stays exact (docs/rules/input-limits.md).
 */
export const QUANTITY_PLACES = DECIMAL_KINDS.quantity.scale;
export const roundQuantity = (q: D): D => q.toDecimalPlaces(QUANTITY_PLACES, Prisma.Decimal.ROUND_HALF_UP);

/** A lot's unit cost derived from its value (docs/rules/lot-value.md): value ÷ quantity, 12 places. */
export function unitCostOf(value: D, quantity: D): D {
  if (quantity.lte(0)) return ZERO;
  return value.div(quantity).toDecimalPlaces(UNIT_COST_PLACES, Prisma.Decimal.ROUND_HALF_UP);
}

/**
 * The value that leaves a lot when `quantity` is taken from it: its share of the remaining value, and
 * the whole remaining value when the take empties the lot. So a lot's takes add up to exactly its cost.
 */
export function takeValue(lot: Pick<OpenLot, 'remaining' | 'value'>, quantity: D): D {
  if (quantity.gte(lot.remaining)) return lot.value;
  if (lot.remaining.lte(0)) return ZERO;
  return Prisma.Decimal.min(lot.value, roundValue(lot.value.times(quantity).div(lot.remaining)));
}

/**
 * The value that comes back with `quantity` credited into a partly used lot: its share of what the lot
 * cost, and exactly what is missing when the credit fills the lot back to its original quantity.
 */
export function creditValue(lot: Pick<OpenLot, 'remaining' | 'original' | 'value' | 'originalValue'>, quantity: D): D {
  const missing = lot.originalValue.minus(lot.value);
  if (lot.remaining.plus(quantity).gte(lot.original)) return missing;
  if (lot.original.lte(0)) return ZERO;
  return Prisma.Decimal.max(
    ZERO,
    Prisma.Decimal.min(missing, roundValue(lot.originalValue.times(quantity).div(lot.original))),
  );
}

/** Unit cost of the given lots' remaining quantities: their value ÷ their quantity (0 when none remain). */
export function weightedAverageCost(lots: { remaining: D; value: D }[]): D {
  const qty = lots.reduce((s, l) => s.plus(l.remaining), ZERO);
  const value = lots.reduce((s, l) => s.plus(l.value), ZERO);
  return unitCostOf(value, qty);
}

/** Freshness of a lot at `at`: (expiry − at) ÷ (expiry − received) × 100, clamped 0–100, 1 decimal. */
export function freshnessPercent(receivedAt: Date, expiresAt: Date | null, at: Date): number | null {
  if (!expiresAt) return null;
  const span = expiresAt.getTime() - receivedAt.getTime();
  if (span <= 0) return 0;
  const pct = ((expiresAt.getTime() - at.getTime()) / span) * 100;
  return Math.round(Math.min(100, Math.max(0, pct)) * 10) / 10;
}

/** Expiry of a perishable lot: a custom date wins, else received + shelf life. */
export function lotExpiry(opts: {
  perishable: boolean;
  shelfLifeDays: number | null;
  receivedAt: Date;
  customExpiry?: Date | null;
}): Date | null {
  if (opts.customExpiry) return opts.customExpiry;
  if (!opts.perishable || !opts.shelfLifeDays) return null;
  return new Date(opts.receivedAt.getTime() + opts.shelfLifeDays * 86_400_000);
}

/** Formats a quantity for messages: up to 6 decimals, no trailing zeros. */
export function fmt(q: D): string {
  return q.toDecimalPlaces(6).toString();
}
