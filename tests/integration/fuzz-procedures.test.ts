// Bad input never gives a 500 (issue 9). Walks every procedure of the appRouter and sends it malformed
// inputs derived from its own input schema (tests/helpers/fuzz.ts): the five classes applied to every leaf
// of a well-formed input (NUL in text, numbers beyond the columns, unknown uuids, missing ids, dates out
// of range) plus fast-check arbitraries. Asserts that none answers INTERNAL_SERVER_ERROR, that no answer
// carries driver or ORM text, that NUL never reaches the database (the schemas stop it), and that a
// rejected mutation changes no row (a fingerprint of every table before and after).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TRPCError } from '@trpc/server';
import { createTestEnv, resetData, type TestEnv } from '../helpers/db.ts';
import { callerFor, makeDeveloper, makeMember, makeOrg, type Caller } from '../helpers/factories.ts';
import { TIERS } from '../../src/lib/server/auth/tiers.ts';
import { AREAS } from '../helpers/access-inputs/index.ts';
import type { AreaContext } from '../helpers/access-inputs/types.ts';
import { appRouter } from '../../src/lib/server/trpc/root.ts';
import { DB_VALUE_MESSAGES } from '../../src/lib/server/trpc/errors.ts';
import { arbitraryFor, benign, classVariants, type IdPool, type Variant } from '../helpers/fuzz.ts';

type Procedure = {
  _def: { type: 'query' | 'mutation'; inputs: any[]; meta?: { permission?: string; access?: string } };
};
const procedures = Object.entries(
  (appRouter as unknown as { _def: { procedures: Record<string, Procedure> } })._def.procedures,
);
// Procedures that end or hand over what the rest need run last, so they do not starve the others.
const LAST = /archive|delete|cancel|fail|softDelete|transferOwnership|revoke|setActive|signOut|changePassword/;
// The console's deletes can remove the fixture's organization or users themselves (a benign name typed to
// confirm matches one renamed by dev.orgs.update): they run after everything else.
const FINAL = /^dev\.orgs\.delete$|^dev\.users\.hardDelete$/;
const rank = (path: string) => (FINAL.test(path) ? 2 : Number(LAST.test(path)));
const ordered = [...procedures].sort(([a], [b]) => rank(a) - rank(b));

const SAMPLES_PER_PROCEDURE = 8;
/** Text that would mean driver or ORM internals reached the caller. */
const DRIVER_TEXT =
  /prisma|invocation|violates|constraint|postgres|sqlstate|22021|23503|0x00|duplicate key|relation "/i;

let env: TestEnv;
let ids: IdPool;
let owner: { id: string };
let developer: { id: string };
let tables: string[];

async function buildFixture() {
  const a = await makeOrg(env, { name: 'Fuzz Org' });
  const c = await makeOrg(env, { name: 'Fuzz Other' });
  const aOwner = await callerFor(env, a.owner.id);
  const member = await makeMember(env, a.id, 'viewer');
  const role = await env.db.role.findFirstOrThrow({ where: { organizationId: a.id, name: 'viewer' } });
  const invite = await aOwner.team.invite({ email: 'fuzz-invitee@example.com', roleId: role.id });
  const item = await aOwner.inventory.create({ name: 'Fuzz oil', openingQuantity: '1000', cost: '1' });
  const move = await aOwner.inventory.adjust({ itemId: item.id, changeType: 'use', quantity: '1' });
  const imp = await aOwner.inventory.importStart({ csv: 'name,opening_quantity\nFuzz imported,5' });
  await aOwner.units.createCustom({ name: 'fuzzscoop', unitType: 'weight' });
  const category = await aOwner.inventory.createCategory({ name: 'Fuzz category', itemType: 'ingredient' });
  // The areas of the cross-tenant test build their resources in "organization B": here that is A itself.
  const areaCtx: AreaContext = {
    env,
    aOrgId: c.id,
    bOrgId: a.id,
    aOwner: await callerFor(env, c.owner.id),
    bOwner: aOwner,
  };
  const fx: Record<string, any> = {};
  for (const [i, area] of AREAS.entries()) fx[i] = await area.setup(areaCtx);
  const [recipes, products, batches] = [fx[0], fx[1], fx[2]];
  const lot = await env.db.inventoryLot.findFirstOrThrow({ where: { itemId: item.id } });
  developer = await makeDeveloper(env);
  owner = a.owner;
  ids = {
    organizationId: [a.id],
    userId: [member.id],
    roleId: [role.id],
    inviteId: [invite.inviteId],
    itemId: [item.id, batches.bItemId],
    movementId: [move.movementId!],
    importId: [imp.importId],
    lotId: [lot.id, batches.bLotId],
    inventoryCategoryId: [category.id],
    categoryId: [category.id],
    recipeId: [recipes.masterId, batches.bRecipeId, recipes.testId],
    parentId: [recipes.masterId],
    fromId: [recipes.masterId],
    toId: [recipes.variationId],
    groupId: [recipes.groupId],
    batchId: [batches.bBatchId],
    timerId: [batches.bTimerId],
    productId: [products.productId],
    variantId: [products.baseVariantId, products.variantId],
    skuId: [products.skuId],
    containerItemId: [item.id],
  };
  // Each area's own valid inputs are bases of its procedures; the others get hand-written ones that go deep
  // (a receipt writes a lot, an event and the on-hand total), so each class reaches the database if unchecked.
  const bases: Record<string, unknown[]> = {
    'inventory.adjust': [
      {
        itemId: item.id,
        changeType: 'restock',
        quantity: '5',
        unitCost: '2',
        receivedAt: new Date(),
        expiresAt: new Date('2027-01-01'),
      },
      { itemId: item.id, changeType: 'use', quantity: '1', notes: 'used' },
      { itemId: item.id, changeType: 'recount', targetQuantity: '900' },
      { itemId: item.id, changeType: 'cost_override', unitCost: '3' },
    ],
    'inventory.create': [
      {
        name: 'Fuzz new',
        openingQuantity: '5',
        cost: '1',
        isPerishable: true,
        shelfLifeDays: 30,
        expiresAt: new Date('2027-01-01'),
      },
      {
        name: 'Fuzz jar',
        itemType: 'container',
        capacity: '8',
        capacityUnit: 'floz',
        inventoryCategoryId: category.id,
      },
    ],
    'inventory.update': [
      { itemId: item.id, name: 'Fuzz oil', density: '0.91', lowStockThreshold: '10', shelfLifeDays: 30 },
    ],
    'inventory.disposeExpired': [{ itemId: item.id, notes: 'expired' }],
    'units.addMapping': [{ fromUnit: 'fuzzscoop', toUnit: 'gram', factor: '2' }],
    'units.convert': [{ amount: '1', from: 'lb', to: 'gram', itemId: item.id }],
    'team.invite': [{ email: 'fuzz2@example.com', roleId: role.id }],
    'team.setRole': [{ userId: member.id, roleId: role.id }],
    'org.updateInventorySettings': [{ expiringSoonDays: 7, inventoryCostMethod: 'fifo' }],
    'auth.signIn': [{ identifier: a.owner.email, password: 'wrong-password' }],
    'auth.signUp': [
      {
        organizationName: 'Fuzz signup',
        tierKey: 'team',
        owner: { email: 'fuzz-signup@example.com', password: 'long-enough-1', firstName: 'F', lastName: 'Z' },
      },
    ],
    'dev.jobs': [{ queue: 'stats.rollup', organizationId: a.id, page: 1 }],
  };
  for (const [i, area] of AREAS.entries())
    for (const [path, entry] of Object.entries(area.inputs(fx[i]))) (bases[path] ??= []).push(entry.input);
  return bases;
}

/** One fingerprint per table: its row count and a hash of its rows. */
async function fingerprint(): Promise<string[]> {
  const parts = tables.map(
    (t) =>
      `(SELECT count(*)::text || ':' || coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '') FROM "${t}" x)`,
  );
  const rows = await env.db.$queryRawUnsafe<{ f: string[] }[]>(`SELECT ARRAY[${parts.join(',')}] AS f`);
  return rows[0]!.f;
}

function callerKind(p: Procedure): 'owner' | 'developer' | 'anon' {
  const meta = p._def.meta ?? {};
  if (meta.permission?.startsWith('dev.')) return 'developer';
  if (meta.access === 'public') return 'anon';
  return 'owner';
}

async function callerOf(kind: 'owner' | 'developer' | 'anon'): Promise<Caller> {
  if (kind === 'anon') return callerFor(env, null);
  return callerFor(env, kind === 'owner' ? owner.id : developer.id);
}

function call(caller: Caller, path: string, input: unknown): Promise<unknown> {
  const fn = path.split('.').reduce<any>((o, k) => o[k], caller);
  return fn(input);
}

const brief = (v: unknown) => {
  try {
    return JSON.stringify(v, (_k, x) => (typeof x === 'string' && x.length > 60 ? `${x.slice(0, 60)}…` : x)).slice(
      0,
      300,
    );
  } catch {
    return String(v);
  }
};

function inputsFor(path: string, p: Procedure, given: unknown[]): Variant[] {
  const schema = p._def.inputs[0];
  if (!schema)
    return [
      { cls: 'schema', input: undefined },
      { cls: 'nul', input: { junk: 'a\u0000b' } },
    ];
  const minimal = benign(schema, '', ids, false);
  const full = benign(schema, '', ids, true);
  const bases = [minimal, full, ...given.filter((g) => g !== undefined)];
  const seed = [...path].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) | 0, 7);
  const samples = fc.sample(arbitraryFor(schema, '', ids), { numRuns: SAMPLES_PER_PROCEDURE, seed });
  return [
    ...bases.map((input) => ({ cls: 'schema' as const, input })),
    ...bases.flatMap((b) => classVariants(schema, b)),
    ...samples.map((input) => ({ cls: 'schema' as const, input })),
  ];
}

type Finding = { path: string; cls: string; input: string; message: string };

beforeAll(async () => {
  env = await createTestEnv();
  await resetData(env.db);
  const rows = await env.db.$queryRawUnsafe<{ t: string }[]>(
    `SELECT table_name AS t FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
        AND table_name NOT IN ('_prisma_migrations', 'sessions', 'login_attempts') ORDER BY 1`,
  );
  tables = rows.map((r) => r.t);
}, 60_000);
afterAll(async () => {
  // The console's createTier accepts a benign input: the tiers it made must not outlive this file.
  await env.db.subscriptionTier.deleteMany({ where: { key: { notIn: TIERS.map((t) => t.key) } } });
  await env.close();
});

describe('malformed input to every procedure', () => {
  it('never answers INTERNAL_SERVER_ERROR, leaks no driver text, and a rejected mutation changes no row', async () => {
    const givenBases = await buildFixture();
    const started = Date.now();
    const internal: Finding[] = [];
    const leaked: Finding[] = [];
    const changed: Finding[] = [];
    const safetyNet: Finding[] = [];
    let calls = 0;
    let rejected = 0;
    let before = await fingerprint();
    for (const [path, p] of ordered) {
      const variants = inputsFor(path, p, givenBases[path] ?? []);
      const caller = await callerOf(callerKind(p));
      for (const { cls, input } of variants) {
        calls++;
        let error: unknown = null;
        try {
          await call(caller, path, input);
        } catch (e) {
          error = e;
        }
        const finding = (message: string): Finding => ({ path, cls, input: brief(input), message });
        if (error) {
          rejected++;
          const code = error instanceof TRPCError ? error.code : 'NOT_A_TRPC_ERROR';
          const message = error instanceof Error ? error.message : String(error);
          if (code === 'INTERNAL_SERVER_ERROR' || code === 'NOT_A_TRPC_ERROR') {
            const cause = error instanceof TRPCError ? (error.cause?.message ?? message) : message;
            internal.push(finding(cause.split('\n').filter(Boolean).slice(-1)[0] ?? cause));
          } else if (DRIVER_TEXT.test(message)) leaked.push(finding(message));
          if ((Object.values(DB_VALUE_MESSAGES) as string[]).includes(message)) safetyNet.push(finding(message));
        }
        if (p._def.type === 'mutation') {
          const after = await fingerprint();
          if (error) {
            const diff = tables.filter((_t, i) => after[i] !== before[i]);
            if (diff.length) changed.push(finding(`changed ${diff.join(', ')}`));
          }
          before = after;
        }
      }
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `[fuzz] ${procedures.length} procedures × ${(calls / procedures.length).toFixed(1)} inputs on average = ` +
        `${calls} calls (${rejected} rejected) in ${seconds} s; ` +
        `${internal.length} INTERNAL_SERVER_ERROR, ${leaked.length} with driver text, ${changed.length} rejected ` +
        `mutations that changed rows, ${safetyNet.length} stopped by the database mapping rather than a schema`,
    );
    for (const f of safetyNet.slice(0, 10))
      console.log(`[fuzz] database mapping: ${f.path} ${f.cls} ${f.input}: ${f.message}`);
    expect(internal, 'INTERNAL_SERVER_ERROR answers').toEqual([]);
    expect(leaked, 'answers with driver text').toEqual([]);
    expect(changed, 'rejected mutations that changed rows').toEqual([]);
    // NUL is refused by every input schema: it never gets as far as Postgres.
    expect(safetyNet.filter((f) => f.message === DB_VALUE_MESSAGES.text)).toEqual([]);
    expect(procedures.length).toBeGreaterThan(100);
  }, 180_000);
});
