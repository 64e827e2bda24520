import type { TenantDb } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { AppError } from '../../errors.ts';
import { createMasterInTx } from './create-recipe.ts';
import { storedContent } from './update-recipe.ts';
import { assertRecipeLimit } from './limits.ts';
import { uniqueName } from './rules.ts';
import {
  RECIPE_SUMMARY,
  batchCount,
  branchOf,
  derivedOrigin,
  ensureBranchCurrent,
  loadRecipe,
  logLineage,
  retryOnUniqueRace,
} from './store.ts';
import { emitEvent } from '../../events/emit.ts';

/** Archived versions cannot be edited, tested, varied, made current or public; the branch gets another current version. */
export async function archiveRecipe(db: TenantDb, ctx: OrgCtx, input: { recipeId: string }) {
  return db.$transaction(async (tx) => {
    const r = await loadRecipe(tx, input.recipeId);
    if (!r.isArchived) {
      await tx.recipe.update({
        where: { id: r.id },
        // An archived version leaves the recipe library too (docs/rules/recipe-sharing.md).
        data: { isArchived: true, archivedAt: ctx.now(), isCurrent: false, isPublic: false },
      });
      await ensureBranchCurrent(tx, branchOf(r));
      await logLineage(tx, ctx, r.id, 'ARCHIVE', null);
    }
    return tx.recipe.findUniqueOrThrow({ where: { id: r.id }, select: RECIPE_SUMMARY });
  });
}

/** Clears the archive; the version becomes current again when its branch has none. Counts toward max_recipes when it revives a branch. */
export async function restoreRecipe(db: TenantDb, ctx: OrgCtx, input: { recipeId: string }) {
  return db.$transaction(async (tx) => {
    const r = await loadRecipe(tx, input.recipeId);
    if (r.isArchived) {
      const b = branchOf(r);
      const alive = await tx.recipe.findFirst({
        where: {
          groupId: b.groupId,
          isMaster: b.isMaster,
          variationName: b.variationName,
          isArchived: false,
          testSequence: null,
        },
        select: { id: true },
      });
      if (!alive && r.testSequence === null) await assertRecipeLimit(tx, ctx.organizationId);
      await tx.recipe.update({ where: { id: r.id }, data: { isArchived: false, archivedAt: null } });
      await ensureBranchCurrent(tx, b);
      await logLineage(tx, ctx, r.id, 'RESTORE', null);
    }
    return tx.recipe.findUniqueOrThrow({ where: { id: r.id }, select: RECIPE_SUMMARY });
  });
}

/** "<name> (Copy)": a new draft recipe in its own group, remembering its source. */
export async function cloneRecipe(db: TenantDb, ctx: OrgCtx, input: { recipeId: string }) {
  return retryOnUniqueRace(() =>
    db.$transaction(async (tx) => {
      const r = await loadRecipe(tx, input.recipeId);
      const wanted = `${r.name} (Copy)`.slice(0, 100);
      const taken = await tx.recipeGroup.findMany({
        where: { name: { startsWith: wanted, mode: 'insensitive' } },
        select: { name: true },
      });
      const name = uniqueName(
        wanted,
        taken.map((g) => g.name),
      );
      return createMasterInTx(
        tx,
        ctx,
        { ...storedContent(r), name, status: 'draft' },
        {
          eventType: 'CLONE',
          sourceRecipeId: r.id,
          clonedFromId: r.id,
          columns: derivedOrigin(r),
          notes: `Cloned from ${r.name}`,
        },
      );
    }),
  );
}

/** Refused once any batch references the recipe. The last row of a group takes the group with it. */
export async function deleteRecipe(db: TenantDb, ctx: OrgCtx, input: { recipeId: string }) {
  return db.$transaction(async (tx) => {
    const r = await loadRecipe(tx, input.recipeId);
    if ((await batchCount(tx, r.id)) > 0) {
      throw new AppError(
        'INVALID_STATE',
        'Cannot delete recipe that has been used in batches. Archive the recipe instead.',
      );
    }
    await tx.recipe.delete({ where: { id: r.id } });
    await emitEvent(tx, ctx, 'recipe_deleted', r.id, { name: r.name, reason: 'user' });
    if ((await tx.recipe.count({ where: { groupId: r.groupId } })) === 0)
      await tx.recipeGroup.delete({ where: { id: r.groupId } });
    else await ensureBranchCurrent(tx, branchOf(r));
    return { ok: true, id: r.id };
  });
}
