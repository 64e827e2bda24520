import { expect } from 'vitest';
import { defineArea } from './types.ts';
import { encryptSecret, shopifyKey } from '../../../src/lib/server/integrations/shopify.ts';

const B_CUSTOMER = 'B secret customer';
const B_SHOP = 'b-secret-shop.myshopify.com';

// Inputs for the orders and customers procedures: org B owns a customer, a SKU with stock, and orders
// that are draft, reserved and fulfilled.
export default defineArea({
  async setup({ env, bOwner, bOrgId }) {
    // B's Shopify connection, written directly: saving one needs the server key, which tests leave unset.
    const shop = await env.db.shopifyConnection.create({
      data: {
        organizationId: bOrgId,
        shopDomain: B_SHOP,
        secretCiphertext: encryptSecret('b secret signing key', shopifyKey({ SHOPIFY_SECRET_KEY: 'test' })!),
      },
    });
    const product = await bOwner.products.create({ name: 'B secret bar' });
    const sku = await bOwner.products.createSku({
      productId: product.id,
      variantId: product.baseVariantId,
      unit: 'count',
    });
    await bOwner.inventory.adjust({ itemId: sku.itemId, changeType: 'restock', quantity: '30', unitCost: '2' });
    const customer = await bOwner.customers.create({ name: B_CUSTOMER, email: 'b-secret@example.com' });
    const mk = () =>
      bOwner.orders.create({ customerId: customer.id, lines: [{ skuId: sku.skuId, quantity: '2', unitPrice: '9' }] });
    const draft = await mk();
    const reserved = await mk();
    await bOwner.orders.reserve({ orderId: reserved.id });
    const fulfilled = await mk();
    await bOwner.orders.reserve({ orderId: fulfilled.id });
    await bOwner.orders.fulfil({ orderId: fulfilled.id });
    const lineId = (await env.db.salesOrderLine.findFirstOrThrow({ where: { orderId: fulfilled.id } })).id;
    const token = await bOwner.apiTokens.create({ name: 'B secret integration' });
    return {
      tokenId: token.id,
      tokenPrefix: token.prefix,
      connectionId: shop.id,
      skuId: sku.skuId,
      itemId: sku.itemId,
      customerId: customer.id,
      draftId: draft.id,
      reservedId: reserved.id,
      fulfilledId: fulfilled.id,
      lineId,
    };
  },
  inputs: (fx) => ({
    'apiTokens.list': { input: undefined, foreign: false },
    'apiTokens.create': { input: { name: 'A integration' }, foreign: false },
    'apiTokens.revoke': { input: { tokenId: fx.tokenId }, foreign: true },
    'shopify.connection': { input: undefined, foreign: false },
    // Shopify is off in tests (no SHOPIFY_SECRET_KEY): saving is refused; A has no connection to remove.
    'shopify.save': {
      input: { shopDomain: 'a-shop.myshopify.com', webhookSecret: 'a-signing-secret' },
      foreign: false,
      refusedWith: 'CONFLICT',
    },
    'shopify.remove': { input: undefined, foreign: false, refusedWith: 'NOT_FOUND' },
    'customers.list': { input: {}, foreign: false },
    'customers.get': { input: { customerId: fx.customerId }, foreign: true },
    'customers.import': { input: { csv: 'name,email\nA imported,a-imported@example.com' }, foreign: false },
    'customers.create': { input: { name: `A customer ${Date.now()}` }, foreign: false },
    'customers.update': { input: { customerId: fx.customerId, name: 'hijacked' }, foreign: true },
    'orders.list': { input: {}, foreign: false },
    'orders.get': { input: { orderId: fx.draftId }, foreign: true },
    'orders.salesReport': { input: {}, foreign: false },
    'orders.skuOptions': { input: undefined, foreign: false },
    'orders.availability': { input: { skuIds: [fx.skuId] }, foreign: true },
    'orders.create': { input: { lines: [{ skuId: fx.skuId, quantity: '1' }] }, foreign: true },
    'orders.reserve': { input: { orderId: fx.draftId }, foreign: true },
    'orders.release': { input: { orderId: fx.reservedId }, foreign: true },
    'orders.cancel': { input: { orderId: fx.draftId }, foreign: true },
    'orders.fulfil': { input: { orderId: fx.reservedId }, foreign: true },
    'orders.return': {
      input: { orderId: fx.fulfilledId, lines: [{ lineId: fx.lineId, quantity: '1' }] },
      foreign: true,
    },
  }),
  secrets: (fx) => [
    fx.connectionId,
    B_SHOP,
    fx.skuId,
    fx.itemId,
    fx.customerId,
    fx.draftId,
    fx.reservedId,
    fx.fulfilledId,
    B_CUSTOMER,
  ],
  async assertUntouched({ env }, fx) {
    const orders = await env.db.salesOrder.findMany({
      where: { id: { in: [fx.draftId, fx.reservedId, fx.fulfilledId] } },
      orderBy: { number: 'asc' },
    });
    expect(orders.map((o) => o.status)).toEqual(['draft', 'reserved', 'fulfilled']);
    const item = await env.db.inventoryItem.findUniqueOrThrow({ where: { id: fx.itemId } });
    expect(item.quantity.toString()).toBe('26');
    const c = await env.db.customer.findUniqueOrThrow({ where: { id: fx.customerId } });
    expect(c.name).toBe(B_CUSTOMER);
    expect((await env.db.apiToken.findUniqueOrThrow({ where: { id: fx.tokenId } })).revokedAt).toBeNull();
    expect((await env.db.shopifyConnection.findUniqueOrThrow({ where: { id: fx.connectionId } })).shopDomain).toBe(
      B_SHOP,
    );
  },
});
