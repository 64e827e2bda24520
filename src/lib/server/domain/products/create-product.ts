import { Prisma } from '../../db/client.ts';
import type { TenantDb } from '../../db/tenant.ts';
import type { TenantTx } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { AppError } from '../../errors.ts';
import { assertTierLimit } from '../orgs/limits.ts';
import { CreateProductInputSchema, type CreateProductInput } from '../../../shared/schemas/products.ts';
import { emitEvent } from '../../events/emit.ts';

export const UNCATEGORIZED = 'Uncategorized';
export const BASE_VARIANT = 'Base';

/**
 * Creates a product with its "Base" variant. Name required and unique in the organization
 * (case-insensitive); without a category it goes to "Uncategorized"; the tier's product limit applies.
 */
export async function createProduct(db: TenantDb, ctx: OrgCtx, raw: CreateProductInput) {
  const input = CreateProductInputSchema.parse(raw);
  if (!input.name) throw new AppError('VALIDATION', 'Product name is required', { field: 'name' });
  return db.$transaction(async (tx) => {
    // One product creation at a time per organization, so two concurrent creates cannot both pass the limit.
    await tx.$queryRaw`SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext(${`products:${ctx.organizationId}`}))) l`;
    await assertProductLimit(tx, ctx);
    await assertProductNameFree(tx, input.name);
    const categoryId = await resolveCategoryId(tx, input.categoryId);
    const product = await tx.product.create({
      data: {
        organizationId: ctx.organizationId,
        name: input.name,
        description: input.description ?? '',
        categoryId,
        ...(input.lowStockThreshold !== undefined
          ? { lowStockThreshold: new Prisma.Decimal(input.lowStockThreshold) }
          : {}),
      },
      select: { id: true, name: true, categoryId: true },
    });
    const variant = await tx.productVariant.create({
      data: { organizationId: ctx.organizationId, productId: product.id, name: BASE_VARIANT },
      select: { id: true, name: true },
    });
    await emitEvent(tx, ctx, 'product_created', product.id, { name: product.name });
    return { ...product, baseVariantId: variant.id, variants: [variant] };
  });
}

export async function assertProductNameFree(tx: TenantTx, name: string, exceptId?: string) {
  const clash = await tx.product.findFirst({
    where: { name: { equals: name, mode: 'insensitive' }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (clash) throw new AppError('CONFLICT', 'Product with this name already exists', { field: 'name' });
}

/** The given category (must exist), else "Uncategorized" when the seed has it, else none. */
export async function resolveCategoryId(tx: TenantTx, categoryId: string | undefined | null): Promise<string | null> {
  if (categoryId) {
    const c = await tx.productCategory.findUnique({ where: { id: categoryId }, select: { id: true } });
    if (!c) throw new AppError('NOT_FOUND', 'Product category not found', { field: 'categoryId' });
    return c.id;
  }
  const fallback = await tx.productCategory.findUnique({ where: { name: UNCATEGORIZED }, select: { id: true } });
  return fallback?.id ?? null;
}

/**
 * docs/rules/permissions-and-tiers.md (Tier limits): over the tier's max_products is LIMIT_EXCEEDED, naming
 * the tiers that lift it (-1 = unlimited).
 */
export async function assertProductLimit(tx: TenantTx, ctx: OrgCtx, adding = 1) {
  await assertTierLimit(tx, ctx.organizationId, {
    field: 'maxProducts',
    limitName: 'max_products',
    reached: 'Product limit reached',
    noun: 'products',
    adding,
    higherTiersOnly: true,
    count: () => tx.product.count(),
  });
}
