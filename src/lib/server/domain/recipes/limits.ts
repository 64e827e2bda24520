import { AppError } from '../../errors.ts';
import type { TenantTx } from './store.ts';

/** Masters and variations that count toward the tier's max_recipes: one per non-archived branch, tests excluded. */
export async function countRecipes(tx: TenantTx): Promise<number> {
  const rows = await tx.recipe.findMany({
    where: { isArchived: false, testSequence: null },
    distinct: ['groupId', 'isMaster', 'variationName'],
    select: { id: true },
  });
  return rows.length;
}

/**
 * decisions.md §10: going over the tier's max_recipes (-1 = unlimited) is LIMIT_EXCEEDED, naming the
 * limit and the tiers that lift it. Runs inside the creating transaction.
 */
export async function assertRecipeLimit(tx: TenantTx, organizationId: string, adding = 1) {
  const org = await tx.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { tier: { select: { name: true, maxRecipes: true, sortOrder: true } } } });
  const limit = org.tier.maxRecipes;
  if (limit === -1) return;
  const current = await countRecipes(tx);
  if (current + adding <= limit) return;
  const lifting = await tx.subscriptionTier.findMany({
    where: { isCustomerFacing: true, sortOrder: { gt: org.tier.sortOrder }, OR: [{ maxRecipes: -1 }, { maxRecipes: { gte: current + adding } }] },
    orderBy: { sortOrder: 'asc' },
    select: { name: true },
  });
  const names = lifting.map((t) => t.name);
  const hint = names.length ? ` Upgrade to ${names.join(' or ')} for more recipes.` : '';
  throw new AppError('LIMIT_EXCEEDED', `Recipe limit reached (${current}/${limit}) on the ${org.tier.name} plan.${hint}`, {
    limit: 'max_recipes', current, max: limit, upgradeTiers: names,
  });
}
