import type { z } from 'zod';
import type { TenantDb } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { AppError } from '../../errors.ts';
import { UpdateRecipeInputSchema, type RecipeContent } from '../../../shared/schemas/recipes.ts';
import { contentColumns } from './create-recipe.ts';
import {
  RECIPE_SUMMARY,
  assertGroupNameFree,
  batchCount,
  linesAsInput,
  loadRecipe,
  logLineage,
  makeCurrent,
  validateContent,
  writeLines,
  type LoadedRecipe,
} from './store.ts';
import { emitEvent } from '../../events/emit.ts';

/** The recipe's stored content in input form, so patches merge over it. */
/** A stored recipe's content (the library's clone reads another organization's row, without its group). */
export function storedContent(r: Omit<LoadedRecipe, 'group'>): RecipeContent {
  return {
    name: r.name,
    status: r.status as RecipeContent['status'],
    predictedYield: r.predictedYield?.toString() ?? null,
    yieldUnit: r.yieldUnit,
    isPortioned: r.isPortioned,
    portionName: r.portionName,
    portionCount: r.portionCount,
    productCategoryId: r.productCategoryId,
    categoryData: (r.categoryData ?? {}) as Record<string, unknown>,
    instructions: r.instructions,
    allowedContainerIds: r.allowedContainerIds,
    density: r.density?.toString() ?? null,
    batchSize: r.batchSize?.toString() ?? null,
    batchSizeUnit: r.batchSizeUnit,
    cureDays: r.cureDays,
    lines: linesAsInput(r.lines),
  };
}

/** Merges a patch (undefined = keep) over content. */
export function mergeContent(
  base: RecipeContent,
  patch: Partial<{ [K in keyof RecipeContent]: RecipeContent[K] | null | undefined }>,
): RecipeContent {
  const out = { ...base } as Record<string, unknown>;
  for (const [k, v] of Object.entries(patch)) if (v !== undefined && k in base) out[k] = v;
  return out as RecipeContent;
}

const AREA: Record<string, string> = {
  name: 'name',
  status: 'status',
  predictedYield: 'yield',
  yieldUnit: 'yield',
  isPortioned: 'portioning',
  portionName: 'portioning',
  portionCount: 'portioning',
  productCategoryId: 'category',
  categoryData: 'category',
  instructions: 'instructions',
  allowedContainerIds: 'containers',
  density: 'density',
  batchSize: 'batch size',
  batchSizeUnit: 'batch size',
  cureDays: 'cure time',
};

/** "name, ingredients, portioning": the areas that differ between two contents. */
export function changedAreas(a: RecipeContent, b: RecipeContent): string[] {
  const areas = new Set<string>();
  for (const k of Object.keys(AREA) as (keyof RecipeContent)[]) {
    const x = k === 'predictedYield' ? (a[k] === null ? null : Number(a[k])) : a[k];
    const y = k === 'predictedYield' ? (b[k] === null ? null : Number(b[k])) : b[k];
    if (JSON.stringify(x ?? null) !== JSON.stringify(y ?? null)) areas.add(AREA[k]!);
  }
  const lineKey = (l: RecipeContent['lines'][number]) =>
    `${l.itemId}|${Number(l.quantity)}|${l.unit}|${l.notes ?? ''}|${l.percent ?? ''}|${l.percentOf ?? ''}`;
  for (const kind of ['ingredient', 'consumable'] as const) {
    const la = a.lines
      .filter((l) => l.kind === kind)
      .map(lineKey)
      .join(';');
    const lb = b.lines
      .filter((l) => l.kind === kind)
      .map(lineKey)
      .join(';');
    if (la !== lb) areas.add(`${kind}s`);
  }
  return [...areas];
}

/**
 * Edits a draft or a test. Published versions are locked (a test is the way to change them) unless
 * `force` is given, which is logged as EDIT_OVERRIDE. Lines are replaced wholesale. Renaming the
 * current (or only) master renames the group.
 */
export async function updateRecipe(db: TenantDb, ctx: OrgCtx, raw: z.input<typeof UpdateRecipeInputSchema>) {
  const { recipeId, force, ...patch } = UpdateRecipeInputSchema.parse(raw);
  return db.$transaction(async (tx) => {
    const r = await loadRecipe(tx, recipeId);
    const isTest = r.testSequence !== null;
    if (r.isArchived)
      throw new AppError('INVALID_STATE', 'Archived recipes cannot be edited. Restore the recipe first.');
    if (!isTest && r.status === 'published' && !force)
      throw new AppError('INVALID_STATE', 'Published versions are locked. Create a test to make edits.');
    if (isTest && (await batchCount(tx, r.id)) > 0)
      throw new AppError('INVALID_STATE', 'Tests cannot be edited after running batches.');
    const before = storedContent(r);
    const after = mergeContent(before, isTest ? { ...patch, status: undefined } : patch);
    if (before.status === 'published' && after.status === 'draft')
      throw new AppError('INVALID_STATE', 'A published version cannot go back to draft.');
    let groupName = r.group.name;
    const renamesGroup =
      r.isMaster &&
      !isTest &&
      after.name !== r.name &&
      (r.isCurrent ||
        !(await tx.recipe.findFirst({
          where: { groupId: r.groupId, isMaster: true, isCurrent: true, id: { not: r.id } },
          select: { id: true },
        })));
    if (renamesGroup && after.name.length >= 2) {
      await assertGroupNameFree(tx, after.name, r.groupId);
      groupName = after.name;
    }
    await validateContent(tx, after, { groupName, excludeRecipeId: r.id });
    const areas = changedAreas(before, after);
    await tx.recipe.update({ where: { id: r.id }, data: { name: after.name, ...contentColumns(after) } });
    // Percentage lines follow the batch size: rewrite them when it (or the yield it defaults to) changed.
    if (patch.lines || after.lines.some((l) => l.percent)) await writeLines(tx, ctx, r.id, after.lines, true);
    if (renamesGroup) await tx.recipeGroup.update({ where: { id: r.groupId }, data: { name: after.name } });
    const publishing = !isTest && before.status === 'draft' && after.status === 'published';
    if (publishing) await makeCurrent(tx, r);
    if (areas.length) {
      const notes = `Updated: ${areas.join(', ')}.`;
      await logLineage(tx, ctx, r.id, force && r.status === 'published' && !isTest ? 'EDIT_OVERRIDE' : 'EDIT', notes);
    }
    const out = await tx.recipe.findUniqueOrThrow({ where: { id: r.id }, select: RECIPE_SUMMARY });
    if (areas.length) await emitEvent(tx, ctx, 'recipe_updated', r.id, { name: after.name });
    return { ...out, changed: areas };
  });
}
