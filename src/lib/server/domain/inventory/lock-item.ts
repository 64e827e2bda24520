// The row lock every stock change starts with: the item, its density fallbacks and the
// organization's costing method, read in the same statement that locks it (one round trip).
import { Prisma } from '../../db/client.ts';
import type { TenantTx } from '../../db/tenant.ts';
import { AppError } from '../../errors.ts';

type D = Prisma.Decimal;
const D = (v: string | number | D) => new Prisma.Decimal(v);

export type LockedItem = {
  id: string;
  name: string;
  unit: string;
  quantity: D;
  costPerUnit: D;
  isTracked: boolean;
  isPerishable: boolean;
  shelfLifeDays: number | null;
  density: D | null;
  categoryDensity: D | null;
  isArchived: boolean;
  itemType: string;
  /** The organization's costing method, read with the lock to save a round trip. */
  costMethod: 'fifo' | 'average';
};

export async function lockItem(tx: TenantTx, organizationId: string, itemId: string): Promise<LockedItem> {
  const rows = await tx.$queryRaw<any[]>`
    SELECT i.id, i.name, i.unit, i.quantity, i.cost_per_unit, i.is_tracked, i.is_perishable, i.shelf_life_days, i.density,
           i.is_archived, i.item_type, c.default_density, o.inventory_cost_method
      FROM inventory_items i
      JOIN organizations o ON o.id = i.organization_id
      LEFT JOIN ingredient_categories c ON c.id = i.ingredient_category_id
     WHERE i.id = ${itemId} AND i.organization_id = ${organizationId}
       FOR UPDATE OF i`;
  const r = rows[0];
  if (!r) throw new AppError('NOT_FOUND', 'Inventory item not found.');
  return {
    id: r.id,
    name: r.name,
    unit: r.unit,
    quantity: D(r.quantity),
    costPerUnit: D(r.cost_per_unit),
    isTracked: r.is_tracked,
    isPerishable: r.is_perishable,
    shelfLifeDays: r.shelf_life_days,
    density: r.density === null ? null : D(r.density),
    categoryDensity: r.default_density === null ? null : D(r.default_density),
    isArchived: r.is_archived,
    itemType: r.item_type,
    costMethod: r.inventory_cost_method === 'average' ? 'average' : 'fifo',
  };
}
