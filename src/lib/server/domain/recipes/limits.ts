import { assertTierLimit } from '../orgs/limits.ts';
import type { TenantTx } from '../../db/tenant.ts';

/** Masters and variations that count toward the tier's max_recipes: one per non-archived branch, tests excluded. */
export async function countRecipes(tx: TenantTx): Promise<number> {
  const rows = await tx.recipe.findMany({
    where: { isArchived: false, testSequence: null },
    distinct: ['groupId', 'isMaster', 'variationName'],
    select: { id: true },
  });
  return rows.length;
}

/** The tier's max_recipes, checked inside the creating transaction. */
export async function assertRecipeLimit(tx: TenantTx, organizationId: string, adding = 1) {
  await assertTierLimit(tx, organizationId, {
    field: 'maxRecipes',
    limitName: 'max_recipes',
    reached: 'Recipe limit reached',
    noun: 'recipes',
    adding,
    higherTiersOnly: true,
    count: () => countRecipes(tx),
  });
}
