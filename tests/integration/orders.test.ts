// Orders against a real Postgres, with the numbers: reservations hold real lots through the
// ledger, release credits the same lot, fulfilment does not deduct again and records exact cost of goods,
// returns credit back, the expiry job releases, and two orders racing for the last units (docs/rules/orders.md).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestEnv, resetData, type TestEnv } from '../helpers/db.ts';
import { expectBooksBalance, makeInventoryOrg } from '../helpers/inventory.ts';
import { lotsOf, makeSku, onHand } from '../helpers/orders.ts';
import type { TenantDb } from '../../src/lib/server/db/tenant.ts';
import type { OrgCtx } from '../../src/lib/server/domain/context.ts';
import { createOrder } from '../../src/lib/server/domain/orders/create-order.ts';
import { reserveOrder } from '../../src/lib/server/domain/orders/reserve-order.ts';
import { cancelOrder, releaseOrder } from '../../src/lib/server/domain/orders/release-order.ts';
import { fulfilOrder } from '../../src/lib/server/domain/orders/fulfil-order.ts';
import { returnOrder } from '../../src/lib/server/domain/orders/return-order.ts';
import {
  expireReservations,
  triggerExpireReservations,
} from '../../src/lib/server/domain/orders/expire-reservations.ts';
import { getOrder, skuAvailability } from '../../src/lib/server/domain/orders/queries.ts';
import { createCustomer } from '../../src/lib/server/domain/customers/manage-customer.ts';
import { importCustomers } from '../../src/lib/server/domain/customers/import-customers.ts';
import { findReservationDrift } from '../../src/lib/server/domain/orders/verify-reservations.ts';

let env: TestEnv;
let db: TenantDb;
let ctx: OrgCtx;
let orgId: string;

beforeAll(async () => (env = await createTestEnv()));
beforeEach(async () => {
  await resetData(env.db);
  env.clock.set(new Date('2026-03-01T12:00:00.000Z'));
  const o = await makeInventoryOrg(env);
  db = o.db;
  ctx = o.ctx;
  orgId = o.org.id;
});
afterAll(() => env.close());

const order = (skuId: string, quantity: string, extra: Record<string, unknown> = {}) =>
  createOrder(db, ctx, { lines: [{ skuId, quantity, unitPrice: '12', ...extra }] });

async function expectBooks() {
  await expectBooksBalance(env, orgId);
  expect(await findReservationDrift(env.db, orgId)).toEqual([]);
}

describe('reserve and release', () => {
  it('a 20-piece lot at $4.25, reserve 5 for ORD-1: on-hand 15 and the reservation records the lot; release: the same lot is back to 20', async () => {
    const sku = await makeSku(db, ctx, 'Lavender Bar', [{ quantity: '20', unitCost: '4.25' }]);
    const o = await order(sku.skuId, '5');
    expect(o).toMatchObject({ number: 'ORD-1', status: 'draft' });
    const r = await reserveOrder(db, ctx, { orderId: o.id });
    expect(r).toMatchObject({ status: 'reserved', reservations: 1 });
    expect(await onHand(env, sku.itemId)).toBe('15');
    const [lot] = await env.db.inventoryLot.findMany({ where: { itemId: sku.itemId } });
    const res = await env.db.reservation.findMany({ where: { orderId: o.id } });
    expect(res.map((x) => [x.lotId, x.quantity.toString(), x.value.toString(), x.status])).toEqual([
      [lot!.id, '5', '21.25', 'active'],
    ]);
    const moves = await env.db.inventoryMovement.findMany({ where: { orderId: o.id } });
    expect(moves.map((m) => [m.changeType, m.quantityDelta.toString()])).toEqual([['reserved', '-5']]);
    expect(await skuAvailability(db, ctx, { skuIds: [sku.skuId] })).toMatchObject([
      { onHand: '15', reserved: '5', available: '15' },
    ]);
    await expectBooks();

    const rel = await releaseOrder(db, ctx, { orderId: o.id });
    expect(rel).toMatchObject({ status: 'draft', released: 1 });
    expect(await lotsOf(env, sku.itemId)).toEqual([{ code: lot!.code, remaining: '20', value: '85' }]);
    const back = await env.db.inventoryEvent.findMany({ where: { itemId: sku.itemId, changeType: 'returned' } });
    expect(back.map((e) => [e.lotId, e.quantityDelta.toString(), e.notes])).toEqual([
      [lot!.id, '5', 'Release of reservation for order ORD-1 (released)'],
    ]);
    expect((await env.db.reservation.findFirstOrThrow({ where: { orderId: o.id } })).status).toBe('released');
    await expectBooks();
    await expect(releaseOrder(db, ctx, { orderId: o.id })).rejects.toMatchObject({
      code: 'INVALID_STATE',
      message: 'No active reservations found for order ORD-1',
    });
  });

  it('releases credit the exact lots taken, FIFO across two lots, not the oldest partly used one', async () => {
    const sku = await makeSku(db, ctx, 'Oat Bar', [
      { quantity: '3', unitCost: '2', receivedAt: new Date('2026-01-01') },
      { quantity: '10', unitCost: '3', receivedAt: new Date('2026-02-01') },
    ]);
    const a = await order(sku.skuId, '5');
    await reserveOrder(db, ctx, { orderId: a.id });
    const res = await env.db.reservation.findMany({ where: { orderId: a.id }, orderBy: { value: 'asc' } });
    expect(res.map((r) => [r.quantity.toString(), r.value.toString()])).toEqual([
      ['3', '6'],
      ['2', '6'],
    ]);
    await cancelOrder(db, ctx, { orderId: a.id });
    expect((await lotsOf(env, sku.itemId)).map((l) => l.remaining)).toEqual(['3', '10']);
    expect((await env.db.salesOrder.findUniqueOrThrow({ where: { id: a.id } })).status).toBe('cancelled');
    await expectBooks();
  });

  it('active 7 + released 3 reserved: reserved is 7', async () => {
    const sku = await makeSku(db, ctx, 'Rose Bar', [{ quantity: '20', unitCost: '1' }]);
    const a = await order(sku.skuId, '7');
    const b = await order(sku.skuId, '3');
    await reserveOrder(db, ctx, { orderId: a.id });
    await reserveOrder(db, ctx, { orderId: b.id });
    await releaseOrder(db, ctx, { orderId: b.id });
    expect(await skuAvailability(db, ctx, { skuIds: [sku.skuId] })).toMatchObject([
      { onHand: '13', reserved: '7', available: '13' },
    ]);
    await expectBooks();
  });

  it('all or nothing: a short line refuses the whole order, naming the SKU, and nothing moves', async () => {
    const soap = await makeSku(db, ctx, 'Mint Bar', [{ quantity: '10', unitCost: '1' }]);
    const candle = await makeSku(db, ctx, 'Pine Candle', [{ quantity: '2', unitCost: '5' }]);
    const o = await createOrder(db, ctx, {
      lines: [
        { skuId: soap.skuId, quantity: '4', unitPrice: '6' },
        { skuId: candle.skuId, quantity: '3', unitPrice: '20' },
      ],
    });
    await expect(reserveOrder(db, ctx, { orderId: o.id })).rejects.toMatchObject({
      code: 'INSUFFICIENT_STOCK',
      message: `Insufficient inventory for ${candle.code}: available 2, requested 3`,
    });
    expect([await onHand(env, soap.itemId), await onHand(env, candle.itemId)]).toEqual(['10', '2']);
    expect(await env.db.reservation.count()).toBe(0);
    expect((await env.db.salesOrder.findUniqueOrThrow({ where: { id: o.id } })).status).toBe('draft');
    await expectBooks();
  });

  it('skips expired lots of a perishable SKU (FEFO otherwise)', async () => {
    const sku = await makeSku(
      db,
      ctx,
      'Fresh Balm',
      [
        { quantity: '4', unitCost: '1', expiresAt: new Date('2026-02-01') },
        { quantity: '4', unitCost: '2', expiresAt: new Date('2026-09-01') },
        { quantity: '4', unitCost: '3', expiresAt: new Date('2026-06-01') },
      ],
      { isPerishable: true },
    );
    const o = await order(sku.skuId, '6');
    await reserveOrder(db, ctx, { orderId: o.id });
    const res = await env.db.reservation.findMany({ where: { orderId: o.id }, include: { lot: true } });
    expect(res.map((r) => [r.lot.unitCost.toString(), r.quantity.toString()]).sort()).toEqual([
      ['2', '2'],
      ['3', '4'],
    ]);
    await expect(reserveOrder(db, ctx, { orderId: (await order(sku.skuId, '3')).id })).rejects.toMatchObject({
      message: `Insufficient inventory for ${sku.code}: available 2, requested 3`,
    });
  });
});

describe('fulfil and return', () => {
  it('reserve 5, fulfil: on-hand still 15, revenue and cost of goods exact; return 4: on-hand 19', async () => {
    const customer = await createCustomer(db, ctx, { name: 'Ada Lovelace', email: 'ada@example.com' });
    const sku = await makeSku(db, ctx, 'Lavender Bar', [{ quantity: '20', unitCost: '4.25' }]);
    const o = await createOrder(db, ctx, {
      customerId: customer.id,
      lines: [{ skuId: sku.skuId, quantity: '5', unitPrice: '12', discount: '2.5' }],
    });
    await reserveOrder(db, ctx, { orderId: o.id });
    const f = await fulfilOrder(db, ctx, { orderId: o.id });
    // 5 x $12 - $2.50 = $57.50; 5 x $4.25 = $21.25 from the reserved lot
    expect(f).toMatchObject({ status: 'fulfilled', revenue: '57.5', costOfGoods: '21.25' });
    expect(await onHand(env, sku.itemId)).toBe('15');
    expect(await env.db.inventoryMovement.count({ where: { itemId: sku.itemId, changeType: 'sale' } })).toBe(0);
    const detail = await getOrder(db, ctx, { orderId: o.id });
    expect(detail.totals).toMatchObject({
      netRevenue: '57.5',
      costOfGoods: '21.25',
      marginAmount: '36.25',
      marginPercent: '63.0',
    });
    expect(detail.customer?.name).toBe('Ada Lovelace');
    await expectBooks();

    const line = detail.lines[0]!;
    const r = await returnOrder(db, ctx, { orderId: o.id, lines: [{ lineId: line.id, quantity: '4' }] });
    // 4/5 of $57.50 = $46.00; 4 x $4.25 = $17.00
    expect(r).toMatchObject({ status: 'partially_returned', revenue: '46', costOfGoods: '17' });
    expect(await onHand(env, sku.itemId)).toBe('19');
    expect((await lotsOf(env, sku.itemId))[0]).toMatchObject({ remaining: '19', value: '80.75' });
    const after = await getOrder(db, ctx, { orderId: o.id });
    expect(after.totals).toMatchObject({ netRevenue: '11.5', costOfGoods: '4.25', marginAmount: '7.25' });
    await expect(
      returnOrder(db, ctx, { orderId: o.id, lines: [{ lineId: line.id, quantity: '2' }] }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      message: `Cannot return 2 of ${sku.code}: 1 sold and not yet returned`,
    });
    const last = await returnOrder(db, ctx, { orderId: o.id });
    expect(last).toMatchObject({ status: 'returned', revenue: '11.5', costOfGoods: '4.25' });
    expect(await onHand(env, sku.itemId)).toBe('20');
    await expectBooks();
  });

  it('a damaged return goes into a returned lot that is spoiled: on-hand unchanged, cost of goods reversed', async () => {
    const sku = await makeSku(db, ctx, 'Clay Bar', [{ quantity: '10', unitCost: '3' }]);
    const o = await order(sku.skuId, '4');
    await reserveOrder(db, ctx, { orderId: o.id });
    await fulfilOrder(db, ctx, { orderId: o.id });
    const r = await returnOrder(db, ctx, { orderId: o.id, disposition: 'damaged', reason: 'cracked' });
    expect(r).toMatchObject({ status: 'returned', revenue: '48', costOfGoods: '12' });
    expect(await onHand(env, sku.itemId)).toBe('6');
    const returned = await env.db.inventoryLot.findFirstOrThrow({
      where: { itemId: sku.itemId, sourceType: 'returned' },
    });
    expect([
      returned.originalQuantity.toString(),
      returned.remainingQuantity.toString(),
      returned.originalValue.toString(),
    ]).toEqual(['4', '0', '12']);
    const spoil = await env.db.inventoryEvent.findMany({ where: { itemId: sku.itemId, changeType: 'spoil' } });
    expect(spoil.map((e) => [e.lotId, e.quantityDelta.toString()])).toEqual([[returned.id, '-4']]);
    await expectBooks();
  });

  it('the status machine refuses what does not follow', async () => {
    const sku = await makeSku(db, ctx, 'Tea Bar', [{ quantity: '10', unitCost: '1' }]);
    const o = await order(sku.skuId, '1');
    await expect(fulfilOrder(db, ctx, { orderId: o.id })).rejects.toMatchObject({
      code: 'INVALID_STATE',
      message: 'Order ORD-1 is draft; it cannot be fulfilled.',
    });
    await expect(returnOrder(db, ctx, { orderId: o.id })).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await reserveOrder(db, ctx, { orderId: o.id });
    await expect(reserveOrder(db, ctx, { orderId: o.id })).rejects.toMatchObject({
      message: 'Order ORD-1 is reserved; it cannot be reserved.',
    });
    await fulfilOrder(db, ctx, { orderId: o.id });
    await expect(cancelOrder(db, ctx, { orderId: o.id })).rejects.toMatchObject({
      message: 'Order ORD-1 is fulfilled; it cannot be cancelled.',
    });
    await expect(fulfilOrder(db, ctx, { orderId: o.id })).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await expect(createOrder(db, ctx, { lines: [{ skuCode: 'NOPE-1', quantity: '1' }] })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: 'Unknown SKU NOPE-1',
    });
  });
});

describe('expiry and races', () => {
  it('an expired reservation is released by the job, once', async () => {
    const sku = await makeSku(db, ctx, 'Honey Bar', [{ quantity: '20', unitCost: '4.25' }]);
    const o = await order(sku.skuId, '5');
    const keep = await order(sku.skuId, '2');
    await reserveOrder(db, ctx, { orderId: o.id, expiresInHours: 2 });
    await reserveOrder(db, ctx, { orderId: keep.id });
    env.clock.advance(90 * 60_000);
    expect(await expireReservations(env.db, env.services, { organizationId: '*' })).toMatchObject({ expired: 0 });
    env.clock.advance(31 * 60_000);
    expect(await expireReservations(env.db, env.services, { organizationId: '*' })).toMatchObject({ expired: 1 });
    expect(await expireReservations(env.db, env.services, { organizationId: orgId })).toMatchObject({ expired: 0 });
    expect(await onHand(env, sku.itemId)).toBe('18');
    expect((await env.db.reservation.findFirstOrThrow({ where: { orderId: o.id } })).status).toBe('expired');
    expect((await env.db.salesOrder.findUniqueOrThrow({ where: { id: o.id } })).status).toBe('draft');
    expect((await env.db.salesOrder.findUniqueOrThrow({ where: { id: keep.id } })).status).toBe('reserved');
    await expectBooks();
  });

  it('"run now" in the console queues the expiry for every organization, once while queued', async () => {
    const first = await triggerExpireReservations(env.db, env.services.jobs);
    expect(first.jobId).toBeTruthy();
    expect(await triggerExpireReservations(env.db, env.services.jobs)).toEqual({ jobId: null, alreadyQueued: true });
  });

  it('two concurrent orders racing for the last 5 units: exactly one succeeds', async () => {
    const sku = await makeSku(db, ctx, 'Last Bar', [{ quantity: '5', unitCost: '2' }]);
    const a = await order(sku.skuId, '5');
    const b = await order(sku.skuId, '5');
    const results = await Promise.allSettled([
      reserveOrder(db, ctx, { orderId: a.id }),
      reserveOrder(db, ctx, { orderId: b.id }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(failed.map((f) => f.reason.message)).toEqual([
      `Insufficient inventory for ${sku.code}: available 0, requested 5`,
    ]);
    expect(await onHand(env, sku.itemId)).toBe('0');
    expect(await env.db.reservation.count({ where: { status: 'active' } })).toBe(1);
    await expectBooks();
  });

  it('the same order reserved twice at once: one reservation', async () => {
    const sku = await makeSku(db, ctx, 'Twice Bar', [{ quantity: '50', unitCost: '2' }]);
    const a = await order(sku.skuId, '5');
    const results = await Promise.allSettled([
      reserveOrder(db, ctx, { orderId: a.id }),
      reserveOrder(db, ctx, { orderId: a.id }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await onHand(env, sku.itemId)).toBe('45');
    await expectBooks();
  });
});

describe('customers', () => {
  it('imports a CSV all or nothing, by header, skipping emails already known', async () => {
    await createCustomer(db, ctx, { name: 'Ada Lovelace', email: 'ada@example.com' });
    const csv =
      'Email,Name,Phone\nADA@example.com,Ada again,\ngrace@example.com,Grace Hopper,555-0102\n,"Walk-in, no email",\n';
    expect(await importCustomers(db, ctx, { csv })).toEqual({ created: 2, skipped: 1 });
    const all = await env.db.customer.findMany({ where: { organizationId: orgId }, orderBy: { name: 'asc' } });
    expect(all.map((c) => [c.name, c.email, c.phone])).toEqual([
      ['Ada Lovelace', 'ada@example.com', null],
      ['Grace Hopper', 'grace@example.com', '555-0102'],
      ['Walk-in, no email', null, null],
    ]);
    await expect(importCustomers(db, ctx, { csv: 'name,email\nBob,not-an-email\n' })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: 'Row 2: Enter a valid email address',
    });
    await expect(importCustomers(db, ctx, { csv: 'email\nx@example.com\n' })).rejects.toMatchObject({
      message: 'The first row must name the columns, with a "name" column',
    });
    expect(await env.db.customer.count({ where: { organizationId: orgId } })).toBe(3);
  });
});
