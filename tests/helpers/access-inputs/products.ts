import { expect } from 'vitest';
import { defineArea } from './types.ts';

const B_PRODUCT = 'B secret candle';

// Inputs for the products procedures: org B owns a product with a second variant and a bulk SKU.
export default defineArea({
  async setup({ bOwner }) {
    const product = await bOwner.products.create({ name: B_PRODUCT });
    const variant = await bOwner.products.addVariant({ productId: product.id, name: 'B secret variant' });
    const sku = await bOwner.products.createSku({
      productId: product.id,
      variantId: product.baseVariantId,
      unit: 'gram',
    });
    return {
      productId: product.id,
      baseVariantId: product.baseVariantId,
      variantId: variant.id,
      skuId: sku.skuId,
      skuItemId: sku.itemId,
    };
  },
  inputs: (fx) => ({
    'products.list': { input: {}, foreign: false },
    'products.categories': { input: undefined, foreign: false },
    'products.get': { input: { productId: fx.productId }, foreign: true },
    'products.getSku': { input: { skuId: fx.skuId }, foreign: true },
    'products.create': { input: { name: `A product ${Date.now()}` }, foreign: false },
    'products.update': { input: { productId: fx.productId, name: 'hijacked product' }, foreign: true },
    'products.addVariant': { input: { productId: fx.productId, name: 'Hijack' }, foreign: true },
    'products.delete': { input: { productId: fx.productId }, foreign: true },
    'products.createSku': {
      input: { productId: fx.productId, variantId: fx.baseVariantId, unit: 'ml' },
      foreign: true,
    },
  }),
  secrets: (fx) => [fx.productId, fx.baseVariantId, fx.variantId, fx.skuId, fx.skuItemId, B_PRODUCT],
  async assertUntouched({ env }, fx) {
    const p = await env.db.product.findUniqueOrThrow({
      where: { id: fx.productId },
      include: { variants: true, skus: true },
    });
    expect([p.name, p.variants.map((v) => v.name).sort(), p.skus.map((s) => s.id)]).toEqual([
      B_PRODUCT,
      ['B secret variant', 'Base'],
      [fx.skuId],
    ]);
  },
});
