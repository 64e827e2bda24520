import { defineArea } from './types.ts';
import { makeRecipe } from '../production.ts';

// Inputs for the reports: org B has a recipe, an ingredient and a batch.
export default defineArea({
  async setup({ env, bOrgId }) {
    const r = await makeRecipe(env, bOrgId, { name: 'B secret report recipe', lines: [] });
    const item = await env.db.inventoryItem.create({
      data: { organizationId: bOrgId, name: 'B secret report item', itemType: 'ingredient', unit: 'gram' },
    });
    const batch = await env.db.batch.create({
      data: {
        organizationId: bOrgId,
        recipeId: r.id,
        label: 'B-SECRET-REPORT-1',
        batchType: 'ingredient',
        scale: 1,
        planSnapshot: {},
        costMethod: 'fifo',
        yieldUnit: 'gram',
        startedAt: new Date(),
      },
    });
    return { recipeId: r.id, itemId: item.id, batchId: batch.id };
  },
  inputs: (fx) => ({
    'reports.recipe': { input: { recipeId: fx.recipeId }, foreign: true },
    'reports.ingredient': { input: { itemId: fx.itemId }, foreign: true },
    'reports.freshness': { input: {}, foreign: false },
    'reports.batchFreshness': { input: { batchId: fx.batchId }, foreign: true },
    'reports.statistics': { input: undefined, foreign: false },
    'reports.refreshStatistics': { input: undefined, foreign: false },
  }),
  secrets: (fx) => [
    'B secret report recipe',
    fx.recipeId,
    'B secret report item',
    fx.itemId,
    'B-SECRET-REPORT-1',
    fx.batchId,
  ],
});
