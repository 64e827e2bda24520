import { expect } from 'vitest';
import { defineArea } from './types.ts';

// Inputs for the recipes procedures: organization B gets a published master (with a test and a
// variation); every input naming one of them must be NOT_FOUND for organization A.
export default defineArea({
  async setup({ bOwner }) {
    const oil = await bOwner.inventory.create({ name: 'B recipe oil', unit: 'gram', cost: '0.5' });
    const lye = await bOwner.inventory.create({ name: 'B recipe lye', unit: 'gram', cost: '0.2' });
    const line = (itemId: string, quantity: string) => ({
      kind: 'ingredient' as const,
      itemId,
      quantity,
      unit: 'gram',
    });
    const master = await bOwner.recipes.create({
      name: 'B secret soap',
      predictedYield: '10',
      lines: [line(oil.id, '100'), line(lye.id, '14')],
    });
    const test = await bOwner.recipes.createTest({ recipeId: master.id, instructions: 'B secret test notes' });
    const variation = await bOwner.recipes.createVariation({
      parentId: master.id,
      variationName: 'B secret twist',
      lines: [line(oil.id, '100'), line(lye.id, '20')],
    });
    return { masterId: master.id, groupId: master.groupId, testId: test.id, variationId: variation.id };
  },
  inputs: (fx) => {
    const b = (input: unknown) => ({ input, foreign: true });
    const own = (input: unknown) => ({ input, foreign: false });
    return {
      'recipes.list': own({}),
      'recipes.get': b({ recipeId: fx.masterId }),
      'recipes.versions': b({ groupId: fx.groupId }),
      'recipes.diff': b({ fromId: fx.masterId, toId: fx.variationId }),
      'recipes.costCard': b({ recipeId: fx.masterId, scale: '2' }),
      'recipes.scale': b({ recipeId: fx.masterId, scale: '2' }),
      'recipes.productCategories': own(undefined),
      'recipes.create': own({ name: `A recipe ${Date.now()}`, status: 'draft' }),
      'recipes.clone': b({ recipeId: fx.masterId }),
      'recipes.update': b({ recipeId: fx.testId, name: 'hijacked' }),
      'recipes.archive': b({ recipeId: fx.masterId }),
      'recipes.restore': b({ recipeId: fx.masterId }),
      'recipes.setCurrent': b({ recipeId: fx.masterId }),
      'recipes.promoteTest': b({ recipeId: fx.testId }),
      'recipes.createVariation': b({ parentId: fx.masterId, variationName: 'Hijack', instructions: 'x' }),
      'recipes.createTest': b({ recipeId: fx.masterId, instructions: 'hijack' }),
      'recipes.promoteVariationToMaster': b({ recipeId: fx.variationId }),
      'recipes.promoteVariationToNewGroup': b({ recipeId: fx.variationId }),
      'recipes.delete': b({ recipeId: fx.masterId }),
      'recipes.setLabelPrefix': b({ groupId: fx.groupId, prefix: 'HIJACK' }),
      'recipes.setPublic': b({ recipeId: fx.masterId, isPublic: true }),
      'recipes.library': own({}),
      // B's master is private: the library answers NOT_FOUND, exactly as for any other organization's row.
      'recipes.libraryRecipe': b({ publicRecipeId: fx.masterId }),
      'recipes.libraryClone': b({ publicRecipeId: fx.masterId }),
    };
  },
  secrets: (fx) => [
    fx.masterId,
    fx.groupId,
    fx.testId,
    fx.variationId,
    'B secret soap',
    'B secret twist',
    'B secret test notes',
    'B recipe oil',
    'B recipe lye',
  ],
  async assertUntouched({ env }, fx) {
    const rows = await env.db.recipe.findMany({ where: { groupId: fx.groupId }, orderBy: { createdAt: 'asc' } });
    expect(rows.map((r) => [r.id, r.name, r.versionNumber, r.testSequence, r.isCurrent, r.isArchived])).toEqual([
      [fx.masterId, 'B secret soap', 1, null, true, false],
      [fx.testId, 'B secret soap - Test 1', 1, 1, false, false],
      [fx.variationId, 'B secret twist', 1, null, true, false],
    ]);
    expect(
      await env.db.recipe.count({
        where: {
          OR: [{ parentRecipeId: { in: [fx.masterId, fx.variationId] } }, { clonedFromId: fx.masterId }],
          NOT: { groupId: fx.groupId },
        },
      }),
    ).toBe(0);
  },
});
