import type { TenantDb } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { toCsv } from './csv.ts';
import { fmt } from './rules.ts';
import { IMPORT_COLUMNS } from './import-items.ts';

/**
 * Items as CSV in the import's columns (IMPORT_COLUMNS), so an export can be imported again: on hand is
 * the opening quantity, the cost per unit only with inventory.view_costs (docs/rules/inventory.md, CSV).
 */
export async function exportItemsCsv(db: TenantDb, ctx: OrgCtx): Promise<string> {
  const costs = ctx.actor.permissions.has('inventory.view_costs');
  const items = await db.inventoryItem.findMany({
    where: { isArchived: false },
    orderBy: [{ itemType: 'asc' }, { name: 'asc' }],
  });
  const columns = IMPORT_COLUMNS.filter((c) => costs || c !== 'cost_per_unit');
  const cell: Record<(typeof IMPORT_COLUMNS)[number], (i: (typeof items)[number]) => string | number> = {
    name: (i) => i.name,
    type: (i) => i.itemType,
    unit: (i) => i.unit,
    opening_quantity: (i) => (i.isTracked ? fmt(i.quantity) : ''),
    cost_per_unit: (i) => fmt(i.costPerUnit),
    low_stock_threshold: (i) => (i.lowStockThreshold ? fmt(i.lowStockThreshold) : ''),
    perishable: (i) => (i.isPerishable ? 'yes' : 'no'),
    shelf_life_days: (i) => i.shelfLifeDays ?? '',
  };
  return toCsv([columns, ...items.map((i) => columns.map((c) => cell[c](i)))]);
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
