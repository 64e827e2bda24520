// Recipes and plan changes (docs/rules/billing.md, Plan changes): going down to a tier with fewer recipes
// keeps exactly the recipes the user picked and archives the rest; going up restores archived recipes,
// oldest-archived first, up to the new limit.
import type { TenantDb, TenantTx } from '../../db/tenant.ts';
import { AppError } from '../../errors.ts';
import { branchOf, ensureBranchCurrent } from '../recipes/store.ts';

/** One row per recipe that counts toward max_recipes: the newest non-archived version of each branch. One
 * read, so the tenant client or a transaction will do. */
export async function activeRecipes(tx: Pick<TenantTx, 'recipe'> | Pick<TenantDb, 'recipe'>) {
  const rows = await tx.recipe.findMany({
    where: { isArchived: false, testSequence: null },
    orderBy: [{ name: 'asc' }, { versionNumber: 'desc' }],
    select: { id: true, name: true, groupId: true, isMaster: true, variationName: true, createdAt: true },
  });
  const seen = new Set<string>();
  return rows.filter((r) => {
    const key = `${r.groupId}|${r.isMaster}|${r.variationName ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** How many recipes the user must keep going to a tier with `maxRecipes` (-1 = unlimited), or null when no choice is needed. */
export function recipesToKeep(active: number, maxRecipes: number): number | null {
  if (maxRecipes < 0 || active <= maxRecipes) return null;
  return Math.min(maxRecipes, active);
}

/** Refuses unless exactly the required number of active recipes is kept; returns the active recipes, or null when no choice is needed. */
export async function assertKeepChoice(tx: TenantTx, maxRecipes: number, keepIds: string[]) {
  const active = await activeRecipes(tx);
  const need = recipesToKeep(active.length, maxRecipes);
  if (need === null) return null;
  const keep = new Set(keepIds);
  const kept = active.filter((r) => keep.has(r.id));
  if (keep.size !== need || kept.length !== need) {
    throw new AppError('VALIDATION', `Please select exactly ${need} recipes to keep.`, { field: 'keepRecipeIds' });
  }
  return active;
}

/** Archives every recipe branch not kept; refuses unless exactly the required number is kept. */
export async function archiveRecipesNotKept(tx: TenantTx, maxRecipes: number, keepIds: string[], now: Date) {
  const active = await assertKeepChoice(tx, maxRecipes, keepIds);
  if (!active) return { archived: 0 };
  const keep = new Set(keepIds);
  let archived = 0;
  for (const r of active) {
    if (keep.has(r.id)) continue;
    const b = branchOf(r);
    const res = await tx.recipe.updateMany({
      where: { groupId: b.groupId, isMaster: b.isMaster, variationName: b.variationName, isArchived: false },
      data: { isArchived: true, archivedAt: now, isCurrent: false },
    });
    archived += res.count > 0 ? 1 : 0;
  }
  return { archived };
}

/** Restores archived branches, oldest-archived first, while the tier has room. Idempotent. */
export async function restoreRecipesToLimit(tdb: TenantDb, maxRecipes: number) {
  return tdb.$transaction(async (tx) => {
    let room = maxRecipes < 0 ? Number.POSITIVE_INFINITY : maxRecipes - (await activeRecipes(tx)).length;
    if (room <= 0) return { restored: 0 };
    const archived = await tx.recipe.findMany({
      where: { isArchived: true, testSequence: null },
      orderBy: [{ archivedAt: 'asc' }, { versionNumber: 'desc' }],
      select: { id: true, groupId: true, isMaster: true, variationName: true },
    });
    const alive = new Set((await activeRecipes(tx)).map((r) => `${r.groupId}|${r.isMaster}|${r.variationName ?? ''}`));
    let restored = 0;
    for (const r of archived) {
      if (room <= 0) break;
      const key = `${r.groupId}|${r.isMaster}|${r.variationName ?? ''}`;
      if (alive.has(key)) continue;
      alive.add(key);
      await tx.recipe.update({ where: { id: r.id }, data: { isArchived: false, archivedAt: null } });
      await ensureBranchCurrent(tx, branchOf(r));
      restored++;
      room--;
    }
    return { restored };
  });
}
