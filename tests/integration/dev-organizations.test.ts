// The console's organizations (docs/rules/platform-console.md, Organizations): create, edit, deactivate,
// tier change as a billing override, delete after typing the name (Stripe first, export, child-first delete
// in one transaction, other organizations' clones detached), and an audit row for each.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestEnv, resetData, type TestEnv } from '../helpers/db.ts';
import { PASSWORD, callerFor, makeDeveloper, makeOrg } from '../helpers/factories.ts';
import { makeRecipe } from '../helpers/production.ts';
import { deleteOrganization } from '../../src/lib/server/domain/dev/delete-organization.ts';
import { childFirstOrder, tenantTables } from '../../src/lib/server/domain/dev/tenant-tables.ts';
import { readZip } from '../../src/lib/server/domain/dev/zip.ts';
import { TENANT_MODELS } from '../../src/lib/server/db/tenant.ts';
import type { StripeGateway } from '../../src/lib/server/integrations/stripe.ts';

let env: TestEnv;
beforeAll(async () => (env = await createTestEnv()));
beforeEach(async () => {
  await resetData(env.db);
  await env.db.auditLog.deleteMany();
  await env.db.organizationArchive.deleteMany();
});
afterAll(() => env.close());

async function devCaller(role = 'system_admin') {
  const user = await makeDeveloper(env, role);
  return { user, api: await callerFor(env, user.id) };
}

const OWNER = { username: 'candle_owner', email: 'owner@candlecove.test', firstName: 'Cora', lastName: 'Wick' };

describe('creating an organization', () => {
  it('creates it on the tier with its owner, and audits who did it', async () => {
    const { user, api } = await devCaller();
    const r = await api.dev.orgs.create({
      name: 'Candle Cove',
      tierKey: 'solo',
      owner: { ...OWNER, password: PASSWORD },
    });
    expect(r.setupLink).toBeNull();
    const org = await env.db.organization.findUniqueOrThrow({
      where: { id: r.organization.id },
      include: { tier: true },
    });
    expect([org.name, org.tier.key, org.billingProvider, org.signupSource]).toEqual([
      'Candle Cove',
      'solo',
      'none',
      'developer',
    ]);
    const owner = await callerFor(env, r.user.id);
    expect((await owner.me.get()).organization).toMatchObject({ name: 'Candle Cove' });
    const audit = await env.db.auditLog.findMany();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorUserId: user.id,
      actorName: user.username,
      action: 'organization.create',
      targetOrgId: org.id,
      targetLabel: 'Candle Cove',
      after: { name: 'Candle Cove', tier: 'solo', owner: { username: 'candle_owner', email: 'owner@candlecove.test' } },
    });
  });

  it('refuses a username or email already in use, and creates nothing', async () => {
    const { api } = await devCaller();
    await api.dev.orgs.create({ name: 'First', tierKey: 'free', owner: { ...OWNER, password: PASSWORD } });
    await expect(
      api.dev.orgs.create({
        name: 'Second',
        tierKey: 'free',
        owner: { ...OWNER, email: 'x@y.test', password: PASSWORD },
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: 'That username is taken' });
    await expect(
      api.dev.orgs.create({
        name: 'Third',
        tierKey: 'free',
        owner: { ...OWNER, username: 'other', password: PASSWORD },
      }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'An account with that email already exists. Please log in instead.',
    });
    expect(await env.db.organization.count()).toBe(1);
    expect(await env.db.auditLog.count()).toBe(1);
  });

  it('without a password, mails the owner a setup link', async () => {
    const { api } = await devCaller();
    const r = await api.dev.orgs.create({ name: 'Linky', tierKey: 'team', owner: OWNER });
    expect(r.setupLink).toMatch(/^http:\/\/app\.test\/reset-password\/[A-Za-z0-9_-]+$/);
    const mail = await env.db.mailMessage.findFirstOrThrow({ where: { to: OWNER.email } });
    expect(mail.subject).toBe('Set your BatchTrack password');
    expect(mail.text).toContain(r.setupLink!);
  });
});

describe('editing an organization', () => {
  it('renames and deactivates with before and after; the owner is locked out at the next request', async () => {
    const org = await makeOrg(env, { name: 'Old Name' });
    const { api } = await devCaller();
    const owner = await callerFor(env, org.owner.id);
    await expect(owner.team.list({})).resolves.toBeTruthy();
    expect(await api.dev.orgs.update({ organizationId: org.id, name: 'New Name' })).toMatchObject({
      changed: ['name'],
    });
    await api.dev.orgs.update({ organizationId: org.id, isActive: false });
    await expect(owner.team.list({})).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'Your organization is currently inactive. Please contact support immediately.',
    });
    // an edit that changes nothing writes nothing
    expect(await api.dev.orgs.update({ organizationId: org.id, isActive: false })).toMatchObject({ changed: [] });
    const audit = await env.db.auditLog.findMany({ orderBy: { createdAt: 'asc' } });
    expect(audit.map((a) => [a.action, a.before, a.after])).toEqual([
      ['organization.update', { name: 'Old Name' }, { name: 'New Name' }],
      ['organization.deactivate', { isActive: true }, { isActive: false }],
    ]);
  });

  it('moves the organization to another tier as a recorded billing override', async () => {
    const org = await makeOrg(env, { tierKey: 'free' });
    const { api } = await devCaller();
    const r = await api.dev.orgs.changeTier({ organizationId: org.id, tierKey: 'team', reason: 'Rescued from Free' });
    expect(r.tierKey).toBe('team');
    const row = await env.db.organization.findUniqueOrThrow({ where: { id: org.id }, include: { tier: true } });
    expect([row.tier.key, row.billingProvider]).toEqual(['team', 'none']);
    const audit = await env.db.auditLog.findFirstOrThrow({ where: { targetOrgId: org.id } });
    expect(audit).toMatchObject({
      action: 'organization.billing_override',
      before: { tier: 'free', billingProvider: 'exempt' },
      after: { tier: 'team', billingProvider: 'none', recipesRestored: 0 },
      note: 'Rescued from Free',
    });
    const support = await callerFor(env, (await makeDeveloper(env, 'support')).id);
    await expect(support.dev.orgs.changeTier({ organizationId: org.id, tierKey: 'solo' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'Your developer role does not include dev.billing_override.',
    });
  });
});

/** Organization A with stock, a recipe with a line, a batch and a product; B with a recipe cloned from A's. */
async function twoOrgsWithAClone() {
  const a = await makeOrg(env, { name: 'Source Soap' });
  const b = await makeOrg(env, { name: 'Clone Candles' });
  const ownerA = await callerFor(env, a.owner.id);
  const oil = await ownerA.inventory.create({ name: 'Olive oil', unit: 'gram', openingQuantity: '1000', cost: '0.01' });
  await ownerA.inventory.adjust({ itemId: oil.id, changeType: 'use', quantity: '100' });
  const recipe = await makeRecipe(env, a.id, {
    name: 'Castile',
    prefix: 'CAST',
    yield: '500',
    lines: [{ itemId: oil.id, quantity: '500', unit: 'gram' }],
  });
  await ownerA.batches.start({ recipeId: recipe.id });
  const ownerB = await callerFor(env, b.owner.id);
  const bOil = await ownerB.inventory.create({ name: 'B oil', unit: 'gram', openingQuantity: '10', cost: '1' });
  const clone = await makeRecipe(env, b.id, {
    name: 'Castile (copy)',
    prefix: 'CC',
    lines: [{ itemId: bOil.id, quantity: '5', unit: 'gram' }],
  });
  await env.db.recipe.update({ where: { id: clone.id }, data: { clonedFromId: recipe.id } });
  await env.db.recipeLineage.create({
    data: { organizationId: b.id, recipeId: clone.id, sourceRecipeId: recipe.id, eventType: 'CLONE' },
  });
  return { a, b, recipe, clone, oil };
}

async function rowsOf(orgId: string) {
  const counts: Record<string, number> = {};
  for (const t of tenantTables(env.db)) {
    const [r] = await env.db.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM "${t.table}" WHERE organization_id = $1`,
      orgId,
    );
    if (r!.n > 0) counts[t.table] = r!.n;
  }
  return counts;
}

describe('deleting an organization', () => {
  it('orders every tenant table children first, from the foreign keys', async () => {
    const order = (await childFirstOrder(env.db, tenantTables(env.db))).map((t) => t.table);
    expect(order).toHaveLength(TENANT_MODELS.length);
    const before = (x: string, y: string) =>
      expect(order.indexOf(x), `${x} before ${y}`).toBeLessThan(order.indexOf(y));
    before('recipe_lines', 'inventory_items');
    before('batch_lines', 'batches');
    before('batches', 'recipes');
    before('recipes', 'recipe_groups');
    before('inventory_lots', 'inventory_items');
    before('user_role_assignments', 'users');
    before('reservations', 'sales_order_lines');
  });

  it('refuses a name that does not match, and deletes nothing', async () => {
    const { a } = await twoOrgsWithAClone();
    const { api } = await devCaller();
    await expect(api.dev.orgs.delete({ organizationId: a.id, confirmName: 'Source soap' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: "The name typed does not match the organization's name.",
    });
    expect(await env.db.organization.count({ where: { id: a.id } })).toBe(1);
  });

  it('exports, detaches the clone, deletes every row child-first and audits it', async () => {
    const { a, b, recipe, clone } = await twoOrgsWithAClone();
    const before = await rowsOf(a.id);
    expect(before).toMatchObject({ users: 1, recipes: 1, recipe_lines: 1, batches: 1, inventory_items: 1 });
    const bBefore = await rowsOf(b.id);
    const { user, api } = await devCaller();
    const r = await api.dev.orgs.delete({ organizationId: a.id, confirmName: 'Source Soap' });
    expect(r.stripe).toEqual({ cancelled: [], note: null });
    expect(r.clonesDetached).toBe(1);
    expect(r.deletedRows).toMatchObject(before);
    // nothing of A is left, in any tenant table; B is whole
    expect(await rowsOf(a.id)).toEqual({});
    expect(await env.db.organization.count({ where: { id: a.id } })).toBe(0);
    expect(await env.db.user.count({ where: { id: a.owner.id } })).toBe(0);
    // B's clone is its own root now, with a lineage event that says why
    const detached = await env.db.recipe.findUniqueOrThrow({ where: { id: clone.id } });
    expect(detached.clonedFromId).toBeNull();
    const lineage = await env.db.recipeLineage.findMany({
      where: { recipeId: clone.id },
      orderBy: { createdAt: 'asc' },
    });
    expect(lineage.map((l) => [l.eventType, l.sourceRecipeId])).toEqual(
      expect.arrayContaining([
        ['CLONE', null],
        ['DETACH', null],
      ]),
    );
    expect(await rowsOf(b.id)).toEqual({ ...bBefore, recipe_lineage: (bBefore.recipe_lineage ?? 0) + 1 });
    // the archive: JSON per table, A's recipe inside
    const archive = await api.dev.orgs.archive({ archiveId: r.archive.id });
    const files = readZip(Buffer.from(archive.base64, 'base64'));
    expect(JSON.parse(files.get('recipes.json')!).map((x: { id: string; name: string }) => [x.id, x.name])).toEqual([
      [recipe.id, 'Castile'],
    ]);
    expect(JSON.parse(files.get('organizations.json')!)[0]).toMatchObject({ id: a.id, name: 'Source Soap' });
    expect(JSON.parse(files.get('manifest.json')!).tables).toMatchObject({ recipes: 1, batches: 1, users: 1 });
    expect(files.size).toBe(TENANT_MODELS.length + 2);
    const audit = await env.db.auditLog.findFirstOrThrow({ where: { action: 'organization.delete' } });
    expect(audit).toMatchObject({
      actorUserId: user.id,
      targetOrgId: a.id,
      targetLabel: 'Source Soap',
      before: { name: 'Source Soap', tier: 'team' },
      after: { archiveId: r.archive.id, clonesDetached: 1, stripeSubscriptionsCancelled: [] },
    });
  });

  it('cancels Stripe first and aborts, deleting nothing, when Stripe refuses', async () => {
    const { a } = await twoOrgsWithAClone();
    await env.db.organization.update({ where: { id: a.id }, data: { stripeCustomerId: 'cus_test_refuses' } });
    const cancelled: string[] = [];
    const stripe = (fail: boolean) =>
      ({
        sdk: {
          subscriptions: {
            list: async () => ({
              data: [
                { id: 'sub_live', status: 'active' },
                { id: 'sub_old', status: 'canceled' },
              ],
            }),
            cancel: async (id: string) => {
              if (fail) throw new Error('No such subscription');
              cancelled.push(id);
              return { id };
            },
          },
        },
      }) as unknown as StripeGateway;
    const { user } = await devCaller();
    const ctx = { ...env.services, actor: { userId: user.id, name: user.username } };
    const before = await rowsOf(a.id);
    await expect(
      deleteOrganization(
        env.db,
        { ...ctx, stripe: stripe(true) },
        { organizationId: a.id, confirmName: 'Source Soap' },
      ),
    ).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: 'Stripe did not cancel the subscription, so nothing was deleted: No such subscription',
    });
    expect(await rowsOf(a.id)).toEqual(before);
    expect(await env.db.auditLog.count()).toBe(0);
    const ok = await deleteOrganization(
      env.db,
      { ...ctx, stripe: stripe(false) },
      { organizationId: a.id, confirmName: 'Source Soap' },
    );
    expect(cancelled).toEqual(['sub_live']);
    expect(ok.stripe).toEqual({ cancelled: ['sub_live'], note: null });
  });

  it('with billing off, skips Stripe with a note', async () => {
    const org = await makeOrg(env, { name: 'Paid Once' });
    await env.db.organization.update({ where: { id: org.id }, data: { stripeCustomerId: 'cus_test_off' } });
    const { user } = await devCaller();
    const r = await deleteOrganization(
      env.db,
      { ...env.services, actor: { userId: user.id, name: user.username }, stripe: null },
      { organizationId: org.id, confirmName: 'Paid Once' },
    );
    expect(r.stripe.note).toBe('Billing is off on this server: no Stripe subscription was cancelled.');
    expect((await env.db.auditLog.findFirstOrThrow()).note).toBe(r.stripe.note);
  });

  it('is refused to a developer role without dev.delete_organizations', async () => {
    const org = await makeOrg(env, { name: 'Keep Me' });
    const { api } = await devCaller('support');
    await expect(api.dev.orgs.delete({ organizationId: org.id, confirmName: 'Keep Me' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});

describe('organization overview', () => {
  it('shows usage against the limits, recent console activity and its Stripe events', async () => {
    const { a } = await twoOrgsWithAClone();
    const { api } = await devCaller();
    await api.dev.orgs.update({ organizationId: a.id, name: 'Source Soap Co' });
    await env.db.stripeEvent.create({
      data: {
        eventId: 'evt_1',
        type: 'invoice.payment_failed',
        payload: {},
        status: 'processed',
        relatedOrgId: a.id,
        eventCreatedAt: env.clock.now(),
      },
    });
    const o = await api.dev.orgs.overview({ organizationId: a.id });
    expect(o.usage.map((u) => [u.name, u.used, u.limit])).toEqual([
      ['Users', 1, 10],
      ['Recipes', 1, 200],
      ['Products', 0, 100],
      ['Batches', 1, -1],
      ['Batches this month', 1, 1000],
    ]);
    expect(o.activity.map((x) => x.action)).toEqual(['organization.update']);
    expect(o.stripeEvents.map((e) => e.type)).toEqual(['invoice.payment_failed']);
  });
});
