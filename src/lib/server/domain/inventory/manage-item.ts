import type { z } from 'zod';
import type { TenantDb } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { AppError } from '../../errors.ts';
import { UpdateItemInputSchema } from '../../../shared/schemas/inventory.ts';
import { loadUnitCatalog } from '../units/catalog.ts';
import { diameterColumns } from './create-item.ts';

/** Edits descriptive fields. Quantities never change here: they move only through the ledger. */
export async function updateItem(db: TenantDb, _ctx: OrgCtx, raw: z.input<typeof UpdateItemInputSchema>) {
  const { itemId, diameter, wickMinDiameter, wickMaxDiameter, diameterUnit, ...input } =
    UpdateItemInputSchema.parse(raw);
  const sizes = diameterColumns(await loadUnitCatalog(db), {
    diameter,
    wickMinDiameter,
    wickMaxDiameter,
    diameterUnit,
  });
  const item = await db.inventoryItem.findUnique({ where: { id: itemId }, select: { id: true } });
  if (!item) throw new AppError('NOT_FOUND', 'Inventory item not found.');
  if (
    input.name &&
    (await db.inventoryItem.findFirst({
      where: { name: { equals: input.name, mode: 'insensitive' }, id: { not: itemId } },
    }))
  ) {
    throw new AppError('CONFLICT', `An item named "${input.name}" already exists`, { field: 'name' });
  }
  await db.inventoryItem.update({
    where: { id: itemId },
    data: {
      ...input,
      ...sizes,
      ...(input.density !== undefined ? { densitySource: input.density === null ? null : 'manual' } : {}),
      ...(input.shelfLifeDays ? { isPerishable: true } : {}),
    },
  });
  return { id: itemId };
}

export async function setItemArchived(db: TenantDb, _ctx: OrgCtx, input: { itemId: string; archived: boolean }) {
  const res = await db.inventoryItem.updateMany({ where: { id: input.itemId }, data: { isArchived: input.archived } });
  if (res.count === 0) throw new AppError('NOT_FOUND', 'Inventory item not found.');
  return { ok: true };
}
