// Saving from the library after the quick free sign-up (docs/rules/library.md, Save to inventory;
// docs/rules/permissions-and-tiers.md, Tiers): Free Tools has inventory.edit, so the new organization
// keeps a catalogue of items, but no inventory.adjust or quantity tracking, so no stock moves.
import { describe, expect, it } from 'vitest';
import { useTestEnv } from '../helpers/db.ts';
import { callerFor } from '../helpers/factories.ts';
import { seedCatalogue } from '../../src/lib/server/seed/seed-catalogue.ts';
import {
  OPENING_STOCK_NO_ADJUST,
  OPENING_STOCK_UNTRACKED,
  createItem,
} from '../../src/lib/server/domain/inventory/create-item.ts';
import { makeInventoryOrg } from '../helpers/inventory.ts';

const env = useTestEnv();

/** The visitor's quick free sign-up, as /signup?plan=free does it, then signed in as the new owner. */
async function quickFreeSignUp(email: string) {
  const anon = await callerFor(env, null);
  const res = await anon.auth.signUp({
    organizationName: 'Suds Kitchen',
    tierKey: 'free',
    owner: { email, password: 'longenough', firstName: 'Sam', lastName: 'Suds' },
  });
  if (res.kind !== 'created') throw new Error(`expected the organization at once, got ${res.kind}`);
  return { owner: await callerFor(env, res.user.id), organizationId: res.organization.id };
}

describe('save to inventory on Free Tools', () => {
  it('a fresh quick sign-up saves Shea Butter once, as one 0-quantity linked item, and still cannot adjust', async () => {
    const { owner, organizationId } = await quickFreeSignUp('sam@example.com');
    const shea = await env.db.globalItem.findUniqueOrThrow({ where: { slug: 'shea-butter' } });

    const saved = await owner.library.save({ globalItemId: shea.id });
    expect(saved).toMatchObject({ name: 'Shea Butter', restored: false });
    const items = await env.db.inventoryItem.findMany({ where: { organizationId } });
    expect(
      items.map((i) => [i.name, i.quantity.toString(), i.globalItemId, i.unit, i.density?.toString(), i.isTracked]),
    ).toEqual([['Shea Butter', '0', shea.id, shea.defaultUnit, shea.density?.toString(), false]]);
    expect(await env.db.inventoryLot.count({ where: { organizationId } })).toBe(0);

    await expect(owner.library.save({ globalItemId: shea.id })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'Shea Butter is already in your inventory.',
    });
    expect(await env.db.inventoryItem.count({ where: { organizationId } })).toBe(1);

    // No stock movements: a restock of 500 g is refused by the tier, and nothing is written.
    await expect(
      owner.inventory.adjust({ itemId: saved.itemId, changeType: 'restock', quantity: '500' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('inventory.adjust') });
    await expect(
      owner.inventory.bulkUpdate({
        mode: 'apply',
        lines: [{ action: 'restock', itemId: saved.itemId, quantity: '500', unit: 'gram' }],
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await env.db.inventoryEvent.count({ where: { organizationId } })).toBe(0);
    expect((await env.db.inventoryItem.findUniqueOrThrow({ where: { id: saved.itemId } })).quantity.toString()).toBe(
      '0',
    );
  });

  it('creates an item but posts no opening stock, and says so', async () => {
    const { owner, organizationId } = await quickFreeSignUp('ivy@example.com');
    const created = await owner.inventory.create({ name: 'Lavender Water', unit: 'ml', openingQuantity: '250' });
    expect([created.addedQuantity, created.message]).toEqual(['0', OPENING_STOCK_UNTRACKED]);
    const item = await env.db.inventoryItem.findUniqueOrThrow({ where: { id: created.id } });
    expect([item.quantity.toString(), item.isTracked]).toEqual(['0', false]);
    expect(await env.db.inventoryLot.count({ where: { organizationId } })).toBe(0);
    // Without an opening quantity there is nothing to say.
    expect((await owner.inventory.create({ name: 'Rose Water', unit: 'ml' })).message).toBeNull();
  });

  it('a role with inventory.edit but not inventory.adjust on a tracking tier creates the item with 0 on hand', async () => {
    const { db, ctx } = await makeInventoryOrg(env);
    const noAdjust = {
      ...ctx,
      actor: { ...ctx.actor, permissions: new Set([...ctx.actor.permissions].filter((p) => p !== 'inventory.adjust')) },
    };
    const created = await createItem(db, noAdjust, { name: 'Cocoa Butter', openingQuantity: '400', cost: '0.02' });
    expect([created.addedQuantity, created.message]).toEqual(['0', OPENING_STOCK_NO_ADJUST]);
    const item = await env.db.inventoryItem.findUniqueOrThrow({ where: { id: created.id } });
    expect([item.quantity.toString(), item.isTracked]).toEqual(['0', true]);
    // The same with inventory.adjust posts its 400 g.
    const stocked = await createItem(db, ctx, { name: 'Mango Butter', openingQuantity: '400', cost: '0.02' });
    expect([stocked.addedQuantity, stocked.message]).toEqual(['400', null]);
  });
});

/** The tier's access stamp (docs/rules/access.md): every cached access of its organizations is stale after a bump. */
async function stampOf(tierId: string) {
  const [row] = await env.db.$queryRawUnsafe<{ v: number }[]>(
    'SELECT access_version AS v FROM subscription_tiers WHERE id = $1',
    tierId,
  );
  return row!.v;
}

describe('the catalogue seed brings an existing database in line', () => {
  it('a Free Tools tier seeded before the change gains inventory.edit and its access stamp moves', async () => {
    const free = await env.db.subscriptionTier.findUniqueOrThrow({ where: { key: 'free' } });
    const edit = await env.db.permission.findUniqueOrThrow({ where: { name: 'inventory.edit' } });
    // As an older seed left it: read-only inventory.
    await env.db.tierPermission.deleteMany({ where: { tierId: free.id, permissionId: edit.id } });
    const before = await stampOf(free.id);
    await seedCatalogue(env.db);
    const after = await env.db.subscriptionTier.findUniqueOrThrow({
      where: { id: free.id },
      include: { permissions: { include: { permission: true } } },
    });
    expect(after.permissions.map((p) => p.permission.name).sort()).toEqual([
      'inventory.edit',
      'inventory.view',
      'organization.manage_billing',
      'recipes.create',
      'recipes.delete',
      'recipes.edit',
      'recipes.view',
    ]);
    expect(await stampOf(free.id)).not.toBe(before);
  });
});
