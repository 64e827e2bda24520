// Every procedure declares its permission, and every organization procedure refuses: a signed-out
// caller (401), a caller without the permission (403), a developer with no selected organization (403),
// and another organization's resources (NOT_FOUND, not FORBIDDEN; lists never show them).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, resetData, type TestEnv } from '../helpers/db.ts';
import { callerFor, makeDeveloper, makeMember, makeOrg, type Caller } from '../helpers/factories.ts';
import { appRouter } from '../../src/lib/server/trpc/root.ts';
import { isKnownPermission } from '../../src/lib/shared/permission-catalogue.ts';
import { AREAS } from '../helpers/access-inputs/index.ts';
import type { AreaContext } from '../helpers/access-inputs/types.ts';

let env: TestEnv;
type Fixture = Awaited<ReturnType<typeof buildFixture>>;
let fx: Fixture;

type Procedure = { _def: { meta?: { permission?: string; access?: string }; type: string } };
const procedures = Object.entries(
  (appRouter as unknown as { _def: { procedures: Record<string, Procedure> } })._def.procedures,
);
const orgProcedures = procedures.filter(
  ([, p]) => p._def.meta?.permission && !p._def.meta.permission.startsWith('dev.'),
);
const devProcedures = procedures.filter(([, p]) => p._def.meta?.permission?.startsWith('dev.'));

async function buildFixture() {
  const a = await makeOrg(env, { name: 'Org A' });
  const b = await makeOrg(env, { name: 'Org B' });
  const bMember = await makeMember(env, b.id, 'viewer');
  const bRole = await env.db.role.findFirstOrThrow({ where: { organizationId: b.id, name: 'viewer' } });
  const aRole = await env.db.role.findFirstOrThrow({ where: { organizationId: a.id, name: 'viewer' } });
  const bOwner = await callerFor(env, b.owner.id);
  const bInvite = await bOwner.team.invite({ email: 'b-invitee@example.com', roleId: bRole.id });
  // A member whose only role grants dashboard.view, which no procedure below uses.
  const bare = await env.db.role.create({
    data: {
      organizationId: a.id,
      name: 'bare',
      permissions: { create: [{ permission: { connect: { name: 'dashboard.view' } } }] },
    },
  });
  const aBare = await makeMember(env, a.id, 'bare');
  const bItem = await bOwner.inventory.create({
    name: 'B secret oil',
    openingQuantity: '10',
    cost: '1',
    isPerishable: true,
    shelfLifeDays: 1,
  });
  await bOwner.units.createCustom({ name: 'b-only-unit', unitType: 'weight' });
  const bMove = await bOwner.inventory.adjust({ itemId: bItem.id, changeType: 'use', quantity: '1' });
  const bImport = await bOwner.inventory.importStart({ csv: 'name,opening_quantity\nB imported,5' });
  const areaCtx: AreaContext = { env, aOrgId: a.id, bOrgId: b.id, aOwner: await callerFor(env, a.owner.id), bOwner };
  const areas = [];
  for (const area of AREAS) areas.push({ area, fx: await area.setup(areaCtx) });
  return {
    areaCtx,
    areas,
    a,
    b,
    bMember,
    bRole,
    aRole,
    bInviteId: bInvite.inviteId,
    bareRoleId: bare.id,
    aBare,
    bItemId: bItem.id,
    bMovementId: bMove.movementId!,
    bImportId: bImport.importId,
  };
}

/** A valid input per organization procedure, pointing at org B's resources where it takes an id. */
function inputFor(path: string): { input: unknown; foreign: boolean; refusedWith?: string } {
  const table: Record<string, { input: unknown; foreign: boolean; refusedWith?: string }> = {
    'team.list': { input: {}, foreign: false },
    'team.invites': { input: undefined, foreign: false },
    'team.invite': { input: { email: 'x-tenant@example.com', roleId: fx.bRole.id }, foreign: true },
    'team.revokeInvite': { input: { inviteId: fx.bInviteId }, foreign: true },
    'team.setActive': { input: { userId: fx.bMember.id, active: false }, foreign: true },
    'team.setRole': { input: { userId: fx.bMember.id, roleId: fx.aRole.id }, foreign: true },
    'team.softDelete': { input: { userId: fx.bMember.id }, foreign: true },
    'team.restore': { input: { userId: fx.bMember.id }, foreign: true },
    'team.transferOwnership': { input: { userId: fx.bMember.id }, foreign: true },
    'roles.list': { input: undefined, foreign: false },
    'roles.catalogue': { input: undefined, foreign: false },
    'roles.create': { input: { name: `R${Date.now()}`, permissions: ['organization.view'] }, foreign: false },
    'roles.update': {
      input: { roleId: fx.bRole.id, name: 'hijack', permissions: ['organization.view'] },
      foreign: true,
    },
    'roles.delete': { input: { roleId: fx.bRole.id }, foreign: true },
    'inventory.list': { input: {}, foreign: false },
    'inventory.get': { input: { itemId: fx.bItemId }, foreign: true },
    'inventory.history': { input: { itemId: fx.bItemId }, foreign: true },
    'inventory.series': { input: { itemId: fx.bItemId }, foreign: true },
    'inventory.expiring': { input: { within: 30 }, foreign: false },
    'inventory.readySoon': { input: { withinDays: 7 }, foreign: false },
    'inventory.digest': { input: undefined, foreign: false },
    'inventory.categories': { input: undefined, foreign: false },
    'inventory.inventoryCategories': { input: undefined, foreign: false },
    'inventory.createCategory': { input: { name: `Cat ${Date.now()}`, itemType: 'ingredient' }, foreign: false },
    'inventory.create': { input: { name: `A item ${Date.now()}` }, foreign: false },
    'inventory.update': { input: { itemId: fx.bItemId, name: 'hijacked' }, foreign: true },
    'inventory.archive': { input: { itemId: fx.bItemId }, foreign: true },
    'inventory.restore': { input: { itemId: fx.bItemId }, foreign: true },
    'inventory.adjust': { input: { itemId: fx.bItemId, changeType: 'use', quantity: '1' }, foreign: true },
    'inventory.reverse': { input: { movementId: fx.bMovementId, reason: 'cross-tenant attempt' }, foreign: true },
    'inventory.disposeExpired': { input: { itemId: fx.bItemId }, foreign: true },
    'inventory.importPreview': { input: { csv: 'name\nA-side' }, foreign: false },
    'inventory.importStart': { input: { csv: `name\nA import ${Date.now()}` }, foreign: false },
    'inventory.importStatus': { input: { importId: fx.bImportId }, foreign: true },
    'inventory.exportItems': { input: undefined, foreign: false },
    'inventory.exportLedger': { input: undefined, foreign: false },
    'org.inventorySettings': { input: undefined, foreign: false },
    'org.updateInventorySettings': { input: { expiringSoonDays: 7 }, foreign: false },
    'units.list': { input: undefined, foreign: false },
    'units.convert': { input: { amount: '1', from: 'lb', to: 'gram', itemId: fx.bItemId }, foreign: true },
    'units.createCustom': { input: { name: `scoop${Date.now()}`, unitType: 'weight' }, foreign: false },
    'units.addMapping': { input: { fromUnit: 'b-only-unit', toUnit: 'gram', factor: '2' }, foreign: true },
  };
  for (const { area, fx: areaFx } of fx.areas) Object.assign(table, area.inputs(areaFx));
  const entry = table[path];
  if (!entry) throw new Error(`access-control test has no input for ${path}: add one`);
  return entry;
}

function call(caller: Caller, path: string, input: unknown): Promise<unknown> {
  const fn = path.split('.').reduce<any>((o, k) => o[k], caller);
  return fn(input);
}

beforeAll(async () => {
  env = await createTestEnv();
  await resetData(env.db);
  fx = await buildFixture();
});
afterAll(() => env.close());

describe('every procedure declares its permission', () => {
  it('has a known permission or is explicitly public/authed', () => {
    expect(procedures.length).toBeGreaterThan(20);
    for (const [path, p] of procedures) {
      const meta = p._def.meta ?? {};
      const ok =
        (meta.permission && isKnownPermission(meta.permission)) || meta.access === 'public' || meta.access === 'authed';
      expect(ok, `${path} declares no permission`).toBeTruthy();
    }
  });
  it('lists exactly these public procedures', () => {
    const pub = procedures
      .filter(([, p]) => p._def.meta?.access === 'public')
      .map(([k]) => k)
      .sort();
    expect(pub).toEqual([
      'auth.acceptInvite',
      'auth.completeSignup',
      'auth.invite',
      'auth.passwordLink',
      'auth.signIn',
      'auth.signUp',
      'auth.tiers',
      'auth.usePasswordLink',
      'library.get',
      'library.list',
      'library.typeahead',
    ]);
  });
});

describe.each(orgProcedures.map(([path, p]) => [path, p._def.meta!.permission!] as const))(
  '%s (%s)',
  (path, permission) => {
    it('refuses a signed-out caller with UNAUTHORIZED', async () => {
      const anon = await callerFor(env, null);
      await expect(call(anon, path, inputFor(path).input)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    });
    it('refuses a member without the permission with FORBIDDEN', async () => {
      const bare = await callerFor(env, fx.aBare.id);
      await expect(call(bare, path, inputFor(path).input)).rejects.toMatchObject({
        code: 'FORBIDDEN',
        message: `You do not have permission ${permission}. Ask your organization owner for access.`,
      });
    });
    it('refuses a developer who has not selected an organization', async () => {
      const dev = await callerFor(env, (await makeDeveloper(env)).id);
      await expect(call(dev, path, inputFor(path).input)).rejects.toMatchObject({
        code: 'FORBIDDEN',
        message: 'Please select an organization to view customer features.',
      });
    });
    it("never reaches another organization's resources", async () => {
      const ownerA = await callerFor(env, fx.a.owner.id);
      const { input, foreign, refusedWith } = inputFor(path);
      if (foreign) {
        await expect(call(ownerA, path, input)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      } else {
        let out: string;
        if (refusedWith) {
          const err = await call(ownerA, path, input).then(
            () => null,
            (e: { code?: string; message?: string }) => e,
          );
          expect(err?.code, `${path} should be refused with ${refusedWith}`).toBe(refusedWith);
          out = JSON.stringify({ message: err?.message });
        } else out = JSON.stringify(await call(ownerA, path, input));
        for (const id of [
          fx.b.id,
          fx.b.owner.id,
          fx.bMember.id,
          fx.bRole.id,
          fx.bInviteId,
          fx.bItemId,
          fx.bMovementId,
          fx.bImportId,
        ])
          expect(out).not.toContain(id);
        expect(out).not.toContain('B secret oil');
        for (const { area, fx: areaFx } of fx.areas)
          for (const secret of area.secrets(areaFx)) expect(out).not.toContain(secret);
      }
      // org B is untouched
      const member = await env.db.user.findUniqueOrThrow({
        where: { id: fx.bMember.id },
        include: { assignments: true },
      });
      expect([member.isActive, member.isDeleted, member.assignments.map((x) => x.roleId)]).toEqual([
        true,
        false,
        [fx.bRole.id],
      ]);
      expect((await env.db.role.findUniqueOrThrow({ where: { id: fx.bRole.id } })).name).toBe('viewer');
      expect((await env.db.invite.findUniqueOrThrow({ where: { id: fx.bInviteId } })).revokedAt).toBeNull();
      const bItem = await env.db.inventoryItem.findUniqueOrThrow({ where: { id: fx.bItemId } });
      expect([bItem.name, bItem.quantity.toString(), bItem.isArchived]).toEqual(['B secret oil', '9', false]);
      expect(await env.db.inventoryMovement.count({ where: { reversesMovementId: fx.bMovementId } })).toBe(0);
      for (const { area, fx: areaFx } of fx.areas) await area.assertUntouched?.(fx.areaCtx, areaFx);
    });
  },
);

describe.each(devProcedures.map(([path, p]) => [path, p._def.meta!.permission!] as const))('%s (%s)', (path) => {
  it('refuses customers as developer-only, and signed-out callers', async () => {
    const owner = await callerFor(env, fx.a.owner.id);
    await expect(call(owner, path, devInput(path))).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'This area is for BatchTrack staff only.',
    });
    const anon = await callerFor(env, null);
    await expect(call(anon, path, devInput(path))).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});

function devInput(path: string): unknown {
  const table: Record<string, unknown> = {
    'dev.kpis': undefined,
    'dev.organizations': {},
    'dev.organization': { organizationId: fx.b.id },
    'dev.viewAs': { organizationId: fx.b.id },
    'dev.queues': undefined,
    'dev.jobs': {},
    'dev.triggerRollup': { organizationId: fx.b.id },
    'orders.runExpiryNow': undefined,
    'dev.retryJob': { queue: 'stats.rollup', jobId: '00000000-0000-4000-8000-000000000000' },
    'dev.deleteJob': { queue: 'stats.rollup', jobId: '00000000-0000-4000-8000-000000000000' },
    'dev.stripeEvents': {},
    'dev.retryStripeEvent': { id: '00000000-0000-4000-8000-000000000000' },
    'dev.tierPrices': undefined,
    'dev.syncTierPrice': { tierKey: 'solo' },
    'dev.assignTier': { organizationId: fx.b.id, tierKey: 'team' },
    'dev.orgs.tierOptions': undefined,
    'dev.orgs.create': {
      name: 'Dev made',
      tierKey: 'free',
      owner: { username: 'devmade', email: 'devmade@example.com', firstName: 'D', lastName: 'M' },
    },
    'dev.orgs.update': { organizationId: fx.b.id, name: 'Renamed' },
    'dev.orgs.changeTier': { organizationId: fx.b.id, tierKey: 'solo' },
    'dev.orgs.delete': { organizationId: fx.b.id, confirmName: 'Org B' },
    'dev.orgs.overview': { organizationId: fx.b.id },
    'dev.orgs.export': { organizationId: fx.b.id },
    'dev.orgs.archives': {},
    'dev.orgs.archive': { archiveId: '00000000-0000-4000-8000-000000000000' },
    'dev.orgs.audit': {},
    'dev.users.list': {},
    'dev.users.update': { userId: fx.b.owner.id, firstName: 'X' },
    'dev.users.resetPassword': { userId: fx.b.owner.id, mode: 'link' },
    'dev.users.endSessions': { userId: fx.b.owner.id },
    'dev.users.softDelete': { userId: fx.bMember.id },
    'dev.users.hardDelete': { userId: fx.bMember.id, confirmUsername: 'nobody' },
    'dev.users.developerRoles': undefined,
    'dev.users.createDeveloper': {
      username: 'newdev',
      email: 'newdev@example.com',
      firstName: 'N',
      lastName: 'D',
      password: 'long-enough-1',
      roleName: 'support',
    },
    'dev.users.setDeveloperRole': { userId: fx.b.owner.id, roleName: 'support' },
    'dev.catalogue.tiers': undefined,
    'dev.catalogue.addons': undefined,
    'dev.catalogue.updateTier': { tierKey: 'team', description: 'hijacked' },
    'dev.catalogue.createTier': {
      key: 'hijack',
      name: 'Hijack',
      description: '',
      isCustomerFacing: false,
      userLimit: 1,
      maxRecipes: 1,
      maxProducts: 1,
      maxBatches: 1,
      maxMonthlyBatches: 1,
      maxBatchbotRequests: 0,
      retentionPolicy: 'one_year',
      billingProvider: 'exempt',
      stripeLookupKey: null,
      permissions: [],
      addons: [],
    },
    'dev.catalogue.deleteTier': { tierKey: 'team' },
    'dev.catalogue.updateAddon': { addonKey: 'recipe_variations', name: 'Hijacked' },
    'dev.catalogue.permissions': undefined,
    'dev.platform.flags': undefined,
    'dev.platform.setFlag': { key: 'FEATURE_CSV_EXPORT', enabled: false, organizationId: fx.b.id },
    'dev.platform.settings': undefined,
    'dev.platform.updateSettings': {
      supportEmail: 'x@example.com',
      signupOpen: false,
      maintenanceBanner: '',
      defaultRetentionDays: 30,
    },
    'dev.platform.integrations': undefined,
    'dev.platform.scheduledJobs': undefined,
    'dev.platform.runJobNow': { name: 'stats.rollup', organizationId: fx.b.id },
    'dev.platform.sendTestEmail': { to: 'x@example.com' },
    'dev.platform.debugPermission': { userId: fx.b.owner.id, permission: 'inventory.view' },
    'dev.catalogue.setPermissionActive': { name: 'inventory.view', isActive: false },
    'dev.library.list': {},
    'dev.library.get': { globalItemId: '00000000-0000-4000-8000-000000000000' },
    'dev.library.create': { name: 'Hijacked oil', defaultUnit: 'gram' },
    'dev.library.update': { globalItemId: '00000000-0000-4000-8000-000000000000', name: 'X', defaultUnit: 'gram' },
    'dev.library.archive': { globalItemId: '00000000-0000-4000-8000-000000000000' },
    'dev.library.restore': { globalItemId: '00000000-0000-4000-8000-000000000000' },
    'dev.library.import': { csv: 'name,default_unit\nHijacked,gram' },
  };
  if (!(path in table)) throw new Error(`access-control test has no input for ${path}: add one`);
  return table[path];
}
