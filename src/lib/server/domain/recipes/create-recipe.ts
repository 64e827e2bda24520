import type { z } from 'zod';
import { Prisma } from '../../db/client.ts';
import type { TenantDb } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { CreateRecipeInputSchema, type RecipeContent } from '../../../shared/schemas/recipes.ts';
import { assertRecipeLimit } from './limits.ts';
import {
  RECIPE_SUMMARY,
  assertGroupNameFree,
  createGroup,
  logLineage,
  makeCurrent,
  type OriginColumns,
  retryOnUniqueRace,
  validateContent,
  writeLines,
} from './store.ts';
import type { TenantTx } from '../../db/tenant.ts';
import { emitEvent } from '../../events/emit.ts';

/** The stored columns of a recipe's content. */
export function contentColumns(c: Omit<RecipeContent, 'lines' | 'name'>) {
  return {
    status: c.status,
    predictedYield:
      c.predictedYield === null || c.predictedYield === undefined ? null : new Prisma.Decimal(c.predictedYield),
    yieldUnit: c.yieldUnit,
    isPortioned: c.isPortioned,
    portionName: c.isPortioned ? (c.portionName ?? null) : null,
    portionCount: c.isPortioned ? (c.portionCount ?? null) : null,
    productCategoryId: c.productCategoryId ?? null,
    categoryData: c.categoryData as Prisma.InputJsonValue,
    instructions: c.instructions,
    allowedContainerIds: c.allowedContainerIds,
    density: c.density ? new Prisma.Decimal(c.density) : null,
    batchSize: c.batchSize ? new Prisma.Decimal(c.batchSize) : null,
    batchSizeUnit: c.batchSize ? (c.batchSizeUnit ?? c.yieldUnit) : null,
    cureDays: c.cureDays ?? null,
  };
}

/**
 * Creates a recipe: a new group named after it (unique name; the label prefix given, else one generated
 * from the name) holding master version 1.
 * Published recipes must carry a yield (or portioning), a portion count when portioned and at least one
 * ingredient; drafts may be incomplete. Counts toward the tier's max_recipes.
 */
export async function createRecipe(db: TenantDb, ctx: OrgCtx, raw: z.input<typeof CreateRecipeInputSchema>) {
  const input = CreateRecipeInputSchema.parse(raw);
  return retryOnUniqueRace(() => db.$transaction((tx) => createMasterInTx(tx, ctx, input, { eventType: 'CREATE' })));
}

type Origin = {
  eventType: 'CREATE' | 'CLONE' | 'PROMOTE_TO_PARENT';
  sourceRecipeId?: string;
  clonedFromId?: string;
  parentRecipeId?: string;
  notes?: string;
  /** Root and origin: inherited from the source (derivedOrigin), or a clone's; absent, the recipe is its own root. */
  columns?: OriginColumns;
};

/** New group + master v1 (create, clone and promote-to-new-group). */
export async function createMasterInTx(
  tx: TenantTx,
  ctx: OrgCtx,
  input: RecipeContent & { labelPrefix?: string },
  origin: Origin,
) {
  await assertRecipeLimit(tx, ctx.organizationId);
  if (input.name.length >= 2) await assertGroupNameFree(tx, input.name);
  await validateContent(tx, input, { groupName: input.name });
  const group = await createGroup(tx, ctx, input.name, input.labelPrefix);
  const recipe = await tx.recipe.create({
    data: {
      organizationId: ctx.organizationId,
      groupId: group.id,
      name: input.name,
      isMaster: true,
      versionNumber: 1,
      ...contentColumns(input),
      clonedFromId: origin.clonedFromId ?? null,
      parentRecipeId: origin.parentRecipeId ?? null,
      ...origin.columns,
      createdById: ctx.actor.userId,
    },
    select: RECIPE_SUMMARY,
  });
  await writeLines(tx, ctx, recipe.id, input.lines);
  if (input.status === 'published') await makeCurrent(tx, recipe);
  await logLineage(tx, ctx, recipe.id, origin.eventType, origin.notes ?? null, origin.sourceRecipeId ?? null);
  await emitEvent(tx, ctx, 'recipe_created', recipe.id, { name: input.name, isTest: false, isVariation: false });
  return { ...recipe, isCurrent: input.status === 'published', prefix: group.prefix, groupName: group.name };
}
