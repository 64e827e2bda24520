import { defineArea } from './types.ts';

// Inputs for the billing procedures. Billing is off in this test, so the only id an input can carry is a
// recipe to keep at a downgrade: organization B's recipe must be NOT_FOUND for organization A. The other
// procedures act on the caller's own organization only.
export default defineArea({
  async setup({ bOwner }) {
    const oil = await bOwner.inventory.create({ name: 'B billing oil', unit: 'gram', cost: '0.5' });
    const recipe = await bOwner.recipes.create({
      name: 'B billing secret recipe',
      predictedYield: '10',
      lines: [{ kind: 'ingredient', itemId: oil.id, quantity: '100', unit: 'gram' }],
    });
    return { recipeId: recipe.id };
  },
  inputs: (fx) => ({
    'billing.overview': { input: undefined, foreign: false },
    'billing.changePlan': { input: { tierKey: 'free', keepRecipeIds: [fx.recipeId] }, foreign: true },
    // Billing off: these refuse with "Billing is off" for A, naming nothing of B.
    'billing.portal': { input: undefined, foreign: false, refusedWith: 'CONFLICT' },
    'billing.setCancelAtPeriodEnd': { input: { cancel: true }, foreign: false, refusedWith: 'CONFLICT' },
    'billing.addonCheckout': { input: { addonKey: 'recipe_variations' }, foreign: false, refusedWith: 'CONFLICT' },
    'billing.checkoutReturn': {
      input: { sessionId: 'cs_test_someone_elses' },
      foreign: false,
      refusedWith: 'CONFLICT',
    },
  }),
  secrets: (fx) => [fx.recipeId, 'B billing secret recipe'],
});
