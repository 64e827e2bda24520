// Recipes written the way makers write them (docs/rules/production-outputs.md, Recipes as percentages):
// a line can be a percentage of the batch size (a lotion: water 70, oil 20, emulsifier 5, preservative 1,
// fragrance 4) or of one base line (a fragrance load of 8 % of the wax). The amount is computed exactly
// when the recipe is saved and stored as the line's quantity, so planning, costing and scaling work on
// amounts as always, and scaling keeps the percentages. Pure: no database here.
import { Prisma } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { convertUnits, findUnit, type UnitCatalog } from '../units/rules.ts';
import { unitLabel } from '../units/standard-units.ts';

type D = Prisma.Decimal;
const D = (v: string | number | D) => new Prisma.Decimal(v);
const HUNDRED = D(100);

export type PercentLine = {
  kind: string;
  itemId: string;
  quantity?: string | null;
  unit: string;
  percent?: string | null;
  /** "batch" (or empty) for a share of the batch size; else the item id of the base line. */
  percentOf?: string | null;
};
export type PercentItem = { name: string; unit: string; density: Prisma.Decimal | string | null };
export type BatchSize = { quantity: D; unit: string } | null;

/** What "percent of the batch" lines are shares of: the batch size, else the predicted yield. */
export function batchSizeOf(c: {
  batchSize?: string | null;
  batchSizeUnit?: string | null;
  predictedYield?: string | null;
  yieldUnit?: string;
}): BatchSize {
  if (c.batchSize && Number(c.batchSize) > 0)
    return { quantity: D(c.batchSize), unit: c.batchSizeUnit || c.yieldUnit || 'gram' };
  if (c.predictedYield && Number(c.predictedYield) > 0)
    return { quantity: D(c.predictedYield), unit: c.yieldUnit || 'gram' };
  return null;
}

const fmt = (v: D) => v.toDecimalPlaces(6).toString();
const isOfBatch = (l: PercentLine) => !l.percentOf || l.percentOf === 'batch';

/** Fills in the quantity of every percentage line; refuses what cannot be computed, naming the line. */
export function resolvePercentLines<L extends PercentLine>(
  catalog: UnitCatalog,
  lines: L[],
  batch: BatchSize,
  items: Map<string, PercentItem>,
): L[] {
  const label = (l: L, i: number) => `Line ${i + 1} (${items.get(l.itemId)?.name ?? 'item'})`;
  const inUnit = (l: L, i: number, amount: D, from: string): string => {
    if (findUnit(catalog, from)?.name === findUnit(catalog, l.unit)?.name) return fmt(amount);
    const item = items.get(l.itemId);
    const conv = convertUnits(catalog, { amount, from, to: l.unit, density: item?.density ?? null });
    if (!conv.ok)
      throw new AppError(
        'VALIDATION',
        `${label(l, i)}: ${fmt(amount)} ${unitLabel(from)} cannot be given in ${unitLabel(l.unit)}. ${conv.message}.`,
        { line: i, field: 'unit', conversionCode: conv.code },
      );
    return fmt(conv.value);
  };
  const pct = (l: L, i: number): D => {
    const p = D(l.percent!);
    if (!p.isFinite() || p.lte(0))
      throw new AppError('VALIDATION', `${label(l, i)}: the percentage must be greater than 0.`, {
        line: i,
        field: 'percent',
      });
    return p;
  };
  const out = lines.map((l) => ({ ...l }));
  // Shares of the batch first: a base line may itself be one.
  out.forEach((l, i) => {
    if (!l.percent || !isOfBatch(l)) return;
    if (!batch)
      throw new AppError('VALIDATION', `${label(l, i)} is a percentage of the batch: enter the batch size first.`, {
        field: 'batchSize',
      });
    const p = pct(l, i);
    if (p.gt(HUNDRED))
      throw new AppError('VALIDATION', `${label(l, i)}: a share of the batch cannot be more than 100%.`, {
        line: i,
        field: 'percent',
      });
    l.quantity = inUnit(l, i, batch.quantity.times(p).div(HUNDRED), batch.unit);
  });
  out.forEach((l, i) => {
    if (!l.percent || isOfBatch(l)) return;
    const j = out.findIndex((b) => b.itemId === l.percentOf);
    const base = out[j];
    if (!base || j === i)
      throw new AppError(
        'VALIDATION',
        `${label(l, i)}: its base line is not in the recipe. Choose a line of this recipe.`,
        {
          line: i,
          field: 'percentOf',
        },
      );
    if (base.percent && !isOfBatch(base))
      throw new AppError(
        'VALIDATION',
        `${label(l, i)}: ${items.get(base.itemId)?.name ?? 'its base'} is itself a percentage of another line. Base it on an amount.`,
        { line: i, field: 'percentOf' },
      );
    if (!base.quantity || !(Number(base.quantity) > 0))
      throw new AppError('VALIDATION', `${label(l, i)}: its base line needs an amount.`, {
        line: i,
        field: 'percentOf',
      });
    l.quantity = inUnit(l, i, D(base.quantity).times(pct(l, i)).div(HUNDRED), base.unit);
  });
  const ofBatch = out.filter((l) => l.kind === 'ingredient' && l.percent && isOfBatch(l));
  if (ofBatch.length) {
    const total = ofBatch.reduce((s, l) => s.plus(D(l.percent!)), D(0));
    const all = out.filter((l) => l.kind === 'ingredient').every((l) => l.percent && isOfBatch(l));
    if (total.gt(HUNDRED) || (all && !total.eq(HUNDRED)))
      throw new AppError(
        'VALIDATION',
        `The percentages of the batch add up to ${fmt(total)}%; ${all ? 'they must add up to 100%' : 'they cannot add up to more than 100%'}.`,
        { field: 'lines' },
      );
  }
  return out;
}

/** Each line's share of the batch in % (its amount in the batch unit ÷ the batch size), when it converts. */
export function shareOfBatch(
  catalog: UnitCatalog,
  quantity: D,
  unit: string,
  batch: BatchSize,
  density: D | null,
): string | null {
  if (!batch || batch.quantity.lte(0)) return null;
  const conv = convertUnits(catalog, { amount: quantity, from: unit, to: batch.unit, density });
  return conv.ok
    ? conv.value.div(batch.quantity).times(HUNDRED).toDecimalPlaces(4, Prisma.Decimal.ROUND_HALF_UP).toString()
    : null;
}
