import type { z } from 'zod';
import type { TenantDb } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { AppError } from '../../errors.ts';
import { CreateTestInputSchema } from '../../../shared/schemas/recipes.ts';
import { contentColumns } from './create-recipe.ts';
import { mergeContent, storedContent } from './update-recipe.ts';
import { sameProportions } from './rules.ts';
import {
  derivedOrigin,
  RECIPE_SUMMARY,
  loadRecipe,
  logLineage,
  proportionInputs,
  proportionItems,
  validateContent,
  writeLines,
} from './store.ts';
import { emitEvent } from '../../events/emit.ts';

export const branchLabel = (r: { isMaster: boolean; variationName: string | null }) =>
  r.isMaster ? 'Master' : r.variationName!;

/**
 * A test of a published branch version: an editable copy named "<branch name> - Test N", N counting per
 * branch version. It must change the ingredients (proportionally), the yield or the instructions.
 */
export async function createTest(db: TenantDb, ctx: OrgCtx, raw: z.input<typeof CreateTestInputSchema>) {
  const { recipeId, ...overrides } = CreateTestInputSchema.parse(raw);
  return db.$transaction(async (tx) => {
    const base = await loadRecipe(tx, recipeId);
    if (base.testSequence !== null) throw new AppError('INVALID_STATE', 'Tests cannot be created from test recipes.');
    if (base.isArchived)
      throw new AppError('INVALID_STATE', 'Archived recipes cannot be tested. Restore the recipe first.');
    if (base.status !== 'published') throw new AppError('INVALID_STATE', 'Publish the recipe before creating tests.');
    const agg = await tx.recipe.aggregate({
      where: {
        groupId: base.groupId,
        isMaster: base.isMaster,
        variationName: base.variationName,
        versionNumber: base.versionNumber,
        testSequence: { not: null },
      },
      _max: { testSequence: true },
    });
    const seq = (agg._max.testSequence ?? 0) + 1;
    const branchName = base.isMaster ? base.group.name : base.variationName!;
    const before = storedContent(base);
    const content = mergeContent(before, { ...overrides, name: `${branchName} - Test ${seq}`, status: 'published' });
    const { items, catalog } = await validateContent(tx, content, { groupName: base.group.name });
    const sameLines = sameProportions(
      catalog,
      proportionInputs(before.lines),
      proportionInputs(content.lines),
      proportionItems(items),
    );
    const sameYield =
      Number(before.predictedYield ?? 0) === Number(content.predictedYield ?? 0) &&
      before.yieldUnit === content.yieldUnit &&
      before.isPortioned === content.isPortioned &&
      (before.portionCount ?? null) === (content.portionCount ?? null);
    if (sameLines && sameYield && before.instructions.trim() === content.instructions.trim()) {
      throw new AppError(
        'VALIDATION',
        'Tests must change ingredients, yield, or instructions to create a new version.',
        { field: 'lines' },
      );
    }
    const recipe = await tx.recipe.create({
      data: {
        organizationId: ctx.organizationId,
        groupId: base.groupId,
        name: content.name,
        isMaster: base.isMaster,
        variationName: base.variationName,
        variationPrefix: base.variationPrefix,
        versionNumber: base.versionNumber,
        testSequence: seq,
        isCurrent: false,
        parentRecipeId: base.id,
        ...derivedOrigin(base),
        ...contentColumns(content),
        createdById: ctx.actor.userId,
      },
      select: RECIPE_SUMMARY,
    });
    await writeLines(tx, ctx, recipe.id, content.lines);
    await logLineage(tx, ctx, recipe.id, 'TEST', `Test ${seq} of ${branchLabel(base)} v${base.versionNumber}`, base.id);
    await emitEvent(tx, ctx, 'recipe_test_created', recipe.id, {
      name: content.name,
      isTest: true,
      isVariation: !base.isMaster,
    });
    return recipe;
  });
}
