// A recall reaches customers, and the sales report adds up (docs/rules/orders.md, traceability.md):
// olive oil -> a soap batch -> bars -> orders of two customers, one returned in part.
import { describe, expect, it } from 'vitest';
import { useTestEnv } from '../helpers/db.ts';
import { makeInventoryOrg, makeItem, orgContext } from '../helpers/inventory.ts';
import { makeMember } from '../helpers/factories.ts';
import { makeProduct, makeRecipe } from '../helpers/production.ts';
import { startBatch } from '../../src/lib/server/domain/batches/start-batch.ts';
import { requestCompletion } from '../../src/lib/server/domain/batches/finish.ts';
import { completeBatch } from '../../src/lib/server/domain/batches/complete-batch.ts';
import { createCustomer } from '../../src/lib/server/domain/customers/manage-customer.ts';
import { createOrder } from '../../src/lib/server/domain/orders/create-order.ts';
import { reserveOrder } from '../../src/lib/server/domain/orders/reserve-order.ts';
import { fulfilOrder } from '../../src/lib/server/domain/orders/fulfil-order.ts';
import { returnOrder } from '../../src/lib/server/domain/orders/return-order.ts';
import { salesReport } from '../../src/lib/server/domain/orders/sales-report.ts';
import { recallCsv, traceForward } from '../../src/lib/server/domain/trace/queries.ts';

const env = useTestEnv();

async function soldBars() {
  const { org, db, ctx } = await makeInventoryOrg(env);
  const oil = await makeItem(db, ctx, { name: 'Olive Oil', unit: 'kg', openingQuantity: '4', cost: '3' });
  const recipe = await makeRecipe(env, org.id, {
    name: 'Olive',
    prefix: 'OLV',
    yield: '4',
    yieldUnit: 'kg',
    isPortioned: true,
    portionName: 'Bar',
    portionCount: 8,
    lines: [{ itemId: oil.id, quantity: '4', unit: 'kg' }],
  });
  const { product, variant } = await makeProduct(env, org.id, 'Olive Soap', 'Soaps');
  const { batchId } = await startBatch(db, ctx, { recipeId: recipe.id, batchType: 'product' });
  await requestCompletion(db, ctx, {
    batchId,
    finalQuantity: '4',
    outputUnit: 'kg',
    finalPortions: 8,
    productId: product.id,
    variantId: variant.id,
  });
  await completeBatch(env.db, env.services, { organizationId: org.id, batchId });
  const sku = await env.db.productSku.findFirstOrThrow({ where: { productId: product.id } });
  const ada = await createCustomer(db, ctx, { name: 'Ada Lovelace', email: 'ada@example.com', phone: '555-0101' });
  const bob = await createCustomer(db, ctx, { name: 'Bob Baker', email: 'bob@example.com' });
  // $12 of oil into 8 bars: $1.50 a bar.
  const a = await createOrder(db, ctx, {
    customerId: ada.id,
    lines: [{ skuId: sku.id, quantity: '3', unitPrice: '8' }],
  });
  await reserveOrder(db, ctx, { orderId: a.id });
  await fulfilOrder(db, ctx, { orderId: a.id });
  env.clock.set(new Date('2026-04-02T10:00:00Z'));
  const b = await createOrder(db, ctx, {
    customerId: bob.id,
    lines: [{ skuId: sku.id, quantity: '2', unitPrice: '9', discount: '1' }],
  });
  await reserveOrder(db, ctx, { orderId: b.id });
  await fulfilOrder(db, ctx, { orderId: b.id });
  await returnOrder(db, ctx, { orderId: a.id, lines: [{ lineId: (await lineOf(a.id)).id, quantity: '1' }] });
  const held = await createOrder(db, ctx, { customerId: bob.id, lines: [{ skuId: sku.id, quantity: '1' }] });
  await reserveOrder(db, ctx, { orderId: held.id });
  const oilLot = await env.db.inventoryLot.findFirstOrThrow({ where: { itemId: oil.id } });
  return { org, db, ctx, oilLot, sku, a, b, held };
}
const lineOf = (orderId: string) => env.db.salesOrderLine.findFirstOrThrow({ where: { orderId } });

describe('recall reaches customers', () => {
  it('the forward trace from the olive oil lot lists the orders and customers of the bars', async () => {
    const { db, ctx, oilLot, sku, a, b, held } = await soldBars();
    const fwd = await traceForward(db, ctx, { lotId: oilLot.id });
    expect(fwd.rows.map((r) => [r.depth, r.item_name])).toEqual([
      [0, 'Olive Oil'],
      [1, expect.stringContaining('Olive Soap')],
    ]);
    expect(
      fwd.sales.map((s) => [s.customer_name, s.email, s.order_number, s.sku_code, s.quantity, s.returned, s.held]),
    ).toEqual([
      ['Ada Lovelace', 'ada@example.com', 'ORD-1', sku.code, '3', '1', false],
      ['Bob Baker', 'bob@example.com', 'ORD-2', sku.code, '2', '0', false],
      ['Bob Baker', 'bob@example.com', 'ORD-3', sku.code, '1', '0', true],
    ]);
    expect(fwd.sales.map((s) => s.order_id)).toEqual([a.id, b.id, held.id]);
    const csv = await recallCsv(db, ctx, { direction: 'forward', lotId: oilLot.id });
    // One table with one header (issue 8): the customer rows are the recall list.
    const lines = csv.trim().split(/\r?\n/);
    expect(lines[0]).toBe(
      'row_type,depth,lot,item,batch,status,quantity,unit,is_product_sku,customer,email,phone,address,order,sku,returned,still_held',
    );
    expect(lines.filter((l) => l.startsWith('row_type'))).toHaveLength(1);
    expect(lines.every((l) => l.split(',').length === 17)).toBe(true);
    expect(lines.filter((l) => l.startsWith('customer,'))).toEqual([
      `customer,,OLV1-2026-001,,,partially_returned,3,,,Ada Lovelace,ada@example.com,555-0101,,ORD-1,${sku.code},1,no`,
      `customer,,OLV1-2026-001,,,fulfilled,2,,,Bob Baker,bob@example.com,,,ORD-2,${sku.code},0,no`,
      `customer,,OLV1-2026-001,,,reserved,1,,,Bob Baker,bob@example.com,,,ORD-3,${sku.code},0,yes`,
    ]);
  });

  it('without products.sales_tracking the trace shows orders but not who bought', async () => {
    const { org, oilLot } = await soldBars();
    const member = await makeMember(env, org.id, 'production');
    const { db, ctx } = await orgContext(env, org.id, member.id);
    const fwd = await traceForward(db, ctx, { lotId: oilLot.id });
    expect(fwd.sales.map((s) => [s.customer_name, s.email, s.phone])).toEqual([
      ['Customer (hidden)', null, null],
      ['Customer (hidden)', null, null],
      ['Customer (hidden)', null, null],
    ]);
  });
});

describe('sales report', () => {
  it('revenue, cost of goods and margin by SKU, product and month, and top customers, net of returns', async () => {
    const { db, ctx, sku } = await soldBars();
    const r = await salesReport(db, ctx, {});
    // ORD-1: 3 x $8 = $24, one returned: $16 net, cost 2 x $1.50 = $3. ORD-2: 2 x $9 - $1 = $17, cost $3.
    expect(r.total).toEqual({ revenue: '33', costOfGoods: '6', marginAmount: '27', marginPercent: '81.8' });
    expect(r.bySku).toEqual([
      {
        skuId: sku.id,
        code: sku.code,
        name: sku.displayName,
        quantity: '4',
        revenue: '33',
        costOfGoods: '6',
        marginAmount: '27',
        marginPercent: '81.8',
      },
    ]);
    expect(r.byProduct.map((p) => [p.name, p.revenue])).toEqual([['Olive Soap', '33']]);
    expect(r.byMonth.map((m) => [m.month, m.orders, m.revenue, m.costOfGoods])).toEqual([
      ['2026-03', 1, '16', '3'],
      ['2026-04', 1, '17', '3'],
    ]);
    expect(r.topCustomers.map((c) => [c.name, c.revenue, c.marginAmount])).toEqual([
      ['Bob Baker', '17', '14'],
      ['Ada Lovelace', '16', '13'],
    ]);
    const april = await salesReport(db, ctx, { from: new Date('2026-04-01'), to: new Date('2026-05-01') });
    expect(april.total.revenue).toBe('17');
  });

  it('hides cost of goods and margins without inventory.view_costs', async () => {
    const { org } = await soldBars();
    const role = await env.db.role.create({
      data: {
        organizationId: org.id,
        name: 'sales',
        permissions: { create: [{ permission: { connect: { name: 'products.sales_tracking' } } }] },
      },
    });
    const member = await makeMember(env, org.id, role.name);
    const { db, ctx } = await orgContext(env, org.id, member.id);
    const r = await salesReport(db, ctx, {});
    expect(r.total).toEqual({ revenue: '33', costOfGoods: null, marginAmount: null, marginPercent: null });
    expect(r.costsVisible).toBe(false);
  });
});
