import type { z } from 'zod';
import type { TenantDb } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { AppError } from '../../errors.ts';
import { CreateVariationInputSchema } from '../../../shared/schemas/recipes.ts';
import { contentColumns } from './create-recipe.ts';
import { mergeContent, storedContent } from './update-recipe.ts';
import { assertRecipeLimit } from './limits.ts';
import { sameProportions, variationPrefixFor } from './rules.ts';
import {
  RECIPE_SUMMARY,
  assertPrefixFree,
  derivedOrigin,
  linesAsInput,
  loadLineItems,
  loadRecipe,
  logLineage,
  makeCurrent,
  proportionInputs,
  proportionItems,
  retryOnUniqueRace,
  takenPrefixes,
  validateContent,
  writeLines,
} from './store.ts';
import { emitEvent } from '../../events/emit.ts';

/**
 * A new variation branch of a published master: version 1 under its own unique name and label prefix (the
 * one given, else the group's prefix + V + the branch's number: BASE → BASEV1).
 * Omitted content is copied from the master; the ingredients must differ from it proportionally.
 */
export async function createVariation(db: TenantDb, ctx: OrgCtx, raw: z.input<typeof CreateVariationInputSchema>) {
  const { parentId, variationName, variationPrefix, ...overrides } = CreateVariationInputSchema.parse(raw);
  return retryOnUniqueRace(() =>
    db.$transaction(async (tx) => {
      const parent = await loadRecipe(tx, parentId);
      if (!parent.isMaster || parent.testSequence !== null || parent.isArchived || parent.status !== 'published') {
        throw new AppError('INVALID_STATE', 'Variations can only be created from a published master recipe.');
      }
      const clash = await tx.recipe.findFirst({
        where: {
          groupId: parent.groupId,
          isMaster: false,
          variationName: { equals: variationName, mode: 'insensitive' },
        },
        select: { id: true },
      });
      if (clash)
        throw new AppError('CONFLICT', 'Variation name already exists in this recipe group.', {
          field: 'variationName',
        });
      await assertRecipeLimit(tx, ctx.organizationId);
      const content = mergeContent(storedContent(parent), {
        ...overrides,
        name: variationName,
        status: overrides.status ?? 'published',
      });
      const { items, catalog } = await validateContent(tx, content, { groupName: parent.group.name });
      const parentLines = linesAsInput(parent.lines);
      for (const [id, item] of await loadLineItems(
        tx,
        parentLines.map((l) => l.itemId),
      ))
        items.set(id, item);
      if (
        sameProportions(catalog, proportionInputs(parentLines), proportionInputs(content.lines), proportionItems(items))
      ) {
        throw new AppError(
          'VALIDATION',
          'A variation must have at least one change to an ingredient or proportion. No changes were detected.',
          { field: 'lines' },
        );
      }
      if (variationPrefix) await assertPrefixFree(tx, variationPrefix, 'variationPrefix');
      const branches = await tx.recipe.findMany({
        where: { groupId: parent.groupId, isMaster: false },
        select: { variationName: true },
        distinct: ['variationName'],
      });
      const prefix =
        variationPrefix ?? variationPrefixFor(parent.group.prefix, branches.length + 1, await takenPrefixes(tx));
      const recipe = await tx.recipe.create({
        data: {
          organizationId: ctx.organizationId,
          groupId: parent.groupId,
          name: variationName,
          isMaster: false,
          variationName,
          variationPrefix: prefix,
          versionNumber: 1,
          parentRecipeId: parent.id,
          ...derivedOrigin(parent),
          ...contentColumns(content),
          createdById: ctx.actor.userId,
        },
        select: RECIPE_SUMMARY,
      });
      await writeLines(tx, ctx, recipe.id, content.lines);
      if (content.status === 'published') await makeCurrent(tx, recipe);
      await logLineage(
        tx,
        ctx,
        recipe.id,
        'VARIATION',
        `Variation "${variationName}" of ${parent.group.name} v${parent.versionNumber}`,
        parent.id,
      );
      await emitEvent(tx, ctx, 'recipe_variation_created', recipe.id, {
        name: variationName,
        isTest: false,
        isVariation: true,
      });
      return { ...recipe, isCurrent: content.status === 'published' };
    }),
  );
}
