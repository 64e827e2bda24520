import type { z } from 'zod';
import { Prisma } from '../../db/client.ts';
import type { TenantDb } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { AppError } from '../../errors.ts';
import { HistoryInputSchema, ListItemsInputSchema } from '../../../shared/schemas/inventory.ts';
import { freshnessPercent, fmt } from './rules.ts';

const canSeeCosts = (ctx: OrgCtx) => ctx.actor.permissions.has('inventory.view_costs');
/**
 * Costs are hidden, not zeroed, for users without inventory.view_costs. Unit costs keep their 12 places
 * ($0.0000599/mg is not $0.00006); values are exact (docs/rules/lot-value.md).
 */
const cost = (ctx: OrgCtx, v: Prisma.Decimal) => (canSeeCosts(ctx) ? v.toString() : null);

/**
 * The inventory list: paged, searched, filtered and sorted in SQL with the (organization, type,
 * archived) index, so it stays fast at 10,000 items.
 */
export async function listItems(db: TenantDb, ctx: OrgCtx, raw: z.input<typeof ListItemsInputSchema>) {
  const input = ListItemsInputSchema.parse(raw);
  const now = ctx.now();
  const where: Prisma.InventoryItemWhereInput = {
    isArchived: input.filter === 'archived',
    ...(input.itemType ? { itemType: input.itemType } : {}),
    ...(input.categoryId
      ? { OR: [{ ingredientCategoryId: input.categoryId }, { inventoryCategoryId: input.categoryId }] }
      : {}),
    ...(input.search ? { name: { contains: input.search, mode: 'insensitive' } } : {}),
  };
  if (input.filter === 'out_of_stock') Object.assign(where, { isTracked: true, quantity: { lte: 0 } });
  if (input.filter === 'expired') Object.assign(where, { lots: { some: { isOpen: true, expiresAt: { lte: now } } } });
  let ids: string[] | undefined;
  if (input.filter === 'low_stock') {
    // Column-to-column comparison: Prisma cannot express it, so select the ids in SQL first.
    const rows = await db.$queryRaw<{ id: string }[]>`
      SELECT id FROM inventory_items WHERE organization_id = ${ctx.organizationId} AND NOT is_archived AND is_tracked
         AND low_stock_threshold IS NOT NULL AND quantity <= low_stock_threshold`;
    ids = rows.map((r) => r.id);
    Object.assign(where, { id: { in: ids } });
  }
  const [total, rows] = await Promise.all([
    db.inventoryItem.count({ where }),
    db.inventoryItem.findMany({
      where,
      orderBy: [{ [input.sort]: input.direction }, { id: 'asc' }],
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
      select: {
        id: true,
        name: true,
        itemType: true,
        unit: true,
        quantity: true,
        costPerUnit: true,
        lowStockThreshold: true,
        isTracked: true,
        isPerishable: true,
        isArchived: true,
        updatedAt: true,
        inventoryCategory: { select: { name: true } },
        ingredientCategory: { select: { name: true } },
      },
    }),
  ]);
  return {
    total,
    page: input.page,
    pageSize: input.pageSize,
    costsVisible: canSeeCosts(ctx),
    rows: rows.map((r) => ({
      id: r.id,
      name: r.name,
      itemType: r.itemType,
      unit: r.unit,
      // An infinite item's quantity is always 0, whatever old data says (docs/rules/infinite-items.md).
      quantity: r.isTracked ? fmt(r.quantity) : '0',
      costPerUnit: cost(ctx, r.costPerUnit),
      isTracked: r.isTracked,
      isPerishable: r.isPerishable,
      isArchived: r.isArchived,
      updatedAt: r.updatedAt,
      category: r.ingredientCategory?.name ?? r.inventoryCategory?.name ?? null,
      lowStock: r.isTracked && r.lowStockThreshold !== null && r.quantity.lte(r.lowStockThreshold),
      outOfStock: r.isTracked && r.quantity.lte(0),
    })),
  };
}

export async function getItem(db: TenantDb, ctx: OrgCtx, input: { itemId: string }) {
  const item = await db.inventoryItem.findUnique({
    where: { id: input.itemId },
    include: {
      ingredientCategory: { select: { id: true, name: true, defaultDensity: true } },
      inventoryCategory: { select: { id: true, name: true } },
      lots: { where: { isOpen: true }, orderBy: [{ receivedAt: 'asc' }, { id: 'asc' }] },
    },
  });
  if (!item) throw new AppError('NOT_FOUND', 'Inventory item not found.');
  const now = ctx.now();
  return {
    id: item.id,
    name: item.name,
    itemType: item.itemType,
    unit: item.unit,
    quantity: item.isTracked ? fmt(item.quantity) : '0',
    costPerUnit: cost(ctx, item.costPerUnit),
    costsVisible: canSeeCosts(ctx),
    lowStockThreshold: item.lowStockThreshold ? fmt(item.lowStockThreshold) : null,
    density: item.density ? fmt(item.density) : null,
    densitySource: item.densitySource,
    ingredientCategory: item.ingredientCategory
      ? { ...item.ingredientCategory, defaultDensity: item.ingredientCategory.defaultDensity?.toString() ?? null }
      : null,
    inventoryCategory: item.inventoryCategory,
    isPerishable: item.isPerishable,
    shelfLifeDays: item.shelfLifeDays,
    isTracked: item.isTracked,
    isArchived: item.isArchived,
    capacity: item.capacity?.toString() ?? null,
    capacityUnit: item.capacityUnit,
    diameter: item.diameter?.toString() ?? null,
    wickMinDiameter: item.wickMinDiameter?.toString() ?? null,
    wickMaxDiameter: item.wickMaxDiameter?.toString() ?? null,
    diameterUnit: item.diameterUnit,
    lots: item.lots.map((l) => ({
      id: l.id,
      code: l.code,
      remaining: fmt(l.remainingQuantity),
      original: fmt(l.originalQuantity),
      unitCost: cost(ctx, l.unitCost),
      value: cost(ctx, l.remainingValue),
      originalValue: cost(ctx, l.originalValue),
      receivedAt: l.receivedAt,
      expiresAt: l.expiresAt,
      sourceType: l.sourceType,
      supplier: l.supplier,
      expired: !!l.expiresAt && l.expiresAt <= now,
      readyOn: l.readyOn,
      curing: !!l.readyOn && l.readyOn > now,
      freshness: freshnessPercent(l.receivedAt, l.expiresAt, now),
    })),
  };
}

/** The item's movement history, newest first, paged, with the events (lots touched) of each movement. */
export async function listItemHistory(db: TenantDb, ctx: OrgCtx, raw: z.input<typeof HistoryInputSchema>) {
  const input = HistoryInputSchema.parse(raw);
  const where = { itemId: input.itemId };
  const [total, rows] = await Promise.all([
    db.inventoryMovement.count({ where }),
    db.inventoryMovement.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
      include: { events: { include: { lot: { select: { code: true } } } } },
    }),
  ]);
  const reversed = new Set(
    (
      await db.inventoryMovement.findMany({
        where: { reversesMovementId: { in: rows.map((r) => r.id) } },
        select: { reversesMovementId: true },
      })
    ).map((r) => r.reversesMovementId),
  );
  return {
    total,
    page: input.page,
    pageSize: input.pageSize,
    rows: rows.map((m) => ({
      id: m.id,
      changeType: m.changeType,
      quantityDelta: fmt(m.quantityDelta),
      notes: m.notes,
      createdAt: m.createdAt,
      batchId: m.batchId,
      isReversal: !!m.reversesMovementId,
      reversed: reversed.has(m.id),
      events: m.events.map((e) => ({
        code: e.code,
        lotCode: e.lot?.code ?? null,
        quantityDelta: fmt(e.quantityDelta),
        memoQuantity: e.memoQuantity ? fmt(e.memoQuantity) : null,
        unitCost: cost(ctx, e.unitCost),
        value: cost(ctx, e.value),
        valuation: e.valuationMethod,
      })),
    })),
  };
}

/** On-hand over time for the chart: the running sum of movements (one point per movement, last 500). */
export async function onHandSeries(db: TenantDb, ctx: OrgCtx, input: { itemId: string }) {
  const rows = await db.$queryRaw<{ at: Date; on_hand: string }[]>`
    SELECT created_at AS at, (sum(quantity_delta) OVER (ORDER BY created_at, id))::text AS on_hand
      FROM inventory_movements WHERE organization_id = ${ctx.organizationId} AND item_id = ${input.itemId}
     ORDER BY created_at DESC, id DESC LIMIT 500`;
  return rows.reverse().map((r) => ({ at: r.at, onHand: r.on_hand }));
}

/** Expired and expiring-soon open lots (window: the organization's setting, 7 days by default). */
export async function listExpiringLots(db: TenantDb, ctx: OrgCtx, input: { within?: number } = {}) {
  const org = await db.organization.findUniqueOrThrow({
    where: { id: ctx.organizationId },
    select: { expiringSoonDays: true },
  });
  const days = input.within ?? org.expiringSoonDays;
  const now = ctx.now();
  const until = new Date(now.getTime() + days * 86_400_000);
  const lots = await db.inventoryLot.findMany({
    where: { isOpen: true, expiresAt: { lte: until } },
    orderBy: [{ expiresAt: 'asc' }, { id: 'asc' }],
    take: 500,
    include: { item: { select: { id: true, name: true, unit: true } } },
  });
  const shape = (l: (typeof lots)[number]) => ({
    lotId: l.id,
    code: l.code,
    itemId: l.item.id,
    itemName: l.item.name,
    unit: l.item.unit,
    remaining: fmt(l.remainingQuantity),
    expiresAt: l.expiresAt,
    freshness: freshnessPercent(l.receivedAt, l.expiresAt, now),
  });
  return {
    windowDays: days,
    expired: lots.filter((l) => l.expiresAt! <= now).map(shape),
    expiringSoon: lots.filter((l) => l.expiresAt! > now).map(shape),
  };
}
