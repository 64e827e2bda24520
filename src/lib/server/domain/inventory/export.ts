import type { TenantDb } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { toCsv } from './csv.ts';
import { fmt } from './rules.ts';

/** Items as CSV, in the import's column layout plus on-hand (costs only with inventory.view_costs). */
export async function exportItemsCsv(db: TenantDb, ctx: OrgCtx): Promise<string> {
  const costs = ctx.actor.permissions.has('inventory.view_costs');
  const items = await db.inventoryItem.findMany({ orderBy: [{ itemType: 'asc' }, { name: 'asc' }] });
  return toCsv([
    [
      'name',
      'type',
      'unit',
      'on_hand',
      ...(costs ? ['cost_per_unit'] : []),
      'low_stock_threshold',
      'perishable',
      'shelf_life_days',
      'tracked',
      'archived',
    ],
    ...items.map((i) => [
      i.name,
      i.itemType,
      i.unit,
      fmt(i.quantity),
      ...(costs ? [fmt(i.costPerUnit)] : []),
      i.lowStockThreshold ? fmt(i.lowStockThreshold) : '',
      i.isPerishable ? 'yes' : 'no',
      i.shelfLifeDays ?? '',
      i.isTracked ? 'yes' : 'no',
      i.isArchived ? 'yes' : 'no',
    ]),
  ]);
}

/** The ledger as CSV: one line per event (lot touched), oldest first. */
export async function exportLedgerCsv(db: TenantDb, ctx: OrgCtx): Promise<string> {
  const costs = ctx.actor.permissions.has('inventory.view_costs');
  const events = await db.inventoryEvent.findMany({
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    include: { item: { select: { name: true, unit: true } }, lot: { select: { code: true } } },
    take: 200_000,
  });
  return toCsv([
    [
      'at',
      'item',
      'change_type',
      'event_code',
      'lot',
      'quantity',
      'unit',
      ...(costs ? ['unit_cost', 'valuation'] : []),
      'movement',
      'notes',
    ],
    ...events.map((e) => [
      e.createdAt.toISOString(),
      e.item.name,
      e.changeType,
      e.code,
      e.lot?.code ?? '',
      fmt(e.memoQuantity ?? e.quantityDelta),
      e.item.unit,
      ...(costs ? [fmt(e.unitCost), e.valuationMethod] : []),
      e.movementId,
      e.notes ?? '',
    ]),
  ]);
}
