import { defineArea } from './types.ts';
import { makeRecipe } from '../production.ts';

// Inputs for the reports: org B has a recipe and an ingredient.
export default defineArea({
  async setup({ env, bOrgId }) {
    const r = await makeRecipe(env, bOrgId, { name: 'B secret report recipe', lines: [] });
    const item = await env.db.inventoryItem.create({
      data: { organizationId: bOrgId, name: 'B secret report item', itemType: 'ingredient', unit: 'gram' },
    });
    return { recipeId: r.id, itemId: item.id };
  },
  inputs: (fx) => ({
    'reports.recipe': { input: { recipeId: fx.recipeId }, foreign: true },
    'reports.ingredient': { input: { itemId: fx.itemId }, foreign: true },
  }),
  secrets: (fx) => ['B secret report recipe', fx.recipeId, 'B secret report item', fx.itemId],
});
