// Order test helpers: a sellable SKU with real lots, through the same domain functions as the app.
import type { TenantDb } from '../../src/lib/server/db/tenant.ts';
import type { OrgCtx } from '../../src/lib/server/domain/context.ts';
import { createProduct } from '../../src/lib/server/domain/products/create-product.ts';
import { createSku } from '../../src/lib/server/domain/products/ensure-sku.ts';
import { applyMovement } from '../../src/lib/server/domain/inventory/apply-movement.ts';
import type { TestEnv } from './db.ts';

/** A product with one bulk SKU counted in `unit`, and the given lots (quantity at a unit cost). */
export async function makeSku(
  db: TenantDb,
  ctx: OrgCtx,
  name: string,
  lots: { quantity: string; unitCost: string; expiresAt?: Date; receivedAt?: Date }[] = [],
  opts: { unit?: string; isPerishable?: boolean } = {},
) {
  const product = await createProduct(db, ctx, { name });
  const sku = await createSku(db, ctx, {
    productId: product.id,
    variantId: product.baseVariantId,
    unit: opts.unit ?? 'count',
    isPerishable: opts.isPerishable,
  });
  for (const l of lots)
    await applyMovement(db, ctx, {
      itemId: sku.itemId,
      changeType: 'restock',
      quantity: l.quantity,
      unitCost: l.unitCost,
      expiresAt: l.expiresAt,
      receivedAt: l.receivedAt,
    });
  const row = await db.productSku.findUniqueOrThrow({ where: { id: sku.skuId }, select: { code: true } });
  return { productId: product.id, skuId: sku.skuId, itemId: sku.itemId, code: row.code };
}

export async function lotsOf(env: TestEnv, itemId: string) {
  const lots = await env.db.inventoryLot.findMany({ where: { itemId }, orderBy: { receivedAt: 'asc' } });
  return lots.map((l) => ({
    code: l.code,
    remaining: l.remainingQuantity.toString(),
    value: l.remainingValue.toString(),
  }));
}

export async function onHand(env: TestEnv, itemId: string) {
  return (await env.db.inventoryItem.findUniqueOrThrow({ where: { id: itemId } })).quantity.toString();
}
