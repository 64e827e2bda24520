// Tiers, add-ons and permissions edited in the console (docs/rules/platform-console.md, Catalogue): an edit
// takes effect at the next request, the seed leaves edited fields alone, protected tiers stay, and a
// permission switched off platform-wide is granted by nothing.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestEnv, resetData, type TestEnv } from '../helpers/db.ts';
import { callerFor, makeDeveloper, makeOrg } from '../helpers/factories.ts';
import { seedCatalogue } from '../../src/lib/server/seed/seed-catalogue.ts';
import { TIERS } from '../../src/lib/server/auth/tiers.ts';

let env: TestEnv;
beforeAll(async () => (env = await createTestEnv()));
beforeEach(async () => {
  await resetData(env.db);
  await env.db.auditLog.deleteMany();
});
/** Back to the code's catalogue for the files after this one: edits forgotten, the seed applied. */
async function restoreCatalogue() {
  await env.db.subscriptionTier.deleteMany({ where: { key: { notIn: TIERS.map((t) => t.key) } } });
  await env.db.subscriptionTier.updateMany({ data: { editedFields: [] } });
  await env.db.addon.updateMany({ data: { editedFields: [] } });
  await env.db.permission.updateMany({ data: { isActive: true } });
  await env.db.developerPermission.updateMany({ data: { isActive: true } });
  await seedCatalogue(env.db);
}
afterAll(async () => {
  await restoreCatalogue();
  await env.close();
});

async function devApi(role = 'system_admin') {
  return callerFor(env, (await makeDeveloper(env, role)).id);
}

describe('editing tiers', () => {
  it('a tier permission edit takes effect at the next request of its organizations', async () => {
    const org = await makeOrg(env, { tierKey: 'solo' });
    const owner = await callerFor(env, org.owner.id);
    await expect(owner.team.list({})).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('Your Solo plan does not include organization.view.'),
    });
    const dev = await devApi();
    const solo = (await dev.dev.catalogue.tiers()).find((t) => t.key === 'solo')!;
    const r = await dev.dev.catalogue.updateTier({
      tierKey: 'solo',
      permissions: [...solo.permissions, 'organization.view'],
    });
    expect(r.changed).toEqual(['permissions']);
    // the same caller, next request
    await expect(owner.team.list({})).resolves.toMatchObject({ total: 1 });
    await restoreCatalogue();
    await expect(owner.team.list({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('records the edited fields, and a seed run leaves them alone while it updates the rest', async () => {
    const dev = await devApi();
    await dev.dev.catalogue.updateTier({ tierKey: 'team', userLimit: 25, description: 'Up to 25 people' });
    // drift in a field nobody edited: the seed brings it back
    await env.db.subscriptionTier.update({ where: { key: 'team' }, data: { maxProducts: 7 } });
    await seedCatalogue(env.db);
    const team = await env.db.subscriptionTier.findUniqueOrThrow({ where: { key: 'team' } });
    expect([team.userLimit, team.description, team.maxProducts, team.editedFields]).toEqual([
      25,
      'Up to 25 people',
      100,
      ['description', 'userLimit'],
    ]);
    const audit = await env.db.auditLog.findFirstOrThrow({ where: { action: 'tier.update' } });
    expect([audit.before, audit.after]).toEqual([
      { description: 'Up to 10 people with roles', userLimit: 10 },
      { description: 'Up to 25 people', userLimit: 25 },
    ]);
    await restoreCatalogue();
  });

  it('the seed keeps edited permissions and add-ons of a tier, and an edited add-on', async () => {
    const dev = await devApi();
    await dev.dev.catalogue.updateTier({ tierKey: 'free', permissions: ['recipes.view', 'inventory.view'] });
    await dev.dev.catalogue.updateAddon({ addonKey: 'batchbot_access', name: 'Batchley' });
    await seedCatalogue(env.db);
    const free = (await dev.dev.catalogue.tiers()).find((t) => t.key === 'free')!;
    expect(free.permissions).toEqual(['inventory.view', 'recipes.view']);
    const addon = await env.db.addon.findUniqueOrThrow({ where: { key: 'batchbot_access' } });
    expect([addon.name, addon.editedFields, addon.stripeLookupKey]).toEqual(['Batchley', ['name'], 'batchbot-access']);
    await restoreCatalogue();
  });

  it('creates a tier; Exempt, Free and tiers with organizations cannot be deleted', async () => {
    const dev = await devApi();
    await dev.dev.catalogue.createTier({
      key: 'maker_pro',
      name: 'Maker Pro',
      description: 'For the busy ones',
      isCustomerFacing: true,
      userLimit: 3,
      maxRecipes: 100,
      maxProducts: 50,
      maxBatches: -1,
      maxMonthlyBatches: 400,
      maxBatchbotRequests: 0,
      retentionPolicy: 'one_year',
      billingProvider: 'stripe',
      stripeLookupKey: 'batchtrack_maker_pro_monthly',
      permissions: ['dashboard.view', 'recipes.view'],
      addons: [{ key: 'recipe_variations', included: false }],
    });
    const pro = (await dev.dev.catalogue.tiers()).find((t) => t.key === 'maker_pro')!;
    expect([pro.userLimit, pro.permissions, pro.addons, pro.deletable]).toEqual([
      3,
      ['dashboard.view', 'recipes.view'],
      [{ key: 'recipe_variations', included: false }],
      true,
    ]);
    await expect(dev.dev.catalogue.deleteTier({ tierKey: 'free' })).rejects.toMatchObject({
      message: 'The Free Tools tier cannot be deleted.',
    });
    await expect(dev.dev.catalogue.deleteTier({ tierKey: 'exempt' })).rejects.toMatchObject({
      message: 'The Exempt tier cannot be deleted.',
    });
    await makeOrg(env, { tierKey: 'maker_pro' });
    await expect(dev.dev.catalogue.deleteTier({ tierKey: 'maker_pro' })).rejects.toMatchObject({
      message: '1 organization(s) are on Maker Pro: move them first.',
    });
    await resetData(env.db);
    await dev.dev.catalogue.deleteTier({ tierKey: 'maker_pro' }).catch(async () => {
      // resetData removed the developer too: a fresh one deletes it
      await (await devApi()).dev.catalogue.deleteTier({ tierKey: 'maker_pro' });
    });
    expect(await env.db.subscriptionTier.count({ where: { key: 'maker_pro' } })).toBe(0);
    await expect(
      (await devApi()).dev.catalogue.updateTier({ tierKey: 'solo', stripeLookupKey: 'batchtrack_team_monthly' }),
    ).rejects.toMatchObject({ message: 'The lookup key batchtrack_team_monthly is already used by Team.' });
  });

  it('is refused to a developer role without dev.manage_tiers', async () => {
    const support = await devApi('support');
    await expect(support.dev.catalogue.updateTier({ tierKey: 'solo', userLimit: 99 })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'Your developer role does not include dev.manage_tiers.',
    });
  });
});

describe('permission matrix', () => {
  it('lists each permission with its tiers and preset roles; switching one off removes it everywhere', async () => {
    const dev = await devApi();
    const m = await dev.dev.catalogue.permissions();
    const view = m.customer.find((p) => p.name === 'inventory.view')!;
    expect(view).toMatchObject({ category: 'inventory', isActive: true });
    expect(view.tiers).toEqual(['exempt', 'free', 'solo', 'team', 'enterprise']);
    expect(view.presetRoles).toContain('viewer');
    const org = await makeOrg(env, { tierKey: 'team' });
    const owner = await callerFor(env, org.owner.id);
    await expect(owner.inventory.list({})).resolves.toBeTruthy();
    await dev.dev.catalogue.setPermissionActive({ name: 'inventory.view', isActive: false });
    await expect(owner.inventory.list({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await dev.dev.catalogue.setPermissionActive({ name: 'inventory.view', isActive: true });
    await expect(owner.inventory.list({})).resolves.toBeTruthy();
    expect((await env.db.auditLog.findMany({ orderBy: { createdAt: 'asc' } })).map((a) => a.action)).toEqual([
      'permission.deactivate',
      'permission.activate',
    ]);
    await expect(
      dev.dev.catalogue.setPermissionActive({ name: 'dev.assign_permissions', isActive: false }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
