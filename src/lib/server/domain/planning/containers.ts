// Container suggestion (docs/rules/planning.md): greedy fill, largest effective capacity first, then a local
// optimisation over the top three options. Pure: capacities are already converted to the yield unit (or
// are 1 when each container takes one unit of a count yield). One message per situation
// (docs/rules/production-outputs.md): short on containers is an error and never reads "100%".
import { Prisma } from '../../db/client.ts';
import { unitLabel } from '../units/standard-units.ts';

type D = Prisma.Decimal;
const D = (v: string | number | D) => new Prisma.Decimal(v);

export type ContainerOption = { itemId: string; name: string; capacity: D; available: number };
export type ContainerPick = { itemId: string; name: string; quantity: number; capacity: D };
export type ContainerPlan = {
  picks: ContainerPick[];
  totalCapacity: D;
  containmentPercent: number;
  warnings: string[];
  /** Set when the containers cannot hold the yield: the plan is then not feasible. */
  error: string | null;
};

/**
 * Capacity holds the yield. Quantities are stored to 6 places, so a capacity within a millionth of the
 * yield holds it (3 × 118.294118 ml is 12 fl oz = 354.88235475 ml).
 */
export function holds(capacity: D, yieldQty: D): boolean {
  return capacity.gte(yieldQty.times('0.999999'));
}

/** Containment % = capacity ÷ yield × 100: 100 only when everything fits, never rounded up to it when short. */
export function containmentPercent(totalCapacity: D, yieldQty: D): number {
  if (yieldQty.lte(0)) return 0;
  if (holds(totalCapacity, yieldQty)) return 100;
  const pct = totalCapacity.div(yieldQty).times(100).toDecimalPlaces(1, Prisma.Decimal.ROUND_DOWN).toNumber();
  return Math.min(pct, 99.9);
}

function greedy(options: ContainerOption[], yieldQty: D): Map<string, number> {
  const counts = new Map<string, number>();
  let remaining = yieldQty;
  for (const o of options) {
    if (remaining.lte(yieldQty.times('0.000001'))) break;
    const need = remaining.minus(yieldQty.times('0.000001')).div(o.capacity).ceil().toNumber();
    const n = Math.min(o.available, need);
    if (n > 0) {
      counts.set(o.itemId, n);
      remaining = remaining.minus(o.capacity.times(n));
    }
  }
  return counts;
}

export function suggestContainers(optionsIn: ContainerOption[], yieldQty: D, unitIn: string): ContainerPlan {
  const unit = unitLabel(unitIn);
  const options = optionsIn
    .filter((o) => o.capacity.gt(0) && o.available > 0)
    .sort((a, b) => b.capacity.cmp(a.capacity) || a.name.localeCompare(b.name));
  let best = greedy(options, yieldQty);
  // Local optimisation: the top three options, each ±2 around the greedy count; prefer plans reaching
  // the whole yield with the least overfill, then fewer containers.
  const top = options.slice(0, 3);
  const ranges = top.map((o) => {
    const g = best.get(o.itemId) ?? 0;
    const out: number[] = [];
    for (let n = Math.max(0, g - 2); n <= Math.min(o.available, g + 2); n++) out.push(n);
    return out;
  });
  const score = (counts: Map<string, number>) => {
    const cap = options.reduce((s, o) => s.plus(o.capacity.times(counts.get(o.itemId) ?? 0)), D(0));
    const reaches = holds(cap, yieldQty);
    const containers = [...counts.values()].reduce((a, b) => a + b, 0);
    return { reaches, over: cap.minus(yieldQty).abs(), containers };
  };
  const better = (a: ReturnType<typeof score>, b: ReturnType<typeof score>) =>
    a.reaches !== b.reaches ? a.reaches : !a.over.eq(b.over) ? a.over.lt(b.over) : a.containers < b.containers;
  const combos = (i: number, acc: Map<string, number>): Map<string, number>[] => {
    if (i === top.length) return [new Map(acc)];
    return ranges[i]!.flatMap((n) => combos(i + 1, new Map(acc).set(top[i]!.itemId, n)));
  };
  let bestScore = score(best);
  for (const c of combos(0, new Map([...best].filter(([id]) => !top.some((t) => t.itemId === id))))) {
    const s = score(c);
    if (better(s, bestScore)) {
      best = c;
      bestScore = s;
    }
  }
  const picks = options
    .filter((o) => (best.get(o.itemId) ?? 0) > 0)
    .map((o) => ({ itemId: o.itemId, name: o.name, quantity: best.get(o.itemId)!, capacity: o.capacity }));
  const totalCapacity = picks.reduce((s, p) => s.plus(p.capacity.times(p.quantity)), D(0));
  const warnings: string[] = [];
  let error: string | null = null;
  if (!holds(totalCapacity, yieldQty))
    error =
      `Not enough containers: ${yieldQty.minus(totalCapacity).toDecimalPlaces(3).toString()} ${unit} of the ` +
      `${yieldQty.toDecimalPlaces(3).toString()} ${unit} would have no container. Restock containers or choose others.`;
  else if (picks.length) {
    // The last container (smallest capacity picked) takes what is left after the others are full.
    const last = picks[picks.length - 1]!;
    const before = totalCapacity.minus(last.capacity);
    const fill = yieldQty.minus(before).div(last.capacity).times(100).toNumber();
    if (fill < 100 && fill > 0) {
      warnings.push(
        fill < 75
          ? `Partial fill warning: the last ${last.name} would be ${Math.round(fill)}% full`
          : `Last container partially filled to ${Math.round(fill)}%`,
      );
    }
  }
  return { picks, totalCapacity, containmentPercent: containmentPercent(totalCapacity, yieldQty), warnings, error };
}
