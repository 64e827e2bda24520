import { describe, expect, it } from 'vitest';
import { useTestEnv } from '../helpers/db.ts';
import { makeMember, makeOrg } from '../helpers/factories.ts';
import {
  NON_TENANT_ID_FIELDS,
  PLATFORM_MODELS,
  REFERENCE_MODELS,
  SELF_MODELS,
  TENANT_MODELS,
  TENANT_REFERENCES,
  assertInputIdsInOrganization,
  createTenantDb,
} from '../../src/lib/server/db/tenant.ts';

const env = useTestEnv();

type DataModel = {
  models: Record<string, { dbName: string | null; fields: { name: string; kind: string; dbName?: string }[] }>;
};
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

  it('knows what every id column of a tenant table points at, and every foreign key agrees', async () => {
    const models = dataModel().models;
    const nonTenant = new Set<string>(NON_TENANT_ID_FIELDS);
    for (const name of TENANT_MODELS) {
      for (const f of models[name]!.fields) {
        if (f.kind !== 'scalar' || !/Ids?$/.test(f.name) || f.name === 'organizationId') continue;
        expect(
          f.name in TENANT_REFERENCES || nonTenant.has(f.name),
          `${name}.${f.name}: add it to TENANT_REFERENCES or NON_TENANT_ID_FIELDS in db/tenant.ts`,
        ).toBe(true);
      }
    }
    // Every declared foreign key between two tenant tables is a reference of the right target.
    const tableOf = (m: string) => models[m]!.dbName ?? m;
    const modelOfTable = new Map(TENANT_MODELS.map((m) => [tableOf(m), m]));
    const fks = await env.db.$queryRawUnsafe<{ src: string; col: string; dst: string }[]>(
      `SELECT c.conrelid::regclass::text AS src, a.attname AS col, c.confrelid::regclass::text AS dst
         FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY(c.conkey)
        WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace`,
    );
    let checked = 0;
    for (const fk of fks) {
      const src = modelOfTable.get(fk.src.replaceAll('"', ''));
      const dst = modelOfTable.get(fk.dst.replaceAll('"', ''));
      if (!src || !dst || fk.col === 'organization_id') continue;
      const field = models[src]!.fields.find((f) => (f.dbName ?? f.name) === fk.col)!.name;
      expect(TENANT_REFERENCES[field], `${src}.${field} references ${dst}`).toBe(dst);
      checked++;
    }
    expect(checked).toBeGreaterThan(20);
  });

  it("refuses a write that names another organization's row, at the top level, in arrays and nested", async () => {
    const a = await makeOrg(env);
    const b = await makeOrg(env);
    const tdbA = createTenantDb(env.db, a.id);
    const tdbB = createTenantDb(env.db, b.id);
    const bCategory = await tdbB.inventoryCategory.create({ data: { name: 'B cat', itemType: 'ingredient' } as never });
    const bJar = await tdbB.inventoryItem.create({
      data: { name: 'B jar', itemType: 'container', unit: 'count' } as never,
    });
    await expect(
      tdbA.inventoryItem.create({
        data: { name: 'Oil', itemType: 'ingredient', unit: 'gram', inventoryCategoryId: bCategory.id } as never,
      }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'Category not found',
      details: { field: 'inventoryCategoryId' },
    });
    const aItem = await tdbA.inventoryItem.create({
      data: { name: 'Oil', itemType: 'ingredient', unit: 'gram' } as never,
    });
    await expect(
      tdbA.inventoryItem.update({ where: { id: aItem.id }, data: { inventoryCategoryId: { set: bCategory.id } } }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      tdbA.inventoryItem.update({
        where: { id: aItem.id },
        data: { inventoryCategory: { connect: { id: bCategory.id } } },
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const group = await tdbA.recipeGroup.create({ data: { name: 'G', prefix: 'G' } as never });
    await expect(
      tdbA.recipe.create({
        data: { name: 'R', groupId: group.id, allowedContainerIds: [bJar.id] } as never,
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Inventory item not found' });
    await expect(
      tdbA.recipe.create({
        data: {
          name: 'R',
          groupId: group.id,
          lines: { create: [{ organizationId: a.id, kind: 'ingredient', itemId: bJar.id, quantity: 1, unit: 'g' }] },
        } as never,
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await env.db.recipe.count({ where: { organizationId: a.id } })).toBe(0);
  });

  it('checks references inside a transaction on that transaction, seeing the rows it created', async () => {
    const a = await makeOrg(env);
    const tdb = createTenantDb(env.db, a.id);
    const lineCount = await tdb.$transaction(async (tx) => {
      // Written by raw SQL, so the client has never seen it: only a check on this transaction finds it.
      const itemId = '11111111-1111-4111-8111-111111111111';
      await tx.$executeRawUnsafe(
        `INSERT INTO inventory_items (id, organization_id, name, item_type, unit, updated_at) VALUES ($1, $2, 'Fresh', 'ingredient', 'gram', now())`,
        itemId,
        a.id,
      );
      const group = await tx.recipeGroup.create({ data: { name: 'G2', prefix: 'G2' } as never });
      const recipe = await tx.recipe.create({ data: { name: 'R2', groupId: group.id } as never });
      await tx.recipeLine.create({
        data: { recipeId: recipe.id, kind: 'ingredient', itemId, quantity: 1, unit: 'g' } as never,
      });
      return tx.recipeLine.count();
    });
    expect(lineCount).toBe(1);
    await expect(tdb.$transaction([] as never)).rejects.toThrow('interactive transactions only');
  });

  it("answers NOT_FOUND for another organization's id anywhere in an input, and lets unknown ids pass", async () => {
    const a = await makeOrg(env);
    const b = await makeOrg(env);
    const bItem = await createTenantDb(env.db, b.id).inventoryItem.create({
      data: { name: 'B oil', itemType: 'ingredient', unit: 'gram' } as never,
    });
    const aItem = await createTenantDb(env.db, a.id).inventoryItem.create({
      data: { name: 'A oil', itemType: 'ingredient', unit: 'gram' } as never,
    });
    await expect(
      assertInputIdsInOrganization(env.db, a.id, { lines: [{ itemId: aItem.id }, { itemId: bItem.id }] }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Inventory item not found' });
    await expect(assertInputIdsInOrganization(env.db, a.id, { counts: { [bItem.id]: 1 } })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      assertInputIdsInOrganization(env.db, a.id, { itemId: aItem.id, other: '00000000-0000-4000-8000-000000000000' }),
    ).resolves.toBeUndefined();
  });
});
