// Production planning: the stock check, a container suggestion, a cost breakdown, and the immutable
// PlanSnapshot that a batch stores at start (later recipe edits never change a batch in progress).
import type { z } from 'zod';
import { Prisma } from '../../db/client.ts';
import type { TenantDb } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { AppError } from '../../errors.ts';
import type { TenantTx } from '../../db/tenant.ts';
import { PlanInputSchema } from '../../../shared/schemas/planning.ts';
import { loadUnitCatalog } from '../units/catalog.ts';
import { convertUnits, findUnit, type UnitCatalog } from '../units/rules.ts';
import { unitLabel } from '../units/standard-units.ts';
import { countRoundingNotice, scaleLineQuantity } from '../recipes/rules.ts';
import { STOCK_ISSUES, checkStock, type LineStock, type PlanLine } from './stock.ts';
import type { ContainerPlan } from './containers.ts';
import { planContainers } from './plan-containers.ts';
import { estimateDeductions } from '../inventory/deduction-estimate.ts';
import { tierTracksQuantities } from '../inventory/infinite.ts';

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
  /** portionCount = the recipe's count × scale, exact: ×0.04 of 10 bars is 0.4, as on the cost card. */
  portioning: { isPortioned: boolean; portionName: string | null; portionCount: string | null };
  ingredients: { itemId: string; quantity: string; unit: string }[];
  consumables: { itemId: string; quantity: string; unit: string }[];
  /** Chosen containers; a fill amount when one container holds less than its capacity. */
  containers: { itemId: string; quantity: number; fillAmount?: string; fillUnit?: string }[];
  /** g/ml used between weight and volume for this batch (the recipe's, else the output item's). */
  density?: string | null;
  /** Days the output cures before it is ready; its lots get a ready-on date at finish. */
  cureDays?: number | null;
  categoryData: unknown;
  notes: string | null;
};

export type Plan = {
  snapshot: PlanSnapshot;
  stock: LineStock[];
  stockIssues: LineStock[];
  containerPlan: ContainerPlan | null;
  /** Things to know that do not block the plan: a count item rounded up, fractional portions. */
  notices: string[];
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
export type PlanRecipe = Awaited<ReturnType<typeof loadRecipeForPlan>>;

export async function buildPlan(
  db: TenantDb | TenantTx,
  ctx: OrgCtx,
  raw: z.input<typeof PlanInputSchema>,
  /**
   * A batch start passes the recipe it has already locked and loaded, and asks for no cost breakdown
   * (it is not stored; the start costs its lines from the lots it takes).
   */
  opts: { recipe?: PlanRecipe; withCost?: boolean } = {},
): Promise<Plan> {
  const input = PlanInputSchema.parse(raw);
  const recipe = opts.recipe ?? (await loadRecipeForPlan(db, input.recipeId));
  if (recipe.isArchived) throw new AppError('INVALID_STATE', 'Archived recipes cannot be planned or started.');
  const scale = D(input.scale);
  const catalog = await loadUnitCatalog(db);
  const notices: string[] = [];
  const rounded: { itemId: string; roundedFrom: D; quantity: D; unit: string }[] = [];
  const scaled = (kind: 'ingredient' | 'consumable') =>
    recipe.lines
      .filter((l) => l.kind === kind)
      .map((l) => {
        const s = scaleLineQuantity(catalog, l.quantity, l.unit, scale);
        if (s.roundedFrom)
          rounded.push({ itemId: l.itemId, roundedFrom: s.roundedFrom, quantity: s.quantity, unit: l.unit });
        return { itemId: l.itemId, quantity: s.quantity, unit: l.unit };
      });
  const ingredients = scaled('ingredient');
  const consumables = scaled('consumable');
  // The items' names only when a count line was rounded (most plans round none: no read).
  if (rounded.length) {
    const names = await itemNames(
      db,
      rounded.map((r) => r.itemId),
    );
    for (const r of rounded)
      notices.push(countRoundingNotice(names.get(r.itemId) ?? 'an item', scale, r.roundedFrom, r.quantity, r.unit));
  }
  const projectedYield = recipe.predictedYield ? recipe.predictedYield.times(scale) : null;
  const portionCount = recipe.isPortioned && recipe.portionCount ? scale.times(recipe.portionCount) : null;
  const portionName = recipe.portionName || 'portion';
  if (portionCount && !portionCount.isInteger())
    notices.push(
      `×${scale.toString()} of ${recipe.portionCount} ${portionName} is ${portionCount.toString()} ${portionName}: ` +
        'portions are counted whole when the batch is finished.',
    );
  const density = recipe.density ?? (await outputItemDensity(db, recipe.group.name));

  let containerPlan: Plan['containerPlan'] = null;
  let containers: PlanSnapshot['containers'] = input.containers ?? [];
  const yieldIsCount = findUnit(catalog, recipe.yieldUnit)?.unitType === 'count';
  if (input.batchType === 'product' && projectedYield && projectedYield.gt(0)) {
    containerPlan = await planContainers(db, catalog, {
      allowed: recipe.allowedContainerIds,
      picks: input.containers ?? null,
      yieldQty: projectedYield,
      yieldUnit: recipe.yieldUnit,
      units: portionCount ?? (yieldIsCount ? projectedYield : null),
      unitName: portionCount ? portionName : recipe.yieldUnit,
      density,
      fill: input.fillAmount ? { amount: input.fillAmount, unit: input.fillUnit ?? recipe.yieldUnit } : null,
      fillPct: fillPercent(recipe.categoryData),
      allInfinite: !tierTracksQuantities(ctx),
    });
    if (!input.containers && containerPlan)
      containers = containerPlan.picks.map((p) => ({
        itemId: p.itemId,
        quantity: p.quantity,
        ...(input.fillAmount ? { fillAmount: input.fillAmount, fillUnit: input.fillUnit ?? recipe.yieldUnit } : {}),
      }));
  }
  notices.push(
    ...(await wickWarnings(
      db,
      catalog,
      recipe.lines.map((l) => l.itemId),
      containers.map((c) => c.itemId),
    )),
  );
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
  const stock = await checkStock(db, lines, ctx.now(), catalog, {
    organizationId: ctx.organizationId,
    allInfinite: !tierTracksQuantities(ctx),
  });
  // Containers count too: a plan short on jars is not feasible (docs/rules/production-outputs.md).
  const stockIssues = stock.filter(
    (s) => STOCK_ISSUES.includes(s.status) || (s.available !== null && D(s.available).lt(D(s.needed))),
  );
  const cost =
    opts.withCost !== false && ctx.actor.permissions.has('inventory.view_costs')
      ? await costBreakdown(db, ctx, lines, stock, projectedYield, catalog)
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
      portionCount: portionCount?.toString() ?? null,
    },
    ingredients: ingredients.map((l) => ({ itemId: l.itemId, quantity: l.quantity.toString(), unit: l.unit })),
    consumables: consumables.map((l) => ({ itemId: l.itemId, quantity: l.quantity.toString(), unit: l.unit })),
    containers,
    density: density?.toString() ?? null,
    cureDays: recipe.cureDays ?? null,
    categoryData: recipe.categoryData,
    notes: input.notes ?? null,
  };
  return {
    snapshot,
    stock,
    stockIssues,
    containerPlan,
    notices,
    cost,
    feasible: stockIssues.length === 0 && !containerPlan?.error,
  };
}

/**
 * "CD-12 wick suits containers 2.5–3 in across; Amber jar is 3.5 in." A warning only: the wick maker's
 * chart is on the wick, the diameter on the jar (docs/rules/production-outputs.md, Jar diameter and wick range).
 */
async function wickWarnings(
  db: TenantDb | TenantTx,
  catalog: UnitCatalog,
  lineItemIds: string[],
  containerIds: string[],
) {
  if (!containerIds.length) return [];
  // The wicks among the lines and the jars with a diameter among the containers, in one read.
  const rows = await db.inventoryItem.findMany({
    where: {
      OR: [
        { id: { in: lineItemIds }, OR: [{ wickMinDiameter: { not: null } }, { wickMaxDiameter: { not: null } }] },
        { id: { in: containerIds }, diameter: { not: null } },
      ],
    },
    select: { id: true, name: true, wickMinDiameter: true, wickMaxDiameter: true, diameter: true, diameterUnit: true },
  });
  const lineIds = new Set(lineItemIds);
  const jarIds = new Set(containerIds);
  const wicks = rows.filter((r) => lineIds.has(r.id) && (r.wickMinDiameter !== null || r.wickMaxDiameter !== null));
  const jars = rows.filter((r) => jarIds.has(r.id) && r.diameter !== null);
  const out: string[] = [];
  for (const w of wicks) {
    const unit = w.diameterUnit ?? 'inch';
    for (const j of jars) {
      const d = convertUnits(catalog, { amount: j.diameter!, from: j.diameterUnit ?? 'inch', to: unit });
      if (!d.ok) continue;
      const tooSmall = w.wickMinDiameter && d.value.lt(w.wickMinDiameter);
      const tooLarge = w.wickMaxDiameter && d.value.gt(w.wickMaxDiameter);
      if (!tooSmall && !tooLarge) continue;
      const range = [w.wickMinDiameter, w.wickMaxDiameter].map((v) => v?.toString() ?? '…').join('–');
      out.push(
        `${w.name} suits containers ${range} ${unitLabel(unit)} across; ${j.name} is ${d.value.toDecimalPlaces(2).toString()} ${unitLabel(unit)}.`,
      );
    }
  }
  return out;
}

async function itemNames(db: TenantDb | TenantTx, ids: string[]) {
  const rows = await db.inventoryItem.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The density of what the recipe makes when the recipe has none: its intermediate item's, if set. */
async function outputItemDensity(db: TenantDb | TenantTx, groupName: string): Promise<D | null> {
  const item = await db.inventoryItem.findFirst({
    where: { name: `${groupName} (Intermediate)` },
    select: { density: true },
  });
  return item?.density ?? null;
}

function fillPercent(categoryData: unknown): D | null {
  const v = (categoryData as Record<string, unknown> | null)?.vessel_fill_pct;
  if (v === undefined || v === null || v === '' || !Number.isFinite(Number(v))) return null;
  return D(String(v));
}

/**
 * Each line priced by the lots the start would take from (docs/rules/planning.md, Cost breakdown): the same
 * allocation, in the same order, so the total is what the start deducts when nothing changed in between.
 */
async function costBreakdown(
  db: TenantDb | TenantTx,
  ctx: OrgCtx,
  lines: PlanLine[],
  stock: LineStock[],
  projectedYield: D | null,
  catalog: UnitCatalog,
): Promise<Plan['cost']> {
  const estimates = await estimateDeductions(db, ctx, lines, catalog);
  let total: D | null = D(0);
  const out = stock.map((s, i) => {
    const cost = estimates[i]!.cost;
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
    lines: out,
    total: t ? t.toString() : null,
    perUnit:
      t && projectedYield && projectedYield.gt(0)
        ? t.div(projectedYield).toDecimalPlaces(6, Prisma.Decimal.ROUND_HALF_UP).toString()
        : null,
  };
}
