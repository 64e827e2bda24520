import type { z } from 'zod';
import type { TenantDb } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { AppError } from '../../errors.ts';
import { InventoryCategoryInputSchema } from '../../../shared/schemas/inventory.ts';

/** The organization's own inventory categories (per item type), for grouping and filtering items. */
export async function listInventoryCategories(db: TenantDb) {
  return db.inventoryCategory.findMany({
    orderBy: [{ itemType: 'asc' }, { name: 'asc' }],
    select: { id: true, name: true, itemType: true },
  });
}

export async function createInventoryCategory(
  db: TenantDb,
  ctx: OrgCtx,
  raw: z.input<typeof InventoryCategoryInputSchema>,
) {
  const input = InventoryCategoryInputSchema.parse(raw);
  if (
    await db.inventoryCategory.findFirst({
      where: { itemType: input.itemType, name: { equals: input.name, mode: 'insensitive' } },
    })
  ) {
    throw new AppError('CONFLICT', `A ${input.itemType} category named "${input.name}" already exists`, {
      field: 'name',
    });
  }
  return db.inventoryCategory.create({
    data: { organizationId: ctx.organizationId, ...input },
    select: { id: true, name: true, itemType: true },
  });
}
