import type { z } from 'zod';
import type { TenantDb } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { AppError } from '../../errors.ts';
import { PromoteToNewGroupInputSchema } from '../../../shared/schemas/recipes.ts';
import { contentColumns, createMasterInTx } from './create-recipe.ts';
import { storedContent } from './update-recipe.ts';
import { branchLabel } from './create-test.ts';
import { uniqueName } from './rules.ts';
import {
  RECIPE_SUMMARY,
  derivedOrigin,
  branchOf,
  loadRecipe,
  logLineage,
  makeCurrent,
  nextVersion,
  retryOnUniqueRace,
  validateContent,
  writeLines,
  type LoadedRecipe,
} from './store.ts';

/**
 * A test becomes the next version of its branch (max + 1), published and current. The row keeps its id,
 * so batches run on the test stay linked to it.
 */
export async function promoteTest(db: TenantDb, ctx: OrgCtx, input: { recipeId: string }) {
  return db.$transaction(async (tx) => {
    const t = await loadRecipe(tx, input.recipeId);
    if (t.testSequence === null) throw new AppError('INVALID_STATE', 'Only tests can be promoted to a new version.');
    if (t.isArchived) throw new AppError('INVALID_STATE', 'Archived tests cannot be promoted. Restore the test first.');
    const name = t.isMaster ? t.group.name : t.variationName!;
    await validateContent(
      tx,
      { ...storedContent(t), name, status: 'published' },
      { groupName: t.group.name, excludeRecipeId: t.id },
    );
    const version = await nextVersion(tx, branchOf(t));
    await tx.recipe.update({
      where: { id: t.id },
      data: { versionNumber: version, testSequence: null, name, status: 'published' },
    });
    await makeCurrent(tx, t);
    await logLineage(
      tx,
      ctx,
      t.id,
      'PROMOTE_TEST',
      `Promoted from ${branchLabel(t)} v${t.versionNumber} Test ${t.testSequence} to v${version}`,
      t.parentRecipeId,
    );
    return tx.recipe.findUniqueOrThrow({ where: { id: t.id }, select: RECIPE_SUMMARY });
  });
}

/** Makes a published, non-test, non-archived version the current one of its branch. */
export async function setCurrent(db: TenantDb, ctx: OrgCtx, input: { recipeId: string }) {
  return db.$transaction(async (tx) => {
    const r = await loadRecipe(tx, input.recipeId);
    if (r.testSequence !== null) throw new AppError('INVALID_STATE', 'Test versions cannot be set as current.');
    if (r.isArchived) throw new AppError('INVALID_STATE', 'Archived versions cannot be set as current.');
    if (r.status !== 'published') throw new AppError('INVALID_STATE', 'Only published versions can be set as current.');
    if (!r.isCurrent) {
      await makeCurrent(tx, r);
      await logLineage(tx, ctx, r.id, 'SET_CURRENT', `${branchLabel(r)} v${r.versionNumber} set as current`);
    }
    return tx.recipe.findUniqueOrThrow({ where: { id: r.id }, select: RECIPE_SUMMARY });
  });
}

function assertPromotableVariation(r: LoadedRecipe) {
  if (r.isMaster || r.testSequence !== null || r.isArchived || r.status !== 'published') {
    throw new AppError('INVALID_STATE', 'Only a published, non-archived variation version can be promoted.');
  }
}

/** A new master version (max + 1) of the same group, copying the variation's content; it becomes current. */
export async function promoteVariationToMaster(db: TenantDb, ctx: OrgCtx, input: { recipeId: string }) {
  return db.$transaction(async (tx) => {
    const v = await loadRecipe(tx, input.recipeId);
    assertPromotableVariation(v);
    const content = { ...storedContent(v), name: v.group.name, status: 'published' as const };
    await validateContent(tx, content, { groupName: v.group.name });
    const version = await nextVersion(tx, { groupId: v.groupId, isMaster: true, variationName: null });
    const recipe = await tx.recipe.create({
      data: {
        organizationId: ctx.organizationId,
        groupId: v.groupId,
        name: content.name,
        isMaster: true,
        versionNumber: version,
        parentRecipeId: v.id,
        ...derivedOrigin(v),
        ...contentColumns(content),
        createdById: ctx.actor.userId,
      },
      select: RECIPE_SUMMARY,
    });
    await writeLines(tx, ctx, recipe.id, content.lines);
    await makeCurrent(tx, recipe);
    await logLineage(
      tx,
      ctx,
      recipe.id,
      'PROMOTE_TO_PARENT',
      `Master v${version} promoted from variation ${v.variationName} v${v.versionNumber}`,
      v.id,
    );
    return { ...recipe, isCurrent: true };
  });
}

/** A new group whose master v1 copies the variation. Name: the given one, else the variation name, made unique with " (2)", …. */
export async function promoteVariationToNewGroup(
  db: TenantDb,
  ctx: OrgCtx,
  raw: z.input<typeof PromoteToNewGroupInputSchema>,
) {
  const input = PromoteToNewGroupInputSchema.parse(raw);
  return retryOnUniqueRace(() =>
    db.$transaction(async (tx) => {
      const v = await loadRecipe(tx, input.recipeId);
      assertPromotableVariation(v);
      const wanted = input.name ?? v.variationName!;
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
        { ...storedContent(v), name, status: 'published' },
        {
          eventType: 'PROMOTE_TO_PARENT',
          sourceRecipeId: v.id,
          parentRecipeId: v.id,
          columns: derivedOrigin(v),
          notes: `New recipe promoted from variation ${v.variationName} v${v.versionNumber} of ${v.group.name}`,
        },
      );
    }),
  );
}
