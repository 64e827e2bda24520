// The access cache of docs/rules/access.md: a request reads its session and the access stamps in one
// statement, and reuses the access this process computed for the same stamps. Every kind of change that
// shapes access bumps a stamp in its own transaction, so the very next request of the same warm process
// sees it. Requests go through the real hooks.server.ts handle and the tRPC fetch handler, and every SQL
// statement the app's pool sends is counted (pg's Client#query: one call is one round trip).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import superjson from 'superjson';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import type { AnyRouter } from '@trpc/server';
import { TEST_DATABASE_URL } from '../helpers/env.ts';
import { createTestEnv, resetData, type TestEnv } from '../helpers/db.ts';
import { makeDeveloper, makeMember, makeOrg, uniq } from '../helpers/factories.ts';
import { createSession, hashToken, SESSION_COOKIE } from '../../src/lib/server/auth/sessions.ts';
import { devProcedure, orgProcedure, router } from '../../src/lib/server/trpc/procedures.ts';
import { createRequestContext } from '../../src/lib/server/trpc/request-context.ts';
import { forgetCachedAccess } from '../../src/lib/server/auth/access.ts';
import type { PermissionName } from '../../src/lib/shared/permission-catalogue.ts';

// hooks.server.ts and the request context use the process-wide client: point it at the test database.
process.env.DATABASE_URL = TEST_DATABASE_URL;
const { handle } = await import('../../src/hooks.server.ts');
const { stopServices } = await import('../../src/lib/server/services.ts');

/** Statements sent while `counting`; the test env's own clients stay idle meanwhile. */
let counting = false;
let statements: string[] = [];
const clientQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  if (counting) {
    const q = args[0] as string | { text?: string };
    statements.push((typeof q === 'string' ? q : (q?.text ?? '')).replace(/\s+/g, ' ').trim());
  }
  return (clientQuery as (...a: unknown[]) => unknown).apply(this, args);
} as typeof pg.Client.prototype.query;

// Procedures that do nothing but pass the access check: what a request costs before any domain work.
const granted = (permission: PermissionName) =>
  orgProcedure.meta({ permission }).query(({ ctx }) => [...ctx.orgCtx.actor.permissions].sort());
const probe = router({
  view: granted('inventory.view'),
  adjust: granted('inventory.adjust'),
  variations: granted('recipes.create_variations'),
  billing: orgProcedure.meta({ permission: 'organization.manage_billing', billingExempt: true }).query(() => 'ok'),
  devUsers: devProcedure.meta({ permission: 'dev.manage_users' }).query(() => 'ok'),
});

type Answer = { status: number; data?: unknown; code?: string; reason?: string; statements: string[] };

/** One HTTP request with the session cookie, as the browser sends it, through handle and the tRPC handler. */
async function request(token: string | null, path: string, appRouter: AnyRouter = probe): Promise<Answer> {
  const url = `http://app.test/api/trpc/${path}`;
  const cookies = new Map<string, string>(token ? [[SESSION_COOKIE, token]] : []);
  const event = {
    url: new URL(url),
    request: new Request(url),
    locals: {} as Record<string, unknown>,
    cookies: {
      get: (n: string) => cookies.get(n),
      set: (n: string, v: string) => void cookies.set(n, v),
      delete: (n: string) => void cookies.delete(n),
    },
  };
  statements = [];
  counting = true;
  let res: Response;
  try {
    res = await handle({
      event: event as never,
      resolve: ((ev: typeof event) =>
        fetchRequestHandler({
          endpoint: '/api/trpc',
          req: ev.request,
          router: appRouter,
          createContext: () => createRequestContext(ev as never),
        })) as never,
    });
  } finally {
    counting = false;
  }
  const body = (await res.json()) as {
    result?: { data: unknown };
    error?: { json: { data: { code: string; reason?: string } } };
  };
  if (body.result) return { status: res.status, data: superjson.deserialize(body.result.data as never), statements };
  return { status: res.status, code: body.error?.json.data.code, statements };
}

let env: TestEnv;
beforeAll(async () => (env = await createTestEnv()));
beforeEach(async () => {
  await resetData(env.db);
  forgetCachedAccess();
});
const probeTiers: string[] = [];
afterAll(async () => {
  await resetData(env.db);
  await env.db.subscriptionTier.deleteMany({ where: { id: { in: probeTiers } } });
  await env.db.permission.updateMany({ data: { isActive: true } });
  pg.Client.prototype.query = clientQuery;
  await stopServices();
  await env.close();
});

async function signIn(userId: string, viewAsOrgId?: string) {
  const { token, session } = await createSession(env.db, userId, new Date());
  if (viewAsOrgId) await env.db.session.update({ where: { id: session.id }, data: { viewAsOrgId } });
  return token;
}

const isSessionRead = (s: string) => /^SELECT .* FROM sessions s /.test(s);
const isAccessLoad = (s: string) => s.includes('FROM (SELECT 1) AS one');

/**
 * Two requests: the second is served by the warm process, its access from the cache (a refusal for the tier
 * may still look up which tiers have the permission, for the upgrade hint).
 */
async function warm(token: string, path: string): Promise<Answer> {
  await request(token, path);
  const second = await request(token, path);
  expect(second.statements.filter(isSessionRead)).toHaveLength(1);
  expect(second.statements.filter(isAccessLoad)).toEqual([]);
  return second;
}

const permissionId = async (name: string) =>
  (await env.db.permission.findUniqueOrThrow({ where: { name }, select: { id: true } })).id;

/** A member of a Team organization with a custom role "clerk" holding the given permissions. */
async function clerk(permissions: string[]) {
  const org = await makeOrg(env);
  const role = await env.db.role.create({
    data: {
      organizationId: org.id,
      name: 'clerk',
      permissions: {
        create: await Promise.all(permissions.map(async (p) => ({ permissionId: await permissionId(p) }))),
      },
    },
  });
  const member = await makeMember(env, org.id, 'clerk');
  return { org, role, member, token: await signIn(member.id) };
}

/** A tier of this test: exempt billing, the given permissions, recipe variations purchasable (not included). */
async function probeTier(permissions: string[]) {
  const addon = await env.db.addon.findUniqueOrThrow({ where: { key: 'recipe_variations' } });
  const id = uniq();
  const tier = await env.db.subscriptionTier.create({
    data: {
      key: `probe_${id}`,
      name: `Probe ${id}`,
      billingProvider: 'exempt',
      isCustomerFacing: false,
      permissions: {
        create: await Promise.all(permissions.map(async (p) => ({ permissionId: await permissionId(p) }))),
      },
      addons: { create: [{ addonId: addon.id, included: false }] },
    },
  });
  probeTiers.push(tier.id);
  return { tier, addon };
}

describe('each change is seen by the next request of the same warm process', () => {
  it('a permission added to and removed from a role', async () => {
    const { role, token } = await clerk(['dashboard.view']);
    expect((await warm(token, 'view')).code).toBe('FORBIDDEN');
    await env.db.rolePermission.create({
      data: { roleId: role.id, permissionId: await permissionId('inventory.view') },
    });
    expect((await request(token, 'view')).data).toEqual(['dashboard.view', 'inventory.view']);
    expect((await warm(token, 'view')).status).toBe(200);
    await env.db.rolePermission.deleteMany({ where: { roleId: role.id } });
    expect((await request(token, 'view')).code).toBe('FORBIDDEN');
  });

  it('a role assigned, switched and unassigned', async () => {
    const { org, token, member } = await clerk(['dashboard.view']);
    expect((await warm(token, 'adjust')).code).toBe('FORBIDDEN');
    const production = await env.db.role.findFirstOrThrow({ where: { organizationId: org.id, name: 'production' } });
    await env.db.userRoleAssignment.create({
      data: { userId: member.id, roleId: production.id, organizationId: org.id },
    });
    expect((await request(token, 'adjust')).status).toBe(200);
    expect((await warm(token, 'adjust')).status).toBe(200);
    // switched off (isActive), then removed
    await env.db.userRoleAssignment.updateMany({
      where: { userId: member.id, roleId: production.id },
      data: { isActive: false },
    });
    expect((await request(token, 'adjust')).code).toBe('FORBIDDEN');
    await env.db.userRoleAssignment.updateMany({
      where: { userId: member.id, roleId: production.id },
      data: { isActive: true },
    });
    expect((await warm(token, 'adjust')).status).toBe(200);
    await env.db.userRoleAssignment.deleteMany({ where: { userId: member.id, roleId: production.id } });
    expect((await request(token, 'adjust')).code).toBe('FORBIDDEN');
  });

  it('a role switched off', async () => {
    const { role, token } = await clerk(['inventory.view']);
    expect((await warm(token, 'view')).status).toBe(200);
    await env.db.role.update({ where: { id: role.id }, data: { isActive: false } });
    expect((await request(token, 'view')).code).toBe('FORBIDDEN');
  });

  it("a tier's permission added and removed, and the organization switched to another tier", async () => {
    const { tier } = await probeTier(['dashboard.view']);
    const org = await makeOrg(env);
    await env.db.organization.update({ where: { id: org.id }, data: { subscriptionTierId: tier.id } });
    const token = await signIn(org.owner.id);
    expect((await warm(token, 'view')).code).toBe('FORBIDDEN');
    await env.db.tierPermission.create({
      data: { tierId: tier.id, permissionId: await permissionId('inventory.view') },
    });
    expect((await request(token, 'view')).data).toEqual(['dashboard.view', 'inventory.view']);
    expect((await warm(token, 'view')).status).toBe(200);
    await env.db.tierPermission.deleteMany({ where: { tierId: tier.id, permission: { name: 'inventory.view' } } });
    expect((await request(token, 'view')).code).toBe('FORBIDDEN');
    // back to Team, which has it
    const team = await env.db.subscriptionTier.findUniqueOrThrow({ where: { key: 'team' } });
    await env.db.organization.update({ where: { id: org.id }, data: { subscriptionTierId: team.id } });
    expect((await request(token, 'view')).status).toBe(200);
    expect((await warm(token, 'view')).status).toBe(200);
    await env.db.organization.update({ where: { id: org.id }, data: { subscriptionTierId: tier.id } });
    expect((await request(token, 'view')).code).toBe('FORBIDDEN');
  });

  it('an add-on granted and revoked', async () => {
    const { tier, addon } = await probeTier(['dashboard.view', 'recipes.view']);
    const org = await makeOrg(env);
    await env.db.organization.update({ where: { id: org.id }, data: { subscriptionTierId: tier.id } });
    const token = await signIn(org.owner.id);
    expect((await warm(token, 'variations')).code).toBe('FORBIDDEN');
    const bought = await env.db.organizationAddon.create({ data: { organizationId: org.id, addonId: addon.id } });
    expect((await request(token, 'variations')).data).toEqual([
      'dashboard.view',
      'recipes.create_variations',
      'recipes.view',
    ]);
    expect((await warm(token, 'variations')).status).toBe(200);
    await env.db.organizationAddon.update({ where: { id: bought.id }, data: { active: false } });
    expect((await request(token, 'variations')).code).toBe('FORBIDDEN');
    await env.db.organizationAddon.update({ where: { id: bought.id }, data: { active: true } });
    expect((await warm(token, 'variations')).status).toBe(200);
    await env.db.organizationAddon.delete({ where: { id: bought.id } });
    expect((await request(token, 'variations')).code).toBe('FORBIDDEN');
    // included on the tier (the link edited), then the add-on switched off platform-wide
    await env.db.tierAddon.update({
      where: { tierId_addonId: { tierId: tier.id, addonId: addon.id } },
      data: { included: true },
    });
    expect((await request(token, 'variations')).status).toBe(200);
    expect((await warm(token, 'variations')).status).toBe(200);
    await env.db.addon.update({ where: { id: addon.id }, data: { isActive: false } });
    try {
      expect((await request(token, 'variations')).code).toBe('FORBIDDEN');
    } finally {
      await env.db.addon.update({ where: { id: addon.id }, data: { isActive: true } });
    }
  });

  it('the billing status changed: payment needed, then paid, then canceled', async () => {
    const org = await makeOrg(env);
    const token = await signIn(org.owner.id);
    expect((await warm(token, 'view')).status).toBe(200);
    await env.db.organization.update({ where: { id: org.id }, data: { billingStatus: 'past_due' } });
    expect(await request(token, 'view')).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    // the billing procedures stay open to settle it
    expect((await warm(token, 'billing')).status).toBe(200);
    await env.db.organization.update({ where: { id: org.id }, data: { billingStatus: 'active' } });
    expect((await request(token, 'view')).status).toBe(200);
    expect((await warm(token, 'view')).status).toBe(200);
    await env.db.organization.update({ where: { id: org.id }, data: { billingStatus: 'canceled' } });
    // a hard lock ends the session: this request says why, the next one is signed out
    expect((await request(token, 'view')).code).toBe('FORBIDDEN');
    expect((await request(token, 'view')).code).toBe('UNAUTHORIZED');
  });

  it('the organization deactivated', async () => {
    const { org, token } = await clerk(['inventory.view']);
    expect((await warm(token, 'view')).status).toBe(200);
    await env.db.organization.update({ where: { id: org.id }, data: { isActive: false } });
    expect((await request(token, 'view')).code).toBe('FORBIDDEN');
    expect((await request(token, 'view')).code).toBe('UNAUTHORIZED');
  });

  it('the user deactivated', async () => {
    const { member, token } = await clerk(['inventory.view']);
    expect((await warm(token, 'view')).status).toBe(200);
    await env.db.user.update({ where: { id: member.id }, data: { isActive: false } });
    expect((await request(token, 'view')).code).toBe('UNAUTHORIZED');
  });

  it('the session revoked', async () => {
    const { member, token } = await clerk(['inventory.view']);
    const other = await signIn(member.id);
    expect((await warm(token, 'view')).status).toBe(200);
    expect((await warm(other, 'view')).status).toBe(200);
    await env.db.session.delete({ where: { id: hashToken(token) } });
    expect((await request(token, 'view')).code).toBe('UNAUTHORIZED');
    expect((await warm(other, 'view')).status).toBe(200);
    await env.db.session.deleteMany({ where: { userId: member.id } });
    expect((await request(other, 'view')).code).toBe('UNAUTHORIZED');
  });

  it('a permission switched off in the catalogue', async () => {
    const { token } = await clerk(['inventory.view']);
    expect((await warm(token, 'view')).status).toBe(200);
    await env.db.permission.update({ where: { name: 'inventory.view' }, data: { isActive: false } });
    try {
      expect((await request(token, 'view')).code).toBe('FORBIDDEN');
    } finally {
      await env.db.permission.update({ where: { name: 'inventory.view' }, data: { isActive: true } });
    }
    expect((await request(token, 'view')).status).toBe(200);
  });

  it("a developer's role changed, and the organization they view as: never its billing state", async () => {
    const dev = await makeDeveloper(env, 'system_admin');
    const org = await makeOrg(env);
    const token = await signIn(dev.id, org.id);
    expect((await warm(token, 'devUsers')).status).toBe(200);
    expect((await warm(token, 'view')).status).toBe(200);
    // the organization's billing does not hold a developer up, but its tier still caps them
    await env.db.organization.update({ where: { id: org.id }, data: { billingStatus: 'past_due' } });
    expect((await request(token, 'view')).status).toBe(200);
    const { tier } = await probeTier(['dashboard.view']);
    await env.db.organization.update({ where: { id: org.id }, data: { subscriptionTierId: tier.id } });
    expect((await request(token, 'view')).code).toBe('FORBIDDEN');
    // developer role: system_admin taken away, support given (no dev.manage_users)
    const support = await env.db.developerRole.findUniqueOrThrow({ where: { name: 'support' } });
    await env.db.userRoleAssignment.deleteMany({ where: { userId: dev.id } });
    await env.db.userRoleAssignment.create({ data: { userId: dev.id, developerRoleId: support.id } });
    expect((await request(token, 'devUsers')).code).toBe('FORBIDDEN');
  });
});

describe('statements per request', () => {
  it('a warm authenticated tRPC call reads one statement for its authentication, a cold one two', async () => {
    const { token } = await clerk(['inventory.view']);
    await request(token, 'view'); // the pool's connections and Prisma's first statement
    forgetCachedAccess();
    const cold = await request(token, 'view');
    const warmed = await request(token, 'view');
    console.log(
      `[access] statements per authenticated request: cold ${cold.statements.length}, warm ${warmed.statements.length}`,
    );
    expect(cold.status).toBe(200);
    expect(cold.statements.length).toBeLessThanOrEqual(3);
    expect(cold.statements).toHaveLength(2);
    expect(warmed.status).toBe(200);
    expect(warmed.statements.length).toBeLessThanOrEqual(2);
    expect(warmed.statements).toHaveLength(1);
    expect(isSessionRead(warmed.statements[0]!)).toBe(true);
  });

  it('sliding the session writes once when less than 15 days are left, not on every request', async () => {
    const { member, token } = await clerk(['inventory.view']);
    const writes = async () => {
      const { statements: sent } = await request(token, 'view');
      if (sent.length > 1) console.log('[access] slide:', sent);
      return sent.filter((s) => !s.startsWith('SELECT'));
    };
    for (let i = 0; i < 5; i++) expect(await writes()).toEqual([]);
    await env.db.session.updateMany({
      where: { userId: member.id },
      data: { expiresAt: new Date(Date.now() + 14 * 24 * 3600 * 1000) },
    });
    expect(await writes()).toHaveLength(1);
    for (let i = 0; i < 5; i++) expect(await writes()).toEqual([]);
    const s = await env.db.session.findFirstOrThrow({ where: { userId: member.id } });
    expect(s.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * 24 * 3600 * 1000);
  });

  it('prints the time of the authentication part (a figure, not a target)', async () => {
    const { token } = await clerk(['inventory.view']);
    const time = async (n: number, cold: boolean) => {
      await request(token, 'view');
      const start = performance.now();
      for (let i = 0; i < n; i++) {
        if (cold) forgetCachedAccess();
        await request(token, 'view');
      }
      return (performance.now() - start) / n;
    };
    const warmMs = await time(200, false);
    const coldMs = await time(100, true);
    console.log(
      `[access] handle + tRPC + access check of one request: warm ${warmMs.toFixed(2)} ms, cold ${coldMs.toFixed(2)} ms`,
    );
    expect(warmMs).toBeGreaterThan(0);
  });
});
