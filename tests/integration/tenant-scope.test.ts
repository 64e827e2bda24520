import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestEnv, resetData, type TestEnv } from '../helpers/db.ts';
import { makeMember, makeOrg } from '../helpers/factories.ts';
import {
  PLATFORM_MODELS,
  REFERENCE_MODELS,
  SELF_MODELS,
  TENANT_MODELS,
  createTenantDb,
} from '../../src/lib/server/db/tenant.ts';

let env: TestEnv;
beforeAll(async () => (env = await createTestEnv()));
beforeEach(() => resetData(env.db));
afterAll(() => env.close());

type DataModel = { models: Record<string, { fields: { name: string }[] }> };
const dataModel = () => (env.db as unknown as { _runtimeDataModel: DataModel })._runtimeDataModel;

describe('tenant-scoped client', () => {
  it('classifies every model, and every model with organizationId is tenant data', () => {
    const classified = new Set<string>([...TENANT_MODELS, ...REFERENCE_MODELS, ...SELF_MODELS, ...PLATFORM_MODELS]);
    for (const [name, m] of Object.entries(dataModel().models)) {
      expect(classified.has(name), `${name} is not classified in db/tenant.ts`).toBe(true);
      if (m.fields.some((f) => f.name === 'organizationId')) expect(TENANT_MODELS as readonly string[]).toContain(name);
    }
  });

  it('filters reads, updates and deletes to the organization and stamps creates', async () => {
    const a = await makeOrg(env);
    const b = await makeOrg(env);
    const bUser = await makeMember(env, b.id, 'viewer');
    const tdb = createTenantDb(env.db, a.id);
    expect((await tdb.user.findMany()).map((u) => u.id)).toEqual([a.owner.id]);
    expect(await tdb.user.findUnique({ where: { id: bUser.id } })).toBeNull();
    expect(await tdb.user.count()).toBe(1);
    expect((await tdb.user.updateMany({ data: { phone: '1' } })).count).toBe(1);
    expect((await env.db.user.findUniqueOrThrow({ where: { id: bUser.id } })).phone).toBeNull();
    await expect(tdb.user.update({ where: { id: bUser.id }, data: { phone: '2' } })).rejects.toThrow();
    expect((await tdb.role.deleteMany({ where: { name: 'viewer' } })).count).toBe(1);
    expect(await env.db.role.count({ where: { organizationId: b.id, name: 'viewer' } })).toBe(1);
    const created = await tdb.role.create({ data: { name: 'stamped' } as never });
    expect(created.organizationId).toBe(a.id);
    await expect(tdb.role.create({ data: { name: 'x', organizationId: b.id } })).rejects.toThrow(
      'Cannot write a row of another organization',
    );
  });

  it('exposes only its own organization row, read and update', async () => {
    const a = await makeOrg(env, { name: 'Mine' });
    const b = await makeOrg(env, { name: 'Theirs' });
    const tdb = createTenantDb(env.db, a.id);
    expect((await tdb.organization.findMany()).map((o) => o.name)).toEqual(['Mine']);
    expect(await tdb.organization.findUnique({ where: { id: b.id } })).toBeNull();
    await expect(tdb.organization.delete({ where: { id: a.id } })).rejects.toThrow(
      'Cannot delete an organization through a tenant db',
    );
  });

  it('lets tenants read reference data but not write it, and refuses platform tables', async () => {
    const a = await makeOrg(env);
    const tdb = createTenantDb(env.db, a.id);
    expect(await tdb.subscriptionTier.count()).toBe(5);
    await expect(tdb.subscriptionTier.updateMany({ data: { userLimit: 99 } })).rejects.toThrow(
      'SubscriptionTier is read-only for organizations',
    );
    await expect(tdb.session.findMany()).rejects.toThrow(
      'Session is not reachable through an organization-scoped client',
    );
  });
});
