// Finds or creates the SKU a batch output (or the manual SKU form) lands in. Batch completion calls
// ensureSkuInTx inside its own transaction, so everything here works on a transaction client.
import { Prisma } from '../../db/client.ts';
import type { TenantDb } from '../../db/tenant.ts';
import type { TenantTx } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { AppError } from '../../errors.ts';
import { createItemInTx } from '../inventory/create-item.ts';
import { loadUnitCatalog } from '../units/catalog.ts';
import { convertUnits, findUnit, type UnitCatalog } from '../units/rules.ts';
import { unitLabel } from '../units/standard-units.ts';
import { bulkLabelFor, containerLabel, portionLabel, renderSkuName, skuCode, type SkuTemplateValues } from './rules.ts';
import { CreateSkuInputSchema, EnsureSkuInputSchema, type CreateSkuInput } from '../../../shared/schemas/products.ts';
import { emitEvent } from '../../events/emit.ts';

export type EnsureSkuInput = {
  productId: string;
  variantId: string;
  sizeKind: 'bulk' | 'container' | 'portion';
  unit: string;
  containerItemId?: string;
  containerName?: string;
  capacity?: string;
  capacityUnit?: string;
  portionSize?: string;
  portionUnit?: string;
  portionName?: string;
  isPerishable?: boolean;
  shelfLifeDays?: number | null;
};
export type EnsureSkuResult = { skuId: string; itemId: string; created: boolean };

type SkuRow = {
  id: string;
  itemId: string;
  sizeLabel: string;
  unit: string;
  portionSize: Prisma.Decimal | null;
  portionUnit: string | null;
};
const SKU_SELECT = {
  id: true,
  itemId: true,
  sizeLabel: true,
  unit: true,
  portionSize: true,
  portionUnit: true,
} as const;

/**
 * Rules:
 * - container: one SKU per (variant, container item), counted in 'count', labelled "8 oz Amber Jar";
 * - bulk: an existing bulk SKU of the variant in the same unit, else one whose unit converts (same unit
 *   type), else a new "Bulk <Type>" ("Bulk Weight (scoop)" when that label is taken by another unit);
 * - portion (docs/rules/products.md, Portion SKUs): one SKU per portion size (1 kg and 1000 gram are the
 *   same size), 'count'.
 * A new SKU gets its own 'product' inventory item "<Product> - <Variant> - <size label>".
 */
export async function ensureSkuInTx(tx: TenantTx, ctx: OrgCtx, raw: EnsureSkuInput): Promise<EnsureSkuResult> {
  const input = EnsureSkuInputSchema.parse(raw);
  // Serializes SKU creation per variant: two batches finishing at once must not both create the same SKU.
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM product_variants WHERE id = ${input.variantId} AND product_id = ${input.productId}
       AND organization_id = ${ctx.organizationId} FOR UPDATE`;
  if (!locked.length) throw new AppError('NOT_FOUND', 'Product variant not found.');
  const product = await tx.product.findUnique({
    where: { id: input.productId },
    select: { id: true, name: true, lowStockThreshold: true, category: { select: { skuNameTemplate: true } } },
  });
  const variant = await tx.productVariant.findUnique({
    where: { id: input.variantId },
    select: { id: true, name: true },
  });
  if (!product || !variant) throw new AppError('NOT_FOUND', 'Product variant not found.');
  const catalog = await loadUnitCatalog(tx);
  const existing = (kind: string, extra: Prisma.ProductSkuWhereInput = {}) =>
    tx.productSku.findMany({
      where: { variantId: variant.id, sizeKind: kind, ...extra },
      select: SKU_SELECT,
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });

  let plan: {
    label: string;
    unit: string;
    values: SkuTemplateValues;
    containerItemId?: string;
    portionSize?: Prisma.Decimal;
    portionUnit?: string;
  };

  if (input.sizeKind === 'container') {
    if (!input.containerItemId)
      throw new AppError('VALIDATION', 'A container SKU needs a container', { field: 'containerItemId' });
    const [found] = await existing('container', { containerItemId: input.containerItemId });
    if (found) return reuse(found);
    const container = await tx.inventoryItem.findUnique({
      where: { id: input.containerItemId },
      select: { id: true, name: true, itemType: true, capacity: true, capacityUnit: true },
    });
    if (!container || container.itemType !== 'container')
      throw new AppError('NOT_FOUND', 'Container not found.', { field: 'containerItemId' });
    const capacity = input.capacity ?? container.capacity?.toString() ?? null;
    const capacityUnit = input.capacityUnit ?? container.capacityUnit ?? null;
    const name = input.containerName ?? container.name;
    const label = containerLabel(capacity, capacityUnit, name);
    plan = {
      label,
      unit: 'count',
      containerItemId: container.id,
      values: { container: label, size_label: label, yield_value: capacity, yield_unit: capacityUnit },
    };
  } else if (input.sizeKind === 'portion') {
    if (!input.portionSize)
      throw new AppError('VALIDATION', 'A portion SKU needs the size of one portion', { field: 'portionSize' });
    const size = new Prisma.Decimal(input.portionSize);
    const portionUnit = canonicalUnit(catalog, input.portionUnit || input.unit);
    // A portion poured into a container is sold as that filled container (docs/rules/production-outputs.md):
    // the SKU is the portion size *and* the container, so a candle in a jar and one in a tin differ.
    const containerItemId = input.containerItemId ?? null;
    const same = (await existing('portion', { containerItemId })).find(
      (s) => s.portionSize && s.portionUnit && sameAmount(catalog, size, portionUnit, s.portionSize, s.portionUnit),
    );
    if (same) return reuse(same);
    let label = portionLabel(size, portionUnit, input.portionName);
    let container: string | undefined;
    if (containerItemId) {
      const c = await tx.inventoryItem.findUnique({
        where: { id: containerItemId },
        select: { name: true, itemType: true, capacity: true, capacityUnit: true },
      });
      if (!c || c.itemType !== 'container')
        throw new AppError('NOT_FOUND', 'Container not found.', { field: 'containerItemId' });
      container = containerLabel(c.capacity?.toString() ?? null, c.capacityUnit, input.containerName ?? c.name);
      label = `${label} in ${container}`.slice(0, 64).trim();
    }
    plan = {
      label,
      unit: 'count',
      portionSize: size,
      portionUnit,
      ...(containerItemId ? { containerItemId } : {}),
      values: {
        size_label: label,
        container,
        portion_name: input.portionName,
        portion_size_value: size,
        portion_size_unit: unitLabel(portionUnit),
      },
    };
  } else {
    const def = findUnit(catalog, input.unit);
    if (!def) throw new AppError('VALIDATION', `Unknown unit "${input.unit}"`, { field: 'unit' });
    const bulk = await existing('bulk');
    const exact = bulk.find((s) => s.unit === def.name);
    if (exact) return reuse(exact);
    const convertible = bulk.find((s) => convertUnits(catalog, { amount: 1, from: def.name, to: s.unit }).ok);
    if (convertible) return reuse(convertible);
    let label = bulkLabelFor(def.unitType);
    if (await labelTaken(tx, variant.id, label)) label = `${label} (${unitLabel(def.name)})`;
    plan = { label, unit: def.name, values: { size_label: label } };
  }

  // A label can clash with a SKU of another kind (or two containers with one name): number it.
  let label = plan.label;
  for (let n = 2; await labelTaken(tx, variant.id, label); n++) label = `${plan.label} (${n})`;
  if (label !== plan.label && plan.values.size_label === plan.label) plan.values.size_label = label;

  const item = await createItemInTx(tx, ctx, {
    name: await freeItemName(tx, `${product.name} - ${variant.name} - ${label}`),
    itemType: 'product',
    unit: plan.unit,
    isPerishable: input.isPerishable ?? false,
    shelfLifeDays: input.shelfLifeDays ?? undefined,
  });
  const code = await freeSkuCode(tx, product.name, variant.name, label);
  const displayName = renderSkuName(product.category?.skuNameTemplate, {
    product: product.name,
    variant: variant.name,
    ...plan.values,
  });
  const sku = await tx.productSku.create({
    data: {
      organizationId: ctx.organizationId,
      productId: product.id,
      variantId: variant.id,
      itemId: item.id,
      code,
      sizeLabel: label,
      displayName,
      unit: item.unit,
      sizeKind: input.sizeKind,
      containerItemId: plan.containerItemId ?? null,
      portionSize: plan.portionSize ?? null,
      portionUnit: plan.portionUnit ?? null,
      lowStockThreshold: product.lowStockThreshold,
    },
    select: { id: true, itemId: true },
  });
  await emitEvent(tx, ctx, 'sku_created', sku.id, { sku: code });
  return { skuId: sku.id, itemId: sku.itemId, created: true };
}

/** The manual "add a bulk SKU" action: ensureSkuInTx in its own transaction. */
export async function createSku(db: TenantDb, ctx: OrgCtx, raw: CreateSkuInput): Promise<EnsureSkuResult> {
  const input = CreateSkuInputSchema.parse(raw);
  return db.$transaction((tx) => ensureSkuInTx(tx, ctx, { ...input, sizeKind: 'bulk' }));
}

function reuse(s: SkuRow): EnsureSkuResult {
  return { skuId: s.id, itemId: s.itemId, created: false };
}

function canonicalUnit(catalog: UnitCatalog, unit: string): string {
  return findUnit(catalog, unit)?.name ?? unit.trim();
}

/** Same amount after conversion (no density: a portion of 100 ml is not a portion of 100 g). */
function sameAmount(catalog: UnitCatalog, a: Prisma.Decimal, aUnit: string, b: Prisma.Decimal, bUnit: string): boolean {
  if (aUnit === bUnit) return a.eq(b);
  const r = convertUnits(catalog, { amount: a, from: aUnit, to: bUnit });
  return r.ok && r.value.toDecimalPlaces(6, Prisma.Decimal.ROUND_HALF_UP).eq(b);
}

async function labelTaken(tx: TenantTx, variantId: string, label: string): Promise<boolean> {
  return !!(await tx.productSku.findFirst({ where: { variantId, sizeLabel: label }, select: { id: true } }));
}

/** Item names are unique per organization (case-insensitive): number the name if an unrelated item has it. */
async function freeItemName(tx: TenantTx, wanted: string): Promise<string> {
  const base = wanted.slice(0, 112);
  let name = base;
  for (
    let n = 2;
    await tx.inventoryItem.findFirst({ where: { name: { equals: name, mode: 'insensitive' } }, select: { id: true } });
    n++
  )
    name = `${base} (${n})`;
  return name;
}

/**
 * A code not used in the organization. Checked before insert rather than by catching the unique violation,
 * because a failed statement would abort the caller's transaction; 36^6 random tails make clashes rare.
 */
async function freeSkuCode(tx: TenantTx, product: string, variant: string, size: string): Promise<string> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const code = skuCode(product, variant, size);
    if (!(await tx.productSku.findFirst({ where: { code }, select: { id: true } }))) return code;
  }
  throw new AppError('CONFLICT', 'Could not generate a unique SKU code; try again.');
}
