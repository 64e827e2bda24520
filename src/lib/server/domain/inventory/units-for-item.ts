import { Prisma } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import type { OrgCtx } from '../context.ts';
import { loadUnitCatalog } from '../units/catalog.ts';
import { convertUnits } from '../units/rules.ts';
import type { TenantTx } from '../../db/tenant.ts';
import type { LockedItem } from './lock-item.ts';

/**
 * Converts a quantity given in `unit` into the item's unit, with the item's density or its ingredient
 * category's default. Failures keep their typed code in details so the UI can offer the fix
 * (e.g. enter a density on the spot for MISSING_DENSITY).
 */
export async function toItemUnit(
  tx: TenantTx,
  _ctx: OrgCtx,
  item: LockedItem,
  q: Prisma.Decimal,
  unit: string,
): Promise<Prisma.Decimal> {
  const catalog = await loadUnitCatalog(tx);
  const r = convertUnits(catalog, {
    amount: q,
    from: unit,
    to: item.unit,
    density: item.density ?? item.categoryDensity,
  });
  if (!r.ok) {
    throw new AppError(
      'VALIDATION',
      `Cannot convert ${unit} to ${item.unit} for ${item.name}: ${r.message}. Use the item's unit (${item.unit}) or fix the conversion.`,
      {
        conversionError: r.code,
        itemId: item.id,
        from: unit,
        to: item.unit,
      },
    );
  }
  return r.value;
}
