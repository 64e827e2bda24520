import { defineArea } from './types.ts';
import { makeRecipe } from '../production.ts';

// Inputs for the reports: org B has a recipe.
export default defineArea({
  async setup({ env, bOrgId }) {
    const r = await makeRecipe(env, bOrgId, { name: 'B secret report recipe', lines: [] });
    return { recipeId: r.id };
  },
  inputs: (fx) => ({ 'reports.recipe': { input: { recipeId: fx.recipeId }, foreign: true } }),
  secrets: (fx) => ['B secret report recipe', fx.recipeId],
});
