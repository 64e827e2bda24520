// Input primitives. Every text, number and date an input schema accepts is built from these, so that
// whatever a request carries fits the column it lands in (prisma/schema.prisma) and never reaches the
// database as a server error: no NUL or control characters in text, decimals within the precision and
// scale of their kind of column, integers within int4, dates within a sane range. The bounds live here,
// one place per kind (docs/rules/input-limits.md).
import { z } from 'zod';
// Messages for people where a schema gives none, for every schema built from these primitives.
import './messages.ts';

// ---------------------------------------------------------------- text

/** C0 and C1 control characters and DEL. Postgres refuses NUL (0x00) outright; the rest is never typed. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
/** The same, allowing tab, line feed and carriage return: notes, instructions, CSV files. */
// eslint-disable-next-line no-control-regex -- as above
const CONTROL_MULTILINE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

export const hasControlCharacters = (s: string, multiline = false) => (multiline ? CONTROL_MULTILINE : CONTROL).test(s);

const CONTROL_MESSAGE = 'Remove the control characters (such as NUL) from this text';

/** One line of text, trimmed: names, units, search terms, tags. Chain `.min()` / `.max()` as usual. */
export const Text = () =>
  z
    .string()
    .trim()
    .refine((s) => !CONTROL.test(s), CONTROL_MESSAGE);

/** Text over several lines, trimmed: notes, instructions, reasons. Tabs and line breaks are kept. */
export const MultilineText = () =>
  z
    .string()
    .trim()
    .refine((s) => !CONTROL_MULTILINE.test(s), CONTROL_MESSAGE);

/** A secret typed by a person (passwords, tokens): not trimmed, no control characters. */
export const Secret = () => z.string().refine((s) => !CONTROL.test(s), 'Remove the control characters from this text');

/** Free-form JSON stored as jsonb (Postgres jsonb refuses \u0000 too): no control characters in any key or string. */
export const JsonRecord = () =>
  z
    .record(Text().max(100), z.unknown())
    .refine((v) => !jsonHasControl(v), 'Remove the control characters from this data');

function jsonHasControl(v: unknown, depth = 0): boolean {
  if (depth > 20) return true;
  if (typeof v === 'string') return CONTROL_MULTILINE.test(v);
  if (Array.isArray(v)) return v.some((x) => jsonHasControl(x, depth + 1));
  if (v && typeof v === 'object')
    return Object.entries(v).some(([k, x]) => CONTROL.test(k) || jsonHasControl(x, depth + 1));
  return false;
}

// ---------------------------------------------------------------- decimals

/**
 * The kinds of numeric column, with the precision and scale of prisma/schema.prisma's @db.Decimal(p, s).
 * An input of a kind has at most `scale` decimals and fewer than `precision - scale` integer digits, so it is
 * stored exactly as entered: what the lots keep is what the events say.
 */
export const DECIMAL_KINDS = {
  /** Quantities, thresholds, capacities, yields, fill amounts: Decimal(20, 6). */
  quantity: { precision: 20, scale: 6, label: 'Quantity' },
  /** Amounts of money (a total paid, a price): Decimal(20, 6), as batch and line totals are kept. */
  money: { precision: 20, scale: 6, label: 'Cost' },
  /** A cost per unit (per gram can be $0.0000599): Decimal(28, 12), as lots and items keep it. */
  unitCost: { precision: 28, scale: 12, label: 'Cost per unit' },
  /** Densities and scale factors: Decimal(12, 6). */
  rate: { precision: 12, scale: 6, label: 'Value' },
  /** Unit conversion factors: Decimal(40, 20). */
  factor: { precision: 40, scale: 20, label: 'Factor' },
  /** Diameters of containers and wick ranges: Decimal(12, 4). */
  diameter: { precision: 12, scale: 4, label: 'Diameter' },
  /** Percentages of a batch: Decimal(9, 4). */
  percent: { precision: 9, scale: 4, label: 'Percentage' },
} as const;
export type DecimalKind = keyof typeof DECIMAL_KINDS;

/** The integer column kind: Postgres int4. */
export const INT4_MAX = 2_147_483_647;
export const INT4_MIN = -2_147_483_648;

const DECIMAL_FORMAT = /^[+-]?\d+(\.\d+)?$/;

/** 100000000000000 → "100,000,000,000,000" (no locale: the same on server and browser). */
const groupDigits = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** The exclusive upper bound of a kind, written for people: "100,000,000,000,000". */
export const decimalLimitText = (kind: DecimalKind) => {
  const k = DECIMAL_KINDS[kind];
  return groupDigits(`1${'0'.repeat(k.precision - k.scale)}`);
};

export type DecimalSign = 'any' | 'nonNegative' | 'positive';

/**
 * Why a decimal string does not fit a kind, in words for people, or null when it fits. Used by the schemas
 * below and by checks that read numbers from elsewhere (a CSV row). Trailing zeros do not count as decimals.
 */
export function decimalProblem(
  value: string,
  kind: DecimalKind,
  opts: { sign?: DecimalSign; label?: string } = {},
): string | null {
  const k = DECIMAL_KINDS[kind];
  const label = opts.label ?? k.label;
  if (!DECIMAL_FORMAT.test(value)) return `${label} must be a number`;
  const negative = value.startsWith('-');
  const [intPart = '', fracPart = ''] = value.replace(/^[+-]/, '').split('.');
  const decimals = fracPart.replace(/0+$/, '');
  const integer = intPart.replace(/^0+/, '');
  const isZero = !integer && !decimals;
  const sign = opts.sign ?? 'any';
  if (sign === 'positive' && (negative || isZero)) return `${label} must be greater than 0`;
  if (sign === 'nonNegative' && negative && !isZero) return `${label} must be zero or greater`;
  if (decimals.length > k.scale) return `${label} can have at most ${k.scale} decimals`;
  if (integer.length > k.precision - k.scale) return `${label} must be less than ${decimalLimitText(kind)}`;
  return null;
}

/**
 * A decimal of a kind. Exact decimals travel as strings; JavaScript numbers are accepted from forms and
 * converted once (1e20 becomes "100000000000000000000" and is refused as too large, 1e-7 is not a number here).
 */
export function decimal(kind: DecimalKind, opts: { sign?: DecimalSign; label?: string } = {}) {
  return z
    .union([z.string(), z.number()], { message: `${opts.label ?? DECIMAL_KINDS[kind].label} must be a number` })
    .transform((v) => String(v).trim())
    .superRefine((v, ctx) => {
      const problem = decimalProblem(v, kind, opts);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .meta({ decimalKind: kind, decimalSign: opts.sign ?? 'any' }); // the inputs' step and floor (field-limits.ts)
}

type DecimalOpts = { sign?: DecimalSign; label?: string };
/** A quantity (any sign unless told); the domain names the line when it checks more. */
export const quantity = (opts: DecimalOpts = {}) => decimal('quantity', opts);
/** An amount of money, zero or greater unless told. */
export const money = (opts: DecimalOpts = {}) => decimal('money', { sign: 'nonNegative', ...opts });
/** A cost per unit, zero or greater unless told. */
export const unitCost = (opts: DecimalOpts = {}) => decimal('unitCost', { sign: 'nonNegative', ...opts });
/** A density or scale factor, greater than 0 unless told. */
export const rate = (opts: DecimalOpts = {}) => decimal('rate', { sign: 'positive', ...opts });

// ---------------------------------------------------------------- integers and dates

/** A whole number within int4 (or narrower bounds). Chain `.min()` / `.max()` with their messages. */
export const Int = () => z.number().int('Enter a whole number').min(INT4_MIN).max(INT4_MAX);
/** A count of things: a whole number from `min` to `max` (int4 at most), `unit` naming what is counted. */
export const Count = (min = 0, label = 'Count', max = INT4_MAX, unit = '') =>
  z
    .number()
    .int(`${label} must be a whole number`)
    .min(min, `${label} must be at least ${min}${unit}`)
    .max(Math.min(max, INT4_MAX), `${label} must be at most ${groupDigits(String(Math.min(max, INT4_MAX)))}${unit}`);

/** A page number of a list (the same bound as readPage in shared/list-query.ts). */
export const PAGE_MAX = 100_000;
export const PageNumber = () => z.number().int().min(1).max(PAGE_MAX);
/** Rows per page of a list, from 1 to `max`. */
export const PageSize = (max: number) => Count(1, 'Page size', max);

export const DATE_MIN = new Date('1900-01-01T00:00:00.000Z');
export const DATE_MAX = new Date('2200-01-01T00:00:00.000Z');

/** A date from a form or a request (ISO string, timestamp or Date), between 1900 and 2200. */
export const DateInput = () =>
  z.coerce
    .date({ message: 'Enter a valid date' })
    .min(DATE_MIN, 'Enter a date after 1900')
    .max(DATE_MAX, 'Enter a date before 2200');
