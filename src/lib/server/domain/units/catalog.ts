import type { TenantDb } from '../../db/tenant.ts';
import type { TenantTx } from '../../db/tenant.ts';
import { standardUnitDefs, type UnitCatalog, type UnitType } from './rules.ts';

const STANDARD = standardUnitDefs();

/** Standard units (from code) plus this organization's custom units and mappings. */
export async function loadUnitCatalog(db: TenantDb | TenantTx): Promise<UnitCatalog> {
  const [custom, mappings] = await Promise.all([
    db.customUnit.findMany({ select: { name: true, symbol: true, unitType: true, factor: true } }),
    db.unitMapping.findMany({ select: { fromUnit: true, toUnit: true, factor: true } }),
  ]);
  const typeOf = new Map<string, string>([
    ...STANDARD.map((u) => [u.name, u.unitType] as const),
    ...custom.map((u) => [u.name, u.unitType] as const),
  ]);
  const sameTypeMapped = new Set(
    mappings.filter((m) => typeOf.get(m.fromUnit) === typeOf.get(m.toUnit)).map((m) => m.fromUnit),
  );
  return {
    units: [
      ...STANDARD,
      ...custom.map((u) => ({
        name: u.name,
        symbol: u.symbol,
        unitType: u.unitType as UnitType,
        factor: u.factor,
        isCustom: true,
        factorKnown: sameTypeMapped.has(u.name),
      })),
    ],
    mappings,
  };
}
