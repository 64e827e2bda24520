// Products, variants and SKUs against a real Postgres: SKU identity rules for bulk, container and
// portion sizes, display names from category templates, deletion guard and the tier's product limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, resetData, type TestEnv } from '../helpers/db.ts';
import { makeInventoryOrg, makeItem, expectBooksBalance } from '../helpers/inventory.ts';
import type { TenantDb } from '../../src/lib/server/db/tenant.ts';
import type { OrgCtx } from '../../src/lib/server/domain/context.ts';
import { createProduct } from '../../src/lib/server/domain/products/create-product.ts';
import { addVariant, deleteProduct, updateProduct } from '../../src/lib/server/domain/products/manage-product.ts';
import { createSku, ensureSkuInTx, type EnsureSkuInput } from '../../src/lib/server/domain/products/ensure-sku.ts';
import { getProduct, getSku, listProducts } from '../../src/lib/server/domain/products/queries.ts';
import { applyMovement } from '../../src/lib/server/domain/inventory/apply-movement.ts';

let env: TestEnv;
let db: TenantDb;
let ctx: OrgCtx;
let orgId: string;
const cat: Record<string, string> = {};

const CATEGORIES = [
  {
    name: 'Soaps',
    isTypicallyPortioned: true,
    skuNameTemplate: '{variant} {product} ({portion_size_value} {portion_size_unit} {portion_name})',
  },
  { name: 'Candles', isTypicallyPortioned: false, skuNameTemplate: '{variant} {product} ({container})' },
  { name: 'Uncategorized', isTypicallyPortioned: false, skuNameTemplate: '{variant} {product}' },
];

beforeAll(async () => {
  env = await createTestEnv();
  await resetData(env.db);
  for (const c of CATEGORIES) {
    const row = await env.db.productCategory.upsert({
      where: { name: c.name },
      create: c,
      update: { skuNameTemplate: c.skuNameTemplate, isTypicallyPortioned: c.isTypicallyPortioned },
    });
    cat[c.name] = row.id;
  }
  const o = await makeInventoryOrg(env);
  db = o.db;
  ctx = o.ctx;
  orgId = o.org.id;
});
afterAll(() => env.close());

const ensure = (input: EnsureSkuInput) => db.$transaction((tx) => ensureSkuInTx(tx, ctx, input));
const sku = (id: string) => env.db.productSku.findUniqueOrThrow({ where: { id }, include: { item: true } });

describe('createProduct', () => {
  it('creates the product with a Base variant, in Uncategorized without a category', async () => {
    const p = await createProduct(db, ctx, { name: 'Beard Oil' });
    expect(p.categoryId).toBe(cat.Uncategorized);
    const variants = await env.db.productVariant.findMany({ where: { productId: p.id } });
    expect(variants.map((v) => v.name)).toEqual(['Base']);
    expect(p.baseVariantId).toBe(variants[0]!.id);
  });
  it('requires a name and refuses a duplicate (case-insensitive)', async () => {
    await expect(createProduct(db, ctx, { name: '  ' })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: 'Product name is required',
    });
    await expect(createProduct(db, ctx, { name: 'beard oil' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'Product with this name already exists',
    });
    expect(await env.db.product.count({ where: { organizationId: orgId } })).toBe(1);
  });
  it('adds variants: name required and unique per product', async () => {
    const p = await createProduct(db, ctx, { name: 'Body Butter', categoryId: cat.Uncategorized });
    const v = await addVariant(db, ctx, { productId: p.id, name: 'Whipped' });
    expect(v.name).toBe('Whipped');
    await expect(addVariant(db, ctx, { productId: p.id, name: 'whipped' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(addVariant(db, ctx, { productId: p.id, name: '' })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: 'Variant name is required',
    });
    const detail = await getProduct(db, ctx, { productId: p.id });
    expect(detail.variants.map((x) => x.name)).toEqual(['Base', 'Whipped']);
  });
});

describe('ensureSkuInTx', () => {
  it('reuses one SKU per (variant, container) and labels it from the container', async () => {
    const p = await createProduct(db, ctx, { name: 'Vanilla Candle', categoryId: cat.Candles });
    const jar = await makeItem(db, ctx, {
      name: '',
      itemType: 'container',
      containerMaterial: 'Amber Glass',
      containerType: 'Jar',
      capacity: '8',
      capacityUnit: 'oz',
    });
    expect(jar.name).toBe('Amber Glass Jar - 8 oz');
    const base = {
      productId: p.id,
      variantId: p.baseVariantId,
      sizeKind: 'container' as const,
      unit: 'count',
      containerItemId: jar.id,
    };
    const first = await ensure(base);
    const second = await ensure(base);
    expect(first.created).toBe(true);
    expect(second).toEqual({ skuId: first.skuId, itemId: first.itemId, created: false });
    const s = await sku(first.skuId);
    expect([s.sizeLabel, s.unit, s.sizeKind, s.displayName, s.item.name, s.item.itemType, s.item.unit]).toEqual([
      '8 oz Amber Glass Jar',
      'count',
      'container',
      'Base Vanilla Candle (8 oz Amber Glass Jar)',
      'Vanilla Candle - Base - 8 oz Amber Glass Jar',
      'product',
      'count',
    ]);
    expect(s.code).toMatch(/^VAN-BAS-8OZ-[0-9A-Z]{6}$/);
    // Another variant gets its own SKU for the same container.
    const tall = await addVariant(db, ctx, { productId: p.id, name: 'Tall' });
    const other = await ensure({ ...base, variantId: tall.id });
    expect(other.created).toBe(true);
    expect(other.skuId).not.toBe(first.skuId);
  });

  it('reuses a bulk SKU for the same unit and for a convertible unit (kg vs gram)', async () => {
    const p = await createProduct(db, ctx, { name: 'Bath Salt' });
    const base = { productId: p.id, variantId: p.baseVariantId, sizeKind: 'bulk' as const };
    const g = await ensure({ ...base, unit: 'gram', isPerishable: true, shelfLifeDays: 180 });
    expect(g.created).toBe(true);
    expect(await ensure({ ...base, unit: 'gram' })).toEqual({ ...g, created: false });
    expect(await ensure({ ...base, unit: 'kg' })).toEqual({ ...g, created: false });
    const s = await sku(g.skuId);
    expect([s.sizeLabel, s.unit, s.displayName, s.item.name, s.item.isPerishable, s.item.shelfLifeDays]).toEqual([
      'Bulk Weight',
      'gram',
      'Base Bath Salt',
      'Bath Salt - Base - Bulk Weight',
      true,
      180,
    ]);
    // A volume unit does not convert without a density: a second bulk SKU.
    const ml = await ensure({ ...base, unit: 'ml' });
    expect(ml.created).toBe(true);
    expect((await sku(ml.skuId)).sizeLabel).toBe('Bulk Volume');
  });

  it('names a bulk SKU "Bulk Weight (<unit>)" when the label is taken by a unit that does not convert', async () => {
    const p = await createProduct(db, ctx, { name: 'Clay Mask' });
    await env.db.customUnit.create({
      data: { organizationId: orgId, name: 'scoop', symbol: 'scp', unitType: 'weight' },
    });
    const base = { productId: p.id, variantId: p.baseVariantId, sizeKind: 'bulk' as const };
    const g = await ensure({ ...base, unit: 'gram' });
    const scoop = await ensure({ ...base, unit: 'scoop' });
    expect(scoop.created).toBe(true);
    expect(scoop.skuId).not.toBe(g.skuId);
    expect((await sku(scoop.skuId)).sizeLabel).toBe('Bulk Weight (scoop)');
    await expect(ensure({ ...base, unit: 'furlongs-per-fortnight' })).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  // docs/rules/products.md (Portion SKUs)
  it('shares a portion SKU for the same portion size and separates different sizes', async () => {
    const p = await createProduct(db, ctx, { name: 'Lavender Soap', categoryId: cat.Soaps });
    const base = {
      productId: p.id,
      variantId: p.baseVariantId,
      sizeKind: 'portion' as const,
      unit: 'count',
      portionName: 'Bar',
    };
    const a = await ensure({ ...base, portionSize: '1000', portionUnit: 'gram' });
    const b = await ensure({ ...base, portionSize: '1000.000', portionUnit: 'gram' });
    const sameInKg = await ensure({ ...base, portionSize: '1', portionUnit: 'kg' });
    const small = await ensure({ ...base, portionSize: '100', portionUnit: 'gram' });
    expect(a.created).toBe(true);
    expect(b).toEqual({ ...a, created: false });
    expect(sameInKg).toEqual({ ...a, created: false });
    expect(small.created).toBe(true);
    expect(small.skuId).not.toBe(a.skuId);
    const big = await sku(a.skuId);
    expect([
      big.sizeLabel,
      big.unit,
      big.portionSize!.toString(),
      big.portionUnit,
      big.displayName,
      big.item.name,
    ]).toEqual([
      '1000 gram Bar',
      'count',
      '1000',
      'gram',
      'Base Lavender Soap (1000 gram Bar)',
      'Lavender Soap - Base - 1000 gram Bar',
    ]);
    expect((await sku(small.skuId)).displayName).toBe('Base Lavender Soap (100 gram Bar)');
    const detail = await getProduct(db, ctx, { productId: p.id });
    expect(detail.skus.map((s) => [s.sizeLabel, s.quantity, s.stockStatus])).toEqual([
      ['100 gram Bar', '0', 'Out of Stock'],
      ['1000 gram Bar', '0', 'Out of Stock'],
    ]);
  });

  it('refuses a variant of another product', async () => {
    const p1 = await createProduct(db, ctx, { name: 'Lip Balm' });
    const p2 = await createProduct(db, ctx, { name: 'Hand Cream' });
    await expect(
      ensure({ productId: p1.id, variantId: p2.baseVariantId, sizeKind: 'bulk', unit: 'gram' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('creates a manual bulk SKU through createSku', async () => {
    const p = await createProduct(db, ctx, { name: 'Room Spray' });
    const r = await createSku(db, ctx, { productId: p.id, variantId: p.baseVariantId, unit: 'fl oz' });
    expect(r.created).toBe(true);
    expect((await sku(r.skuId)).sizeLabel).toBe('Bulk Volume');
  });
});

describe('stock, listing and deletion', () => {
  it('shows on-hand, cost and stock status, and refuses to delete a product with stock', async () => {
    const p = await createProduct(db, ctx, { name: 'Rose Soap', categoryId: cat.Soaps, lowStockThreshold: '12' });
    const bar = await ensure({
      productId: p.id,
      variantId: p.baseVariantId,
      sizeKind: 'portion',
      unit: 'count',
      portionSize: '4',
      portionUnit: 'oz',
      portionName: 'Bar',
    });
    await applyMovement(db, ctx, { itemId: bar.itemId, changeType: 'restock', quantity: '10', unitCost: '2.5' });
    let detail = await getProduct(db, ctx, { productId: p.id });
    expect(detail.skus).toHaveLength(1);
    expect(detail.skus[0]).toMatchObject({
      sizeLabel: '4 oz Bar',
      quantity: '10',
      costPerUnit: '2.5',
      stockStatus: 'Low Stock',
      lowStockThreshold: '12',
      displayName: 'Base Rose Soap (4 oz Bar)',
    });
    env.clock.advance(60_000);
    await applyMovement(db, ctx, { itemId: bar.itemId, changeType: 'restock', quantity: '5', unitCost: '4' });
    detail = await getProduct(db, ctx, { productId: p.id });
    expect(detail.skus[0]).toMatchObject({ quantity: '15', costPerUnit: '3', stockStatus: 'In Stock' });

    const s = await getSku(db, ctx, { skuId: bar.skuId });
    expect(s.item.lots.map((l) => l.remaining)).toEqual(['10', '5']);
    expect(s.history.total).toBe(2);
    expect(s.product.name).toBe('Rose Soap');

    const list = await listProducts(db, ctx, { search: 'rose' });
    expect(list.rows).toEqual([
      expect.objectContaining({ name: 'Rose Soap', skuCount: 1, onHand: '15', category: 'Soaps' }),
    ]);

    await expect(deleteProduct(db, ctx, { productId: p.id })).rejects.toMatchObject({
      code: 'INVALID_STATE',
      message: 'Cannot delete product with remaining inventory',
    });
    expect(await env.db.product.count({ where: { id: p.id } })).toBe(1);

    await applyMovement(db, ctx, { itemId: bar.itemId, changeType: 'sale', quantity: '15' });
    expect((await getProduct(db, ctx, { productId: p.id })).skus[0]!.stockStatus).toBe('Out of Stock');
    await expectBooksBalance(env, orgId);
    await deleteProduct(db, ctx, { productId: p.id });
    expect(await env.db.product.count({ where: { id: p.id } })).toBe(0);
    expect(await env.db.productSku.count({ where: { id: bar.skuId } })).toBe(0);
    expect(await env.db.inventoryItem.count({ where: { id: bar.itemId } })).toBe(0);
    await expectBooksBalance(env, orgId);
  });

  it('hides costs without inventory.view_costs', async () => {
    const p = await createProduct(db, ctx, { name: 'Sugar Scrub' });
    await createSku(db, ctx, { productId: p.id, variantId: p.baseVariantId, unit: 'gram' });
    const blind = {
      ...ctx,
      actor: {
        ...ctx.actor,
        permissions: new Set([...ctx.actor.permissions].filter((x) => x !== 'inventory.view_costs')),
      },
    };
    const detail = await getProduct(db, blind, { productId: p.id });
    expect([detail.costsVisible, detail.skus[0]!.costPerUnit]).toEqual([false, null]);
  });

  it('sorts and pages the list', async () => {
    const page1 = await listProducts(db, ctx, { sort: 'name', direction: 'asc', pageSize: 2 });
    const all = await listProducts(db, ctx, { sort: 'name', direction: 'asc', pageSize: 100 });
    expect(page1.total).toBe(all.rows.length);
    expect(page1.rows.map((r) => r.name)).toEqual(all.rows.slice(0, 2).map((r) => r.name));
    const names = all.rows.map((r) => r.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const bySkus = await listProducts(db, ctx, { sort: 'skuCount', direction: 'desc', pageSize: 1 });
    expect(bySkus.rows[0]!.skuCount).toBe(Math.max(...all.rows.map((r) => r.skuCount)));
  });

  it('renames SKU items and re-renders display names when the product is renamed', async () => {
    const p = await createProduct(db, ctx, { name: 'Oat Soap', categoryId: cat.Soaps });
    const bar = await ensure({
      productId: p.id,
      variantId: p.baseVariantId,
      sizeKind: 'portion',
      unit: 'count',
      portionSize: '5',
      portionUnit: 'oz',
      portionName: 'Bar',
    });
    await updateProduct(db, ctx, { productId: p.id, name: 'Oatmeal Soap' });
    const s = await sku(bar.skuId);
    expect([s.displayName, s.item.name]).toEqual(['Base Oatmeal Soap (5 oz Bar)', 'Oatmeal Soap - Base - 5 oz Bar']);
    await expect(updateProduct(db, ctx, { productId: p.id, name: 'Rose Soap' })).resolves.toBeTruthy(); // deleted above: free again
    await expect(updateProduct(db, ctx, { productId: p.id, name: 'beard oil' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });
});

describe('product limit', () => {
  it('refuses a product over the tier limit with LIMIT_EXCEEDED naming the tiers that lift it', async () => {
    const o = await makeInventoryOrg(env, 'team');
    const tier = await env.db.subscriptionTier.findUniqueOrThrow({ where: { key: 'team' } });
    await env.db.subscriptionTier.update({ where: { key: 'team' }, data: { maxProducts: 2 } });
    try {
      await createProduct(o.db, o.ctx, { name: 'One' });
      await createProduct(o.db, o.ctx, { name: 'Two' });
      await expect(createProduct(o.db, o.ctx, { name: 'Three' })).rejects.toMatchObject({
        code: 'LIMIT_EXCEEDED',
        message: 'Product limit reached (2/2) on the Team plan. Upgrade to Enterprise for more products.',
        details: { limit: 'max_products', current: 2, max: 2, upgradeTiers: ['Enterprise'] },
      });
      expect(await o.db.product.count()).toBe(2);
    } finally {
      await env.db.subscriptionTier.update({ where: { key: 'team' }, data: { maxProducts: tier.maxProducts } });
    }
  });
});
