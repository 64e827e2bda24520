import type { z } from 'zod';
import { loadUnitCatalog } from '../units/catalog.ts';
import { batchSizeOf, shareOfBatch } from './percentages.ts';
import type { Prisma } from '../../db/client.ts';
import type { TenantDb } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { AppError } from '../../errors.ts';
import { DiffInputSchema, ListRecipesInputSchema } from '../../../shared/schemas/recipes.ts';
import { diffRecipes, fmtDec, type DiffableRecipe } from './rules.ts';
import { branchLabel } from './create-test.ts';
import { defaultBatchType } from '../planning/batch-type.ts';

const LIST_SELECT = {
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
  predictedYield: true,
  yieldUnit: true,
  updatedAt: true,
  createdAt: true,
  group: { select: { name: true, prefix: true } },
  productCategory: { select: { name: true } },
  productCategoryId: true,
  allowedContainerIds: true,
  isPortioned: true,
  _count: { select: { lines: true } },
} as const;

type ListRow = Prisma.RecipeGetPayload<{ select: typeof LIST_SELECT }>;
const shapeRow = (r: ListRow) => ({
  id: r.id,
  name: r.name,
  groupId: r.groupId,
  groupName: r.group.name,
  prefix: r.isMaster ? r.group.prefix : (r.variationPrefix ?? r.group.prefix),
  branch: branchLabel(r),
  isMaster: r.isMaster,
  variationName: r.variationName,
  versionNumber: r.versionNumber,
  testSequence: r.testSequence,
  isTest: r.testSequence !== null,
  isCurrent: r.isCurrent,
  status: r.status,
  isArchived: r.isArchived,
  predictedYield: r.predictedYield ? fmtDec(r.predictedYield) : null,
  yieldUnit: r.yieldUnit,
  category: r.productCategory?.name ?? null,
  lineCount: r._count.lines,
  defaultBatchType: defaultBatchType(r),
  updatedAt: r.updatedAt,
  createdAt: r.createdAt,
});

/** The recipe list: paged, searched (recipe or group name), filtered by status and archive, sorted in SQL. */
export async function listRecipes(db: TenantDb, _ctx: OrgCtx, raw: z.input<typeof ListRecipesInputSchema>) {
  const input = ListRecipesInputSchema.parse(raw);
  const where: Prisma.RecipeWhereInput = {
    isArchived: input.archived,
    ...(input.status !== 'all' ? { status: input.status } : {}),
    ...(input.includeTests ? {} : { testSequence: null }),
    ...(input.currentOnly ? { OR: [{ isCurrent: true }, { status: 'draft', testSequence: null }] } : {}),
    ...(input.search
      ? {
          AND: [
            {
              OR: [
                { name: { contains: input.search, mode: 'insensitive' } },
                { group: { name: { contains: input.search, mode: 'insensitive' } } },
              ],
            },
          ],
        }
      : {}),
  };
  const orderBy: Prisma.RecipeOrderByWithRelationInput[] =
    input.sort === 'name'
      ? [
          { group: { name: input.direction } },
          { isMaster: 'desc' },
          { variationName: 'asc' },
          { versionNumber: 'desc' },
          { testSequence: 'asc' },
        ]
      : [{ [input.sort]: input.direction }];
  const [total, rows] = await Promise.all([
    db.recipe.count({ where }),
    db.recipe.findMany({
      where,
      orderBy: [...orderBy, { id: 'asc' }],
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
      select: LIST_SELECT,
    }),
  ]);
  return { total, page: input.page, pageSize: input.pageSize, rows: rows.map(shapeRow) };
}

/** One recipe with its lines (item names and units), lineage, and the versions and tests of its branch. */
export async function getRecipe(db: TenantDb, ctx: OrgCtx, input: { recipeId: string }) {
  const r = await db.recipe.findUnique({
    where: { id: input.recipeId },
    include: {
      group: { select: { id: true, name: true, prefix: true } },
      productCategory: { select: { id: true, name: true, isTypicallyPortioned: true, skuNameTemplate: true } },
      lines: {
        orderBy: [{ position: 'asc' }, { id: 'asc' }],
        include: {
          item: {
            select: {
              name: true,
              unit: true,
              itemType: true,
              isIntermediate: true,
              isArchived: true,
              density: true,
              ingredientCategory: { select: { defaultDensity: true } },
            },
          },
        },
      },
      lineage: { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: 200 },
      _count: { select: { batches: true } },
    },
  });
  if (!r) throw new AppError('NOT_FOUND', 'Recipe not found.');
  const [branch, variations, users] = await Promise.all([
    db.recipe.findMany({
      where: { groupId: r.groupId, isMaster: r.isMaster, variationName: r.variationName },
      orderBy: [{ versionNumber: 'desc' }, { testSequence: { sort: 'asc', nulls: 'first' } }],
      select: LIST_SELECT,
    }),
    db.recipe.findMany({
      where: { groupId: r.groupId, isCurrent: true },
      orderBy: [{ isMaster: 'desc' }, { variationName: 'asc' }],
      select: LIST_SELECT,
    }),
    db.user.findMany({
      where: { id: { in: [...new Set(r.lineage.map((l) => l.userId).filter((x): x is string => !!x))] } },
      select: { id: true, firstName: true, lastName: true, username: true },
    }),
  ]);
  const who = new Map(users.map((u) => [u.id, [u.firstName, u.lastName].filter(Boolean).join(' ') || u.username]));
  const catalog = await loadUnitCatalog(db);
  const batch = batchSizeOf({
    batchSize: r.batchSize?.toString() ?? null,
    batchSizeUnit: r.batchSizeUnit,
    predictedYield: r.predictedYield?.toString() ?? null,
    yieldUnit: r.yieldUnit,
  });
  return {
    ...shapeRow({ ...r, _count: { lines: r.lines.length } } as ListRow),
    group: r.group,
    productCategory: r.productCategory,
    productCategoryId: r.productCategoryId,
    isPortioned: r.isPortioned,
    portionName: r.portionName,
    portionCount: r.portionCount,
    instructions: r.instructions,
    categoryData: r.categoryData,
    allowedContainerIds: r.allowedContainerIds,
    density: r.density?.toString() ?? null,
    batchSize: r.batchSize ? fmtDec(r.batchSize) : null,
    batchSizeUnit: r.batchSizeUnit,
    cureDays: r.cureDays,
    parentRecipeId: r.parentRecipeId,
    clonedFromId: r.clonedFromId,
    // Sharing (docs/rules/recipe-sharing.md): no id of a source organization leaves here.
    originType: r.originType,
    isShareable: r.isShareable,
    isPublic: r.isPublic,
    batchCount: r._count.batches,
    locked: r.status === 'published' && r.testSequence === null,
    editable: !r.isArchived && (r.status === 'draft' || (r.testSequence !== null && r._count.batches === 0)),
    lines: r.lines.map((l) => ({
      id: l.id,
      kind: l.kind,
      itemId: l.itemId,
      itemName: l.item.name,
      itemUnit: l.item.unit,
      itemType: l.item.itemType,
      isIntermediate: l.item.isIntermediate,
      itemArchived: l.item.isArchived,
      quantity: fmtDec(l.quantity),
      unit: l.unit,
      notes: l.notes,
      position: l.position,
      // Shown both ways: the percentage it was written as, and every line's share of the batch.
      percent: l.percent?.toString() ?? null,
      percentOf: l.percentOf,
      shareOfBatch: shareOfBatch(
        catalog,
        l.quantity,
        l.unit,
        batch,
        l.item.density ?? l.item.ingredientCategory?.defaultDensity ?? null,
      ),
    })),
    lineage: r.lineage.map((l) => ({
      id: l.id,
      eventType: l.eventType,
      notes: l.notes,
      sourceRecipeId: l.sourceRecipeId,
      user: l.userId ? (who.get(l.userId) ?? null) : null,
      createdAt: l.createdAt,
    })),
    branchVersions: branch.map(shapeRow),
    currentBranches: variations.map(shapeRow),
    costsVisible: ctx.actor.permissions.has('recipes.view') && ctx.actor.permissions.has('inventory.view_costs'),
  };
}

/** Every row of a group, by branch (master first), newest version first, tests after their version. */
export async function listGroupVersions(db: TenantDb, _ctx: OrgCtx, input: { groupId: string }) {
  const group = await db.recipeGroup.findUnique({
    where: { id: input.groupId },
    select: { id: true, name: true, prefix: true },
  });
  if (!group) throw new AppError('NOT_FOUND', 'Recipe group not found.');
  const rows = await db.recipe.findMany({
    where: { groupId: group.id },
    orderBy: [
      { isMaster: 'desc' },
      { variationName: 'asc' },
      { versionNumber: 'desc' },
      { testSequence: { sort: 'asc', nulls: 'first' } },
    ],
    select: LIST_SELECT,
  });
  const branches = new Map<string, ReturnType<typeof shapeRow>[]>();
  for (const row of rows.map(shapeRow)) {
    if (!branches.has(row.branch)) branches.set(row.branch, []);
    branches.get(row.branch)!.push(row);
  }
  return { group, branches: [...branches].map(([name, versions]) => ({ name, versions })) };
}

async function diffable(db: TenantDb, id: string): Promise<DiffableRecipe & { id: string; label: string }> {
  const r = await db.recipe.findUnique({
    where: { id },
    include: {
      lines: { orderBy: [{ position: 'asc' }, { id: 'asc' }], include: { item: { select: { name: true } } } },
    },
  });
  if (!r) throw new AppError('NOT_FOUND', 'Recipe not found.');
  return {
    id: r.id,
    label: `${branchLabel(r)} v${r.versionNumber}${r.testSequence !== null ? ` Test ${r.testSequence}` : ''}`,
    name: r.name,
    status: r.status,
    predictedYield: r.predictedYield ? fmtDec(r.predictedYield) : null,
    yieldUnit: r.yieldUnit,
    isPortioned: r.isPortioned,
    portionName: r.portionName,
    portionCount: r.portionCount,
    productCategoryId: r.productCategoryId,
    instructions: r.instructions,
    allowedContainerIds: r.allowedContainerIds,
    lines: r.lines.map((l) => ({
      kind: l.kind,
      itemId: l.itemId,
      itemName: l.item.name,
      quantity: fmtDec(l.quantity),
      unit: l.unit,
      notes: l.notes,
    })),
  };
}

/** Field and line differences from one version to another. */
export async function diffVersions(db: TenantDb, _ctx: OrgCtx, raw: z.input<typeof DiffInputSchema>) {
  const input = DiffInputSchema.parse(raw);
  const [a, b] = await Promise.all([diffable(db, input.fromId), diffable(db, input.toId)]);
  return { from: { id: a.id, label: a.label }, to: { id: b.id, label: b.label }, ...diffRecipes(a, b) };
}
