/**
 * The one money formatter (docs/rules/money-display.md). Every amount of money the app shows goes through
 * formatMoney or formatUnitCost, in the organization's currency (an ISO 4217 code, default USD):
 * - an amount shows 2 decimals, or 4 when it is below one cent (so $0.0042 does not read as $0.00);
 * - a unit cost shows as many decimals as it needs, at least 2 and at most 6 (the books keep micro-units).
 * The locale is fixed (en-US digits) so the server's and the browser's renderings agree.
 */
export const DEFAULT_CURRENCY = 'USD';

/** Anything that prints as a decimal number: the API's exact strings, numbers, Prisma Decimals. */
export type Amount = string | number | { toString(): string } | null | undefined;

const LOCALE = 'en-US';
const formatters = new Map<string, Intl.NumberFormat>();

function formatter(currency: string, min: number, max: number): Intl.NumberFormat {
  const key = `${currency}:${min}:${max}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALE, {
      style: 'currency',
      currency,
      minimumFractionDigits: min,
      maximumFractionDigits: max,
    });
    formatters.set(key, f);
  }
  return f;
}

function toNumber(amount: Amount): number | null {
  if (amount === null || amount === undefined || amount === '') return null;
  const n = typeof amount === 'number' ? amount : Number(String(amount));
  return Number.isFinite(n) ? n : null;
}

function currencyOf(currency: string | null | undefined): string {
  return currency && isCurrencyCode(currency) ? currency.toUpperCase() : DEFAULT_CURRENCY;
}

/** An amount of money: 2 decimals, or 4 below one cent. A missing amount is a dash. */
export function formatMoney(amount: Amount, currency?: string | null): string {
  const n = toNumber(amount);
  if (n === null) return amount === null || amount === undefined || amount === '' ? '—' : String(amount);
  const small = n !== 0 && Math.abs(n) < 0.01;
  const decimals = small ? 4 : 2;
  return formatter(currencyOf(currency), decimals, decimals).format(n);
}

/** A cost per unit: as many decimals as it needs, from 2 up to 6. */
export function formatUnitCost(amount: Amount, currency?: string | null): string {
  const n = toNumber(amount);
  if (n === null) return amount === null || amount === undefined || amount === '' ? '—' : String(amount);
  return formatter(currencyOf(currency), 2, 6).format(n);
}

/** The ISO 4217 codes this runtime knows, or null where Intl cannot list them (then three letters pass). */
function knownCodes(): Set<string> | null {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: 'currency') => string[] };
  return typeof intl.supportedValuesOf === 'function' ? new Set(intl.supportedValuesOf('currency')) : null;
}
let codes: Set<string> | null | undefined;

/** An ISO 4217 currency code (three letters, known to Intl), case-insensitive. */
export function isCurrencyCode(code: string): boolean {
  if (!/^[A-Za-z]{3}$/.test(code)) return false;
  if (codes === undefined) codes = knownCodes();
  return codes === null || codes.has(code.toUpperCase());
}
