// The plan page starts on each recipe's default batch type, carried on the recipe list rows
// (docs/rules/planning.md, Batch type).
import { describe, expect, it } from 'vitest';
import { useTestEnv } from '../helpers/db.ts';
import { makeInventoryOrg, makeItem } from '../helpers/inventory.ts';
import { createRecipe } from '../../src/lib/server/domain/recipes/create-recipe.ts';
import { createTest } from '../../src/lib/server/domain/recipes/create-test.ts';
import { listRecipes } from '../../src/lib/server/domain/recipes/queries.ts';

const env = useTestEnv();

describe('default batch type on the plan page', () => {
  it('test → untracked; category with portions or containers → product; else ingredient', async () => {
    const { db, ctx } = await makeInventoryOrg(env);
    const soaps = await env.db.productCategory.findFirstOrThrow({ where: { name: 'Soaps' } });
    const candles = await env.db.productCategory.findFirstOrThrow({ where: { name: 'Candles' } });
    const oil = await makeItem(db, ctx, { name: 'Oil' });
    const wax = await makeItem(db, ctx, { name: 'Wax' });
    const jar = await makeItem(db, ctx, { name: '8 oz jar', itemType: 'container', capacity: '8', capacityUnit: 'oz' });
    const line = (itemId: string) => ({ kind: 'ingredient' as const, itemId, quantity: '100', unit: 'gram' });
    const bar = await createRecipe(db, ctx, {
      name: 'Lavender Soap',
      productCategoryId: soaps.id,
      isPortioned: true,
      portionName: 'bar',
      portionCount: 10,
      lines: [line(oil.id)],
    });
    await createRecipe(db, ctx, {
      name: 'Jar Candle',
      productCategoryId: candles.id,
      predictedYield: '16',
      allowedContainerIds: [jar.id],
      lines: [line(wax.id)],
    });
    await createRecipe(db, ctx, { name: 'Soap Base', predictedYield: '1000', lines: [line(oil.id)] });
    await createRecipe(db, ctx, {
      name: 'Loose Candle',
      productCategoryId: candles.id,
      predictedYield: '16',
      lines: [line(wax.id)],
    });
    await createTest(db, ctx, { recipeId: bar.id, instructions: 'Cut thicker bars' });
    const rows = (await listRecipes(db, ctx, { pageSize: 100 })).rows;
    expect(Object.fromEntries(rows.map((r) => [r.name, r.defaultBatchType]))).toEqual({
      'Jar Candle': 'product',
      'Lavender Soap': 'product',
      'Lavender Soap - Test 1': 'untracked',
      'Loose Candle': 'ingredient',
      'Soap Base': 'ingredient',
    });
  });
});
