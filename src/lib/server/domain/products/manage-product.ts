import { Prisma } from '../../db/client.ts';
import type { TenantDb } from '../../db/tenant.ts';
import type { TenantTx } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { AppError } from '../../errors.ts';
import {
  AddVariantInputSchema,
  ProductIdSchema,
  UpdateProductInputSchema,
  type AddVariantInput,
  type UpdateProductInput,
} from '../../../shared/schemas/products.ts';
import { assertProductNameFree, resolveCategoryId } from './create-product.ts';
import { portionNameFromLabel, renderSkuName, type SkuTemplateValues } from './rules.ts';
import { emitEvent } from '../../events/emit.ts';

/** A new variant of a product: name required and unique within the product (case-insensitive). */
export async function addVariant(db: TenantDb, ctx: OrgCtx, raw: AddVariantInput) {
  const input = AddVariantInputSchema.parse(raw);
  if (!input.name) throw new AppError('VALIDATION', 'Variant name is required', { field: 'name' });
  return db.$transaction(async (tx) => {
    const product = await tx.product.findUnique({ where: { id: input.productId }, select: { id: true } });
    if (!product) throw new AppError('NOT_FOUND', 'Product not found.');
    const clash = await tx.productVariant.findFirst({
      where: { productId: product.id, name: { equals: input.name, mode: 'insensitive' } },
      select: { id: true },
    });
    if (clash)
      throw new AppError('CONFLICT', 'A variant with this name already exists for this product', { field: 'name' });
    const variant = await tx.productVariant.create({
      data: { organizationId: ctx.organizationId, productId: product.id, name: input.name },
      select: { id: true, name: true, productId: true },
    });
    await emitEvent(tx, ctx, 'product_variant_created', product.id, { variantId: variant.id, name: variant.name });
    return variant;
  });
}

/**
 * Edits a product. A new name or category re-renders the SKUs' display names, and a new name renames
 * their inventory items ("<Product> - <Variant> - <size label>") so the two never disagree.
 */
export async function updateProduct(db: TenantDb, ctx: OrgCtx, raw: UpdateProductInput) {
  const input = UpdateProductInputSchema.parse(raw);
  return db.$transaction(async (tx) => {
    const product = await tx.product.findUnique({
      where: { id: input.productId },
      select: { id: true, name: true, categoryId: true },
    });
    if (!product) throw new AppError('NOT_FOUND', 'Product not found.');
    const renamed = input.name !== undefined && input.name !== product.name;
    if (renamed) await assertProductNameFree(tx, input.name!, product.id);
    const categoryChanged = input.categoryId !== undefined && (input.categoryId ?? null) !== product.categoryId;
    const categoryId = categoryChanged ? await resolveCategoryId(tx, input.categoryId) : product.categoryId;
    const updated = await tx.product.update({
      where: { id: product.id },
      data: {
        ...(renamed ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(categoryChanged ? { categoryId } : {}),
        ...(input.lowStockThreshold !== undefined
          ? { lowStockThreshold: new Prisma.Decimal(input.lowStockThreshold) }
          : {}),
        ...(input.isActive !== undefined ? { isActive: input.isActive } : {}),
      },
      select: { id: true, name: true, description: true, categoryId: true, lowStockThreshold: true, isActive: true },
    });
    if (renamed || categoryChanged) await refreshSkuNames(tx, product.id, renamed);
    return { ...updated, lowStockThreshold: updated.lowStockThreshold.toString() };
  });
}

async function refreshSkuNames(tx: TenantTx, productId: string, renameItems: boolean) {
  const product = await tx.product.findUniqueOrThrow({
    where: { id: productId },
    select: { name: true, category: { select: { skuNameTemplate: true } } },
  });
  const skus = await tx.productSku.findMany({
    where: { productId },
    select: {
      id: true,
      itemId: true,
      sizeLabel: true,
      sizeKind: true,
      portionSize: true,
      portionUnit: true,
      containerItemId: true,
      variant: { select: { name: true } },
    },
  });
  for (const s of skus) {
    const values: SkuTemplateValues = { product: product.name, variant: s.variant.name, size_label: s.sizeLabel };
    if (s.sizeKind === 'portion' && s.portionSize && s.portionUnit) {
      Object.assign(values, {
        portion_size_value: s.portionSize,
        portion_size_unit: s.portionUnit,
        portion_name: portionNameFromLabel(s.sizeLabel, s.portionSize, s.portionUnit),
      });
    }
    if (s.sizeKind === 'container') {
      const c = s.containerItemId
        ? await tx.inventoryItem.findUnique({
            where: { id: s.containerItemId },
            select: { capacity: true, capacityUnit: true },
          })
        : null;
      Object.assign(values, {
        container: s.sizeLabel,
        yield_value: c?.capacity ?? null,
        yield_unit: c?.capacityUnit ?? null,
      });
    }
    await tx.productSku.update({
      where: { id: s.id },
      data: { displayName: renderSkuName(product.category?.skuNameTemplate, values) },
    });
    if (renameItems) {
      const name = `${product.name} - ${s.variant.name} - ${s.sizeLabel}`.slice(0, 120);
      const clash = await tx.inventoryItem.findFirst({
        where: { name: { equals: name, mode: 'insensitive' }, id: { not: s.itemId } },
        select: { id: true },
      });
      if (clash)
        throw new AppError('CONFLICT', `An inventory item named "${name}" already exists; rename it first.`, {
          field: 'name',
        });
      await tx.inventoryItem.update({ where: { id: s.itemId }, data: { name } });
    }
  }
}

/**
 * Deletes a product with its variants, SKUs and their inventory items (lots and history go with them).
 * Refused while any SKU still has stock.
 */
export async function deleteProduct(db: TenantDb, ctx: OrgCtx, raw: { productId: string }) {
  const input = ProductIdSchema.parse(raw);
  return db.$transaction(async (tx) => {
    const product = await tx.product.findUnique({ where: { id: input.productId }, select: { id: true, name: true } });
    if (!product) throw new AppError('NOT_FOUND', 'Product not found.');
    const skus = await tx.productSku.findMany({ where: { productId: product.id }, select: { itemId: true } });
    const itemIds = skus.map((s) => s.itemId);
    // Lock the SKU items so a restock cannot land between the check and the delete.
    if (itemIds.length) {
      const rows = await tx.$queryRaw<{ quantity: string }[]>`
        SELECT quantity::text FROM inventory_items WHERE organization_id = ${ctx.organizationId} AND id = ANY(${itemIds}::text[]) FOR UPDATE`;
      if (rows.some((r) => new Prisma.Decimal(r.quantity).gt(0))) {
        throw new AppError('INVALID_STATE', 'Cannot delete product with remaining inventory');
      }
      const used = await tx.recipeLine.count({ where: { itemId: { in: itemIds } } });
      if (used) throw new AppError('INVALID_STATE', 'Cannot delete product: a recipe uses one of its SKUs');
      await tx.inventoryItem.deleteMany({ where: { id: { in: itemIds } } });
    }
    await tx.product.delete({ where: { id: product.id } });
    return { id: product.id, deletedSkus: itemIds.length };
  });
}
