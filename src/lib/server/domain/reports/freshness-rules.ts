// Freshness, pure (docs/rules/reports.md, Freshness): the share of a lot's shelf life left at a moment, and
// weighted averages of it. No database here.
import { Prisma } from '../../db/client.ts';

const D = (v: string | number | Prisma.Decimal) => new Prisma.Decimal(v);
const DAY_MS = 86_400_000;

/** A lot's expiry: its own date, else received + the item's shelf life when the item is perishable. */
export function expiryOf(
  lot: { receivedAt: Date; expiresAt: Date | null },
  item: { isPerishable: boolean; shelfLifeDays: number | null },
): Date | null {
  if (lot.expiresAt) return lot.expiresAt;
  if (item.isPerishable && item.shelfLifeDays) return new Date(lot.receivedAt.getTime() + item.shelfLifeDays * DAY_MS);
  return null;
}

/** (expiry − at) ÷ (expiry − received) × 100, clamped to 0–100, one decimal (half up). */
export function lotFreshness(receivedAt: Date, expiry: Date, at: Date): Prisma.Decimal {
  const life = expiry.getTime() - receivedAt.getTime();
  if (life <= 0) return D(0);
  const left = D(expiry.getTime() - at.getTime())
    .div(life)
    .times(100);
  return Prisma.Decimal.max(0, Prisma.Decimal.min(100, left)).toDecimalPlaces(1, Prisma.Decimal.ROUND_HALF_UP);
}

/** Σ(freshness × weight) ÷ Σ weight, one decimal; null without weight. */
export function weightedFreshness(parts: { freshness: Prisma.Decimal; weight: Prisma.Decimal }[]): Prisma.Decimal | null {
  const total = parts.reduce((s, p) => s.plus(p.weight), D(0));
  if (total.isZero()) return null;
  return parts
    .reduce((s, p) => s.plus(p.freshness.times(p.weight)), D(0))
    .div(total)
    .toDecimalPlaces(1, Prisma.Decimal.ROUND_HALF_UP);
}

export const ageInDays = (receivedAt: Date, at: Date) => Math.floor((at.getTime() - receivedAt.getTime()) / DAY_MS);
