// Recipe sharing across organizations and label prefixes (docs/rules/recipe-sharing.md,
// docs/rules/recipes.md#label-prefixes): the public library, cloning with item mapping, origin and
// lineage roots, the source organization's deletion, and prefixes set at creation and edited later.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FIXED_NOW, createTestEnv, resetData, type TestEnv } from '../helpers/db.ts';
import { callerFor, makeDeveloper, makeOrg } from '../helpers/factories.ts';
import { makeItem, orgContext } from '../helpers/inventory.ts';
import { createRecipe } from '../../src/lib/server/domain/recipes/create-recipe.ts';
import { createVariation } from '../../src/lib/server/domain/recipes/create-variation.ts';
import { createTest } from '../../src/lib/server/domain/recipes/create-test.ts';
import { cloneRecipe } from '../../src/lib/server/domain/recipes/manage-recipe.ts';
import { setLabelPrefix } from '../../src/lib/server/domain/recipes/label-prefix.ts';
import { matchKey } from '../../src/lib/server/domain/recipes/clone-public.ts';
import { startBatch } from '../../src/lib/server/domain/batches/start-batch.ts';
import { deleteOrganization } from '../../src/lib/server/domain/dev/delete-organization.ts';

let env: TestEnv;
beforeAll(async () => (env = await createTestEnv()));
beforeEach(async () => {
  await resetData(env.db);
  await env.db.globalItem.deleteMany({ where: { slug: { startsWith: 'sharing-test-' } } });
  env.clock.set(FIXED_NOW);
});
afterAll(() => env.close());

const ing = (itemId: string, quantity: string, unit = 'gram') => ({
  kind: 'ingredient' as const,
  itemId,
  quantity,
  unit,
});

async function org(name: string) {
  const o = await makeOrg(env, { name });
  const { db, ctx } = await orgContext(env, o.id, o.owner.id);
  return { org: o, db, ctx, api: await callerFor(env, o.owner.id) };
}

/**
 * Sunrise Soap publishes "Sunrise Bar": 600 g olive oil, 250 g coconut oils, 120 g sodium hydroxide and
 * 30 ml distilled water (density 1) for a 1000 g batch, i.e. 60 / 25 / 12 / 3 %. It also keeps a
 * private "Secret Balm".
 */
async function seller() {
  const s = await org('Sunrise Soap');
  const olive = await env.db.globalItem.create({
    data: { name: 'Olive Oil', slug: 'sharing-test-olive', itemType: 'ingredient', defaultUnit: 'gram' },
  });
  const water = await env.db.globalItem.create({
    data: {
      name: 'Distilled Water',
      slug: 'sharing-test-water',
      itemType: 'ingredient',
      defaultUnit: 'ml',
      density: '1',
    },
  });
  const items = {
    olive: await makeItem(s.db, s.ctx, {
      name: 'Olive oil',
      cost: '0.012',
      openingQuantity: '5000',
      globalItemId: olive.id,
    }),
    coconut: await makeItem(s.db, s.ctx, { name: 'Coconut oils', cost: '0.009', openingQuantity: '2000' }),
    lye: await makeItem(s.db, s.ctx, { name: 'Sodium hydroxide', cost: '0.004', openingQuantity: '1000' }),
    water: await makeItem(s.db, s.ctx, { name: 'Distilled water', unit: 'ml', density: '1', globalItemId: water.id }),
  };
  const bar = await createRecipe(s.db, s.ctx, {
    name: 'Sunrise Bar',
    predictedYield: '1000',
    yieldUnit: 'gram',
    instructions: 'Blend the oils, add the lye solution at 40 °C.',
    lines: [
      ing(items.olive.id, '600'),
      ing(items.coconut.id, '250'),
      ing(items.lye.id, '120'),
      ing(items.water.id, '30', 'ml'),
    ],
  });
  const secret = await createRecipe(s.db, s.ctx, {
    name: 'Secret Balm',
    predictedYield: '100',
    yieldUnit: 'gram',
    lines: [ing(items.olive.id, '100')],
  });
  return { ...s, global: { olive, water }, items, bar, secret };
}

describe('the recipe library', () => {
  it('lists a public recipe with its formula in % of the batch, and nothing else of its organization', async () => {
    const s = await seller();
    const b = await org('Moonlight Candles');
    await expect(s.api.recipes.setPublic({ recipeId: s.bar.id, isPublic: true })).resolves.toMatchObject({
      isPublic: true,
    });
    const list = await b.api.recipes.library({});
    expect(list.total).toBe(1);
    expect(list.rows.map((r) => [r.name, r.predictedYield, r.yieldUnit, r.lineCount, r.isMine])).toEqual([
      ['Sunrise Bar', '1000', 'gram', 4, false],
    ]);
    expect((await s.api.recipes.library({})).rows[0]!.isMine).toBe(true);

    const view = await b.api.recipes.libraryRecipe({ publicRecipeId: s.bar.id });
    expect(view.basis).toBe('batch');
    expect(view.batchSize).toEqual({ quantity: '1000', unit: 'gram' });
    expect(view.lines.map((l) => [l.name, l.percent])).toEqual([
      ['Olive oil', '60'],
      ['Coconut oils', '25'],
      ['Sodium hydroxide', '12'],
      ['Distilled water', '3'],
    ]);
    // The owner of the buying organization may see costs in general: none are in the answer all the same,
    // nor the seller's ids, name, stock or other recipes.
    const text = JSON.stringify([list, view]);
    expect(text).not.toMatch(/cost/i);
    for (const secret of [
      s.org.id,
      'Sunrise Soap',
      ...Object.values(s.items).map((i) => i.id),
      s.secret.id,
      'Secret Balm',
      '5000',
      '0.012',
    ])
      expect(text).not.toContain(secret);
  });

  it('a private recipe, a test or an unpublished one of another organization is NOT_FOUND, to read and to clone', async () => {
    const s = await seller();
    const b = await org('Moonlight Candles');
    await s.api.recipes.setPublic({ recipeId: s.bar.id, isPublic: true });
    const test = await createTest(s.db, s.ctx, { recipeId: s.bar.id, instructions: 'Try 5 % superfat' });
    for (const id of [s.secret.id, test.id]) {
      await expect(b.api.recipes.libraryRecipe({ publicRecipeId: id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(b.api.recipes.libraryClone({ publicRecipeId: id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    await expect(s.api.recipes.setPublic({ recipeId: test.id, isPublic: true })).rejects.toThrow(
      'Tests cannot be made public.',
    );
    // Archived, it leaves the library and stays private once restored.
    await s.api.recipes.archive({ recipeId: s.bar.id });
    expect((await b.api.recipes.library({})).total).toBe(0);
    await s.api.recipes.restore({ recipeId: s.bar.id });
    expect((await env.db.recipe.findUniqueOrThrow({ where: { id: s.bar.id } })).isPublic).toBe(false);
    await s.api.recipes.setPublic({ recipeId: s.bar.id, isPublic: true });
    // Made private again, it leaves the library.
    await s.api.recipes.setPublic({ recipeId: s.bar.id, isPublic: false });
    await expect(b.api.recipes.libraryClone({ publicRecipeId: s.bar.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await b.api.recipes.library({})).total).toBe(0);
    // Another organization cannot change the flag of the seller's recipe.
    await expect(b.api.recipes.setPublic({ recipeId: s.secret.id, isPublic: true })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await env.db.recipe.count({ where: { organizationId: b.org.id } })).toBe(0);
  });
});

describe('cloning a public recipe into my organization', () => {
  it('maps by global item, then by name (plural and case ignored), and creates the rest', async () => {
    const s = await seller();
    const b = await org('Moonlight Candles');
    // The buyer's "Olive pomace" follows the same global item; "Coconut Oil" matches "Coconut oils" by name.
    const pomace = await makeItem(b.db, b.ctx, { name: 'Olive pomace', globalItemId: s.global.olive.id });
    const coconut = await makeItem(b.db, b.ctx, { name: 'Coconut Oil', openingQuantity: '400', cost: '0.02' });
    await s.api.recipes.setPublic({ recipeId: s.bar.id, isPublic: true });

    const clone = await b.api.recipes.libraryClone({ publicRecipeId: s.bar.id });
    expect(clone.items.map((m) => [m.sourceName, m.how, m.itemName])).toEqual([
      ['Olive oil', 'global', 'Olive pomace'],
      ['Coconut oils', 'name', 'Coconut Oil'],
      ['Sodium hydroxide', 'created', 'Sodium hydroxide'],
      ['Distilled water', 'created', 'Distilled water'],
    ]);
    const row = await env.db.recipe.findUniqueOrThrow({
      where: { id: clone.id },
      include: { lines: { orderBy: { position: 'asc' }, include: { item: true } } },
    });
    expect(row).toMatchObject({
      organizationId: b.org.id,
      name: 'Sunrise Bar',
      status: 'published',
      originType: 'cloned',
      originOrganizationId: s.org.id,
      originRecipeId: s.bar.id,
      rootRecipeId: s.bar.id,
      isShareable: false,
      isPublic: false,
      clonedFromId: null,
    });
    expect(row.lines.map((l) => [l.item.name, l.quantity.toString(), l.unit])).toEqual([
      ['Olive pomace', '600', 'gram'],
      ['Coconut Oil', '250', 'gram'],
      ['Sodium hydroxide', '120', 'gram'],
      ['Distilled water', '30', 'ml'],
    ]);
    expect(row.lines.map((l) => l.itemId).slice(0, 2)).toEqual([pomace.id, coconut.id]);
    // Created items start empty, take the seller item's unit and density, and keep its global link.
    const created = row.lines.slice(2).map((l) => l.item);
    expect(
      created.map((i) => [i.organizationId, i.unit, i.quantity.toString(), i.density?.toString() ?? null]),
    ).toEqual([
      [b.org.id, 'gram', '0', null],
      [b.org.id, 'ml', '0', '1'],
    ]);
    expect(created.map((i) => i.globalItemId)).toEqual([null, s.global.water.id]);
    expect(await env.db.inventoryItem.count({ where: { organizationId: b.org.id } })).toBe(4);
    // The seller's rows are untouched.
    expect(await env.db.inventoryItem.count({ where: { organizationId: s.org.id } })).toBe(4);

    // A clone is not shareable onward; what is made from it keeps the seller's root.
    await expect(b.api.recipes.setPublic({ recipeId: clone.id, isPublic: true })).rejects.toThrow(
      'This recipe was cloned from another organization, so it cannot be shared on.',
    );
    const variation = await createVariation(b.db, b.ctx, {
      parentId: clone.id,
      variationName: 'Lavender',
      lines: [
        ing(pomace.id, '500'),
        ing(coconut.id, '350'),
        ing(created[0]!.id, '120'),
        ing(created[1]!.id, '30', 'ml'),
      ],
    });
    const copy = await cloneRecipe(b.db, b.ctx, { recipeId: clone.id });
    const derived = await env.db.recipe.findMany({
      where: { id: { in: [variation.id, copy.id] } },
      orderBy: { createdAt: 'asc' },
    });
    expect(derived.map((r) => [r.name, r.rootRecipeId, r.originType, r.isShareable, r.isPublic])).toEqual([
      ['Lavender', s.bar.id, 'cloned', false, false],
      ['Sunrise Bar (Copy)', s.bar.id, 'cloned', false, false],
    ]);

    // A second clone lands under a name of its own and reuses the items the first one created.
    const again = await b.api.recipes.libraryClone({ publicRecipeId: s.bar.id });
    expect(again.name).toBe('Sunrise Bar (2)');
    expect(again.items.map((m) => m.how)).toEqual(['global', 'name', 'name', 'global']);
    expect(await env.db.inventoryItem.count({ where: { organizationId: b.org.id } })).toBe(4);
  });

  it('deleting the source organization detaches its clones, which become their own roots', async () => {
    const s = await seller();
    const b = await org('Moonlight Candles');
    await s.api.recipes.setPublic({ recipeId: s.bar.id, isPublic: true });
    const clone = await b.api.recipes.libraryClone({ publicRecipeId: s.bar.id });
    const items = clone.items.map((m) => m.itemId);
    const variation = await createVariation(b.db, b.ctx, {
      parentId: clone.id,
      variationName: 'Oat',
      lines: [ing(items[0]!, '500'), ing(items[1]!, '350'), ing(items[2]!, '120'), ing(items[3]!, '30', 'ml')],
    });
    const test = await createTest(b.db, b.ctx, { recipeId: variation.id, instructions: 'Less water' });
    const dev = await makeDeveloper(env);
    const r = await deleteOrganization(
      env.db,
      { ...env.services, actor: { userId: dev.id, name: dev.username }, stripe: null },
      { organizationId: s.org.id, confirmName: 'Sunrise Soap' },
    );
    expect(r.clonesDetached).toBe(1);
    const rows = await env.db.recipe.findMany({
      where: { organizationId: b.org.id },
      orderBy: { createdAt: 'asc' },
    });
    expect(rows.map((x) => [x.id, x.rootRecipeId, x.originType, x.originOrganizationId, x.originRecipeId])).toEqual([
      [clone.id, clone.id, 'cloned', null, null],
      [variation.id, clone.id, 'cloned', null, null],
      [test.id, clone.id, 'cloned', null, null],
    ]);
    expect(
      (await env.db.recipeLineage.findFirstOrThrow({ where: { recipeId: clone.id, eventType: 'DETACH' } })).notes,
    ).toBe('Its source organization was deleted; this recipe is now its own root.');
  });

  it('records the lineage root of every recipe of an organization', async () => {
    const s = await seller();
    const v = await createVariation(s.db, s.ctx, {
      parentId: s.bar.id,
      variationName: 'Honey',
      lines: [ing(s.items.olive.id, '550'), ing(s.items.coconut.id, '300'), ing(s.items.lye.id, '120')],
    });
    const t = await createTest(s.db, s.ctx, { recipeId: v.id, instructions: 'More honey' });
    await cloneRecipe(s.db, s.ctx, { recipeId: t.id });
    const roots = await env.db.recipe.findMany({
      where: { organizationId: s.org.id },
      select: { name: true, rootRecipeId: true, originType: true, isShareable: true },
      orderBy: { createdAt: 'asc' },
    });
    expect(roots).toEqual([
      { name: 'Sunrise Bar', rootRecipeId: s.bar.id, originType: 'authored', isShareable: true },
      { name: 'Secret Balm', rootRecipeId: s.secret.id, originType: 'authored', isShareable: true },
      { name: 'Honey', rootRecipeId: s.bar.id, originType: 'authored', isShareable: true },
      { name: 'Honey - Test 1', rootRecipeId: s.bar.id, originType: 'authored', isShareable: true },
      { name: 'Honey - Test 1 (Copy)', rootRecipeId: s.bar.id, originType: 'authored', isShareable: true },
    ]);
  });

  it('compares names without case or plural endings', () => {
    expect(matchKey('Coconut Oils')).toBe(matchKey('coconut oil'));
    expect(matchKey('Beeswax  Pellets')).toBe('beeswax pellet');
    expect(matchKey('Berries')).toBe('berry');
    expect(matchKey('Glass')).toBe('glass');
    expect(matchKey('Boxes')).toBe('box');
  });
});

describe('label prefixes', () => {
  it('SOAP1-2026-001 from a recipe created with prefix SOAP; unique per organization; edited later', async () => {
    const s = await org('Prefix Works');
    const oil = await makeItem(s.db, s.ctx, { name: 'Oil', openingQuantity: '10000', cost: '0.01' });
    const lye = await makeItem(s.db, s.ctx, { name: 'Lye', openingQuantity: '1000', cost: '0.01' });
    const soap = await createRecipe(s.db, s.ctx, {
      name: 'Lavender Castile',
      labelPrefix: 'soap',
      predictedYield: '500',
      yieldUnit: 'gram',
      lines: [ing(oil.id, '500'), ing(lye.id, '70')],
    });
    expect(soap.prefix).toBe('SOAP');
    // The label is the group prefix + the master version (1) + the year + the organization's sequence.
    expect((await startBatch(s.db, s.ctx, { recipeId: soap.id, batchType: 'untracked' })).label).toBe('SOAP1-2026-001');
    await expect(
      createRecipe(s.db, s.ctx, { name: 'Other', labelPrefix: 'SOAP', status: 'draft' }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: 'The label prefix SOAP is already used.' });
    // Left empty, the prefix comes from the name ("Goat Milk" → GOM).
    const goat = await createRecipe(s.db, s.ctx, { name: 'Goat Milk', labelPrefix: '', status: 'draft' });
    expect(goat.prefix).toBe('GOM');
    // Variations: the group prefix + V + their number.
    const v1 = await createVariation(s.db, s.ctx, {
      parentId: soap.id,
      variationName: 'Rose',
      lines: [ing(oil.id, '450'), ing(lye.id, '70')],
    });
    const v2 = await createVariation(s.db, s.ctx, {
      parentId: soap.id,
      variationName: 'Mint',
      lines: [ing(oil.id, '400'), ing(lye.id, '70')],
    });
    expect([v1.variationPrefix, v2.variationPrefix]).toEqual(['SOAPV1', 'SOAPV2']);
    expect((await startBatch(s.db, s.ctx, { recipeId: v2.id, batchType: 'untracked' })).label).toBe(
      'SOAP1-SOAPV21-2026-002',
    );
    // Edited later: unique again (variation prefixes count), and new batches take it.
    await expect(setLabelPrefix(s.db, s.ctx, { groupId: soap.groupId, prefix: 'gom' })).rejects.toThrow(
      'The label prefix GOM is already used.',
    );
    await expect(setLabelPrefix(s.db, s.ctx, { groupId: soap.groupId, prefix: 'SOAPV1' })).rejects.toThrow(
      'The label prefix SOAPV1 is already used.',
    );
    await expect(setLabelPrefix(s.db, s.ctx, { groupId: soap.groupId, prefix: 'LAVC' })).resolves.toEqual({
      groupId: soap.groupId,
      prefix: 'LAVC',
    });
    expect((await startBatch(s.db, s.ctx, { recipeId: soap.id, batchType: 'untracked' })).label).toBe('LAVC1-2026-003');
    // Emptied, it is generated from the group name again: "Lavender Castile" → LAC.
    expect((await setLabelPrefix(s.db, s.ctx, { groupId: soap.groupId, prefix: '' })).prefix).toBe('LAC');
    // Through the router, with the field named.
    await expect(s.api.recipes.setLabelPrefix({ groupId: goat.groupId, prefix: 'LAC' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });
});
