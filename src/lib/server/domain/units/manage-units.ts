import type { z } from 'zod';
import { CustomUnitInputSchema, MappingInputSchema, ConvertInputSchema } from '../../../shared/schemas/units.ts';
import { Prisma } from '../../db/client.ts';
import type { TenantDb } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { AppError } from '../../errors.ts';
import { loadUnitCatalog } from './catalog.ts';
import { convertUnits, findUnit, type UnitType } from './rules.ts';
import { STANDARD_UNITS } from './standard-units.ts';

/** Cross-type mappings allowed by docs/rules/units.md (Custom units and mappings). */
const CROSS_TYPE = new Set([
  'volume>weight',
  'weight>volume',
  'count>volume',
  'volume>count',
  'count>weight',
  'weight>count',
]);

export async function listUnits(db: TenantDb, _ctx: OrgCtx) {
  const [custom, mappings] = await Promise.all([
    db.customUnit.findMany({ orderBy: { name: 'asc' } }),
    db.unitMapping.findMany({ orderBy: { createdAt: 'asc' } }),
  ]);
  return {
    standard: STANDARD_UNITS.map((u) => ({ ...u })),
    custom: custom.map((u) => ({
      id: u.id,
      name: u.name,
      symbol: u.symbol,
      unitType: u.unitType,
      factor: u.factor.toString(),
      isMapped: u.isMapped,
    })),
    mappings: mappings.map((m) => ({
      id: m.id,
      fromUnit: m.fromUnit,
      toUnit: m.toUnit,
      factor: m.factor.toString(),
      notes: m.notes,
    })),
  };
}

export async function createCustomUnit(db: TenantDb, ctx: OrgCtx, raw: z.input<typeof CustomUnitInputSchema>) {
  const input = CustomUnitInputSchema.parse(raw);
  const catalog = await loadUnitCatalog(db);
  if (findUnit(catalog, input.name) || (input.symbol && findUnit(catalog, input.symbol))) {
    throw new AppError('CONFLICT', `A unit named "${input.name}" already exists`, { field: 'name' });
  }
  const u = await db.customUnit.create({
    data: {
      organizationId: ctx.organizationId,
      name: input.name,
      symbol: input.symbol || input.name,
      unitType: input.unitType,
    },
  });
  return { id: u.id, name: u.name };
}

/**
 * Maps a custom unit (1 from = factor × to). Same-type: the custom unit becomes a normal unit of that
 * type (its factor is rewritten). Cross-type (volume↔weight, count↔volume, count↔weight): stored as a mapping.
 */
export async function addUnitMapping(db: TenantDb, ctx: OrgCtx, raw: z.input<typeof MappingInputSchema>) {
  const input = MappingInputSchema.parse(raw);
  const catalog = await loadUnitCatalog(db);
  const from = findUnit(catalog, input.fromUnit);
  const to = findUnit(catalog, input.toUnit);
  if (!from || !to) throw new AppError('NOT_FOUND', `Unknown unit "${!from ? input.fromUnit : input.toUnit}"`);
  if (!from.isCustom) throw new AppError('VALIDATION', 'Only custom units can be mapped', { field: 'fromUnit' });
  if (from.unitType !== to.unitType && !CROSS_TYPE.has(`${from.unitType}>${to.unitType}`)) {
    throw new AppError('VALIDATION', `A ${from.unitType} unit cannot be mapped to a ${to.unitType} unit`);
  }
  if (await db.unitMapping.findFirst({ where: { fromUnit: from.name } })) {
    throw new AppError('CONFLICT', `${from.name} already has a mapping`);
  }
  const factor = new Prisma.Decimal(input.factor);
  return db.$transaction(async (tx) => {
    await tx.unitMapping.create({
      data: {
        organizationId: ctx.organizationId,
        fromUnit: from.name,
        toUnit: to.name,
        factor,
        notes: input.notes ?? null,
      },
    });
    await tx.customUnit.updateMany({
      where: { name: from.name },
      data: { isMapped: true, ...(from.unitType === to.unitType ? { factor: factor.times(to.factor) } : {}) },
    });
    return { ok: true };
  });
}

/** The conversion calculator: the one conversion function, with the item's density when an item is given. */
export async function convertForOrg(db: TenantDb, _ctx: OrgCtx, raw: z.input<typeof ConvertInputSchema>) {
  const input = ConvertInputSchema.parse(raw);
  let density: string | null | undefined = input.density;
  if (!density && input.itemId) {
    const item = await db.inventoryItem.findUnique({
      where: { id: input.itemId },
      select: { density: true, ingredientCategory: { select: { defaultDensity: true } } },
    });
    if (!item) throw new AppError('NOT_FOUND', 'Inventory item not found.');
    density = (item.density ?? item.ingredientCategory?.defaultDensity)?.toString() ?? null;
  }
  const r = convertUnits(await loadUnitCatalog(db), { amount: input.amount, from: input.from, to: input.to, density });
  return r.ok
    ? {
        ok: true as const,
        value: r.value.toString(),
        rounded: r.value.toDecimalPlaces(3, Prisma.Decimal.ROUND_HALF_UP).toString(),
        type: r.type,
        densityUsed: r.densityUsed?.toString() ?? null,
        path: r.path,
      }
    : { ok: false as const, code: r.code, message: r.message };
}

export type { UnitType };
