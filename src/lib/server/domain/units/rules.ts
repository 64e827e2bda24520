/**
 * Pure unit-conversion engine (docs/rules/units.md). No I/O, no rounding: every result is an exact
 * decimal; callers round at named places with `roundQuantity` / `roundMoney`.
 *
 * Resolution order: custom mapping path → same unit → same unit type → volume↔weight via
 * density (g/ml) → MISSING_CUSTOM_MAPPING / UNSUPPORTED_CONVERSION.
 */
import { Prisma } from '../../db/client.ts';
import { STANDARD_UNITS } from './standard-units.ts';

type Decimal = Prisma.Decimal;

export type UnitType = 'weight' | 'volume' | 'length' | 'area' | 'count' | 'time';
export type UnitDef = {
  name: string;
  symbol: string;
  unitType: UnitType;
  factor: Prisma.Decimal;
  isCustom: boolean;
  /** Other spellings that resolve to this unit ("pound", "lbs"). */
  aliases?: string[];
  /** Custom units only: true once a same-type mapping gave the unit a real factor (until then it is a placeholder 1). */
  factorKnown?: boolean;
};
/** 1 fromUnit = factor × toUnit */
export type UnitMapping = { fromUnit: string; toUnit: string; factor: Prisma.Decimal };
export type ConversionType = 'custom' | 'custom_compound' | 'direct' | 'same_type' | 'density';
export type ConversionErrorCode =
  'MISSING_DENSITY' | 'MISSING_CUSTOM_MAPPING' | 'UNSUPPORTED_CONVERSION' | 'UNKNOWN_UNIT' | 'INVALID_AMOUNT';
export type ConversionResult =
  | { ok: true; value: Prisma.Decimal; type: ConversionType; densityUsed: Prisma.Decimal | null; path: string[] }
  | { ok: false; code: ConversionErrorCode; message: string; unit?: string; fromType?: UnitType; toType?: UnitType };
export type ConversionInput = {
  amount: Prisma.Decimal | string | number;
  from: string;
  to: string;
  density?: Prisma.Decimal | string | null;
};
export type UnitCatalog = { units: UnitDef[]; mappings: UnitMapping[] };

const ONE = () => new Prisma.Decimal(1);

/** The standard units as `UnitDef`s (isCustom=false), handy for building a catalog. */
export function standardUnitDefs(): UnitDef[] {
  return STANDARD_UNITS.map((s) => ({
    name: s.name,
    symbol: s.symbol,
    unitType: s.unitType,
    factor: new Prisma.Decimal(s.factor),
    isCustom: false,
    aliases: s.aliases ?? [],
  }));
}

/** Lower case, one space between words, no dots: "Fl. Oz" → "fl oz". */
const loose = (s: string) => s.toLowerCase().replace(/\./g, ' ').replace(/\s+/g, ' ').trim();

/**
 * Find a unit by name (preferred), symbol, then alias, case-insensitive; last, the same ignoring dots
 * and spacing ("fl. oz", "Fl.Oz"). Names win so an organization's custom unit is never shadowed by an alias.
 */
export function findUnit(catalog: UnitCatalog, nameOrSymbol: string): UnitDef | undefined {
  const key = String(nameOrSymbol ?? '')
    .trim()
    .toLowerCase();
  if (!key) return undefined;
  const units = catalog.units;
  const exact =
    units.find((x) => x.name.toLowerCase() === key) ??
    units.find((x) => x.symbol.toLowerCase() === key) ??
    units.find((x) => x.aliases?.some((a) => a.toLowerCase() === key));
  if (exact) return exact;
  const k = loose(key);
  if (!k) return undefined;
  return (
    units.find((x) => loose(x.name) === k) ??
    units.find((x) => loose(x.symbol) === k) ??
    units.find((x) => x.aliases?.some((a) => loose(a) === k)) ??
    units.find((x) => loose(x.symbol).replace(/ /g, '') === k.replace(/ /g, ''))
  );
}

/** Round half-up to `places` decimals (default 3). */
export function roundQuantity(v: Prisma.Decimal, places = 3): Prisma.Decimal {
  return new Prisma.Decimal(v).toDecimalPlaces(places, Prisma.Decimal.ROUND_HALF_UP);
}

/** Round half-up to 2 decimals. */
export function roundMoney(v: Prisma.Decimal): Prisma.Decimal {
  return roundQuantity(v, 2);
}

function parseAmount(amount: ConversionInput['amount']): Decimal | null {
  try {
    if (amount === null || amount === undefined) return null;
    if (typeof amount === 'number') {
      if (!Number.isFinite(amount)) return null;
    } else if (typeof amount === 'string') {
      if (!/^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/.test(amount)) return null;
    }
    const d = new Prisma.Decimal(typeof amount === 'string' ? amount.trim() : amount);
    if (!d.isFinite() || (d.isNegative() && !d.isZero())) return null;
    return d.isZero() ? new Prisma.Decimal(0) : d;
  } catch {
    return null;
  }
}

function parseDensity(density: ConversionInput['density']): Decimal | null {
  if (density === null || density === undefined || density === '') return null;
  try {
    const d = new Prisma.Decimal(density);
    return d.isFinite() && d.greaterThan(0) ? d : null;
  } catch {
    return null;
  }
}

type Ratio = { num: Decimal; den: Decimal };
type Node = { key: string; unit: UnitDef | undefined; ratio: Ratio; hops: number; path: string[] };

/**
 * Step 1: BFS over custom mappings (both directions; the inverse divides by the factor),
 * multi-hop, optionally starting/ending with a same-type step between standard units.
 * The multiplier is kept as an exact fraction num/den so inverse hops stay exact.
 */
function findMappingPath(
  catalog: UnitCatalog,
  from: UnitDef,
  to: UnitDef,
): { ratio: Ratio; hops: number; path: string[] } | null {
  const keyOf = (raw: string) => (findUnit(catalog, raw)?.name ?? raw.trim()).toLowerCase();
  const unitOf = (key: string) => catalog.units.find((x) => x.name.toLowerCase() === key);
  const fromKey = from.name.toLowerCase();
  const toKey = to.name.toLowerCase();

  const edges = new Map<string, { to: string; factor: Decimal; inverse: boolean }[]>();
  const addEdge = (a: string, b: string, factor: Decimal, inverse: boolean) => {
    if (!edges.has(a)) edges.set(a, []);
    edges.get(a)!.push({ to: b, factor, inverse });
  };
  for (const m of catalog.mappings) {
    const factor = new Prisma.Decimal(m.factor);
    if (!factor.isFinite() || factor.lessThanOrEqualTo(0)) continue;
    const a = keyOf(m.fromUnit);
    const b = keyOf(m.toUnit);
    if (a === b) continue;
    addEdge(a, b, factor, false);
    addEdge(b, a, factor, true);
  }
  if (!edges.has(fromKey) && !edges.has(toKey)) return null;

  const sameTypeStandard = (a: UnitDef | undefined, b: UnitDef | undefined) =>
    !!a && !!b && !a.isCustom && !b.isCustom && a.unitType === b.unitType;

  const queue: Node[] = [{ key: fromKey, unit: from, ratio: { num: ONE(), den: ONE() }, hops: 0, path: [from.name] }];
  const visited = new Set<string>([fromKey]);
  // Optional leading same-type step from a standard unit into a mapped standard unit (kg → g → scoop).
  for (const key of edges.keys()) {
    const unit = unitOf(key);
    if (key !== fromKey && sameTypeStandard(from, unit)) {
      visited.add(key);
      queue.push({
        key,
        unit,
        ratio: { num: new Prisma.Decimal(from.factor), den: new Prisma.Decimal(unit!.factor) },
        hops: 0,
        path: [from.name, unit!.name],
      });
    }
  }

  while (queue.length) {
    const node = queue.shift()!;
    for (const e of edges.get(node.key) ?? []) {
      if (visited.has(e.to)) continue;
      visited.add(e.to);
      const unit = unitOf(e.to);
      const ratio = e.inverse
        ? { num: node.ratio.num, den: node.ratio.den.mul(e.factor) }
        : { num: node.ratio.num.mul(e.factor), den: node.ratio.den };
      const next: Node = { key: e.to, unit, ratio, hops: node.hops + 1, path: [...node.path, unit?.name ?? e.to] };
      if (e.to === toKey) return { ratio: next.ratio, hops: next.hops, path: next.path };
      if (sameTypeStandard(unit, to)) {
        return {
          ratio: { num: ratio.num.mul(unit!.factor), den: ratio.den.mul(to.factor) },
          hops: next.hops,
          path: [...next.path, to.name],
        };
      }
      queue.push(next);
    }
  }
  return null;
}

type Resolved =
  | { ok: true; ratio: Ratio; type: ConversionType; densityUsed: Decimal | null; path: string[] }
  | Extract<ConversionResult, { ok: false }>;

const ok = (ratio: Ratio, type: ConversionType, path: string[], densityUsed: Decimal | null = null): Resolved => ({
  ok: true,
  ratio,
  type,
  densityUsed,
  path,
});
const ratio = (num: Decimal, den: Decimal = ONE()): Ratio => ({ num, den });

/** Convert `amount` of `from` into `to`. Exact (never rounds). */
export function convertUnits(catalog: UnitCatalog, input: ConversionInput): ConversionResult {
  const amount = parseAmount(input.amount);
  if (!amount) return { ok: false, code: 'INVALID_AMOUNT', message: 'Amount must be a number zero or greater' };
  return applyRatio(resolveConversion(catalog, input), amount);
}

function applyRatio(r: Resolved, amount: Decimal): ConversionResult {
  if (!r.ok) return r;
  // Multiply before dividing, so only the final division can be inexact.
  return {
    ok: true,
    value: amount.mul(r.ratio.num).div(r.ratio.den),
    type: r.type,
    densityUsed: r.densityUsed,
    path: r.path,
  };
}

/** Resolve the multiplier (as an exact fraction) that converts 1 `from` into `to`. */
function resolveConversion(catalog: UnitCatalog, input: Pick<ConversionInput, 'from' | 'to' | 'density'>): Resolved {
  const from = findUnit(catalog, input.from);
  if (!from)
    return { ok: false, code: 'UNKNOWN_UNIT', message: `Unknown unit "${input.from}"`, unit: String(input.from) };
  const to = findUnit(catalog, input.to);
  if (!to) return { ok: false, code: 'UNKNOWN_UNIT', message: `Unknown unit "${input.to}"`, unit: String(input.to) };

  // 1. Custom mapping path.
  const mapped = findMappingPath(catalog, from, to);
  if (mapped) {
    return ok(mapped.ratio, mapped.hops > 1 ? 'custom_compound' : 'custom', mapped.path);
  }

  // 2. Same unit.
  if (from === to) return ok(ratio(ONE()), 'direct', [from.name]);

  // 3. Same unit type (a custom unit takes part only once a same-type mapping has set its factor).
  const hasFactor = (u: UnitDef) => !u.isCustom || u.factorKnown === true;
  if (from.unitType === to.unitType && hasFactor(from) && hasFactor(to)) {
    return ok(ratio(new Prisma.Decimal(from.factor), new Prisma.Decimal(to.factor)), 'same_type', [from.name, to.name]);
  }

  // 4. Volume ↔ weight via density (g/ml).
  const isVW =
    (from.unitType === 'volume' && to.unitType === 'weight') ||
    (from.unitType === 'weight' && to.unitType === 'volume');
  // A custom unit takes part once its factor is known (a scoop = 2 tbsp is a volume like any other).
  if (isVW && hasFactor(from) && hasFactor(to)) {
    const density = parseDensity(input.density);
    if (!density) {
      return {
        ok: false,
        code: 'MISSING_DENSITY',
        message: `Converting ${from.symbol} to ${to.symbol} needs a density (g/ml)`,
        fromType: from.unitType,
        toType: to.unitType,
      };
    }
    // to base (ml or g), across via density, then to target.
    const r =
      from.unitType === 'volume'
        ? ratio(new Prisma.Decimal(from.factor).mul(density), new Prisma.Decimal(to.factor))
        : ratio(new Prisma.Decimal(from.factor), density.mul(to.factor));
    return ok(r, 'density', [from.name, to.name], density);
  }

  // 5. Errors.
  const custom = from.isCustom ? from : to.isCustom ? to : null;
  if (custom) {
    return {
      ok: false,
      code: 'MISSING_CUSTOM_MAPPING',
      message: `No conversion is defined for custom unit "${custom.name}"`,
      unit: custom.name,
      fromType: from.unitType,
      toType: to.unitType,
    };
  }
  return {
    ok: false,
    code: 'UNSUPPORTED_CONVERSION',
    message: `Cannot convert ${from.symbol} to ${to.symbol}`,
    fromType: from.unitType,
    toType: to.unitType,
  };
}

/**
 * Convert a unit cost (`cost` per `unit`) into a cost per `targetUnit`:
 * cost per target = cost × (1 targetUnit expressed in `unit`). Exact; round with `roundMoney`.
 */
export function costPerUnitIn(
  catalog: UnitCatalog,
  cost: Prisma.Decimal,
  unit: string,
  targetUnit: string,
  density?: Prisma.Decimal | string | null,
): ConversionResult {
  const c = parseAmount(cost);
  if (!c) return { ok: false, code: 'INVALID_AMOUNT', message: 'Amount must be a number zero or greater' };
  return applyRatio(resolveConversion(catalog, { from: targetUnit, to: unit, density }), c);
}
