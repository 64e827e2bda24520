import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestEnv, resetData, type TestEnv } from '../helpers/db.ts';
import { callerFor } from '../helpers/factories.ts';
import { makeInventoryOrg, makeItem, orgContext } from '../helpers/inventory.ts';
import type { TenantDb } from '../../src/lib/server/db/tenant.ts';
import type { OrgCtx } from '../../src/lib/server/domain/context.ts';
import { seedProductCategories } from '../../src/lib/server/domain/recipes/product-categories.ts';
import { createRecipe } from '../../src/lib/server/domain/recipes/create-recipe.ts';
import { updateRecipe } from '../../src/lib/server/domain/recipes/update-recipe.ts';
import { createVariation } from '../../src/lib/server/domain/recipes/create-variation.ts';
import { createTest } from '../../src/lib/server/domain/recipes/create-test.ts';
import {
  promoteTest,
  promoteVariationToMaster,
  promoteVariationToNewGroup,
  setCurrent,
} from '../../src/lib/server/domain/recipes/promote-recipe.ts';
import {
  archiveRecipe,
  cloneRecipe,
  deleteRecipe,
  restoreRecipe,
} from '../../src/lib/server/domain/recipes/manage-recipe.ts';
import {
  diffVersions,
  getRecipe,
  listGroupVersions,
  listRecipes,
} from '../../src/lib/server/domain/recipes/queries.ts';
import { costCard, scaleRecipe } from '../../src/lib/server/domain/recipes/cost-card.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
  await seedProductCategories(env.db);
});
beforeEach(() => resetData(env.db));
afterAll(() => env.close());

type Org = Awaited<ReturnType<typeof makeInventoryOrg>>;
async function soapKit(o: Org) {
  const oil = await makeItem(o.db, o.ctx, { name: 'Olive Oil', unit: 'gram', cost: '0.01' });
  const lye = await makeItem(o.db, o.ctx, { name: 'Lye', unit: 'gram', cost: '0.02' });
  const water = await makeItem(o.db, o.ctx, { name: 'Distilled Water', unit: 'ml', density: '1' });
  const wick = await makeItem(o.db, o.ctx, { name: 'Label', itemType: 'consumable', unit: 'count', cost: '0.05' });
  return { oil, lye, water, wick };
}
const ing = (itemId: string, quantity: string, unit = 'gram') => ({
  kind: 'ingredient' as const,
  itemId,
  quantity,
  unit,
});

async function soap(
  db: TenantDb,
  ctx: OrgCtx,
  k: Awaited<ReturnType<typeof soapKit>>,
  over: Record<string, unknown> = {},
) {
  return createRecipe(db, ctx, {
    name: 'Lavender Soap',
    predictedYield: '10',
    yieldUnit: 'oz',
    lines: [ing(k.oil.id, '100'), ing(k.lye.id, '14'), ing(k.water.id, '30', 'ml')],
    ...over,
  });
}

describe('create and validate', () => {
  it('creates a group with a prefix, master v1, published and current, with a CREATE lineage', async () => {
    const o = await makeInventoryOrg(env);
    const k = await soapKit(o);
    const r = await soap(o.db, o.ctx, k);
    expect(r).toMatchObject({
      name: 'Lavender Soap',
      isMaster: true,
      versionNumber: 1,
      status: 'published',
      isCurrent: true,
      prefix: 'LAS',
    });
    const full = await getRecipe(o.db, o.ctx, { recipeId: r.id });
    expect(full.lines.map((l) => [l.itemName, l.quantity, l.unit])).toEqual([
      ['Olive Oil', '100', 'gram'],
      ['Lye', '14', 'gram'],
      ['Distilled Water', '30', 'ml'],
    ]);
    expect(full.lineage.map((l) => l.eventType)).toEqual(['CREATE']);
    expect(full.locked).toBe(true);
    // a second recipe whose prefix would clash gets LAS1
    const r2 = await createRecipe(o.db, o.ctx, { name: 'Lavish Scrub', status: 'draft' });
    expect(r2.prefix).toBe('LAS1');
  });

  it('names missing fields so the UI can offer "save as draft", and saves the draft', async () => {
    const o = await makeInventoryOrg(env);
    await expect(
      createRecipe(o.db, o.ctx, { name: 'Fudge', isPortioned: true, predictedYield: null }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      message: 'Missing required fields: Portion count and Ingredients',
      details: { missingFields: ['portionCount', 'ingredients'], canSaveAsDraft: true },
    });
    await expect(createRecipe(o.db, o.ctx, { name: 'Fudge', isPortioned: false })).rejects.toMatchObject({
      message: 'Missing required fields: Yield amount and Ingredients',
      details: { missingFields: ['yield', 'ingredients'] },
    });
    const draft = await createRecipe(o.db, o.ctx, { name: 'Fudge', status: 'draft' });
    expect(draft).toMatchObject({ status: 'draft', isCurrent: false, versionNumber: 1 });
    // drafts are editable, and publishing makes them current once complete
    const k = await soapKit(o);
    await expect(updateRecipe(o.db, o.ctx, { recipeId: draft.id, status: 'published' })).rejects.toThrow(
      'Missing required fields: Yield amount and Ingredients',
    );
    const pub = await updateRecipe(o.db, o.ctx, {
      recipeId: draft.id,
      status: 'published',
      predictedYield: '2',
      lines: [ing(k.oil.id, '5')],
    });
    expect(pub).toMatchObject({ status: 'published', isCurrent: true });
  });

  it('checks the name and each line with messages naming the line', async () => {
    const o = await makeInventoryOrg(env);
    const k = await soapKit(o);
    await soap(o.db, o.ctx, k);
    const base = { predictedYield: '5', lines: [ing(k.oil.id, '10')] };
    await expect(createRecipe(o.db, o.ctx, { ...base, name: 'X' })).rejects.toThrow(
      'Recipe name must be between 2 and 100 characters.',
    );
    await expect(createRecipe(o.db, o.ctx, { ...base, name: 'lavender soap' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'A recipe named "lavender soap" already exists.',
    });
    await expect(
      createRecipe(o.db, o.ctx, { ...base, name: 'Bar', lines: [ing(k.oil.id, '10'), ing(k.lye.id, '0')] }),
    ).rejects.toThrow('Line 2 (Lye): quantity must be greater than 0.');
    await expect(
      createRecipe(o.db, o.ctx, { ...base, name: 'Bar', lines: [ing(k.oil.id, '10'), ing(k.oil.id, '5')] }),
    ).rejects.toThrow('Olive Oil is listed more than once. Combine its lines into one.');
    await expect(
      createRecipe(o.db, o.ctx, { ...base, name: 'Bar', lines: [ing(k.oil.id, '10', 'ml')] }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      message: 'Line 1 (Olive Oil): cannot use ml for an item kept in gram. Converting ml to g needs a density (g/ml).',
      details: { conversionCode: 'MISSING_DENSITY' },
    });
    await expect(
      createRecipe(o.db, o.ctx, { ...base, name: 'Bar', lines: [ing(k.oil.id, '10', 'count')] }),
    ).rejects.toThrow('Line 1 (Olive Oil): cannot use count for an item kept in gram.');
    await expect(
      createRecipe(o.db, o.ctx, { ...base, name: 'Bar', lines: [ing(k.wick.id, '1', 'count')] }),
    ).rejects.toThrow('Line 1 (Label): Label is a consumable; ingredient lines take ingredients or containers.');
    await expect(
      createRecipe(o.db, o.ctx, {
        ...base,
        name: 'Bar',
        lines: [ing(k.oil.id, '10'), { kind: 'consumable', itemId: k.lye.id, quantity: '1', unit: 'gram' }],
      }),
    ).rejects.toThrow('Line 2 (Lye): Lye is an ingredient; consumable lines take consumables.');
    // a container may be an ingredient line; a consumable line takes consumables; 1 lb is convertible to gram
    const jar = await makeItem(o.db, o.ctx, { name: 'Jar', itemType: 'container' });
    const ok = await createRecipe(o.db, o.ctx, {
      ...base,
      name: 'Bar',
      lines: [
        ing(k.oil.id, '1', 'lb'),
        ing(jar.id, '2', 'count'),
        { kind: 'consumable', itemId: k.wick.id, quantity: '1', unit: 'count' },
      ],
    });
    expect(ok.status).toBe('published');
  });
});

describe('scaling and the cost card', () => {
  it('scales a 3-ingredient recipe ×2 exactly, and refuses out-of-range factors', async () => {
    const o = await makeInventoryOrg(env);
    const k = await soapKit(o);
    const r = await createRecipe(o.db, o.ctx, {
      name: 'Oat Bar',
      predictedYield: '12.5',
      yieldUnit: 'oz',
      lines: [ing(k.oil.id, '100.5'), ing(k.lye.id, '13.333'), ing(k.water.id, '0.125', 'cup')],
    });
    const s = await scaleRecipe(o.db, o.ctx, { recipeId: r.id, scale: '2' });
    expect(s.lines.map((l) => [l.itemName, l.quantity, l.unit])).toEqual([
      ['Olive Oil', '201', 'gram'],
      ['Lye', '26.666', 'gram'],
      ['Distilled Water', '0.25', 'cup'],
    ]);
    expect(s.predictedYield).toBe('25');
    expect((await scaleRecipe(o.db, o.ctx, { recipeId: r.id, targetYield: '25' })).scale).toBe('2');
    await expect(scaleRecipe(o.db, o.ctx, { recipeId: r.id, scale: '1001' })).rejects.toThrow(
      'Scale must be between 0.001× and 1000× (got 1001×).',
    );
    await expect(scaleRecipe(o.db, o.ctx, { recipeId: r.id, scale: '0.0001' })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
  });

  it('costs 50 g of honey at $10.89/lb as $1.200416, and gives no cost (MISSING_DENSITY) to a volume line without density', async () => {
    const o = await makeInventoryOrg(env);
    const honey = await makeItem(o.db, o.ctx, { name: 'Honey', unit: 'lb', cost: '10.89' });
    const glycerin = await makeItem(o.db, o.ctx, { name: 'Glycerin', unit: 'gram', cost: '0.02', density: '1.26' });
    const r = await createRecipe(o.db, o.ctx, {
      name: 'Honey Balm',
      predictedYield: '4',
      yieldUnit: 'oz',
      lines: [ing(honey.id, '50'), ing(glycerin.id, '10', 'ml')],
    });
    const full = await costCard(o.db, o.ctx, { recipeId: r.id });
    // No lots: priced at the items' costs, to the micro-dollar (the page rounds for display).
    // 50 g = 0.110231 lb × $10.89 = $1.200416; 10 ml × 1.26 g/ml × $0.02 = $0.252
    expect(full.lines.map((l) => [l.itemName, l.cost])).toEqual([
      ['Honey', '1.200416'],
      ['Glycerin', '0.252'],
    ]);
    // $1.452416 ÷ 4 oz = $0.363104
    expect([full.total, full.costPerYieldUnit, full.complete]).toEqual(['1.452416', '0.363104', true]);
    const doubled = await costCard(o.db, o.ctx, { recipeId: r.id, scale: '2' });
    // 100 g = 0.220462 lb × $10.89 = $2.400831; + 25.2 g × $0.02 = $0.504; ÷ 8 oz = $0.363104
    expect([doubled.lines[0]!.cost, doubled.total, doubled.yield, doubled.costPerYieldUnit]).toEqual([
      '2.400831',
      '2.904831',
      '8',
      '0.363104',
    ]);
    // the density is removed later: the line has no cost, never a raw multiplication
    await env.db.inventoryItem.update({ where: { id: glycerin.id }, data: { density: null } });
    const card = await costCard(o.db, o.ctx, { recipeId: r.id });
    expect(card.lines[1]).toMatchObject({ cost: null, itemQuantity: null, error: { code: 'MISSING_DENSITY' } });
    expect([card.lines[0]!.cost, card.total, card.complete]).toEqual(['1.200416', '1.200416', false]);
  });

  it('hides costs without inventory.view_costs', async () => {
    const o = await makeInventoryOrg(env);
    const honey = await makeItem(o.db, o.ctx, { name: 'Honey', unit: 'lb', cost: '10.89' });
    const r = await createRecipe(o.db, o.ctx, {
      name: 'Honey Balm',
      predictedYield: '4',
      lines: [ing(honey.id, '50')],
    });
    const perms = new Set([...o.ctx.actor.permissions].filter((p) => p !== 'inventory.view_costs'));
    const card = await costCard(o.db, { ...o.ctx, actor: { ...o.ctx.actor, permissions: perms } }, { recipeId: r.id });
    expect([
      card.costsVisible,
      card.lines[0]!.cost,
      card.lines[0]!.costPerUnit,
      card.total,
      card.costPerYieldUnit,
    ]).toEqual([false, null, null, null, null]);
    expect(card.lines[0]!.itemQuantity).toBe('0.110231');
  });
});

describe('versions, tests and variations', () => {
  it('locks published versions; a test is promoted to v2 which becomes current', async () => {
    const o = await makeInventoryOrg(env);
    const k = await soapKit(o);
    const v1 = await soap(o.db, o.ctx, k);
    await expect(updateRecipe(o.db, o.ctx, { recipeId: v1.id, instructions: 'Stir' })).rejects.toMatchObject({
      code: 'INVALID_STATE',
      message: 'Published versions are locked. Create a test to make edits.',
    });
    await expect(createTest(o.db, o.ctx, { recipeId: v1.id })).rejects.toThrow(
      'Tests must change ingredients, yield, or instructions to create a new version.',
    );
    // a pure rescale is not a change either
    await expect(
      createTest(o.db, o.ctx, {
        recipeId: v1.id,
        lines: [ing(k.oil.id, '200'), ing(k.lye.id, '28'), ing(k.water.id, '60', 'ml')],
      }),
    ).rejects.toThrow('Tests must change');
    const t1 = await createTest(o.db, o.ctx, { recipeId: v1.id, instructions: 'Stir gently' });
    expect(t1).toMatchObject({ name: 'Lavender Soap - Test 1', versionNumber: 1, testSequence: 1, isCurrent: false });
    const t2 = await createTest(o.db, o.ctx, {
      recipeId: v1.id,
      lines: [ing(k.oil.id, '110'), ing(k.lye.id, '14'), ing(k.water.id, '30', 'ml')],
    });
    expect(t2.name).toBe('Lavender Soap - Test 2');
    await expect(createTest(o.db, o.ctx, { recipeId: t1.id, instructions: 'x' })).rejects.toThrow(
      'Tests cannot be created from test recipes.',
    );
    // tests are editable
    const edited = await updateRecipe(o.db, o.ctx, { recipeId: t2.id, predictedYield: '11' });
    expect(edited.changed).toEqual(['yield']);
    const v2 = await promoteTest(o.db, o.ctx, { recipeId: t2.id });
    expect(v2).toMatchObject({
      id: t2.id,
      name: 'Lavender Soap',
      versionNumber: 2,
      testSequence: null,
      status: 'published',
      isCurrent: true,
    });
    expect((await getRecipe(o.db, o.ctx, { recipeId: v1.id })).isCurrent).toBe(false);
    // the test sequence restarts for the new version
    expect((await createTest(o.db, o.ctx, { recipeId: v2.id, instructions: 'New' })).name).toBe(
      'Lavender Soap - Test 1',
    );
    const lineage = (await getRecipe(o.db, o.ctx, { recipeId: t2.id })).lineage;
    expect(lineage.map((l) => [l.eventType, l.notes])).toEqual([
      ['PROMOTE_TEST', 'Promoted from Master v1 Test 2 to v2'],
      ['EDIT', 'Updated: yield.'],
      ['TEST', 'Test 2 of Master v1'],
    ]);
    // set current back to v1, and the diff between the versions
    expect(await setCurrent(o.db, o.ctx, { recipeId: v1.id })).toMatchObject({ isCurrent: true });
    expect((await getRecipe(o.db, o.ctx, { recipeId: v2.id })).isCurrent).toBe(false);
    await expect(setCurrent(o.db, o.ctx, { recipeId: t1.id })).rejects.toThrow(
      'Test versions cannot be set as current.',
    );
    const diff = await diffVersions(o.db, o.ctx, { fromId: v1.id, toId: v2.id });
    expect(diff.fields).toEqual([{ field: 'predictedYield', from: '10', to: '11' }]);
    expect(
      diff.lines.filter((l) => l.change !== 'same').map((l) => [l.itemName, l.from?.quantity, l.to?.quantity]),
    ).toEqual([['Olive Oil', '100', '110']]);
    const versions = await listGroupVersions(o.db, o.ctx, { groupId: v1.groupId });
    expect(versions.branches[0]!.versions.map((v) => [v.versionNumber, v.testSequence, v.isCurrent])).toEqual([
      [2, null, false],
      [2, 1, false],
      [1, null, true],
      [1, 1, false],
    ]);
  });

  it('refuses edits of a test that has run batches', async () => {
    const o = await makeInventoryOrg(env);
    const k = await soapKit(o);
    const v1 = await soap(o.db, o.ctx, k);
    const t = await createTest(o.db, o.ctx, { recipeId: v1.id, instructions: 'Try' });
    await insertBatch(o.org.id, t.id);
    await expect(updateRecipe(o.db, o.ctx, { recipeId: t.id, instructions: 'Again' })).rejects.toThrow(
      'Tests cannot be edited after running batches.',
    );
  });

  it('creates a variation with its own prefix, requiring a proportional change, and promotes it', async () => {
    const o = await makeInventoryOrg(env);
    const k = await soapKit(o);
    const master = await soap(o.db, o.ctx, k);
    await expect(createVariation(o.db, o.ctx, { parentId: master.id, variationName: 'Oatmeal' })).rejects.toThrow(
      'A variation must have at least one change to an ingredient or proportion. No changes were detected.',
    );
    // 100 g ≡ 3.527396 oz: still no change
    await expect(
      createVariation(o.db, o.ctx, {
        parentId: master.id,
        variationName: 'Oatmeal',
        lines: [ing(k.oil.id, '3.527396', 'oz'), ing(k.lye.id, '14'), ing(k.water.id, '30', 'ml')],
      }),
    ).rejects.toThrow('No changes were detected.');
    const oat = await makeItem(o.db, o.ctx, { name: 'Oats', unit: 'gram' });
    const v = await createVariation(o.db, o.ctx, {
      parentId: master.id,
      variationName: 'Oatmeal',
      lines: [ing(k.oil.id, '100'), ing(k.lye.id, '14'), ing(k.water.id, '30', 'ml'), ing(oat.id, '5')],
    });
    expect(v).toMatchObject({
      name: 'Oatmeal',
      isMaster: false,
      variationName: 'Oatmeal',
      // the group's prefix + V + the variation's number (docs/rules/recipes.md, Label prefixes)
      variationPrefix: 'LASV1',
      versionNumber: 1,
      isCurrent: true,
      groupId: master.groupId,
    });
    expect((await getRecipe(o.db, o.ctx, { recipeId: master.id })).isCurrent).toBe(true);
    await expect(
      createVariation(o.db, o.ctx, {
        parentId: master.id,
        variationName: 'oatmeal',
        instructions: 'x',
        lines: [ing(k.oil.id, '1')],
      }),
    ).rejects.toThrow('Variation name already exists in this recipe group.');
    await expect(
      createVariation(o.db, o.ctx, { parentId: v.id, variationName: 'Nested', lines: [ing(k.oil.id, '1')] }),
    ).rejects.toThrow('Variations can only be created from a published master recipe.');
    // a test of the variation is named after the branch
    expect((await createTest(o.db, o.ctx, { recipeId: v.id, instructions: 'Add oats last' })).name).toBe(
      'Oatmeal - Test 1',
    );
    const m2 = await promoteVariationToMaster(o.db, o.ctx, { recipeId: v.id });
    expect(m2).toMatchObject({ name: 'Lavender Soap', isMaster: true, versionNumber: 2, isCurrent: true });
    expect((await getRecipe(o.db, o.ctx, { recipeId: m2.id })).lines).toHaveLength(4);
    expect((await getRecipe(o.db, o.ctx, { recipeId: master.id })).isCurrent).toBe(false);
    const own = await promoteVariationToNewGroup(o.db, o.ctx, { recipeId: v.id });
    expect(own).toMatchObject({
      name: 'Oatmeal',
      groupName: 'Oatmeal',
      isMaster: true,
      versionNumber: 1,
      prefix: 'OAT',
    });
    expect((await promoteVariationToNewGroup(o.db, o.ctx, { recipeId: v.id })).name).toBe('Oatmeal (2)');
  });
});

async function insertBatch(organizationId: string, recipeId: string) {
  return env.db.batch.create({
    data: {
      organizationId,
      recipeId,
      label: `B-${Math.random().toString(36).slice(2, 8)}`,
      batchType: 'product',
      scale: 1,
      planSnapshot: {},
      costMethod: 'fifo',
      yieldUnit: 'oz',
      startedAt: env.clock.now(),
    },
  });
}

describe('archive, restore, clone, delete', () => {
  it('archives and restores, moving the current flag', async () => {
    const o = await makeInventoryOrg(env);
    const k = await soapKit(o);
    const v1 = await soap(o.db, o.ctx, k);
    const v2 = await promoteTest(o.db, o.ctx, {
      recipeId: (await createTest(o.db, o.ctx, { recipeId: v1.id, instructions: 'v2' })).id,
    });
    const archived = await archiveRecipe(o.db, o.ctx, { recipeId: v2.id });
    expect([archived.isArchived, archived.isCurrent]).toEqual([true, false]);
    expect((await getRecipe(o.db, o.ctx, { recipeId: v1.id })).isCurrent).toBe(true);
    await expect(updateRecipe(o.db, o.ctx, { recipeId: v2.id, instructions: 'x', force: true })).rejects.toThrow(
      'Archived recipes cannot be edited. Restore the recipe first.',
    );
    expect((await listRecipes(o.db, o.ctx, { archived: true })).rows.map((r) => r.id)).toEqual([v2.id]);
    const restored = await restoreRecipe(o.db, o.ctx, { recipeId: v2.id });
    expect([restored.isArchived, restored.isCurrent]).toEqual([false, false]);
    expect((await listRecipes(o.db, o.ctx, { archived: true })).total).toBe(0);
  });

  it('clones as "<name> (Copy)", a draft remembering its source', async () => {
    const o = await makeInventoryOrg(env);
    const k = await soapKit(o);
    const v1 = await soap(o.db, o.ctx, k);
    const c = await cloneRecipe(o.db, o.ctx, { recipeId: v1.id });
    expect(c).toMatchObject({ name: 'Lavender Soap (Copy)', status: 'draft', isCurrent: false, versionNumber: 1 });
    const full = await getRecipe(o.db, o.ctx, { recipeId: c.id });
    expect([full.clonedFromId, full.lines.length, full.lineage[0]!.eventType, full.groupId === v1.groupId]).toEqual([
      v1.id,
      3,
      'CLONE',
      false,
    ]);
    expect((await cloneRecipe(o.db, o.ctx, { recipeId: v1.id })).name).toBe('Lavender Soap (Copy) (2)');
  });

  it('refuses to delete a recipe a batch references, and deletes it otherwise', async () => {
    const o = await makeInventoryOrg(env);
    const k = await soapKit(o);
    const v1 = await soap(o.db, o.ctx, k);
    await insertBatch(o.org.id, v1.id);
    await expect(deleteRecipe(o.db, o.ctx, { recipeId: v1.id })).rejects.toMatchObject({
      code: 'INVALID_STATE',
      message: 'Cannot delete recipe that has been used in batches. Archive the recipe instead.',
    });
    const d = await createRecipe(o.db, o.ctx, { name: 'Scratch', status: 'draft' });
    await deleteRecipe(o.db, o.ctx, { recipeId: d.id });
    await expect(getRecipe(o.db, o.ctx, { recipeId: d.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await env.db.recipeGroup.count({ where: { organizationId: o.org.id } })).toBe(1);
  });
});

describe('cycles and lists', () => {
  it('refuses a recipe using its own intermediate, directly or through another recipe', async () => {
    const o = await makeInventoryOrg(env);
    const k = await soapKit(o);
    const mk = (name: string) =>
      env.db.inventoryItem.create({
        data: {
          organizationId: o.org.id,
          name: `${name} (Intermediate)`,
          itemType: 'ingredient',
          unit: 'gram',
          isIntermediate: true,
        },
      });
    const lyeSolution = await mk('Lye Solution');
    const soapBase = await mk('Soap Base');
    await expect(
      createRecipe(o.db, o.ctx, {
        name: 'Lye Solution',
        predictedYield: '1',
        lines: [ing(k.water.id, '10', 'ml'), ing(lyeSolution.id, '1')],
      }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      details: { cycle: ['Lye Solution', 'Lye Solution'] },
    });
    const ls = await createRecipe(o.db, o.ctx, {
      name: 'Lye Solution',
      status: 'draft',
      lines: [ing(k.water.id, '10', 'ml'), ing(k.lye.id, '3')],
    });
    await createRecipe(o.db, o.ctx, {
      name: 'Soap Base',
      predictedYield: '1',
      lines: [ing(k.oil.id, '10'), ing(lyeSolution.id, '4')],
    });
    await expect(
      updateRecipe(o.db, o.ctx, { recipeId: ls.id, lines: [ing(k.water.id, '10', 'ml'), ing(soapBase.id, '1')] }),
    ).rejects.toThrow(
      'Recipe cycle: Soap Base (Intermediate) is made by "Lye Solution" itself (Lye Solution → Soap Base → Lye Solution). A recipe cannot use its own intermediate.',
    );
    // an intermediate of an unrelated recipe is fine
    const other = await mk('Fragrance Blend');
    await expect(
      updateRecipe(o.db, o.ctx, { recipeId: ls.id, lines: [ing(k.water.id, '10', 'ml'), ing(other.id, '1')] }),
    ).resolves.toMatchObject({ changed: ['ingredients'] });
  });

  it('lists with search, status filter, sort and paging', async () => {
    const o = await makeInventoryOrg(env);
    const k = await soapKit(o);
    await soap(o.db, o.ctx, k);
    await createRecipe(o.db, o.ctx, { name: 'Beeswax Candle', status: 'draft' });
    await createRecipe(o.db, o.ctx, { name: 'Citrus Soap', status: 'draft' });
    const all = await listRecipes(o.db, o.ctx, {});
    expect(all.rows.map((r) => [r.name, r.branch, r.versionNumber, r.isCurrent])).toEqual([
      ['Beeswax Candle', 'Master', 1, false],
      ['Citrus Soap', 'Master', 1, false],
      ['Lavender Soap', 'Master', 1, true],
    ]);
    expect((await listRecipes(o.db, o.ctx, { search: 'soap', status: 'draft' })).rows.map((r) => r.name)).toEqual([
      'Citrus Soap',
    ]);
    const page2 = await listRecipes(o.db, o.ctx, { pageSize: 2, page: 2, direction: 'desc' });
    expect([page2.total, page2.rows.map((r) => r.name)]).toEqual([3, ['Beeswax Candle']]);
  });
});

describe('the recipe limit', () => {
  it('refuses creating and cloning beyond the tier maxRecipes, naming the tiers that lift it', async () => {
    const solo = await env.db.subscriptionTier.findUniqueOrThrow({ where: { key: 'solo' } });
    await env.db.subscriptionTier.update({ where: { key: 'solo' }, data: { maxRecipes: 2 } });
    try {
      const o = await makeInventoryOrg(env, 'solo');
      const a = await createRecipe(o.db, o.ctx, { name: 'One', status: 'draft' });
      await createRecipe(o.db, o.ctx, { name: 'Two', status: 'draft' });
      const msg = 'Recipe limit reached (2/2) on the Solo plan. Upgrade to Team or Enterprise for more recipes.';
      await expect(createRecipe(o.db, o.ctx, { name: 'Three', status: 'draft' })).rejects.toMatchObject({
        code: 'LIMIT_EXCEEDED',
        message: msg,
      });
      // through the router too
      const caller = await callerFor(env, o.org.owner.id);
      await expect(caller.recipes.clone({ recipeId: a.id })).rejects.toMatchObject({ code: 'FORBIDDEN', message: msg });
      // archiving frees a slot
      await archiveRecipe(o.db, o.ctx, { recipeId: a.id });
      await expect(createRecipe(o.db, o.ctx, { name: 'Three', status: 'draft' })).resolves.toMatchObject({
        name: 'Three',
      });
      await expect(restoreRecipe(o.db, o.ctx, { recipeId: a.id })).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED' });
    } finally {
      await env.db.subscriptionTier.update({ where: { key: 'solo' }, data: { maxRecipes: solo.maxRecipes } });
    }
  });

  it('keeps each organization to its own recipes', async () => {
    const a = await makeInventoryOrg(env);
    const b = await makeInventoryOrg(env);
    const k = await soapKit(b);
    const r = await soap(b.db, b.ctx, k);
    await expect(getRecipe(a.db, a.ctx, { recipeId: r.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      createRecipe(a.db, a.ctx, { name: 'Steal', predictedYield: '1', lines: [ing(k.oil.id, '1')] }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Line 1: inventory item not found.' });
    expect((await orgContext(env, a.org.id, a.org.owner.id)).ctx.organizationId).toBe(a.org.id);
  });
});
