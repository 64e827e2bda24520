// Stock check of a recipe at a scale (docs/rules/planning.md, Stock check), in the recipe's units.
import { Prisma } from '../../db/client.ts';
import type { TenantDb } from '../../db/tenant.ts';
import type { TenantTx } from '../../db/tenant.ts';
import { loadUnitCatalog } from '../units/catalog.ts';
import { convertUnits, type UnitCatalog } from '../units/rules.ts';

type D = Prisma.Decimal;
export type StockStatus = 'OK' | 'LOW' | 'NEEDED' | 'OUT_OF_STOCK' | 'ERROR' | 'DENSITY_MISSING';
export const STOCK_ISSUES: StockStatus[] = ['NEEDED', 'OUT_OF_STOCK', 'ERROR', 'DENSITY_MISSING'];

export type PlanLine = { kind: 'ingredient' | 'consumable' | 'container'; itemId: string; quantity: D; unit: string };
export type LineStock = {
  kind: PlanLine['kind'];
  itemId: string;
  itemName: string;
  itemUnit: string;
  needed: string;
  unit: string;
  /** Usable stock expressed in the line's unit (expired lots of perishables excluded). */
  available: string | null;
  /** What the ledger will deduct, in the item's unit. */
  itemQuantity: string | null;
  status: StockStatus;
  message: string | null;
  conversionError: string | null;
  isTracked: boolean;
};

/**
 * Status per line: conversion failure → DENSITY_MISSING or ERROR; untracked → OK; enough → OK, or LOW
 * when what is available is at or under the low-stock threshold; some but not enough → NEEDED; none → OUT_OF_STOCK.
 */
export async function checkStock(
  db: TenantDb | TenantTx,
  lines: PlanLine[],
  now: Date,
  catalog?: UnitCatalog,
  /** allInfinite: the tier tracks no quantities, so every item behaves as infinite (docs/rules/infinite-items.md). */
  opts: { allInfinite?: boolean } = {},
): Promise<LineStock[]> {
  if (!lines.length) return [];
  const cat = catalog ?? (await loadUnitCatalog(db));
  const ids = [...new Set(lines.map((l) => l.itemId))];
  const items = await db.inventoryItem.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      name: true,
      unit: true,
      isTracked: true,
      isPerishable: true,
      density: true,
      lowStockThreshold: true,
      ingredientCategory: { select: { defaultDensity: true } },
    },
  });
  const sums = await db.inventoryLot.groupBy({
    by: ['itemId'],
    where: {
      itemId: { in: ids },
      isOpen: true,
      OR: [{ expiresAt: null }, { expiresAt: { gt: now } }, { item: { isPerishable: false } }],
    },
    _sum: { remainingQuantity: true },
  });
  const availableOf = new Map(sums.map((s) => [s.itemId, s._sum.remainingQuantity ?? new Prisma.Decimal(0)]));
  const byId = new Map(items.map((i) => [i.id, i]));
  return lines.map((line) => {
    const item = byId.get(line.itemId);
    const base = { kind: line.kind, itemId: line.itemId, needed: line.quantity.toString(), unit: line.unit };
    if (!item)
      return {
        ...base,
        itemName: '?',
        itemUnit: '?',
        available: null,
        itemQuantity: null,
        status: 'ERROR',
        message: 'Item not found',
        conversionError: null,
        isTracked: false,
      };
    const density = item.density ?? item.ingredientCategory?.defaultDensity ?? null;
    const conv = convertUnits(cat, { amount: line.quantity, from: line.unit, to: item.unit, density });
    const common = { ...base, itemName: item.name, itemUnit: item.unit, isTracked: item.isTracked };
    if (!conv.ok) {
      return {
        ...common,
        available: null,
        itemQuantity: null,
        status: conv.code === 'MISSING_DENSITY' ? 'DENSITY_MISSING' : 'ERROR',
        message: conv.message,
        conversionError: conv.code,
      };
    }
    const needItem = conv.value;
    if (!item.isTracked || opts.allInfinite)
      return {
        ...common,
        available: line.quantity.toString(),
        itemQuantity: needItem.toString(),
        status: 'OK',
        message: null,
        conversionError: null,
      };
    const availItem = availableOf.get(item.id) ?? new Prisma.Decimal(0);
    const back = convertUnits(cat, { amount: availItem, from: item.unit, to: line.unit, density });
    const available = back.ok ? back.value.toDecimalPlaces(6).toString() : null;
    let status: StockStatus;
    if (availItem.gte(needItem))
      status = item.lowStockThreshold && availItem.lte(item.lowStockThreshold) ? 'LOW' : 'OK';
    else status = availItem.gt(0) ? 'NEEDED' : 'OUT_OF_STOCK';
    return { ...common, available, itemQuantity: needItem.toString(), status, message: null, conversionError: null };
  });
}
