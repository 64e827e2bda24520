// An organization's items and the library (docs/rules/library.md): save a library item to the inventory,
// suggest library items for an item, link, unlink and resync. Only density, unit and capacity come from
// the library; an item's stock, cost and lots are its own and never change here.
import type { z } from 'zod';
import { Prisma, type PrismaClient } from '../../db/client.ts';
import type { TenantDb, TenantTx } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { AppError } from '../../errors.ts';
import { loadUnitCatalog } from '../units/catalog.ts';
import { convertUnits, type UnitCatalog } from '../units/rules.ts';
import { createItemInTx } from '../inventory/create-item.ts';
import { normalizeItemName } from '../../../shared/library.ts';
import { activeGlobalItem } from './defaults.ts';
import type {
  ItemRefSchema,
  LinkItemInputSchema,
  SaveToInventoryInputSchema,
} from '../../../shared/schemas/library.ts';

type AnyDb = Pick<PrismaClient, 'globalItem'> | Pick<TenantDb, 'globalItem'> | Pick<TenantTx, 'globalItem'>;

const MATCH_SELECT = {
  id: true,
  name: true,
  slug: true,
  aliases: true,
  itemType: true,
  defaultUnit: true,
  density: true,
} as const;

/**
 * The active library item whose name or an alias is `name`, case and plurals ignored ("Shea Butters" finds
 * Shea Butter), or null. For recipe cloning and bulk updates, which map an ingredient to the library.
 */
export async function findGlobalItemForName(db: AnyDb, name: string, itemType?: string) {
  const key = normalizeItemName(name);
  if (!key) return null;
  const rows = await (db as Pick<PrismaClient, 'globalItem'>).globalItem.findMany({
    where: { archivedAt: null, ...(itemType ? { itemType } : {}) },
    select: MATCH_SELECT,
    orderBy: { name: 'asc' },
  });
  return (
    rows.find((g) => normalizeItemName(g.name) === key) ??
    rows.find((g) => g.aliases.some((a) => normalizeItemName(a) === key)) ??
    null
  );
}

/** How well a library item's name or aliases match an item's name: 1 exact, else shared words / all words. */
export function nameScore(itemName: string, g: { name: string; aliases: string[] }): number {
  const key = normalizeItemName(itemName);
  const words = new Set(key.split(' ').filter((w) => w.length >= 2));
  let best = 0;
  for (const candidate of [g.name, ...g.aliases]) {
    const c = normalizeItemName(candidate);
    if (c === key) return 1;
    const cw = new Set(c.split(' ').filter((w) => w.length >= 2));
    const shared = [...words].filter((w) => cw.has(w)).length;
    if (!shared) continue;
    best = Math.max(best, shared / new Set([...words, ...cw]).size);
  }
  return best;
}

/** A library item's default unit converts to the item's unit (with the library's density): weight ↔ volume too. */
export function unitConverts(catalog: UnitCatalog, fromUnit: string, toUnit: string, density: Prisma.Decimal | null) {
  return convertUnits(catalog, { amount: new Prisma.Decimal(1), from: fromUnit, to: toUnit, density }).ok;
}

const SUGGESTION_MIN_SCORE = 0.3;
const SUGGESTION_LIMIT = 5;

/**
 * Library items for an unlinked item: same item type, a name or alias sharing words with the item's name,
 * and a default unit that converts to the item's unit. A count item is never offered a liquid.
 */
export async function suggestGlobalItems(db: TenantDb, _ctx: OrgCtx, input: z.output<typeof ItemRefSchema>) {
  const item = await db.inventoryItem.findFirst({
    where: { id: input.itemId },
    select: { id: true, name: true, unit: true, itemType: true },
  });
  if (!item) throw new AppError('NOT_FOUND', 'Item not found');
  const [catalog, rows] = await Promise.all([
    loadUnitCatalog(db),
    db.globalItem.findMany({
      where: { archivedAt: null, itemType: item.itemType },
      select: MATCH_SELECT,
    }),
  ]);
  return rows
    .map((g) => ({ g, score: nameScore(item.name, g) }))
    .filter(
      ({ g, score }) => score >= SUGGESTION_MIN_SCORE && unitConverts(catalog, g.defaultUnit, item.unit, g.density),
    )
    .sort((a, b) => b.score - a.score || a.g.name.localeCompare(b.g.name))
    .slice(0, SUGGESTION_LIMIT)
    .map(({ g, score }) => ({
      id: g.id,
      name: g.name,
      slug: g.slug,
      defaultUnit: g.defaultUnit,
      density: g.density?.toString() ?? null,
      score: Math.round(score * 100) / 100,
    }));
}

/**
 * The item page's library card: the library item it is linked to, or, unlinked, the suggestions to link
 * (only those whose unit converts). Reads only; linking is `linkItem`.
 */
export async function itemLibraryLink(db: TenantDb, ctx: OrgCtx, input: z.output<typeof ItemRefSchema>) {
  const item = await db.inventoryItem.findFirst({
    where: { id: input.itemId },
    select: { id: true, globalItemId: true },
  });
  if (!item) throw new AppError('NOT_FOUND', 'Item not found');
  const g = item.globalItemId
    ? await db.globalItem.findUnique({
        where: { id: item.globalItemId },
        select: {
          id: true,
          name: true,
          slug: true,
          defaultUnit: true,
          density: true,
          capacity: true,
          capacityUnit: true,
        },
      })
    : null;
  const link = g
    ? {
        globalItemId: g.id,
        name: g.name,
        slug: g.slug,
        defaultUnit: g.defaultUnit,
        density: g.density?.toString() ?? null,
        capacity: g.capacity?.toString() ?? null,
        capacityUnit: g.capacityUnit,
      }
    : null;
  return { itemId: item.id, link, suggestions: link ? [] : await suggestGlobalItems(db, ctx, input) };
}

/**
 * Saves a library item to the organization's inventory: a new item with quantity 0, linked, with the
 * library's density, unit and capacity. Refused when an item is already linked to it.
 */
export async function saveGlobalItemToInventory(
  db: TenantDb,
  ctx: OrgCtx,
  input: z.output<typeof SaveToInventoryInputSchema>,
) {
  return db.$transaction(async (tx) => {
    const g = await activeGlobalItem(tx, input.globalItemId);
    const linked = await tx.inventoryItem.findFirst({
      where: { globalItemId: g.id },
      select: { id: true, name: true, isArchived: true },
      orderBy: { createdAt: 'asc' },
    });
    if (linked && !linked.isArchived)
      throw new AppError('CONFLICT', `${linked.name} is already in your inventory.`, { itemId: linked.id });
    if (linked) {
      // Archived earlier: it comes back as it was, with its own history.
      await tx.inventoryItem.update({ where: { id: linked.id }, data: { isArchived: false } });
      return { itemId: linked.id, name: linked.name, restored: true };
    }
    const created = await createItemInTx(tx, ctx, { name: g.name, globalItemId: g.id });
    // An identical container already stocked is reused by createItem: it becomes the linked one.
    if (created.matchedExisting) await linkInTx(tx, created.id, g);
    return { itemId: created.id, name: created.name, restored: false };
  });
}

async function linkInTx(tx: TenantTx, itemId: string, g: Awaited<ReturnType<typeof activeGlobalItem>>) {
  await tx.inventoryItem.update({
    where: { id: itemId },
    data: {
      globalItemId: g.id,
      ...(g.density ? { density: g.density, densitySource: 'global' } : {}),
      ...(g.capacity ? { capacity: g.capacity, capacityUnit: g.capacityUnit } : {}),
    },
  });
}

async function lockedItem(tx: TenantTx, itemId: string) {
  const item = await tx.inventoryItem.findFirst({
    where: { id: itemId },
    select: { id: true, name: true, unit: true, itemType: true, globalItemId: true },
  });
  if (!item) throw new AppError('NOT_FOUND', 'Item not found');
  return item;
}

/**
 * Links an existing item: same type, and the library's unit must convert to the item's. The item keeps
 * its unit, stock, cost and lots; it takes the library's density (and a container's capacity).
 */
export async function linkItem(db: TenantDb, _ctx: OrgCtx, input: z.output<typeof LinkItemInputSchema>) {
  return db.$transaction(async (tx) => {
    const item = await lockedItem(tx, input.itemId);
    const g = await activeGlobalItem(tx, input.globalItemId);
    if (g.itemType !== item.itemType)
      throw new AppError(
        'VALIDATION',
        `Selected global item type '${g.itemType}' does not match item type '${item.itemType}'.`,
      );
    const catalog = await loadUnitCatalog(tx);
    if (!unitConverts(catalog, g.defaultUnit, item.unit, g.density))
      throw new AppError(
        'VALIDATION',
        `${g.name} is measured in ${g.defaultUnit}, which does not convert to ${item.name}'s unit (${item.unit}).`,
      );
    await linkInTx(tx, item.id, g);
    return { itemId: item.id, globalItemId: g.id, density: g.density?.toString() ?? null, unit: item.unit };
  });
}

/** Ends the link; the item keeps every value it has. */
export async function unlinkItem(db: TenantDb, _ctx: OrgCtx, input: z.output<typeof ItemRefSchema>) {
  return db.$transaction(async (tx) => {
    const item = await lockedItem(tx, input.itemId);
    if (!item.globalItemId) throw new AppError('INVALID_STATE', `${item.name} is not linked to the library.`);
    await tx.inventoryItem.update({
      where: { id: item.id },
      data: { globalItemId: null },
    });
    return { itemId: item.id };
  });
}

/** Takes the library's current density and capacity again (after an edit on either side); the unit stays. */
export async function resyncItem(db: TenantDb, _ctx: OrgCtx, input: z.output<typeof ItemRefSchema>) {
  return db.$transaction(async (tx) => {
    const item = await lockedItem(tx, input.itemId);
    if (!item.globalItemId) throw new AppError('INVALID_STATE', `${item.name} is not linked to the library.`);
    const g = await activeGlobalItem(tx, item.globalItemId);
    await linkInTx(tx, item.id, g);
    return { itemId: item.id, density: g.density?.toString() ?? null };
  });
}
