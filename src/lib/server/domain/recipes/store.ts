// Shared pieces of the recipe use cases: loading, validation (docs/rules/recipes.md messages), lines, branch
// versions and the current flag, lineage, prefixes and group creation. Every function runs inside the
// caller's transaction on a tenant-scoped client.
import { Prisma } from '../../db/client.ts';
import type { TenantTx } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { AppError } from '../../errors.ts';
import { loadUnitCatalog } from '../units/catalog.ts';
import { convertUnits, type UnitCatalog } from '../units/rules.ts';
import type { RecipeLineInput } from '../../../shared/schemas/recipes.ts';
import { batchSizeOf, resolvePercentLines } from './percentages.ts';
import {
  findCyclePath,
  generatePrefix,
  joinLabels,
  producerGroupName,
  type ProportionItem,
  type ProportionLine,
} from './rules.ts';

export const RECIPE_SUMMARY = {
  id: true,
  name: true,
  groupId: true,
  isMaster: true,
  variationName: true,
  variationPrefix: true,
  versionNumber: true,
  testSequence: true,
  isCurrent: true,
  status: true,
  isArchived: true,
} as const;

/** A recipe's origin columns (docs/rules/recipe-sharing.md, Origin). */
export type OriginColumns = {
  rootRecipeId: string;
  originType: string;
  originOrganizationId: string | null;
  originRecipeId: string | null;
  isShareable: boolean;
};
/**
 * What a recipe made from another one of the organization (a version, test, variation, promotion or
 * "(Copy)") inherits: the lineage root, and the origin of a clone, which stays unshareable.
 */
export function derivedOrigin(source: OriginColumns): OriginColumns {
  return {
    rootRecipeId: source.rootRecipeId,
    originType: source.originType,
    originOrganizationId: source.originOrganizationId,
    originRecipeId: source.originRecipeId,
    isShareable: source.isShareable,
  };
}

export async function loadRecipe(tx: TenantTx, recipeId: string) {
  const recipe = await tx.recipe.findUnique({
    where: { id: recipeId },
    include: { group: true, lines: { orderBy: [{ position: 'asc' }, { id: 'asc' }] } },
  });
  if (!recipe) throw new AppError('NOT_FOUND', 'Recipe not found.');
  return recipe;
}
export type LoadedRecipe = Awaited<ReturnType<typeof loadRecipe>>;

/** A branch: the master or one named variation of a group. */
export type Branch = { groupId: string; isMaster: boolean; variationName: string | null };
export const branchOf = (r: Branch): Branch => ({
  groupId: r.groupId,
  isMaster: r.isMaster,
  variationName: r.isMaster ? null : r.variationName,
});
const branchWhere = (b: Branch) => ({
  groupId: b.groupId,
  isMaster: b.isMaster,
  ...(b.isMaster ? {} : { variationName: { equals: b.variationName!, mode: 'insensitive' as const } }),
});

/** max(version of the branch, tests excluded) + 1. */
export async function nextVersion(tx: TenantTx, b: Branch): Promise<number> {
  const agg = await tx.recipe.aggregate({
    where: { ...branchWhere(b), testSequence: null },
    _max: { versionNumber: true },
  });
  return (agg._max.versionNumber ?? 0) + 1;
}

/** Makes the row the one current version of its branch. */
export async function makeCurrent(tx: TenantTx, recipe: Branch & { id: string }) {
  await tx.recipe.updateMany({
    where: { ...branchWhere(branchOf(recipe)), id: { not: recipe.id }, isCurrent: true },
    data: { isCurrent: false },
  });
  await tx.recipe.update({ where: { id: recipe.id }, data: { isCurrent: true } });
}

/** Repairs the branch: archived, draft and test rows are never current; otherwise keep one, else the highest version. */
export async function ensureBranchCurrent(tx: TenantTx, b: Branch) {
  const where = branchWhere(b);
  await tx.recipe.updateMany({
    where: {
      ...where,
      isCurrent: true,
      OR: [{ isArchived: true }, { status: 'draft' }, { testSequence: { not: null } }],
    },
    data: { isCurrent: false },
  });
  if (await tx.recipe.findFirst({ where: { ...where, isCurrent: true }, select: { id: true } })) return;
  const best = await tx.recipe.findFirst({
    where: { ...where, isArchived: false, status: 'published', testSequence: null },
    orderBy: { versionNumber: 'desc' },
    select: { id: true },
  });
  if (best) await tx.recipe.update({ where: { id: best.id }, data: { isCurrent: true } });
}

export async function logLineage(
  tx: TenantTx,
  ctx: OrgCtx,
  recipeId: string,
  eventType: string,
  notes: string | null,
  sourceRecipeId: string | null = null,
) {
  await tx.recipeLineage.create({
    data: { organizationId: ctx.organizationId, recipeId, sourceRecipeId, eventType, userId: ctx.actor.userId, notes },
  });
}

/** Group prefixes and variation prefixes already used in the organization (batch labels start with them). */
export async function takenPrefixes(tx: TenantTx): Promise<string[]> {
  const [groups, variations] = await Promise.all([
    tx.recipeGroup.findMany({ select: { prefix: true } }),
    tx.recipe.findMany({
      where: { variationPrefix: { not: null } },
      select: { variationPrefix: true },
      distinct: ['variationPrefix'],
    }),
  ]);
  return [...groups.map((g) => g.prefix), ...variations.map((v) => v.variationPrefix!)];
}

export async function assertGroupNameFree(tx: TenantTx, name: string, exceptGroupId?: string) {
  const clash = await tx.recipeGroup.findFirst({
    where: { name: { equals: name, mode: 'insensitive' }, ...(exceptGroupId ? { id: { not: exceptGroupId } } : {}) },
    select: { id: true },
  });
  if (clash) throw new AppError('CONFLICT', `A recipe named "${name}" already exists.`, { field: 'name' });
}

/** "The label prefix X is already used." when another group or a variation of the organization has it. */
export async function assertPrefixFree(tx: TenantTx, prefix: string, field: string, exceptGroupId?: string) {
  const [group, variation] = await Promise.all([
    tx.recipeGroup.findFirst({
      where: {
        prefix: { equals: prefix, mode: 'insensitive' },
        ...(exceptGroupId ? { id: { not: exceptGroupId } } : {}),
      },
      select: { id: true },
    }),
    tx.recipe.findFirst({ where: { variationPrefix: { equals: prefix, mode: 'insensitive' } }, select: { id: true } }),
  ]);
  if (group || variation) throw new AppError('CONFLICT', `The label prefix ${prefix} is already used.`, { field });
}

/** A new group: the requested label prefix (unique in the organization), else one generated from the name. */
export async function createGroup(tx: TenantTx, ctx: OrgCtx, name: string, requestedPrefix?: string) {
  await assertGroupNameFree(tx, name);
  if (requestedPrefix) await assertPrefixFree(tx, requestedPrefix, 'labelPrefix');
  const prefix = requestedPrefix ?? generatePrefix(name, await takenPrefixes(tx));
  return tx.recipeGroup.create({ data: { organizationId: ctx.organizationId, name, prefix } });
}

/** A unique-constraint race (two creates picking the same prefix): the caller retries the transaction. */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; cause?: { originalCode?: string } } | null;
  return err?.code === 'P2002' || err?.cause?.originalCode === '23505';
}
export async function retryOnUniqueRace<T>(fn: () => Promise<T>, attempts = 4): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (i >= attempts - 1 || !isUniqueViolation(e)) throw e;
    }
  }
}

export type ContentToValidate = {
  name: string;
  status: string;
  predictedYield?: string | null;
  isPortioned: boolean;
  portionCount?: number | null;
  productCategoryId?: string | null;
  allowedContainerIds: string[];
  lines: RecipeLineInput[];
  yieldUnit?: string;
  batchSize?: string | null;
  batchSizeUnit?: string | null;
};
export type LineItem = {
  id: string;
  name: string;
  unit: string;
  itemType: string;
  isIntermediate: boolean;
  density: Prisma.Decimal | null;
};

/**
 * Name, required fields (published only) and lines. Returns the lines' items (density resolved) and the
 * unit catalog for later conversions. `groupName` is the group the recipe belongs to (for the cycle check).
 */
export async function validateContent(
  tx: TenantTx,
  c: ContentToValidate,
  opts: { groupName: string; excludeRecipeId?: string },
) {
  if (c.name.length < 2 || c.name.length > 100)
    throw new AppError('VALIDATION', 'Recipe name must be between 2 and 100 characters.', { field: 'name' });
  if (c.status !== 'draft') {
    const missing: { key: string; label: string }[] = [];
    const yieldOk = c.predictedYield !== null && c.predictedYield !== undefined && Number(c.predictedYield) > 0;
    if (!yieldOk && !c.isPortioned) missing.push({ key: 'yield', label: 'Yield amount' });
    if (c.isPortioned && !(c.portionCount && c.portionCount > 0))
      missing.push({ key: 'portionCount', label: 'Portion count' });
    if (!c.lines.some((l) => l.kind === 'ingredient')) missing.push({ key: 'ingredients', label: 'Ingredients' });
    if (missing.length) {
      throw new AppError('VALIDATION', `Missing required fields: ${joinLabels(missing.map((m) => m.label))}`, {
        missingFields: missing.map((m) => m.key),
        missingLabels: missing.map((m) => m.label),
        canSaveAsDraft: true,
      });
    }
  }
  if (c.predictedYield !== null && c.predictedYield !== undefined && Number(c.predictedYield) < 0) {
    throw new AppError('VALIDATION', 'Yield amount cannot be negative.', { field: 'predictedYield' });
  }
  if (c.portionCount !== null && c.portionCount !== undefined && c.portionCount < 0) {
    throw new AppError('VALIDATION', 'Portion count cannot be negative.', { field: 'portionCount' });
  }
  if (
    c.productCategoryId &&
    !(await tx.productCategory.findUnique({ where: { id: c.productCategoryId }, select: { id: true } }))
  ) {
    throw new AppError('NOT_FOUND', 'Product category not found.', { field: 'productCategoryId' });
  }
  if (c.allowedContainerIds.length) {
    const found = await tx.inventoryItem.count({ where: { id: { in: c.allowedContainerIds }, itemType: 'container' } });
    if (found !== new Set(c.allowedContainerIds).size)
      throw new AppError('VALIDATION', 'Allowed containers must be container items of this organization.', {
        field: 'allowedContainerIds',
      });
  }
  const catalog = await loadUnitCatalog(tx);
  const items = await loadLineItems(
    tx,
    c.lines.map((l) => l.itemId),
  );
  // Percentage lines get their amounts here, so every check below and every writer sees amounts.
  if (c.lines.some((l) => l.percent)) c.lines = resolvePercentLines(catalog, c.lines, batchSizeOf(c), items);
  const seen = new Set<string>();
  c.lines.forEach((l, i) => {
    const item = items.get(l.itemId);
    const at = `Line ${i + 1}`;
    if (!item) throw new AppError('NOT_FOUND', `${at}: inventory item not found.`, { line: i, field: 'itemId' });
    const label = `${at} (${item.name})`;
    if (!l.quantity || !(Number(l.quantity) > 0))
      throw new AppError('VALIDATION', `${label}: quantity must be greater than 0.`, { line: i, field: 'quantity' });
    if (seen.has(l.itemId))
      throw new AppError('VALIDATION', `${item.name} is listed more than once. Combine its lines into one.`, {
        line: i,
        field: 'itemId',
      });
    seen.add(l.itemId);
    if (l.kind === 'ingredient' && !['ingredient', 'container'].includes(item.itemType)) {
      throw new AppError(
        'VALIDATION',
        `${label}: ${item.name} is a ${item.itemType}; ingredient lines take ingredients or containers.`,
        { line: i, field: 'itemId' },
      );
    }
    if (l.kind === 'consumable' && item.itemType !== 'consumable') {
      throw new AppError(
        'VALIDATION',
        `${label}: ${item.name} is a${item.itemType === 'ingredient' ? 'n' : ''} ${item.itemType}; consumable lines take consumables.`,
        { line: i, field: 'itemId' },
      );
    }
    const conv = convertUnits(catalog, { amount: l.quantity!, from: l.unit, to: item.unit, density: item.density });
    if (!conv.ok) {
      throw new AppError(
        'VALIDATION',
        `${label}: cannot use ${l.unit} for an item kept in ${item.unit}. ${conv.message}.`,
        { line: i, field: 'unit', conversionCode: conv.code },
      );
    }
  });
  await assertNoCycle(
    tx,
    opts.groupName,
    [...items.values()].filter((i) => i.isIntermediate),
    opts.excludeRecipeId,
  );
  return { items, catalog };
}

export async function loadLineItems(tx: TenantTx, ids: string[]): Promise<Map<string, LineItem>> {
  const rows = await tx.inventoryItem.findMany({
    where: { id: { in: [...new Set(ids)] } },
    select: {
      id: true,
      name: true,
      unit: true,
      itemType: true,
      isIntermediate: true,
      density: true,
      costPerUnit: true,
      ingredientCategory: { select: { defaultDensity: true } },
    },
  });
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        name: r.name,
        unit: r.unit,
        itemType: r.itemType,
        isIntermediate: r.isIntermediate,
        density: r.density ?? r.ingredientCategory?.defaultDensity ?? null,
      },
    ]),
  );
}

/**
 * Recipe nesting cycle protection (docs/rules/recipes.md, Nesting and cycles): a group "produces" the
 * intermediate named "<group name> (Intermediate)". Refuse a line whose intermediate is produced by this
 * group, directly or through the intermediates the producing groups' recipes use in turn.
 */
async function assertNoCycle(tx: TenantTx, groupName: string, intermediates: LineItem[], excludeRecipeId?: string) {
  const producers = intermediates
    .map((i) => ({ item: i, group: producerGroupName(i.name) }))
    .filter((p): p is { item: LineItem; group: string } => !!p.group);
  if (!producers.length) return;
  const used = await tx.recipeLine.findMany({
    where: { item: { isIntermediate: true }, ...(excludeRecipeId ? { recipeId: { not: excludeRecipeId } } : {}) },
    select: { item: { select: { name: true } }, recipe: { select: { group: { select: { name: true } } } } },
  });
  const uses = new Map<string, string[]>();
  const add = (from: string, to: string) => {
    const k = from.toLowerCase();
    if (!uses.has(k)) uses.set(k, []);
    uses.get(k)!.push(to);
  };
  for (const u of used) {
    const p = producerGroupName(u.item.name);
    if (p) add(u.recipe.group.name, p);
  }
  for (const p of producers) {
    const path = findCyclePath(groupName, p.group, uses);
    if (path) {
      const chain = [groupName, ...path].join(' → ');
      throw new AppError(
        'VALIDATION',
        `Recipe cycle: ${p.item.name} is made by "${groupName}" itself (${chain}). A recipe cannot use its own intermediate.`,
        {
          field: 'lines',
          cycle: [groupName, ...path],
          itemId: p.item.id,
        },
      );
    }
  }
}

export async function writeLines(
  tx: TenantTx,
  ctx: OrgCtx,
  recipeId: string,
  lines: RecipeLineInput[],
  replace = false,
) {
  if (replace) await tx.recipeLine.deleteMany({ where: { recipeId } });
  if (!lines.length) return;
  await tx.recipeLine.createMany({
    data: lines.map((l, i) => ({
      organizationId: ctx.organizationId,
      recipeId,
      kind: l.kind,
      itemId: l.itemId,
      quantity: new Prisma.Decimal(l.quantity!),
      unit: l.unit,
      percent: l.percent ? new Prisma.Decimal(l.percent) : null,
      percentOf: l.percent ? (l.percentOf ?? 'batch') : null,
      notes: l.notes ?? null,
      position: i,
    })),
  });
}

/** Stored lines back as line inputs (for copying into a derived recipe). */
export function linesAsInput(
  lines: {
    kind: string;
    itemId: string;
    quantity: Prisma.Decimal;
    unit: string;
    notes: string | null;
    percent?: Prisma.Decimal | null;
    percentOf?: string | null;
  }[],
): RecipeLineInput[] {
  return lines.map((l) => ({
    kind: l.kind as RecipeLineInput['kind'],
    itemId: l.itemId,
    quantity: l.quantity.toString(),
    unit: l.unit,
    notes: l.notes,
    ...(l.percent ? { percent: l.percent.toString(), percentOf: l.percentOf ?? 'batch' } : {}),
  }));
}

export function proportionInputs(lines: RecipeLineInput[]): ProportionLine[] {
  return lines.map((l) => ({ kind: l.kind, itemId: l.itemId, quantity: l.quantity ?? '0', unit: l.unit }));
}
export function proportionItems(items: Map<string, LineItem>): Map<string, ProportionItem> {
  return new Map([...items].map(([id, i]) => [id, { unit: i.unit, density: i.density }]));
}

export async function batchCount(tx: TenantTx, recipeId: string): Promise<number> {
  return tx.batch.count({ where: { recipeId } });
}

export type { UnitCatalog };
