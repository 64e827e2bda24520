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
  catalog: UnitCatalog | undefined,
  /** allInfinite: the tier tracks no quantities, so every item behaves as infinite (docs/rules/infinite-items.md). */
  opts: { organizationId: string; allInfinite?: boolean },
): Promise<LineStock[]> {
  if (!lines.length) return [];
  const cat = catalog ?? (await loadUnitCatalog(db));
  const ids = [...new Set(lines.map((l) => l.itemId))];
  // The items, their category's density and their usable stock (open lots; a perishable's expired lots
  // left out) in one statement. Numbers come as text, so nothing passes through a float; timestamp(3)
  // columns hold UTC.
  const rows = await db.$queryRaw<
    {
      id: string;
      name: string;
      unit: string;
      is_tracked: boolean;
      density: string | null;
      category_density: string | null;
      low_stock_threshold: string | null;
      available: string | null;
    }[]
  >`
    SELECT i.id, i.name, i.unit, i.is_tracked, i.density::text AS density,
           c.default_density::text AS category_density, i.low_stock_threshold::text AS low_stock_threshold,
           (SELECT sum(l.remaining_quantity)::text FROM inventory_lots l
             WHERE l.organization_id = i.organization_id AND l.item_id = i.id AND l.is_open
               AND (l.expires_at IS NULL OR l.expires_at > ${now.toISOString()}::timestamp(3) OR NOT i.is_perishable)
           ) AS available
      FROM inventory_items i LEFT JOIN ingredient_categories c ON c.id = i.ingredient_category_id
     WHERE i.organization_id = ${opts.organizationId} AND i.id = ANY(${ids}::text[])`;
  const dec = (v: string | null) => (v === null ? null : new Prisma.Decimal(v));
  const items = rows.map((r) => ({
    id: r.id,
    name: r.name,
    unit: r.unit,
    isTracked: r.is_tracked,
    density: dec(r.density),
    lowStockThreshold: dec(r.low_stock_threshold),
    ingredientCategory: { defaultDensity: dec(r.category_density) },
  }));
  const availableOf = new Map(rows.map((r) => [r.id, dec(r.available) ?? new Prisma.Decimal(0)]));
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
