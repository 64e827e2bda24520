// Pure ledger arithmetic: which lots a movement takes from or credits, and the resulting cost.
// No database here, so every rule is unit-tested with plain numbers.
import { Prisma } from '../../db/client.ts';

type D = Prisma.Decimal;
const ZERO = new Prisma.Decimal(0);

export type OpenLot = {
  id: string;
  code: string;
  remaining: D;
  original: D;
  unitCost: D;
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

/** Weighted average unit cost of the given lots' remaining quantities (0 when none remain). */
export function weightedAverageCost(lots: { remaining: D; unitCost: D }[]): D {
  const qty = lots.reduce((s, l) => s.plus(l.remaining), ZERO);
  if (qty.lte(0)) return ZERO;
  const value = lots.reduce((s, l) => s.plus(l.remaining.times(l.unitCost)), ZERO);
  return value.div(qty).toDecimalPlaces(6, Prisma.Decimal.ROUND_HALF_UP);
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
