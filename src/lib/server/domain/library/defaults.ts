// What an organization item takes from the library item it is linked to (docs/rules/library.md, Linked items):
// density, unit and capacity (and the container's description). Stock, cost and lots stay the item's own.
import type { z } from 'zod';
import type { Prisma } from '../../db/client.ts';
import type { TenantTx } from '../../db/tenant.ts';
import { AppError } from '../../errors.ts';
import type { CreateItemInputSchema } from '../../../shared/schemas/inventory.ts';

type CreateItem = z.output<typeof CreateItemInputSchema>;

/** Reads a library item a new organization item links to; archived ones cannot be linked. */
export async function activeGlobalItem(tx: Pick<TenantTx, 'globalItem'>, globalItemId: string) {
  const g = await tx.globalItem.findUnique({ where: { id: globalItemId } });
  if (!g || g.archivedAt) throw new AppError('NOT_FOUND', 'Library item not found', { field: 'globalItemId' });
  return g;
}

export type GlobalItemRow = Awaited<ReturnType<typeof activeGlobalItem>>;

const str = (v: Prisma.Decimal | null) => (v === null ? undefined : v.toString());

/**
 * Fills a new item's input from its library item: the item type must match, the name, unit, category,
 * perishability and shelf life default to the library's, and density, capacity and the container
 * description are the library's. `given` is the raw input, to tell a default from a value the caller chose.
 */
export function applyGlobalDefaults(
  input: CreateItem,
  given: { itemType?: unknown; isPerishable?: unknown },
  g: GlobalItemRow,
): CreateItem {
  if (given.itemType !== undefined && input.itemType !== g.itemType) {
    throw new AppError(
      'VALIDATION',
      `Selected global item type '${g.itemType}' does not match item type '${input.itemType}'.`,
      { field: 'itemType' },
    );
  }
  const out: CreateItem = { ...input, itemType: g.itemType as CreateItem['itemType'] };
  out.name = input.name || g.name;
  out.unit = input.unit ?? g.defaultUnit;
  out.density = str(g.density) ?? input.density;
  out.ingredientCategoryId = input.ingredientCategoryId ?? g.ingredientCategoryId ?? undefined;
  if (given.isPerishable === undefined) out.isPerishable = g.isPerishable;
  out.shelfLifeDays = input.shelfLifeDays ?? g.shelfLifeDays ?? undefined;
  out.capacity = str(g.capacity) ?? input.capacity;
  out.capacityUnit = g.capacityUnit ?? input.capacityUnit;
  out.containerMaterial = g.containerMaterial ?? input.containerMaterial;
  out.containerType = g.containerType ?? input.containerType;
  out.containerColor = g.containerColor ?? input.containerColor;
  return out;
}
