// The library in the developer console (docs/rules/library.md, Curating): create, edit, archive, restore
// and a CSV import, each with its audit row. An edit of density or capacity reaches the linked items of
// every organization (linked items take the library's values); archiving clears the links and touches
// nothing else of theirs.
import type { z } from 'zod';
import { Prisma, type PrismaClient } from '../../db/client.ts';
import { withTransaction, type Tx } from '../../db/transaction.ts';
import { AppError } from '../../errors.ts';
import { changedFields, recordAudit, type ConsoleCtx } from '../dev/audit.ts';
import { findUnit, standardUnitDefs, type UnitCatalog } from '../units/rules.ts';
import { slugify } from '../../../shared/library.ts';
import {
  CreateGlobalItemInputSchema,
  GlobalItemFieldsSchema,
  GlobalItemRefSchema,
  ListGlobalItemsInputSchema,
  UpdateGlobalItemInputSchema,
} from '../../../shared/schemas/library.ts';

/** The platform has no custom units: a library item is measured in standard units. */
const CATALOG: UnitCatalog = { units: standardUnitDefs(), mappings: [] };

type Fields = z.output<typeof GlobalItemFieldsSchema>;
export type GlobalItemData = Omit<Prisma.GlobalItemUncheckedCreateInput, 'id' | 'createdAt' | 'updatedAt'>;

/** Checks the fields against units, categories and the item type; returns the row's columns. */
export async function resolveGlobalItemFields(
  db: Pick<PrismaClient, 'ingredientCategory'>,
  f: Fields,
): Promise<{ data?: GlobalItemData; errors: { field: string; message: string }[] }> {
  const errors: { field: string; message: string }[] = [];
  const unit = findUnit(CATALOG, f.defaultUnit);
  if (!unit) errors.push({ field: 'defaultUnit', message: `Unknown unit "${f.defaultUnit}"` });
  else if (f.itemType === 'container' && unit.unitType !== 'count')
    errors.push({ field: 'defaultUnit', message: 'Containers are counted: their unit is count' });
  const capacityUnit = f.capacityUnit ? findUnit(CATALOG, f.capacityUnit) : null;
  if (f.capacityUnit && !capacityUnit)
    errors.push({ field: 'capacityUnit', message: `Unknown unit "${f.capacityUnit}"` });
  if (f.capacity && !f.capacityUnit) errors.push({ field: 'capacityUnit', message: 'Give the capacity a unit' });
  if ((f.sapNaoh || f.sapKoh || f.fattyAcids) && f.itemType !== 'ingredient')
    errors.push({ field: 'sapNaoh', message: 'Only ingredients have SAP values and fatty acids' });
  let ingredientCategoryId: string | null = null;
  if (f.ingredientCategory) {
    const c = await db.ingredientCategory.findFirst({
      where: { name: { equals: f.ingredientCategory, mode: 'insensitive' } },
      select: { id: true },
    });
    if (!c)
      errors.push({ field: 'ingredientCategory', message: `Unknown ingredient category "${f.ingredientCategory}"` });
    else ingredientCategoryId = c.id;
  }
  const slug = f.slug || slugify(f.name);
  if (!slug) errors.push({ field: 'slug', message: 'Give the item a name with letters or digits' });
  if (errors.length) return { errors };
  const aliases = [...new Set(f.aliases.map((a) => a.trim()).filter(Boolean))];
  return {
    errors,
    data: {
      name: f.name,
      slug,
      aliases,
      itemType: f.itemType,
      defaultUnit: unit!.name,
      density: f.density ?? null,
      ingredientCategoryId,
      isPerishable: f.isPerishable || f.shelfLifeDays != null,
      shelfLifeDays: f.shelfLifeDays ?? null,
      inciName: f.inciName || null,
      sapNaoh: f.sapNaoh ?? null,
      sapKoh: f.sapKoh ?? null,
      fattyAcids: f.fattyAcids ?? Prisma.DbNull,
      capacity: f.capacity ?? null,
      capacityUnit: capacityUnit?.name ?? null,
      containerMaterial: f.containerMaterial || null,
      containerType: f.containerType || null,
      containerColor: f.containerColor || null,
    },
  };
}

function failOn(errors: { field: string; message: string }[]) {
  if (!errors.length) return;
  const first = errors[0]!;
  throw new AppError('VALIDATION', first.message, { field: first.field, errors });
}

async function assertSlugFree(db: Pick<PrismaClient, 'globalItem'>, slug: string, exceptId?: string) {
  const other = await db.globalItem.findUnique({ where: { slug }, select: { id: true, name: true } });
  if (other && other.id !== exceptId)
    throw new AppError('CONFLICT', `The slug "${slug}" is taken by ${other.name}`, { field: 'slug' });
}

export function globalItemView(g: Prisma.GlobalItemGetPayload<{ include: { ingredientCategory: true } }>) {
  const dec = (v: Prisma.Decimal | null) => v?.toString() ?? null;
  return {
    id: g.id,
    name: g.name,
    slug: g.slug,
    aliases: g.aliases,
    itemType: g.itemType,
    defaultUnit: g.defaultUnit,
    density: dec(g.density),
    ingredientCategory: g.ingredientCategory?.name ?? null,
    isPerishable: g.isPerishable,
    shelfLifeDays: g.shelfLifeDays,
    inciName: g.inciName,
    sapNaoh: dec(g.sapNaoh),
    sapKoh: dec(g.sapKoh),
    fattyAcids: (g.fattyAcids ?? null) as Record<string, number> | null,
    capacity: dec(g.capacity),
    capacityUnit: g.capacityUnit,
    containerMaterial: g.containerMaterial,
    containerType: g.containerType,
    containerColor: g.containerColor,
    archivedAt: g.archivedAt,
    updatedAt: g.updatedAt,
  };
}
export type GlobalItemView = ReturnType<typeof globalItemView>;

export async function listGlobalItemsAdmin(db: PrismaClient, raw: z.input<typeof ListGlobalItemsInputSchema>) {
  const input = ListGlobalItemsInputSchema.parse(raw);
  const where: Prisma.GlobalItemWhereInput = {
    ...(input.status === 'active'
      ? { archivedAt: null }
      : input.status === 'archived'
        ? { archivedAt: { not: null } }
        : {}),
    ...(input.itemType ? { itemType: input.itemType } : {}),
    ...searchWhere(input.search),
  };
  const [rows, total] = await Promise.all([
    db.globalItem.findMany({
      where,
      include: { ingredientCategory: true, _count: { select: { items: true } } },
      orderBy: [{ [input.sort]: input.direction }, { id: 'asc' }],
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
    }),
    db.globalItem.count({ where }),
  ]);
  return {
    items: rows.map((r) => ({ ...globalItemView(r), linkedItems: r._count.items })),
    total,
    page: input.page,
    pageSize: input.pageSize,
  };
}

/** Name, slug, alias or INCI name containing the search, case ignored. */
export function searchWhere(search: string | undefined): Prisma.GlobalItemWhereInput {
  if (!search) return {};
  const q = search.trim();
  return {
    OR: [
      { name: { contains: q, mode: 'insensitive' } },
      { slug: { contains: slugify(q) || q } },
      { inciName: { contains: q, mode: 'insensitive' } },
      { aliases: { has: q.toLowerCase() } },
    ],
  };
}

export async function getGlobalItemAdmin(db: PrismaClient, input: z.output<typeof GlobalItemRefSchema>) {
  const g = await db.globalItem.findUnique({
    where: { id: input.globalItemId },
    include: { ingredientCategory: true },
  });
  if (!g) throw new AppError('NOT_FOUND', 'Library item not found');
  return globalItemView(g);
}

export async function createGlobalItem(
  db: PrismaClient,
  ctx: ConsoleCtx,
  raw: z.input<typeof CreateGlobalItemInputSchema>,
) {
  const input = CreateGlobalItemInputSchema.parse(raw);
  const { data, errors } = await resolveGlobalItemFields(db, input);
  failOn(errors);
  return withTransaction(db, async (tx) => {
    await assertSlugFree(tx, data!.slug);
    const row = await tx.globalItem.create({
      data: { ...data!, editedFields: [] },
      include: { ingredientCategory: true },
    });
    await recordAudit(tx, ctx, {
      action: 'global_item.create',
      targetType: 'global_item',
      targetKey: row.slug,
      targetLabel: row.name,
      after: globalItemView(row),
    });
    return globalItemView(row);
  });
}

const comparable = (d: GlobalItemData) =>
  Object.fromEntries(
    Object.entries(d).map(([k, v]) => [k, v === Prisma.DbNull ? null : v instanceof Prisma.Decimal ? v.toString() : v]),
  );

export async function updateGlobalItem(
  db: PrismaClient,
  ctx: ConsoleCtx,
  raw: z.input<typeof UpdateGlobalItemInputSchema>,
) {
  const { globalItemId, ...fields } = UpdateGlobalItemInputSchema.parse(raw);
  const { data, errors } = await resolveGlobalItemFields(db, fields);
  failOn(errors);
  return withTransaction(db, async (tx) => {
    const before = await tx.globalItem.findUnique({ where: { id: globalItemId } });
    if (!before) throw new AppError('NOT_FOUND', 'Library item not found');
    await assertSlugFree(tx, data!.slug, before.id);
    return applyUpdate(tx, ctx, before, data!);
  });
}

type Row = NonNullable<Awaited<ReturnType<PrismaClient['globalItem']['findUnique']>>>;

async function applyUpdate(tx: Tx, ctx: ConsoleCtx, before: Row, data: GlobalItemData) {
  const prev = comparable({ ...before, fattyAcids: before.fattyAcids ?? Prisma.DbNull } as GlobalItemData);
  const changes = changedFields(prev, comparable(data));
  const row = await tx.globalItem.update({
    where: { id: before.id },
    data: { ...data, editedFields: [...new Set([...before.editedFields, ...changes.fields])] },
    include: { ingredientCategory: true },
  });
  // Linked items take the library's density and capacity (their unit, stock, cost and lots are theirs).
  let linkedUpdated = 0;
  if (changes.fields.includes('density') && row.density) {
    linkedUpdated = (
      await tx.inventoryItem.updateMany({
        where: { globalItemId: row.id },
        data: { density: row.density, densitySource: 'global' },
      })
    ).count;
  }
  if ((changes.fields.includes('capacity') || changes.fields.includes('capacityUnit')) && row.capacity) {
    const n = await tx.inventoryItem.updateMany({
      where: { globalItemId: row.id },
      data: { capacity: row.capacity, capacityUnit: row.capacityUnit },
    });
    linkedUpdated = Math.max(linkedUpdated, n.count);
  }
  if (changes.fields.length)
    await recordAudit(tx, ctx, {
      action: 'global_item.update',
      targetType: 'global_item',
      targetKey: row.slug,
      targetLabel: row.name,
      before: changes.before,
      after: changes.after,
    });
  return { ...globalItemView(row), linkedUpdated };
}

/**
 * Archives a library item: it leaves the public library and can no longer be saved or linked. Every
 * organization item linked to it is unlinked and keeps all its values (name, unit, density, stock, lots).
 */
export async function archiveGlobalItem(
  db: PrismaClient,
  ctx: ConsoleCtx,
  input: z.output<typeof GlobalItemRefSchema>,
) {
  return withTransaction(db, async (tx) => {
    const g = await tx.globalItem.findUnique({ where: { id: input.globalItemId } });
    if (!g) throw new AppError('NOT_FOUND', 'Library item not found');
    if (g.archivedAt) throw new AppError('INVALID_STATE', `${g.name} is already archived.`);
    const unlinked = await tx.inventoryItem.updateMany({
      where: { globalItemId: g.id },
      data: { globalItemId: null },
    });
    await tx.globalItem.update({ where: { id: g.id }, data: { archivedAt: ctx.now() } });
    await recordAudit(tx, ctx, {
      action: 'global_item.archive',
      targetType: 'global_item',
      targetKey: g.slug,
      targetLabel: g.name,
      note: `${unlinked.count} linked item(s) unlinked`,
    });
    return { globalItemId: g.id, unlinked: unlinked.count };
  });
}

export async function restoreGlobalItem(
  db: PrismaClient,
  ctx: ConsoleCtx,
  input: z.output<typeof GlobalItemRefSchema>,
) {
  return withTransaction(db, async (tx) => {
    const g = await tx.globalItem.findUnique({ where: { id: input.globalItemId } });
    if (!g) throw new AppError('NOT_FOUND', 'Library item not found');
    if (!g.archivedAt) throw new AppError('INVALID_STATE', `${g.name} is not archived.`);
    await tx.globalItem.update({ where: { id: g.id }, data: { archivedAt: null } });
    await recordAudit(tx, ctx, {
      action: 'global_item.restore',
      targetType: 'global_item',
      targetKey: g.slug,
      targetLabel: g.name,
    });
    return { globalItemId: g.id };
  });
}

export { applyUpdate as applyGlobalItemUpdate };
