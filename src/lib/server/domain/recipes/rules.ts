// Pure recipe rules: label prefixes, scaling, the proportional-difference check of variations and
// tests, and the diff of two versions. No database here, so each rule is unit-tested with plain data.
import { Prisma } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { convertUnits, findUnit, type UnitCatalog } from '../units/rules.ts';

type D = Prisma.Decimal;
type DV = string | number | Prisma.Decimal;
const dec = (v: DV) => new Prisma.Decimal(v);

/**
 * docs/rules/recipes.md (Label prefixes): alphanumeric words; 1 word → first 3 letters, 2 words → 2 + 1,
 * 3 or more → initials of the first three, none → RCP; uppercase; when taken (case-insensitive) append
 * 1, 2, 3, ….
 */
export function generatePrefix(name: string, taken: Iterable<string> = []): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter(Boolean);
  let base: string;
  if (words.length === 0) base = 'RCP';
  else if (words.length === 1) base = words[0]!.slice(0, 3);
  else if (words.length === 2) base = words[0]!.slice(0, 2) + words[1]!.slice(0, 1);
  else
    base = words
      .slice(0, 3)
      .map((w) => w[0])
      .join('');
  base = base.toUpperCase();
  const used = new Set([...taken].map((t) => t.toUpperCase()));
  if (!used.has(base)) return base;
  for (let n = 1; ; n++) if (!used.has(`${base}${n}`)) return `${base}${n}`;
}

/**
 * docs/rules/recipes.md (Label prefixes): a variation's default prefix is the group's prefix + V + the
 * variation's number in the group (BASE → BASEV1, BASEV2, …); a number already taken moves on to the next.
 */
export function variationPrefixFor(groupPrefix: string, n: number, taken: Iterable<string> = []): string {
  const used = new Set([...taken].map((t) => t.toUpperCase()));
  for (let i = n; ; i++) if (!used.has(`${groupPrefix.toUpperCase()}V${i}`)) return `${groupPrefix.toUpperCase()}V${i}`;
}

/** "Name", "Name (2)", "Name (3)", … : the first not in `taken` (case-insensitive). */
export function uniqueName(name: string, taken: Iterable<string>): string {
  const used = new Set([...taken].map((t) => t.toLowerCase()));
  if (!used.has(name.toLowerCase())) return name;
  for (let n = 2; ; n++) if (!used.has(`${name} (${n})`.toLowerCase())) return `${name} (${n})`;
}

export const MIN_SCALE = dec('0.001');
export const MAX_SCALE = dec('1000');

/** The scale must lie in 0.001×–1000× (docs/rules/recipes.md, Scaling). */
export function assertScale(scale: DV): D {
  let s: D;
  try {
    s = dec(scale);
  } catch {
    throw new AppError('VALIDATION', 'Scale must be a number.', { field: 'scale' });
  }
  if (!s.isFinite() || s.lt(MIN_SCALE) || s.gt(MAX_SCALE)) {
    throw new AppError('VALIDATION', `Scale must be between 0.001× and 1000× (got ${s.toString()}×).`, {
      field: 'scale',
      min: '0.001',
      max: '1000',
    });
  }
  return s;
}

/** factor = target yield ÷ predicted yield (same unit), checked against the allowed range. */
export function scaleFactor(targetYield: DV, predictedYield: DV | null): D {
  const p = predictedYield === null ? null : dec(predictedYield);
  if (!p || p.lte(0))
    throw new AppError('VALIDATION', 'The recipe has no predicted yield to scale from.', { field: 'targetYield' });
  return assertScale(dec(targetYield).div(p));
}

export type ScalableLine = { quantity: DV; unit: string };
/** Each line's quantity × factor, exact. */
export function scaleLines<L extends ScalableLine>(lines: L[], factor: DV): (L & { scaledQuantity: D })[] {
  const f = assertScale(factor);
  return lines.map((l) => ({ ...l, scaledQuantity: dec(l.quantity).mul(f) }));
}

/**
 * One line × scale. A count item (wicks, labels, jars in a line) is never scaled to a fraction of itself
 * (docs/rules/production-outputs.md): ×0.5 of 1 wick is 1 wick, rounded up, and the caller shows a notice.
 * "Whole" is judged in the count base unit, so ×0.5 of 1 dozen (6) stays 0.5 dozen.
 */
export function scaleLineQuantity(
  catalog: UnitCatalog,
  quantity: DV,
  unit: string,
  factor: DV,
): { quantity: D; roundedFrom: D | null } {
  const exact = dec(quantity).mul(dec(factor));
  const u = findUnit(catalog, unit);
  if (!u || u.unitType !== 'count') return { quantity: exact, roundedFrom: null };
  const f = u.isCustom && !u.factorKnown ? dec(1) : dec(u.factor);
  const base = exact.mul(f);
  if (base.isInteger()) return { quantity: exact, roundedFrom: null };
  return { quantity: base.ceil().div(f), roundedFrom: exact };
}

/** "×0.5 of 1 Wick is 0.5 count: count items are whole, so 1 count is used." */
export function countRoundingNotice(itemName: string, factor: DV, from: D, to: D, unit: string): string {
  return `×${fmtDec(dec(factor))} of ${itemName} gives ${fmtDec(from)} ${unit}: count items are whole, so ${fmtDec(to)} ${unit} will be used.`;
}

export type ProportionLine = { kind: string; itemId: string; quantity: DV; unit: string };
export type ProportionItem = { unit: string; density: Prisma.Decimal | string | null };

/**
 * Shares of each line in its kind's total, after converting every line to its item's unit. A line that
 * cannot be converted keeps its raw quantity under a unit-specific key, so it can only ever "differ".
 */
function shares(catalog: UnitCatalog, lines: ProportionLine[], items: Map<string, ProportionItem>): Map<string, D> {
  const amounts = new Map<string, D>();
  const totals = new Map<string, D>();
  for (const l of lines) {
    const item = items.get(l.itemId);
    const conv = item
      ? convertUnits(catalog, { amount: l.quantity, from: l.unit, to: item.unit, density: item.density })
      : null;
    const key = conv?.ok ? `${l.kind}:${l.itemId}` : `${l.kind}:${l.itemId}:${l.unit}`;
    const v = conv?.ok ? conv.value : dec(l.quantity);
    amounts.set(key, (amounts.get(key) ?? dec(0)).plus(v));
    totals.set(l.kind, (totals.get(l.kind) ?? dec(0)).plus(v));
  }
  const out = new Map<string, D>();
  for (const [key, v] of amounts) {
    const total = totals.get(key.split(':')[0]!)!;
    out.set(key, total.isZero() ? dec(0) : v.div(total));
  }
  return out;
}

/** 0.01 % of the kind's total, as a share. */
export const PROPORTION_TOLERANCE = dec('0.0001');

/**
 * True when the two line sets hold the same items in the same proportions (per kind, within 0.01 %),
 * i.e. one is at most a rescale of the other: 100 g ≡ 3.527396 oz.
 */
export function sameProportions(
  catalog: UnitCatalog,
  a: ProportionLine[],
  b: ProportionLine[],
  items: Map<string, ProportionItem>,
): boolean {
  const sa = shares(catalog, a, items);
  const sb = shares(catalog, b, items);
  if (sa.size !== sb.size) return false;
  for (const [key, v] of sa) {
    const w = sb.get(key);
    if (!w || v.minus(w).abs().gt(PROPORTION_TOLERANCE)) return false;
  }
  return true;
}

export type DiffableLine = {
  kind: string;
  itemId: string;
  itemName: string;
  quantity: string;
  unit: string;
  notes?: string | null;
};
export type DiffableRecipe = {
  name: string;
  status: string;
  predictedYield: string | null;
  yieldUnit: string;
  isPortioned: boolean;
  portionName: string | null;
  portionCount: number | null;
  productCategoryId: string | null;
  instructions: string;
  allowedContainerIds: string[];
  lines: DiffableLine[];
};
export type FieldChange = { field: string; from: unknown; to: unknown };
export type LineChange = {
  kind: string;
  itemId: string;
  itemName: string;
  change: 'added' | 'removed' | 'changed' | 'same';
  from: { quantity: string; unit: string } | null;
  to: { quantity: string; unit: string } | null;
};

const FIELD_KEYS = [
  'name',
  'status',
  'predictedYield',
  'yieldUnit',
  'isPortioned',
  'portionName',
  'portionCount',
  'productCategoryId',
  'instructions',
  'allowedContainerIds',
] as const;

const norm = (v: unknown) =>
  v === null || v === undefined || v === '' ? null : Array.isArray(v) ? [...v].sort().join(',') : v;
const sameQty = (a: string, b: string) => dec(a).eq(dec(b));

/** Field-by-field and line-by-line differences from `a` to `b`. */
export function diffRecipes(
  a: DiffableRecipe,
  b: DiffableRecipe,
): { fields: FieldChange[]; lines: LineChange[]; changed: boolean } {
  const fields: FieldChange[] = [];
  for (const k of FIELD_KEYS) {
    const x = a[k];
    const y = b[k];
    const equal =
      k === 'predictedYield' && x !== null && y !== null ? sameQty(String(x), String(y)) : norm(x) === norm(y);
    if (!equal) fields.push({ field: k, from: x, to: y });
  }
  const key = (l: DiffableLine) => `${l.kind}:${l.itemId}`;
  const bByKey = new Map(b.lines.map((l) => [key(l), l]));
  const aKeys = new Set(a.lines.map(key));
  const lines: LineChange[] = [];
  for (const l of a.lines) {
    const other = bByKey.get(key(l));
    const from = { quantity: l.quantity, unit: l.unit };
    if (!other) lines.push({ kind: l.kind, itemId: l.itemId, itemName: l.itemName, change: 'removed', from, to: null });
    else {
      const to = { quantity: other.quantity, unit: other.unit };
      const same = l.unit === other.unit && sameQty(l.quantity, other.quantity);
      lines.push({ kind: l.kind, itemId: l.itemId, itemName: l.itemName, change: same ? 'same' : 'changed', from, to });
    }
  }
  for (const l of b.lines) {
    if (!aKeys.has(key(l)))
      lines.push({
        kind: l.kind,
        itemId: l.itemId,
        itemName: l.itemName,
        change: 'added',
        from: null,
        to: { quantity: l.quantity, unit: l.unit },
      });
  }
  return { fields, lines, changed: fields.length > 0 || lines.some((l) => l.change !== 'same') };
}

/** "Yield amount, Portion count and Ingredients". */
export function joinLabels(labels: string[]): string {
  if (labels.length <= 1) return labels.join('');
  return `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
}

export const INTERMEDIATE_SUFFIX = ' (Intermediate)';
/** The intermediate item a recipe group's batches produce. */
export function intermediateNameFor(groupName: string): string {
  return `${groupName}${INTERMEDIATE_SUFFIX}`;
}
/** The group name an intermediate item was produced by, or null when the name is not an intermediate's. */
export function producerGroupName(itemName: string): string | null {
  return itemName.endsWith(INTERMEDIATE_SUFFIX) ? itemName.slice(0, -INTERMEDIATE_SUFFIX.length) : null;
}

/**
 * Cycle search over "group uses intermediate of group" edges: returns the path from `start` back to
 * `target` (group names), or null. `uses(group)` lists the producer groups of the intermediates it uses.
 */
export function findCyclePath(target: string, start: string, uses: Map<string, string[]>): string[] | null {
  const key = (s: string) => s.toLowerCase();
  const queue: string[][] = [[start]];
  const seen = new Set<string>([key(start)]);
  while (queue.length) {
    const path = queue.shift()!;
    const at = path[path.length - 1]!;
    if (key(at) === key(target)) return path;
    for (const next of uses.get(key(at)) ?? []) {
      if (key(next) === key(target)) return [...path, next];
      if (seen.has(key(next))) continue;
      seen.add(key(next));
      queue.push([...path, next]);
    }
  }
  return null;
}

export const fmtDec = (v: D) => v.toDecimalPlaces(6).toString();
