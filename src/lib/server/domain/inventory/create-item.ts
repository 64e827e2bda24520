import type { z } from 'zod';
import { Prisma } from '../../db/client.ts';
import type { TenantDb } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { AppError } from '../../errors.ts';
import { CreateItemInputSchema } from '../../../shared/schemas/inventory.ts';
import { applyMovementInTx, createLot } from './apply-movement.ts';
import { MovementInputSchema } from '../../../shared/schemas/inventory.ts';
import type { TenantTx } from '../../db/tenant.ts';
import { lockItem } from './lock-item.ts';
import { loadUnitCatalog } from '../units/catalog.ts';
import { findUnit } from '../units/rules.ts';
import { roundValue, unitCostOf } from './rules.ts';
import { unitLabel } from '../units/standard-units.ts';
import { emitEvent } from '../../events/emit.ts';
import { activeGlobalItem, applyGlobalDefaults } from '../library/defaults.ts';

/**
 * Creates an inventory item, with its opening stock as an initial_stock lot in the same transaction.
 * Cost is per unit or a total for the opening quantity. Without the tier's inventory.track_quantities
 * the item is created untracked (infinite) and no opening stock is taken.
 */
export async function createItem(db: TenantDb, ctx: OrgCtx, raw: z.input<typeof CreateItemInputSchema>) {
  // Two identical containers created at once: the one that loses the name race (the unique index, or
  // the name check seeing the winner commit in between) finds the winner on its next try and adds its
  // stock there.
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.$transaction((tx) => createItemInTx(tx, ctx, raw));
    } catch (e) {
      const containerLostRace = raw.itemType === 'container' && isNameTaken(e);
      if (attempt >= 3 || !(isNameRace(e) || containerLostRace)) throw e;
    }
  }
}

const isNameTaken = (e: unknown) => e instanceof AppError && e.code === 'CONFLICT' && e.details?.field === 'name';

const isNameRace = (e: unknown) => {
  const err = e as { code?: string; cause?: { originalCode?: string } } | null;
  return err?.code === 'P2002' || err?.cause?.originalCode === '23505';
};

/** The same inside a caller's transaction (a CSV import creates all its items in one). */
export async function createItemInTx(tx: TenantTx, ctx: OrgCtx, raw: z.input<typeof CreateItemInputSchema>) {
  let input = CreateItemInputSchema.parse(raw);
  // A library link fills the item's density, unit and capacity from the library (docs/rules/library.md).
  const global = input.globalItemId ? await activeGlobalItem(tx, input.globalItemId) : null;
  if (global) input = applyGlobalDefaults(input, raw, global);
  const catalog = await loadUnitCatalog(tx);
  if (input.capacityUnit) {
    // Store the unit's canonical name ("fl. oz" and "fl oz" are both floz), so capacities compare and convert.
    const cu = findUnit(catalog, input.capacityUnit);
    if (!cu) throw new AppError('VALIDATION', `Unknown unit "${input.capacityUnit}"`, { field: 'capacityUnit' });
    input.capacityUnit = cu.name;
  }
  const described = [
    input.containerMaterial,
    input.containerType,
    input.containerStyle,
    input.containerColor,
    input.capacity,
  ].some(Boolean);
  if (input.itemType === 'container' && described) {
    const same = await findMatchingContainer(tx, input);
    if (same) return addToMatchingContainer(tx, ctx, same, input);
    if (!input.name) input.name = containerName(input);
  }
  if (input.itemType === 'container' && !input.name) input.name = containerName(input);
  if (!input.name) throw new AppError('VALIDATION', 'Item name is required', { field: 'name' });
  const unit = input.itemType === 'container' ? 'count' : (input.unit ?? 'gram');
  const unitDef = findUnit(catalog, unit);
  if (!unitDef) throw new AppError('VALIDATION', `Unknown unit "${unit}"`, { field: 'unit' });
  const tracked = input.isTracked && ctx.tierPermissions.has('inventory.track_quantities');
  // Opening stock is a stock movement: it needs inventory.adjust as well as tracking (Free Tools may
  // create items but move no stock, docs/rules/permissions-and-tiers.md, Tiers). Refused stock is
  // not posted, and the answer says so.
  const stockRefused = openingStockRefusal(ctx, input);
  const opening =
    !stockRefused && input.openingQuantity ? new Prisma.Decimal(input.openingQuantity) : new Prisma.Decimal(0);
  let unitCost = new Prisma.Decimal(input.cost ?? 0);
  // The opening lot keeps the total paid exactly; the unit cost is derived from it (docs/rules/lot-value.md).
  let openingValue = roundValue(unitCost.times(opening));
  if (input.costEntry === 'total' && input.cost !== undefined) {
    if (opening.lte(0))
      throw new AppError('VALIDATION', 'Total cost entry requires a positive quantity when using total cost mode.', {
        field: 'cost',
      });
    openingValue = new Prisma.Decimal(input.cost);
    unitCost = unitCostOf(openingValue, opening);
  }
  const perishable = input.isPerishable || input.shelfLifeDays !== undefined;
  if (
    await tx.inventoryItem.findFirst({
      where: { name: { equals: input.name, mode: 'insensitive' } },
      select: { id: true },
    })
  ) {
    throw new AppError('CONFLICT', `An item named "${input.name}" already exists`, { field: 'name' });
  }
  if (
    input.ingredientCategoryId &&
    !(await tx.ingredientCategory.findUnique({ where: { id: input.ingredientCategoryId } }))
  ) {
    throw new AppError('NOT_FOUND', 'Ingredient category not found', { field: 'ingredientCategoryId' });
  }
  const item = await tx.inventoryItem.create({
    data: {
      organizationId: ctx.organizationId,
      name: input.name,
      itemType: input.itemType,
      unit: unitDef.name,
      costPerUnit: unitCost,
      lowStockThreshold: input.lowStockThreshold ?? null,
      density: input.density ?? null,
      densitySource:
        global?.density && input.density
          ? 'global'
          : input.density
            ? 'manual'
            : input.ingredientCategoryId
              ? 'category_default'
              : null,
      globalItemId: global?.id ?? null,
      ingredientCategoryId: input.ingredientCategoryId ?? null,
      inventoryCategoryId: input.inventoryCategoryId ?? null,
      isPerishable: perishable,
      shelfLifeDays: input.shelfLifeDays ?? null,
      capacity: input.capacity ?? null,
      capacityUnit: input.capacityUnit ?? null,
      isTracked: tracked,
      createdById: ctx.actor.userId,
      containerMaterial: input.containerMaterial ?? null,
      containerType: input.containerType ?? null,
      containerStyle: input.containerStyle ?? null,
      containerColor: input.containerColor ?? null,
      ...diameterColumns(catalog, input),
    },
    select: { id: true, name: true, unit: true },
  });
  if (opening.gt(0)) {
    const locked = await lockItem(tx, ctx.organizationId, item.id);
    await createLot(
      tx,
      ctx,
      locked,
      {
        itemId: item.id,
        changeType: 'initial_stock',
        expiresAt: input.expiresAt,
        notes: 'Initial inventory entry',
      } as never,
      opening,
      openingValue,
      'initial_stock',
    );
  }
  await emitEvent(tx, ctx, 'inventory_item_created', item.id, { name: item.name, itemType: input.itemType });
  const message = stockRefused && new Prisma.Decimal(input.openingQuantity ?? 0).gt(0) ? stockRefused : null;
  return { ...item, matchedExisting: false, addedQuantity: opening.toString(), message };
}

export const OPENING_STOCK_UNTRACKED =
  'Opening stock was not recorded: your plan does not track quantities, so the item is infinite.';
export const OPENING_STOCK_NO_ADJUST =
  'Opening stock was not recorded: adding stock needs the inventory.adjust permission.';

/** Why an item created with this input takes no opening stock, or null when it may. */
function openingStockRefusal(ctx: OrgCtx, input: { isTracked: boolean }): string | null {
  if (!ctx.tierPermissions.has('inventory.track_quantities')) return OPENING_STOCK_UNTRACKED;
  if (!input.isTracked) return 'Opening stock was not recorded: the item does not track its quantity.';
  if (!ctx.actor.permissions.has('inventory.adjust')) return OPENING_STOCK_NO_ADJUST;
  return null;
}

/**
 * docs/rules/inventory.md (Containers): an identical container is reused (and restored) instead of
 * duplicated, and the opening stock given for the new one goes to it as a new lot (a restock at the
 * cost given), so no stock is dropped; the answer says so.
 */
async function addToMatchingContainer(
  tx: TenantTx,
  ctx: OrgCtx,
  same: { id: string; name: string; unit: string; isArchived: boolean; isTracked: boolean },
  input: z.output<typeof CreateItemInputSchema>,
) {
  if (same.isArchived) await tx.inventoryItem.update({ where: { id: same.id }, data: { isArchived: false } });
  const opening = input.openingQuantity ? new Prisma.Decimal(input.openingQuantity) : new Prisma.Decimal(0);
  const tracked = same.isTracked && input.isTracked && ctx.tierPermissions.has('inventory.track_quantities');
  const reused = { id: same.id, name: same.name, unit: same.unit, matchedExisting: true };
  if (!tracked || opening.lte(0) || !ctx.actor.permissions.has('inventory.adjust')) {
    return { ...reused, addedQuantity: '0', message: `"${same.name}" already exists; it was used instead of a copy.` };
  }
  const cost =
    input.cost === undefined ? {} : input.costEntry === 'total' ? { totalCost: input.cost } : { unitCost: input.cost };
  await applyMovementInTx(
    tx,
    ctx,
    MovementInputSchema.parse({
      itemId: same.id,
      changeType: 'restock',
      quantity: opening.toString(),
      ...cost,
      expiresAt: input.expiresAt,
      notes: 'Opening stock of an identical container, added as a new lot',
    }),
  );
  return {
    ...reused,
    addedQuantity: opening.toString(),
    message: `"${same.name}" already exists: the ${opening.toString()} you entered were added to it as a new lot.`,
  };
}

type ContainerInput = z.output<typeof CreateItemInputSchema>;

/**
 * A jar's diameter and a wick's range of diameters, in one length unit (default inch). Only a field and
 * a warning in planning (docs/rules/production-outputs.md, Jar diameter and wick range), not a sizing engine.
 */
export function diameterColumns(
  catalog: Awaited<ReturnType<typeof loadUnitCatalog>>,
  input: {
    diameter?: string | null;
    wickMinDiameter?: string | null;
    wickMaxDiameter?: string | null;
    diameterUnit?: string | null;
  },
) {
  const given = [input.diameter, input.wickMinDiameter, input.wickMaxDiameter].some(
    (v) => v !== undefined && v !== null,
  );
  if (!given && !input.diameterUnit) return {};
  const unit = findUnit(catalog, input.diameterUnit || 'inch');
  if (!unit || unit.unitType !== 'length')
    throw new AppError('VALIDATION', 'Diameters are lengths: choose a length unit (in, cm, mm).', {
      field: 'diameterUnit',
    });
  const min = input.wickMinDiameter ? new Prisma.Decimal(input.wickMinDiameter) : null;
  const max = input.wickMaxDiameter ? new Prisma.Decimal(input.wickMaxDiameter) : null;
  if (min && max && min.gt(max))
    throw new AppError('VALIDATION', 'The smallest diameter a wick suits cannot be larger than the largest.', {
      field: 'wickMinDiameter',
    });
  const dec = (v: string | null | undefined) =>
    v === undefined ? undefined : v === null ? null : new Prisma.Decimal(v);
  return {
    diameter: dec(input.diameter),
    wickMinDiameter: dec(input.wickMinDiameter),
    wickMaxDiameter: dec(input.wickMaxDiameter),
    diameterUnit: unit.name,
  };
}

/** "Color Style Material Type - capacity unit", title-cased, repeats skipped (docs/rules/inventory.md, Containers). */
export function containerName(
  c: Pick<
    ContainerInput,
    'containerColor' | 'containerStyle' | 'containerMaterial' | 'containerType' | 'capacity' | 'capacityUnit'
  >,
): string {
  const words: string[] = [];
  for (const part of [c.containerColor, c.containerStyle, c.containerMaterial, c.containerType || 'Container']) {
    for (const w of (part ?? '').split(/\s+/).filter(Boolean)) {
      const t = w[0]!.toUpperCase() + w.slice(1).toLowerCase();
      if (!words.includes(t)) words.push(t);
    }
  }
  const base = words.join(' ') || 'Custom Container';
  // "fl oz", never "floz": names show a unit's label (docs/rules/units-exact.md).
  const unit = c.capacityUnit ? unitLabel(c.capacityUnit) : '';
  return c.capacity ? `${base} - ${new Prisma.Decimal(c.capacity).toString()} ${unit}`.trim() : base;
}

/** Same material, type, style, color (case-insensitive, empty equals empty), capacity and capacity unit. */
async function findMatchingContainer(tx: TenantTx, c: ContainerInput) {
  const eq = (v: string | undefined) => (v ? { equals: v, mode: 'insensitive' as const } : null);
  return tx.inventoryItem.findFirst({
    where: {
      itemType: 'container',
      containerMaterial: eq(c.containerMaterial),
      containerType: eq(c.containerType),
      containerStyle: eq(c.containerStyle),
      containerColor: eq(c.containerColor),
      capacity: c.capacity ? new Prisma.Decimal(c.capacity) : null,
      capacityUnit: c.capacityUnit ?? null,
    },
    select: { id: true, name: true, unit: true, isArchived: true, isTracked: true },
  });
}
