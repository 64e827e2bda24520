// How a plan or add-on price reads ("$19.00 / month"): exact cents through the one money formatter.
import { formatMoney } from './money.ts';

export type PriceView = { cents: number; currency: string; interval: 'month' | 'year' | 'one_time' };

/** Cents as an exact decimal string (1900 → "19.00"), no floating point. */
export function centsToDecimal(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(cents));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export function formatPrice(p: PriceView | null | undefined): string {
  if (!p) return '';
  if (p.cents === 0) return 'Free';
  const amount = formatMoney(centsToDecimal(p.cents), p.currency);
  return p.interval === 'one_time' ? `${amount} once` : `${amount} / ${p.interval}`;
}
