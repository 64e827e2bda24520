// Ids in input are tenant-scoped (issue 9, "Foreign keys in input are tenant-scoped"). Two organizations
// get the same resources (tests/helpers/tenant-fixture.ts). For every organization procedure and every
// valid input of A, each of A's ids in it (values, array elements and record keys alike) is swapped, one at
// a time, for B's id of the same kind. A mutation must then be refused with NOT_FOUND; a query either too
// or answers without anything of B. B's rows are unchanged at the end. Every id field an input schema
// declares must be exercised by one of the inputs, so a new id field cannot slip past.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { createTestEnv, resetData, type TestEnv } from '../helpers/db.ts';
import { makeOrg, type Caller } from '../helpers/factories.ts';
import { buildTenantFixture, type TenantFixture } from '../helpers/tenant-fixture.ts';
import { benign, leaves } from '../helpers/fuzz.ts';
import { appRouter } from '../../src/lib/server/trpc/root.ts';

type Procedure = { _def: { type: 'query' | 'mutation'; inputs: any[]; meta?: { permission?: string } } };
const procedures = Object.entries(
  (appRouter as unknown as { _def: { procedures: Record<string, Procedure> } })._def.procedures,
).filter(([, p]) => p._def.meta?.permission && !p._def.meta.permission.startsWith('dev.'));

/** Id fields that name shared reference data (any organization may use them), not tenant rows. */
const SHARED = (path: string, field: string) =>
  field === 'ingredientCategoryId' ||
  field === 'productCategoryId' ||
  field === 'globalItemId' ||
  (field === 'categoryId' && path.startsWith('products.'));

let env: TestEnv;
let a: TenantFixture;
let b: TenantFixture;
let bOrgId: string;

beforeAll(async () => {
  env = await createTestEnv();
  await resetData(env.db);
  const orgA = await makeOrg(env, { name: 'Alpha' });
  const orgB = await makeOrg(env, { name: 'Bravo' });
  bOrgId = orgB.id;
  a = await buildTenantFixture(env, orgA, orgB);
  b = await buildTenantFixture(env, orgB, orgA);
}, 120_000);
afterAll(() => env.close());

/** B's id of the same kind for each of A's ids: the pools line up field by field. */
function counterparts(): Map<string, string> {
  const map = new Map<string, string>();
  for (const [field, aIds] of Object.entries(a.ids))
    aIds.forEach((id, i) => {
      const other = b.ids[field]?.[i];
      if (other && !map.has(id)) map.set(id, other);
    });
  return map;
}

type Occurrence = { where: string; swap: (v: unknown) => unknown };

/** Every place one of A's ids occurs in a value (as a value or as an object key), with a swapper for it. */
function occurrences(value: unknown, map: Map<string, string>, where = ''): Occurrence[] {
  if (typeof value === 'string') return map.has(value) ? [{ where, swap: () => map.get(value) }] : [];
  if (Array.isArray(value))
    return value.flatMap((v, i) =>
      occurrences(v, map, `${where}.${i}`).map((o) => ({
        where: o.where,
        swap: (arr: unknown) => (arr as unknown[]).map((x, j) => (j === i ? o.swap(x) : x)),
      })),
    );
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const out: Occurrence[] = [];
    for (const [k, v] of Object.entries(value)) {
      if (map.has(k))
        out.push({
          where: `${where}.{${k}}`,
          swap: (obj: unknown) =>
            Object.fromEntries(Object.entries(obj as object).map(([kk, vv]) => [kk === k ? map.get(k)! : kk, vv])),
        });
      for (const o of occurrences(v, map, `${where}.${k}`))
        out.push({
          where: o.where,
          swap: (obj: unknown) => ({ ...(obj as object), [k]: o.swap((obj as Record<string, unknown>)[k]) }),
        });
    }
    return out;
  }
  return [];
}

/** The id fields an input schema declares, as `field` names (array elements and nesting flattened). */
function declaredIdFields(p: Procedure): string[] {
  const schema = p._def.inputs[0];
  if (!schema) return [];
  const full = benign(schema, '', {}, true);
  return [
    ...new Set(
      leaves(schema, full)
        .filter(([, kind]) => kind === 'uuid')
        .map(([path]) => String(path.filter((x) => typeof x === 'string').at(-1))),
    ),
  ];
}

/** A fingerprint of organization B's rows in every tenant table. */
async function fingerprintB(): Promise<string> {
  const tables = await env.db.$queryRawUnsafe<{ t: string }[]>(
    `SELECT table_name AS t FROM information_schema.columns
      WHERE table_schema = 'public' AND column_name = 'organization_id' ORDER BY 1`,
  );
  const parts = tables.map(
    ({ t }) =>
      `(SELECT '${t}:' || count(*) || ':' || coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '') FROM "${t}" x WHERE organization_id = $1)`,
  );
  const rows = await env.db.$queryRawUnsafe<{ f: string }[]>(`SELECT concat_ws(' ', ${parts.join(',')}) AS f`, bOrgId);
  return rows[0]!.f;
}

function call(caller: Caller, path: string, input: unknown): Promise<unknown> {
  return path.split('.').reduce<any>((o, k) => o[k], caller)(input);
}

describe("another organization's id in any input", () => {
  it('is NOT_FOUND for every mutation, and no query answers with the other organization’s rows', async () => {
    const map = counterparts();
    const before = await fingerprintB();
    const problems: string[] = [];
    const uncovered: string[] = [];
    let variants = 0;
    let notFound = 0;
    // Procedures that end or hand over what the others need go last.
    const LAST = /archive|delete|cancel|fail|softDelete|transferOwnership|revoke|setActive/;
    const ordered = [...procedures].sort(([x], [y]) => Number(LAST.test(x)) - Number(LAST.test(y)));
    for (const [path, p] of ordered) {
      const bases = a.bases[path] ?? [];
      const exercised = new Set<string>();
      for (const base of bases) {
        for (const occ of occurrences(base, map)) {
          const field =
            occ.where
              .split('.')
              .filter((s) => s && !/^\d+$/.test(s) && !s.startsWith('{'))
              .at(-1) ?? '';
          exercised.add(occ.where.includes('{') ? 'record key' : field);
          if (SHARED(path, field)) continue;
          variants++;
          const input = occ.swap(base);
          let error: unknown = null;
          let output: unknown;
          try {
            output = await call(a.caller, path, input);
          } catch (e) {
            error = e;
          }
          const code = error instanceof TRPCError ? error.code : error ? 'NOT_A_TRPC_ERROR' : 'OK';
          if (code === 'NOT_FOUND') notFound++;
          else if (p._def.type === 'mutation')
            problems.push(`${path} ${occ.where}: ${code} ${error instanceof Error ? error.message : ''}`);
          else if (code !== 'OK') problems.push(`${path} ${occ.where}: ${code} ${(error as Error).message}`);
          else {
            const text = JSON.stringify(output) ?? '';
            const leaked = b.secrets.filter((s) => text.includes(s));
            if (leaked.length) problems.push(`${path} ${occ.where}: answered with B's ${leaked.join(', ')}`);
          }
        }
      }
      for (const field of declaredIdFields(p))
        if (!SHARED(path, field) && !exercised.has(field)) uncovered.push(`${path}: ${field}`);
    }
    console.log(
      `[foreign-ids] ${procedures.length} procedures, ${variants} inputs with one foreign id: ${notFound} NOT_FOUND, ` +
        `${variants - notFound - problems.length} queries answered without B's rows, ${problems.length} problems`,
    );
    expect(problems).toEqual([]);
    expect(uncovered, 'id fields no input of tests/helpers/tenant-fixture.ts carries: add one').toEqual([]);
    expect(await fingerprintB()).toBe(before);
  }, 300_000);
});
