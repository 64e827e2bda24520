// Production planning: the stock check, a container suggestion, a cost breakdown, and the immutable
// PlanSnapshot that a batch stores at start (later recipe edits never change a batch in progress).
import type { z } from 'zod';
import { Prisma } from '../../db/client.ts';
import type { TenantDb } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { AppError } from '../../errors.ts';
import type { TenantTx } from '../inventory/apply-movement.ts';
import { PlanInputSchema } from '../../../shared/schemas/planning.ts';
import { loadUnitCatalog } from '../units/catalog.ts';
import { convertUnits } from '../units/rules.ts';
import { STOCK_ISSUES, checkStock, type LineStock, type PlanLine } from './stock.ts';
import { suggestContainers, type ContainerPlan } from './containers.ts';

type D = Prisma.Decimal;
const D = (v: string | number | D) => new Prisma.Decimal(v);

export type PlanSnapshot = {
  recipeId: string;
  recipeName: string;
  groupId: string;
  scale: string;
  batchType: 'product' | 'ingredient' | 'untracked';
  projectedYield: string | null;
  yieldUnit: string;
  portioning: { isPortioned: boolean; portionName: string | null; portionCount: number | null };
  ingredients: { itemId: string; quantity: string; unit: string }[];
  consumables: { itemId: string; quantity: string; unit: string }[];
  containers: { itemId: string; quantity: number }[];
  categoryData: unknown;
  notes: string | null;
};

export type Plan = {
  snapshot: PlanSnapshot;
  stock: LineStock[];
  stockIssues: LineStock[];
  containerPlan: (ContainerPlan & { error: string | null }) | null;
  cost: {
    lines: { itemId: string; itemName: string; kind: string; quantity: string; unit: string; cost: string | null }[];
    total: string | null;
    perUnit: string | null;
  } | null;
  feasible: boolean;
};

export async function loadRecipeForPlan(db: TenantDb | TenantTx, recipeId: string) {
  const recipe = await db.recipe.findUnique({
    where: { id: recipeId },
    include: { lines: { orderBy: { position: 'asc' } }, group: true },
  });
  if (!recipe) throw new AppError('NOT_FOUND', 'Recipe not found');
  return recipe;
}

export async function buildPlan(
  db: TenantDb | TenantTx,
  ctx: OrgCtx,
  raw: z.input<typeof PlanInputSchema>,
): Promise<Plan> {
  const input = PlanInputSchema.parse(raw);
  const recipe = await loadRecipeForPlan(db, input.recipeId);
  if (recipe.isArchived) throw new AppError('INVALID_STATE', 'Archived recipes cannot be planned or started.');
  const scale = D(input.scale);
  const scaled = (kind: 'ingredient' | 'consumable') =>
    recipe.lines
      .filter((l) => l.kind === kind)
      .map((l) => ({ itemId: l.itemId, quantity: l.quantity.times(scale), unit: l.unit }));
  const ingredients = scaled('ingredient');
  const consumables = scaled('consumable');
  const projectedYield = recipe.predictedYield ? recipe.predictedYield.times(scale) : null;
  const catalog = await loadUnitCatalog(db);

  let containerPlan: Plan['containerPlan'] = null;
  let containers = input.containers ?? [];
  if (input.batchType === 'product' && projectedYield) {
    containerPlan = await planContainers(db, recipe.allowedContainerIds, projectedYield, recipe.yieldUnit, catalog);
    if (!input.containers) containers = containerPlan.picks.map((p) => ({ itemId: p.itemId, quantity: p.quantity }));
  }
  const lines: PlanLine[] = [
    ...ingredients.map((l) => ({ kind: 'ingredient' as const, ...l })),
    ...consumables.map((l) => ({ kind: 'consumable' as const, ...l })),
    ...containers.map((c) => ({
      kind: 'container' as const,
      itemId: c.itemId,
      quantity: D(c.quantity),
      unit: 'count',
    })),
  ];
  const stock = await checkStock(db, lines, ctx.now(), catalog);
  const stockIssues = stock.filter(
    (s) =>
      s.kind !== 'container' &&
      (STOCK_ISSUES.includes(s.status) || (s.available !== null && D(s.available).lt(D(s.needed)))),
  );
  const cost = ctx.actor.permissions.has('inventory.view_costs')
    ? await costBreakdown(db, stock, projectedYield)
    : null;
  const snapshot: PlanSnapshot = {
    recipeId: recipe.id,
    recipeName: recipe.name,
    groupId: recipe.groupId,
    scale: scale.toString(),
    batchType: input.batchType,
    projectedYield: projectedYield?.toString() ?? null,
    yieldUnit: recipe.yieldUnit,
    portioning: {
      isPortioned: recipe.isPortioned,
      portionName: recipe.portionName,
      portionCount: recipe.portionCount ? Math.round(recipe.portionCount * scale.toNumber()) : null,
    },
    ingredients: ingredients.map((l) => ({ itemId: l.itemId, quantity: l.quantity.toString(), unit: l.unit })),
    consumables: consumables.map((l) => ({ itemId: l.itemId, quantity: l.quantity.toString(), unit: l.unit })),
    containers,
    categoryData: recipe.categoryData,
    notes: input.notes ?? null,
  };
  return {
    snapshot,
    stock,
    stockIssues,
    containerPlan,
    cost,
    feasible: stockIssues.length === 0 && !containerPlan?.error,
  };
}

/** Allowed containers (or all with stock), capacities converted to the yield unit, then the suggestion. */
async function planContainers(
  db: TenantDb | TenantTx,
  allowed: string[],
  yieldQty: D,
  yieldUnit: string,
  catalog: Awaited<ReturnType<typeof loadUnitCatalog>>,
) {
  const items = await db.inventoryItem.findMany({
    where: { itemType: 'container', isArchived: false, ...(allowed.length ? { id: { in: allowed } } : {}) },
    select: { id: true, name: true, capacity: true, capacityUnit: true, quantity: true, isTracked: true },
  });
  if (!items.length)
    return {
      picks: [],
      totalCapacity: D(0),
      containmentPercent: 0,
      warnings: [],
      error: 'No containers found for your organization. Add a container to inventory first.',
    };
  const options = [];
  let mismatch = 0;
  for (const c of items) {
    if (!c.capacity || !c.capacityUnit) continue;
    const conv = convertUnits(catalog, { amount: c.capacity, from: c.capacityUnit, to: yieldUnit });
    if (!conv.ok) {
      mismatch++;
      continue;
    }
    const available = c.isTracked ? Math.floor(c.quantity.toNumber()) : 1_000_000;
    if (available > 0) options.push({ itemId: c.id, name: c.name, capacity: conv.value, available });
  }
  if (!options.length && mismatch)
    return {
      picks: [],
      totalCapacity: D(0),
      containmentPercent: 0,
      warnings: [],
      error: `No container capacity converts to the yield unit (${yieldUnit}).`,
    };
  return { ...suggestContainers(options, yieldQty, yieldUnit), error: null };
}

async function costBreakdown(
  db: TenantDb | TenantTx,
  stock: LineStock[],
  projectedYield: D | null,
): Promise<Plan['cost']> {
  const items = await db.inventoryItem.findMany({
    where: { id: { in: stock.map((s) => s.itemId) } },
    select: { id: true, costPerUnit: true },
  });
  const costOf = new Map(items.map((i) => [i.id, i.costPerUnit]));
  let total: D | null = D(0);
  const lines = stock.map((s) => {
    // Line cost = quantity converted to the item's unit × the item's cost, never raw unit multiplication.
    const cost =
      s.itemQuantity === null
        ? null
        : D(s.itemQuantity)
            .times(costOf.get(s.itemId) ?? 0)
            .toDecimalPlaces(4, Prisma.Decimal.ROUND_HALF_UP);
    if (cost === null) total = null;
    else if (total) total = total.plus(cost);
    return {
      itemId: s.itemId,
      itemName: s.itemName,
      kind: s.kind,
      quantity: s.needed,
      unit: s.unit,
      cost: cost?.toString() ?? null,
    };
  });
  const t = total as D | null;
  return {
    lines,
    total: t ? t.toDecimalPlaces(2, Prisma.Decimal.ROUND_HALF_UP).toString() : null,
    perUnit:
      t && projectedYield && projectedYield.gt(0)
        ? t.div(projectedYield).toDecimalPlaces(4, Prisma.Decimal.ROUND_HALF_UP).toString()
        : null,
  };
}
