// Which containers a plan fills (docs/rules/production-outputs.md, docs/rules/planning.md):
//  - only the recipe's allowed containers are suggested, or what the user picks; a recipe that allows
//    none (a soap) gets none;
//  - a container holds its fill amount (default: its capacity), converted to the yield unit with the
//    recipe's density when weight meets volume (8 fl oz jars from a recipe in oz);
//  - a count or portioned yield ("12 candles") takes one container per unit.
import { Prisma } from '../../db/client.ts';
import type { TenantDb, TenantTx } from '../../db/tenant.ts';
import { AppError } from '../../errors.ts';
import { convertUnits, findUnit, type UnitCatalog } from '../units/rules.ts';
import { unitLabel } from '../units/standard-units.ts';
import {
  containmentPercent,
  holds,
  suggestContainers,
  type ContainerOption,
  type ContainerPlan,
} from './containers.ts';

type D = Prisma.Decimal;
const D = (v: string | number | D) => new Prisma.Decimal(v);

export type ContainerRequest = {
  /** The recipe's allowed containers (suggestion), or null when the user picked. */
  allowed: string[];
  picks: { itemId: string; quantity: number; fillAmount?: string; fillUnit?: string }[] | null;
  yieldQty: D;
  yieldUnit: string;
  /** Units that each take one container: the portions, or the yield itself when it is a count. */
  units: D | null;
  unitName: string;
  density: D | null;
  fill: { amount: string; unit: string } | null;
  /** categoryData.vessel_fill_pct: how full a vessel is poured, when no fill amount is given. */
  fillPct: D | null;
  /** The tier tracks no quantities: every container behaves as infinite (docs/rules/infinite-items.md). */
  allInfinite?: boolean;
};

const none = (error: string | null): ContainerPlan => ({
  picks: [],
  totalCapacity: D(0),
  containmentPercent: 0,
  warnings: [],
  error,
});

export async function planContainers(
  db: TenantDb | TenantTx,
  catalog: UnitCatalog,
  r: ContainerRequest,
): Promise<ContainerPlan | null> {
  const ids = r.picks ? r.picks.map((p) => p.itemId) : r.allowed;
  if (!ids.length) return null;
  const items = await db.inventoryItem.findMany({
    where: { id: { in: ids }, itemType: 'container', isArchived: false },
    select: { id: true, name: true, capacity: true, capacityUnit: true, quantity: true, isTracked: true },
    orderBy: { name: 'asc' },
  });
  if (r.picks && items.length !== new Set(ids).size)
    throw new AppError('VALIDATION', 'Choose containers from your container items.', { field: 'containers' });
  if (!items.length)
    return none("The recipe's allowed containers are archived or gone. Choose containers for this batch.");
  const what = r.units ? r.unitName : unitLabel(r.yieldUnit);
  const target = r.units ? r.units.ceil() : r.yieldQty;
  const options: ContainerOption[] = [];
  const problems: string[] = [];
  for (const c of items) {
    const pick = r.picks?.find((p) => p.itemId === c.id);
    const cap = capacityOf(catalog, r, c, pick);
    if (typeof cap === 'string') {
      problems.push(cap);
      continue;
    }
    const available = r.picks
      ? pick!.quantity
      : c.isTracked && !r.allInfinite
        ? Math.floor(c.quantity.toNumber())
        : 1_000_000;
    if (available > 0) options.push({ itemId: c.id, name: c.name, capacity: cap, available });
  }
  if (!options.length)
    return none(problems[0] ?? `No ${what} containers are in stock. Restock containers or choose others.`);
  if (!r.picks) return suggestContainers(options, target, what);
  // The user's picks are taken as given: say whether they hold the yield, once.
  const picks = options.map((o) => ({ itemId: o.itemId, name: o.name, quantity: o.available, capacity: o.capacity }));
  const total = picks.reduce((s, p) => s.plus(p.capacity.times(p.quantity)), D(0));
  const short = !holds(total, target)
    ? `The chosen containers hold ${total.toDecimalPlaces(3).toString()} of the ${target.toDecimalPlaces(3).toString()} ${what}. Add containers or plan a smaller batch.`
    : null;
  return {
    picks,
    totalCapacity: total,
    containmentPercent: containmentPercent(total, target),
    warnings: [],
    error: problems[0] ?? short,
  };
}

/** One container's share of the yield: 1 for a unit yield, else its fill amount in the yield unit; or why not. */
function capacityOf(
  catalog: UnitCatalog,
  r: ContainerRequest,
  c: { name: string; capacity: D | null; capacityUnit: string | null },
  pick: { fillAmount?: string; fillUnit?: string } | undefined,
): D | string {
  const fill = pick?.fillAmount ? { amount: pick.fillAmount, unit: pick.fillUnit ?? c.capacityUnit ?? '' } : r.fill;
  if (r.units) {
    // One unit per container; it has to fit: a 7.344 oz candle does not go in a 4 fl oz tin.
    const size = r.yieldQty.div(r.units);
    const yieldIsCount = findUnit(catalog, r.yieldUnit)?.unitType === 'count';
    if (!yieldIsCount && c.capacity && c.capacityUnit) {
      const room = convertUnits(catalog, {
        amount: c.capacity,
        from: c.capacityUnit,
        to: r.yieldUnit,
        density: r.density,
      });
      if (room.ok && room.value.lt(size))
        return `A ${size.toDecimalPlaces(3).toString()} ${unitLabel(r.yieldUnit)} ${r.unitName} does not fit ${c.name} (${c.capacity.toString()} ${unitLabel(c.capacityUnit)}).`;
    }
    return D(1);
  }
  const amount = fill?.amount ?? c.capacity?.toString();
  const unit = fill?.unit || c.capacityUnit;
  if (!amount || !unit) return `${c.name} has no capacity. Set it on the container, or enter a fill amount.`;
  const conv = convertUnits(catalog, { amount, from: unit, to: r.yieldUnit, density: r.density });
  if (!conv.ok) {
    return conv.code === 'MISSING_DENSITY'
      ? `${c.name} holds ${unitLabel(unit)} and the recipe yields ${unitLabel(r.yieldUnit)}: give the recipe a density (g/ml) to plan it.`
      : `${c.name} (${unitLabel(unit)}) cannot hold a yield in ${unitLabel(r.yieldUnit)}: ${conv.message}.`;
  }
  const pct = !fill && r.fillPct && r.fillPct.gt(0) && r.fillPct.lte(100) ? r.fillPct.div(100) : D(1);
  return conv.value.times(pct);
}
