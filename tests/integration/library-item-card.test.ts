// The item page's library card (docs/rules/library.md, Link existing items): library.itemLink gives the
// link of a linked item, or the convertible suggestions of an unlinked one; link, resync and unlink move
// between the two, and never touch the item's stock.
import { describe, expect, it } from 'vitest';
import { useTestEnv } from '../helpers/db.ts';
import { makeInventoryOrg, makeItem } from '../helpers/inventory.ts';
import { callerFor, makeMember } from '../helpers/factories.ts';

const env = useTestEnv();

const tag = Date.now().toString(36);

/** A library item of this file only, so other files' edits of the starter catalogue cannot reach it. */
function libraryItem(name: string, defaultUnit: string, density: string | null) {
  const slug = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${tag}`;
  return env.db.globalItem.create({
    data: { name: `${name} ${tag}`, slug, itemType: 'ingredient', defaultUnit, density },
  });
}

describe('library.itemLink', () => {
  it('an unlinked ml item is offered the liquid; linked, the card shows it; resync and unlink keep the stock', async () => {
    const oat = await libraryItem('Oat Drink', 'ml', '1.03');
    const { org, db, ctx } = await makeInventoryOrg(env);
    const owner = await callerFor(env, org.owner.id);
    const mine = await makeItem(db, ctx, {
      name: `Oat Drink ${tag}`,
      unit: 'ml',
      openingQuantity: '500',
      cost: '0.004',
    });
    const counted = await makeItem(db, ctx, { name: `Oat Drink ${tag} cartons`, unit: 'count' });

    const before = await owner.library.itemLink({ itemId: mine.id });
    expect(before.link).toBeNull();
    expect(before.suggestions.map((s) => [s.name, s.defaultUnit, s.density])).toEqual([[oat.name, 'ml', '1.03']]);
    // A count item is never offered a liquid.
    expect((await owner.library.itemLink({ itemId: counted.id })).suggestions).toEqual([]);

    await owner.library.link({ itemId: mine.id, globalItemId: oat.id });
    const linked = await owner.library.itemLink({ itemId: mine.id });
    expect(linked).toEqual({
      itemId: mine.id,
      link: {
        globalItemId: oat.id,
        name: oat.name,
        slug: oat.slug,
        defaultUnit: 'ml',
        density: '1.03',
        capacity: null,
        capacityUnit: null,
      },
      suggestions: [],
    });

    // The library's density changes to 1.04: resync takes it, the unit and the 500 ml stay.
    await env.db.globalItem.update({ where: { id: oat.id }, data: { density: '1.04' } });
    await expect(owner.library.resync({ itemId: mine.id })).resolves.toMatchObject({ density: '1.04' });
    const resynced = await env.db.inventoryItem.findUniqueOrThrow({ where: { id: mine.id } });
    expect([resynced.density?.toString(), resynced.unit, resynced.quantity.toString()]).toEqual(['1.04', 'ml', '500']);

    await owner.library.unlink({ itemId: mine.id });
    const unlinked = await owner.library.itemLink({ itemId: mine.id });
    expect([unlinked.link, unlinked.suggestions.map((s) => s.name)]).toEqual([null, [oat.name]]);
    const kept = await env.db.inventoryItem.findUniqueOrThrow({ where: { id: mine.id } });
    expect([kept.globalItemId, kept.density?.toString(), kept.quantity.toString()]).toEqual([null, '1.04', '500']);
  });

  it('a viewer reads the card but cannot link', async () => {
    const wax = await libraryItem('Quorvel Balsam', 'gram', '0.98');
    const { org, db, ctx } = await makeInventoryOrg(env);
    const item = await makeItem(db, ctx, { name: `Quorvel Balsam ${tag}`, unit: 'gram' });
    const viewer = await callerFor(env, (await makeMember(env, org.id, 'viewer')).id);
    expect((await viewer.library.itemLink({ itemId: item.id })).suggestions.map((s) => s.name)).toEqual([wax.name]);
    await expect(viewer.library.link({ itemId: item.id, globalItemId: wax.id })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
