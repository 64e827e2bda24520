// Pure rules for what a finished batch posts (docs/rules/production-outputs.md). No database here: the
// caller has already converted every amount into the output unit and summed the batch's costs.
//  - one output line per kind of unit made, each unit on exactly one line;
//  - the batch cost is split by what each line holds, so Σ output value + waste value = batch cost exactly;
//  - a filled container carries the cost of its contents' share plus the containers it used.
import { Prisma } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { VALUE_PLACES } from '../inventory/rules.ts';
import { holds } from '../planning/containers.ts';

type D = Prisma.Decimal;
const D = (v: string | number | D) => new Prisma.Decimal(v);
const ZERO = D(0);

export type Fill = {
  containerItemId: string;
  name: string;
  /** How many containers were filled. */
  count: number;
  /** What one container holds, in the output unit (the fill amount, converted). */
  fill: D;
  /** The cost of the containers filled (the batch's container lines, net of those returned). */
  containerCost: D;
};

export type OutputShape = {
  kind: 'ingredient' | 'product';
  /** The cost of everything but the filled containers: ingredients, consumables, broken containers, extras. */
  contentsCost: D;
  /** What the batch made, in the output unit; the waste is part of it. */
  made: D;
  waste: D;
  /** Good portions, for a portioned recipe. */
  portions: number | null;
  fills: Fill[];
  outputUnit: string;
};

export type OutputLine =
  | { kind: 'intermediate'; quantity: D; value: D }
  | { kind: 'bulk'; quantity: D; value: D }
  | { kind: 'container'; containerItemId: string; quantity: D; value: D }
  | { kind: 'portion'; containerItemId: string | null; quantity: D; value: D };

export type OutputPlan = { lines: OutputLine[]; wasteValue: D; kept: D };

/**
 * Splits `total` into shares proportional to `weights`, to the micro-dollar, adding up to `total` exactly:
 * each share is rounded down, and the micro-dollars left go to the largest remainders (ties to the first).
 */
export function splitExactly(total: D, weights: D[]): D[] {
  const sum = weights.reduce((s, w) => s.plus(w), ZERO);
  if (sum.lte(0)) return weights.map((_, i) => (i === 0 ? total : ZERO));
  const unit = D(1).div(D(10).pow(VALUE_PLACES));
  const raw = weights.map((w) => total.times(w).div(sum));
  const shares = raw.map((r) => r.toDecimalPlaces(VALUE_PLACES, Prisma.Decimal.ROUND_DOWN));
  let left = total.minus(shares.reduce((s, v) => s.plus(v), ZERO));
  const order = raw.map((r, i) => ({ i, rest: r.minus(shares[i]!) })).sort((a, b) => b.rest.cmp(a.rest) || a.i - b.i);
  for (let k = 0; left.gte(unit) && order.length; k = (k + 1) % order.length) {
    const i = order[k]!.i;
    if (weights[i]!.gt(0)) {
      shares[i] = shares[i]!.plus(unit);
      left = left.minus(unit);
    }
  }
  return shares;
}

const fmtQ = (q: D) => q.toDecimalPlaces(6).toString();

/** The output lines of a finished batch and the waste's value; refuses shapes that cannot be posted. */
export function planOutputs(s: OutputShape): OutputPlan {
  if (s.waste.lt(0)) throw new AppError('VALIDATION', 'Waste cannot be negative.', { field: 'wasteQuantity' });
  if (s.waste.gt(s.made))
    throw new AppError(
      'VALIDATION',
      `Waste (${fmtQ(s.waste)} ${s.outputUnit}) cannot be more than the batch made (${fmtQ(s.made)} ${s.outputUnit}).`,
      { field: 'wasteQuantity' },
    );
  const kept = s.made.minus(s.waste);
  const containerCost = s.fills.reduce((sum, f) => sum.plus(f.containerCost), ZERO);
  if (s.kind === 'ingredient') {
    const [wasteValue, value] = splitExactly(s.contentsCost, [s.waste, kept]);
    return {
      lines: kept.gt(0) ? [{ kind: 'intermediate', quantity: kept, value: value! }] : [],
      wasteValue: wasteValue!,
      kept,
    };
  }
  const fills = s.fills.filter((f) => f.count > 0);
  if (s.portions !== null) return planPortions(s, fills, kept, containerCost);
  const held = fills.reduce((sum, f) => sum.plus(f.fill.times(f.count)), ZERO);
  // Quantities are kept to 6 places: filled containers within a millionth of what was kept hold all of it.
  if (!holds(kept, held))
    throw new AppError(
      'VALIDATION',
      `The filled containers hold ${fmtQ(held)} ${s.outputUnit}, more than the ${fmtQ(kept)} ${s.outputUnit} kept. ` +
        'Lower the fill amount or the number filled, or correct the final quantity.',
      { field: 'containerCounts' },
    );
  const bulk = holds(held, kept) ? ZERO : kept.minus(held);
  const [wasteValue, bulkValue, ...contents] = splitExactly(s.contentsCost, [
    s.waste,
    bulk,
    ...fills.map((f) => f.fill.times(f.count)),
  ]);
  const lines: OutputLine[] = fills.map((f, i) => ({
    kind: 'container',
    containerItemId: f.containerItemId,
    quantity: D(f.count),
    value: contents[i]!.plus(f.containerCost),
  }));
  if (bulk.gt(0)) lines.push({ kind: 'bulk', quantity: bulk, value: bulkValue! });
  return { lines, wasteValue: wasteValue!, kept };
}

/**
 * Portions: each filled container holds one portion and *is* that portion's unit, so it is posted once,
 * on the portion SKU of its container; portions not in a container go to the plain portion SKU.
 */
function planPortions(s: OutputShape, fills: Fill[], kept: D, _containerCost: D): OutputPlan {
  const portions = s.portions!;
  if (!Number.isInteger(portions) || portions < 1)
    throw new AppError('VALIDATION', 'Enter the number of whole portions made (at least 1).', {
      field: 'finalPortions',
    });
  const inContainers = fills.reduce((n, f) => n + f.count, 0);
  if (inContainers > portions)
    throw new AppError(
      'VALIDATION',
      `${inContainers} containers filled but only ${portions} portions made: each portion fills one container.`,
      { field: 'containerCounts' },
    );
  const bare = portions - inContainers;
  // Weights in "portion × output unit": the waste carries W per portion, each portion its share of what was kept.
  const P = D(portions);
  const [wasteValue, bareValue, ...contents] = splitExactly(s.contentsCost, [
    s.waste.times(P),
    kept.times(bare),
    ...fills.map((f) => kept.times(f.count)),
  ]);
  const lines: OutputLine[] = fills.map((f, i) => ({
    kind: 'portion',
    containerItemId: f.containerItemId,
    quantity: D(f.count),
    value: contents[i]!.plus(f.containerCost),
  }));
  if (bare > 0) lines.push({ kind: 'portion', containerItemId: null, quantity: D(bare), value: bareValue! });
  return { lines, wasteValue: wasteValue!, kept };
}

/** The check the finish runs before committing: what it posts plus the waste is the batch cost, exactly. */
export function assertValueInvariant(plan: OutputPlan, batchCost: D) {
  const posted = plan.lines.reduce((s, l) => s.plus(l.value), plan.wasteValue);
  if (!posted.eq(batchCost))
    throw new AppError(
      'INVALID_STATE',
      `The outputs would be worth ${posted.toString()} with the waste, but the batch cost ${batchCost.toString()}; nothing was posted.`,
    );
}
