// Malformed inputs derived from a procedure's zod input schema, for tests/integration/fuzz-procedures.test.ts.
// It reads zod 4's schema definitions (`_zod.def`) far enough to know each leaf: text, uuid, number,
// decimal (string | number), date, enum, boolean, array, record and object. From that it builds
//  - benign values (a shape the schema accepts, ids taken from the fixture by field name),
//  - the five classes of the hardening issue applied to every leaf: NUL in text, numbers beyond the columns,
//    unknown uuids, missing ids, dates out of range,
//  - fast-check arbitraries that mix hostile leaves into otherwise well-formed shapes.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';

type Def = { type: string; [k: string]: any };
type Schema = { _zod: { def: Def }; safeParse(v: unknown): { success: boolean } };
export type Leaf = 'text' | 'uuid' | 'number' | 'decimal' | 'date' | 'enum' | 'boolean' | 'literal' | 'other';

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'nonoptional', 'catch']);

const defOf = (s: Schema): Def => s._zod.def;

/** The schema under optional/default/pipe wrappers. */
export function unwrap(s: Schema): Schema {
  let cur = s;
  for (let i = 0; i < 10; i++) {
    const d = defOf(cur);
    if (WRAPPERS.has(d.type)) cur = d.innerType;
    else if (d.type === 'pipe') cur = defOf(d.in).type === 'transform' ? d.out : d.in;
    else return cur;
  }
  return cur;
}

const isOptional = (s: Schema) => {
  const t = defOf(s).type;
  return t === 'optional' || t === 'default' || t === 'prefault' || t === 'nullable';
};

export function leafKind(s: Schema): Leaf | 'object' | 'array' | 'record' | 'union' {
  const u = unwrap(s);
  const d = defOf(u);
  switch (d.type) {
    case 'object':
    case 'array':
    case 'record':
      return d.type;
    case 'union': {
      const kinds = new Set(d.options.map((o: Schema) => defOf(unwrap(o)).type));
      if (kinds.has('string') && kinds.has('number')) return 'decimal';
      return 'union';
    }
    case 'string':
      return d.format === 'uuid' || d.format === 'guid' ? 'uuid' : 'text';
    case 'number':
      return 'number';
    case 'date':
      return 'date';
    case 'enum':
      return 'enum';
    case 'boolean':
      return 'boolean';
    case 'literal':
      return 'literal';
    default:
      return 'other';
  }
}

export type IdPool = Record<string, string[]>;

const TEXT_CANDIDATES = ['Fuzz value', 'fuzz_user', 'fuzz@example.com', 'gram', 'A reason given', 'FUZZ', 'x'];
const NUMBER_CANDIDATES = [1, 7, 30, 60, 0, 10];
const DECIMAL_CANDIDATES = ['1', '2', '0.5', '0'];

/** A value the schema accepts, leaning on the fixture's ids for fields named like them. */
export function benign(s: Schema, key: string, ids: IdPool, full: boolean): unknown {
  const u = unwrap(s);
  const d = defOf(u);
  const kind = leafKind(s);
  const pick = <T>(cands: T[]): T | undefined => cands.find((c) => u.safeParse(c).success);
  switch (kind) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(d.shape as Record<string, Schema>)) {
        if (!full && isOptional(v)) continue;
        const value = benign(v, k, ids, full);
        if (value !== undefined) out[k] = value;
      }
      return out;
    }
    case 'array': {
      const min = (d.checks ?? []).map((c: any) => c._zod.def.minimum).find((m: unknown) => typeof m === 'number');
      return min || full ? [benign(d.element, key, ids, full)] : [];
    }
    case 'record':
      return {};
    case 'union':
      return benign(d.options[0], key, ids, full);
    case 'uuid':
      return ids[key]?.[0] ?? randomUUID();
    case 'text':
      return pick(TEXT_CANDIDATES) ?? 'Fuzz value';
    case 'number':
      return pick(NUMBER_CANDIDATES) ?? 1;
    case 'decimal':
      return pick(DECIMAL_CANDIDATES) ?? '1';
    case 'date':
      return new Date('2026-06-01T00:00:00.000Z');
    case 'enum':
      return Object.values(d.entries)[0];
    case 'boolean':
      return false;
    case 'literal':
      return d.values[0];
    default:
      return undefined;
  }
}

/** Every leaf of a value with its schema kind: [path, kind]. Walks the value and the schema together. */
export function leaves(s: Schema, value: unknown, path: (string | number)[] = []): [(string | number)[], Leaf][] {
  const kind = leafKind(s);
  const d = defOf(unwrap(s));
  if (kind === 'object' && value && typeof value === 'object') {
    return Object.entries(d.shape as Record<string, Schema>).flatMap(([k, v]) =>
      k in (value as object) ? leaves(v, (value as Record<string, unknown>)[k], [...path, k]) : [],
    );
  }
  if (kind === 'array' && Array.isArray(value)) return value.flatMap((v, i) => leaves(d.element, v, [...path, i]));
  if (kind === 'union') return leaves(d.options[0], value, path);
  if (kind === 'record') return [];
  return [[path, kind as Leaf]];
}

function setAt(value: unknown, path: (string | number)[], leaf: unknown, remove = false): unknown {
  const copy = structuredClone(value) as any;
  if (!path.length) return leaf;
  let cur = copy;
  for (const k of path.slice(0, -1)) cur = cur[k];
  const last = path[path.length - 1]!;
  if (remove) delete cur[last];
  else cur[last] = leaf;
  return copy;
}

export const HUGE_NUMBERS: unknown[] = [2147483648, -2147483649, 1e20, 1.5];
export const HUGE_DECIMALS: unknown[] = ['999999999999999999999999999999', 1e20, '1.0000001', '0.0000001', '-1'];
export const BAD_DATES: unknown[] = ['-271821-04-20', new Date(8.64e15), '9999-12-31T00:00:00.000Z', 'not a date'];

export type Variant = { cls: 'nul' | 'huge' | 'unknown-id' | 'missing-id' | 'date' | 'schema'; input: unknown };

/** The five classes applied to every leaf of a base input. */
export function classVariants(s: Schema, base: unknown): Variant[] {
  const out: Variant[] = [];
  for (const [path, kind] of leaves(s, base)) {
    if (kind === 'text' || kind === 'uuid' || kind === 'enum')
      out.push({ cls: 'nul', input: setAt(base, path, `Fuzz\u0000value\u0007`) });
    if (kind === 'number') for (const n of HUGE_NUMBERS) out.push({ cls: 'huge', input: setAt(base, path, n) });
    if (kind === 'decimal') for (const n of HUGE_DECIMALS) out.push({ cls: 'huge', input: setAt(base, path, n) });
    if (kind === 'uuid') {
      out.push({ cls: 'unknown-id', input: setAt(base, path, randomUUID()) });
      out.push({ cls: 'missing-id', input: setAt(base, path, undefined, true) });
    }
    if (kind === 'date') for (const v of BAD_DATES) out.push({ cls: 'date', input: setAt(base, path, v) });
  }
  return out;
}

const hostileText = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('\u0000', 'a\u0000b', '\u0007bell', ' ', '', 'x'.repeat(300), 'gram', "'; DROP TABLE users; --"),
);
const hostileNumber = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: false }),
  fc.constantFrom(2147483647, 2147483648, -2147483649, 0, -1, Number.MAX_SAFE_INTEGER, 1e308),
);
const hostileDecimal = fc.oneof(
  fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.tuple(fc.nat({ max: 99999 }), fc.nat()).map(([a, b]) => `${a}.${b}`),
  fc.constantFrom('1e20', '0', '-0.5', '0.0000001', 'NaN', ' 1 ', '1,5', '99999999999999.999999'),
);
const hostileDate = fc.oneof(
  fc.date({ noInvalidDate: false }),
  fc.integer({ min: -8.64e15, max: 8.64e15 }).map((t) => new Date(t).toISOString()),
  fc.constantFrom('-271821-04-20', '0000-01-01', '2026-02-30', ''),
);

/** An arbitrary for the schema: well-formed shapes (sometimes missing keys) with hostile leaves. */
export function arbitraryFor(s: Schema, key: string, ids: IdPool, depth = 0): fc.Arbitrary<unknown> {
  const u = unwrap(s);
  const d = defOf(u);
  const kind = leafKind(s);
  const known = ids[key] ?? [];
  let arb: fc.Arbitrary<unknown>;
  switch (kind) {
    case 'object': {
      const shape = Object.fromEntries(
        Object.entries(d.shape as Record<string, Schema>).map(([k, v]) => [k, arbitraryFor(v, k, ids, depth + 1)]),
      );
      // Every key may be left out: a required id missing is one of the classes.
      arb = fc.record(shape, { requiredKeys: [] });
      break;
    }
    case 'array':
      arb = depth > 3 ? fc.constant([]) : fc.array(arbitraryFor(d.element, key, ids, depth + 1), { maxLength: 3 });
      break;
    case 'record':
      arb = fc.dictionary(
        fc.oneof(fc.uuid(), fc.constantFrom(...(ids.itemId ?? ['x']))),
        arbitraryFor(d.valueType, key, ids, depth + 1),
        { maxKeys: 2 },
      );
      break;
    case 'union':
      arb = fc.oneof(...d.options.map((o: Schema) => arbitraryFor(o, key, ids, depth + 1)));
      break;
    case 'uuid':
      arb = known.length ? fc.oneof(fc.constantFrom(...known), fc.uuid()) : fc.uuid();
      break;
    case 'text':
      arb = hostileText;
      break;
    case 'number':
      arb = hostileNumber;
      break;
    case 'decimal':
      arb = hostileDecimal;
      break;
    case 'date':
      arb = hostileDate;
      break;
    case 'enum':
      arb = fc.oneof(fc.constantFrom(...Object.values(d.entries)), hostileText);
      break;
    case 'boolean':
      arb = fc.oneof(fc.boolean(), fc.constant('true'));
      break;
    case 'literal':
      arb = fc.constantFrom(...d.values);
      break;
    default:
      arb = fc.oneof(fc.constant({}), fc.dictionary(hostileText, hostileText, { maxKeys: 2 }));
  }
  return arb;
}
