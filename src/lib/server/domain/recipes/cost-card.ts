import type { z } from 'zod';
import { Prisma } from '../../db/client.ts';
import type { TenantDb } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { AppError } from '../../errors.ts';
import { loadUnitCatalog } from '../units/catalog.ts';
import { convertUnits, roundQuantity } from '../units/rules.ts';
import { estimateDeductions } from '../inventory/deduction-estimate.ts';
import { CostCardInputSchema, ScaleInputSchema } from '../../../shared/schemas/recipes.ts';
import { assertScale, countRoundingNotice, fmtDec, scaleFactor, scaleLineQuantity } from './rules.ts';

/** Costs need both recipes.view and inventory.view_costs; otherwise they are hidden (null), not zeroed. */
export const canSeeRecipeCosts = (ctx: OrgCtx) =>
  ctx.actor.permissions.has('recipes.view') && ctx.actor.permissions.has('inventory.view_costs');

async function loadForCosting(db: TenantDb, recipeId: string) {
  const r = await db.recipe.findUnique({
    where: { id: recipeId },
    select: {
      id: true,
      name: true,
      predictedYield: true,
      yieldUnit: true,
      isPortioned: true,
      portionName: true,
      portionCount: true,
      lines: {
        orderBy: [{ position: 'asc' }, { id: 'asc' }],
        select: {
          id: true,
          kind: true,
          itemId: true,
          quantity: true,
          unit: true,
          percent: true,
          percentOf: true,
          item: {
            select: {
              name: true,
              unit: true,
              costPerUnit: true,
              density: true,
              ingredientCategory: { select: { defaultDensity: true } },
            },
          },
        },
      },
    },
  });
  if (!r) throw new AppError('NOT_FOUND', 'Recipe not found.');
  return r;
}

/**
 * The cost card at a scale: each line's quantity × scale converted into the item's unit (never raw
 * multiplication across units), priced by the lots a start would take from (estimateDeductions: FEFO/FIFO,
 * expired lots skipped; the average cost in average mode). A line that cannot be converted has no cost and
 * carries the conversion error code (MISSING_DENSITY, ...). Amounts are kept to the micro-unit; the page
 * rounds them for display (docs/rules/money-display.md).
 */
export async function costCard(db: TenantDb, ctx: OrgCtx, raw: z.input<typeof CostCardInputSchema>) {
  const input = CostCardInputSchema.parse(raw);
  const scale = assertScale(input.scale);
  const r = await loadForCosting(db, input.recipeId);
  const catalog = await loadUnitCatalog(db);
  const visible = canSeeRecipeCosts(ctx);
  let total = new Prisma.Decimal(0);
  let complete = true;
  const notices: string[] = [];
  // Count items scale whole, as in the plan (docs/rules/production-outputs.md, Scaling and portions).
  const scaled = r.lines.map((l) => scaleLineQuantity(catalog, l.quantity, l.unit, scale));
  const estimates = await estimateDeductions(
    db,
    ctx,
    r.lines.map((l, i) => ({ itemId: l.itemId, quantity: scaled[i]!.quantity, unit: l.unit })),
    catalog,
  );
  const lines = r.lines.map((l, i) => {
    const s = scaled[i]!;
    if (s.roundedFrom) notices.push(countRoundingNotice(l.item.name, scale, s.roundedFrom, s.quantity, l.unit));
    const quantity = s.quantity;
    const density = l.item.density ?? l.item.ingredientCategory?.defaultDensity ?? null;
    const conv = convertUnits(catalog, { amount: quantity, from: l.unit, to: l.item.unit, density });
    const cost = conv.ok ? estimates[i]!.cost : null;
    if (cost) total = total.plus(cost);
    else complete = false;
    return {
      lineId: l.id,
      kind: l.kind,
      itemId: l.itemId,
      itemName: l.item.name,
      quantity: fmtDec(quantity),
      unit: l.unit,
      itemQuantity: conv.ok ? fmtDec(roundQuantity(conv.value, 6)) : null,
      itemUnit: l.item.unit,
      costPerUnit: visible ? fmtDec(l.item.costPerUnit) : null,
      cost: visible && cost ? fmtDec(cost) : null,
      error: conv.ok ? null : { code: conv.code, message: conv.message },
    };
  });
  const yieldAmount = r.predictedYield && r.predictedYield.gt(0) ? r.predictedYield.mul(scale) : null;
  const portions = r.isPortioned && r.portionCount ? scale.mul(r.portionCount) : null;
  const per = (n: Prisma.Decimal) => fmtDec(total.div(n).toDecimalPlaces(6, Prisma.Decimal.ROUND_HALF_UP));
  return {
    recipeId: r.id,
    name: r.name,
    scale: fmtDec(scale),
    costsVisible: visible,
    complete,
    yield: yieldAmount ? fmtDec(yieldAmount) : null,
    yieldUnit: r.yieldUnit,
    lines,
    total: visible ? fmtDec(total) : null,
    costPerYieldUnit: visible && yieldAmount ? per(yieldAmount) : null,
    portions: portions ? fmtDec(portions) : null,
    costPerPortion: visible && portions && portions.gt(0) ? per(portions) : null,
    notices,
  };
}

/** The recipe's lines × factor (the scale, or target yield ÷ predicted yield), within 0.001×–1000×. */
export async function scaleRecipe(db: TenantDb, _ctx: OrgCtx, raw: z.input<typeof ScaleInputSchema>) {
  const input = ScaleInputSchema.parse(raw);
  const r = await loadForCosting(db, input.recipeId);
  const catalog = await loadUnitCatalog(db);
  const notices: string[] = [];
  let factor: Prisma.Decimal;
  if (input.targetYield !== undefined) factor = scaleFactor(input.targetYield, r.predictedYield);
  else factor = assertScale(input.scale ?? '1');
  return {
    recipeId: r.id,
    name: r.name,
    scale: fmtDec(factor),
    predictedYield: r.predictedYield ? fmtDec(r.predictedYield.mul(factor)) : null,
    yieldUnit: r.yieldUnit,
    portionCount: r.isPortioned && r.portionCount ? fmtDec(factor.mul(r.portionCount)) : null,
    portionName: r.portionName,
    lines: r.lines.map((l) => {
      const scaled = scaleLineQuantity(catalog, l.quantity, l.unit, factor);
      if (scaled.roundedFrom)
        notices.push(countRoundingNotice(l.item.name, factor, scaled.roundedFrom, scaled.quantity, l.unit));
      return {
        lineId: l.id,
        kind: l.kind,
        itemId: l.itemId,
        itemName: l.item.name,
        quantity: fmtDec(scaled.quantity),
        unit: l.unit,
        // Scaling keeps the percentages: 8 % of the wax is 8 % at any scale.
        percent: l.percent?.toString() ?? null,
        percentOf: l.percentOf,
      };
    }),
    notices,
  };
}
