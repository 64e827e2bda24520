// Curing stock (docs/rules/production-outputs.md, Cure and ready dates): batch outputs whose recipe has a
// cure time carry a ready-on date; until then they are not sold or reserved. The dashboard lists what
// becomes ready soon.
import type { TenantDb } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { fmt } from './rules.ts';

/** Open lots that become ready within `withinDays` (default 7), soonest first, and how many are curing. */
export async function listReadySoon(db: TenantDb, ctx: OrgCtx, input: { withinDays?: number } = {}) {
  const now = ctx.now();
  const days = input.withinDays ?? 7;
  const until = new Date(now.getTime() + days * 86_400_000);
  const [lots, curing] = await Promise.all([
    db.inventoryLot.findMany({
      where: { isOpen: true, readyOn: { gt: now, lte: until } },
      orderBy: [{ readyOn: 'asc' }, { id: 'asc' }],
      take: 200,
      include: { item: { select: { id: true, name: true, unit: true } } },
    }),
    db.inventoryLot.count({ where: { isOpen: true, readyOn: { gt: now } } }),
  ]);
  return {
    windowDays: days,
    curingLots: curing,
    lots: lots.map((l) => ({
      lotId: l.id,
      code: l.code,
      itemId: l.item.id,
      itemName: l.item.name,
      unit: l.item.unit,
      remaining: fmt(l.remainingQuantity),
      readyOn: l.readyOn!,
      batchId: l.batchId,
    })),
  };
}
