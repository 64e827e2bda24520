// Shopify as a live channel, offline (docs/rules/shopify.md): deliveries as Shopify sends them, in
// tests/fixtures/shopify with real HMACs, through the webhook's domain function and the job's.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestEnv, resetData, type TestEnv } from '../helpers/db.ts';
import { expectBooksBalance, makeInventoryOrg } from '../helpers/inventory.ts';
import { makeSku, onHand } from '../helpers/orders.ts';
import type { TenantDb } from '../../src/lib/server/db/tenant.ts';
import type { OrgCtx } from '../../src/lib/server/domain/context.ts';
import {
  decryptSecret,
  shopifyHmac,
  shopifyKey,
  verifyShopifyHmac,
} from '../../src/lib/server/integrations/shopify.ts';
import {
  getShopifyConnection,
  saveShopifyConnection,
  SHOPIFY_OFF,
} from '../../src/lib/server/domain/orders/shopify/connection.ts';
import { receiveShopifyWebhook } from '../../src/lib/server/domain/orders/shopify/receive.ts';
import { processShopifyDelivery } from '../../src/lib/server/domain/orders/shopify/process-delivery.ts';
import { findReservationDrift } from '../../src/lib/server/domain/orders/verify-reservations.ts';

const DIR = new URL('../fixtures/shopify/', import.meta.url);
const FIX = JSON.parse(readFileSync(new URL('deliveries.json', DIR), 'utf8')) as {
  secret: string;
  deliveries: { file: string; topic: string; webhookId: string; hmac: string }[];
};
const fixture = (file: string) => {
  const d = FIX.deliveries.find((x) => x.file === file)!;
  return { ...d, body: readFileSync(new URL(file, DIR), 'utf8') };
};
const KEY = shopifyKey({ SHOPIFY_SECRET_KEY: 'test server key' })!;

let env: TestEnv;
let db: TenantDb;
let ctx: OrgCtx;
let orgId: string;
let connectionId: string;
let sku: Awaited<ReturnType<typeof makeSku>>;

beforeAll(async () => (env = await createTestEnv()));
beforeEach(async () => {
  await resetData(env.db);
  const o = await makeInventoryOrg(env);
  db = o.db;
  ctx = o.ctx;
  orgId = o.org.id;
  sku = await makeSku(db, ctx, 'Lavender Bar', [{ quantity: '10', unitCost: '1.2' }]);
  // Shopify's SKU "LAV-BAR" is ours under another code: the mapping says which.
  connectionId = (
    await saveShopifyConnection(
      db,
      ctx,
      { shopDomain: 'demo-soap.myshopify.com', webhookSecret: FIX.secret, skuMapping: { 'LAV-BAR': sku.code } },
      KEY,
    )
  ).id;
});
afterAll(() => env.close());

const receive = (f: ReturnType<typeof fixture>, over: { hmac?: string | null } = {}) =>
  receiveShopifyWebhook(env.db, env.services, KEY, {
    connectionId,
    rawBody: f.body,
    hmac: over.hmac === undefined ? f.hmac : over.hmac,
    webhookId: f.webhookId,
    topic: f.topic,
  });

async function deliver(file: string) {
  const r = await receive(fixture(file));
  if (r.status !== 200 || !r.deliveryId) throw new Error(`not stored: ${JSON.stringify(r)}`);
  return processShopifyDelivery(env.db, env.services, { organizationId: orgId, deliveryId: r.deliveryId });
}
const jobs = () =>
  env.db.$queryRawUnsafe<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'orders.process-shopify-event'`,
  );
const shopifyOrder = (externalId: string) =>
  env.db.salesOrder.findFirstOrThrow({ where: { organizationId: orgId, channel: 'shopify', externalId } });

describe('the fixtures', () => {
  it("carry Shopify's real HMACs: base64 HMAC-SHA256 of the raw body with the signing secret", () => {
    for (const d of FIX.deliveries) {
      const body = readFileSync(new URL(d.file, DIR));
      expect(shopifyHmac(body, FIX.secret)).toBe(d.hmac);
      expect(verifyShopifyHmac(body, d.hmac, FIX.secret)).toBe(true);
      expect(verifyShopifyHmac(body, d.hmac, 'another secret')).toBe(false);
    }
  });
});

describe('the connection', () => {
  it('keeps the signing secret encrypted with the server key, and is off without one', async () => {
    const row = await env.db.shopifyConnection.findUniqueOrThrow({ where: { id: connectionId } });
    expect(row.secretCiphertext).not.toContain(FIX.secret);
    expect(decryptSecret(row.secretCiphertext, KEY)).toBe(FIX.secret);
    expect(() => decryptSecret(row.secretCiphertext, shopifyKey({ SHOPIFY_SECRET_KEY: 'other' })!)).toThrow();
    const view = await getShopifyConnection(db, ctx, KEY);
    expect(JSON.stringify(view)).not.toContain(FIX.secret);
    expect(view.connection?.webhookUrl).toBe(`http://app.test/api/webhooks/shopify/${connectionId}`);
    expect(await getShopifyConnection(db, ctx, null)).toMatchObject({ enabled: false, offMessage: SHOPIFY_OFF });
    await expect(
      saveShopifyConnection(db, ctx, { shopDomain: 'x.myshopify.com', webhookSecret: 'abcdefgh' }, null),
    ).rejects.toMatchObject({
      message: SHOPIFY_OFF,
    });
    expect(await receive(fixture('orders-create.json'))).toMatchObject({ status: 200 });
    expect(
      await receiveShopifyWebhook(env.db, env.services, null, {
        connectionId,
        rawBody: '{}',
        hmac: 'x',
        webhookId: 'w',
        topic: 'orders/create',
      }),
    ).toMatchObject({ status: 503 });
  });
});

describe('receiving', () => {
  it('a bad HMAC is 401 and writes nothing', async () => {
    const f = fixture('orders-create.json');
    expect(await receive(f, { hmac: shopifyHmac(f.body, 'wrong secret') })).toEqual({
      status: 401,
      error: 'Invalid HMAC',
    });
    expect(await receive(f, { hmac: null })).toMatchObject({ status: 401 });
    expect(await receive({ ...f, body: f.body.replace('"quantity":3', '"quantity":30') })).toMatchObject({
      status: 401,
    });
    expect(await env.db.shopifyDelivery.count()).toBe(0);
    expect((await jobs())[0]!.n).toBe(0);
  });

  it('stores the delivery with its job; a replay of the same webhook id stores and queues nothing', async () => {
    const f = fixture('orders-create.json');
    const first = await receive(f);
    expect(first).toMatchObject({ status: 200, duplicate: false });
    expect(await receive(f)).toEqual({ status: 200, duplicate: true, deliveryId: null });
    expect(await env.db.shopifyDelivery.count()).toBe(1);
    expect((await jobs())[0]!.n).toBe(1);
  });
});

describe('processing', () => {
  it('orders/create reserves, orders/fulfilled fulfils, refunds/create returns the refunded line', async () => {
    expect(await deliver('orders-create.json')).toMatchObject({ status: 'processed' });
    const o = await shopifyOrder('5524419903654');
    expect([o.number, o.status, o.channel]).toEqual(['#1001', 'reserved', 'shopify']);
    expect(await onHand(env, sku.itemId)).toBe('7');
    const customer = await env.db.customer.findUniqueOrThrow({ where: { id: o.customerId! } });
    expect([customer.name, customer.email, customer.phone, customer.address]).toEqual([
      'Jon Snow',
      'jon.snow@example.com',
      '+15555550101',
      '1 Castle Black\n10001 Winterfell\nUnited States',
    ]);
    expect(await deliver('orders-fulfilled.json')).toMatchObject({ status: 'processed' });
    const f = await shopifyOrder('5524419903654');
    // 3 x $8.00; 3 x $1.20 from the reserved lot
    expect([f.status, f.revenue.toString(), f.costOfGoods.toString()]).toEqual(['fulfilled', '24', '3.6']);
    expect(await onHand(env, sku.itemId)).toBe('7');
    expect(await deliver('refunds-create.json')).toMatchObject({ status: 'processed' });
    const r = await shopifyOrder('5524419903654');
    expect([r.status, r.returnedRevenue.toString(), r.returnedCost.toString()]).toEqual([
      'partially_returned',
      '8',
      '1.2',
    ]);
    expect(await onHand(env, sku.itemId)).toBe('8');
    await expectBooksBalance(env, orgId);
    expect(await findReservationDrift(env.db, orgId)).toEqual([]);
  });

  it('an unknown SKU parks the order as needs_attention with the reason; nothing is deducted', async () => {
    expect(await deliver('orders-create-unknown-sku.json')).toMatchObject({ status: 'processed' });
    const o = await shopifyOrder('5524419903655');
    expect([o.status, o.attentionReason]).toEqual([
      'needs_attention',
      'Unknown SKU NOPE-1: map it to a SKU, then reserve',
    ]);
    expect(await env.db.inventoryMovement.count({ where: { changeType: 'reserved' } })).toBe(0);
    expect(await onHand(env, sku.itemId)).toBe('10');
  });

  it('a cancel that arrives before its create is kept, and applied when the create arrives', async () => {
    expect(await deliver('orders-cancelled-early.json')).toMatchObject({ status: 'deferred' });
    expect(await env.db.salesOrder.count()).toBe(0);
    expect(await deliver('orders-create-late.json')).toMatchObject({ status: 'processed' });
    const o = await shopifyOrder('5524419903656');
    expect(o.status).toBe('cancelled');
    expect(await env.db.inventoryMovement.count({ where: { changeType: 'reserved' } })).toBe(0);
    expect(await onHand(env, sku.itemId)).toBe('10');
    const ds = await env.db.shopifyDelivery.findMany({ orderBy: { receivedAt: 'asc' } });
    expect(ds.map((d) => [d.topic, d.status])).toEqual([
      ['orders/cancelled', 'processed'],
      ['orders/create', 'processed'],
    ]);
  });

  it('a worker killed mid-event commits nothing; the retry applies it once, and again changes nothing', async () => {
    const r = await receive(fixture('orders-create.json'));
    const deliveryId = (r as { deliveryId: string }).deliveryId;
    // The process dies after the event's writes (order, reservation, ledger), at COMMIT: a deferred trigger
    // fails the commit, so the transaction never commits. (Nothing is enqueued per movement any more to fail on.)
    await env.db.$executeRawUnsafe(
      `CREATE FUNCTION test_worker_killed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'worker killed'; END $$`,
    );
    await env.db.$executeRawUnsafe(
      `CREATE CONSTRAINT TRIGGER test_worker_killed AFTER INSERT ON reservations DEFERRABLE INITIALLY DEFERRED
         FOR EACH ROW EXECUTE FUNCTION test_worker_killed()`,
    );
    try {
      await expect(processShopifyDelivery(env.db, env.services, { organizationId: orgId, deliveryId })).rejects.toThrow(
        'worker killed',
      );
    } finally {
      await env.db.$executeRawUnsafe('DROP TRIGGER test_worker_killed ON reservations');
      await env.db.$executeRawUnsafe('DROP FUNCTION test_worker_killed()');
    }
    expect(await env.db.salesOrder.count()).toBe(0);
    expect(await onHand(env, sku.itemId)).toBe('10');
    expect((await env.db.shopifyDelivery.findUniqueOrThrow({ where: { id: deliveryId } })).status).toBe('received');
    expect(await processShopifyDelivery(env.db, env.services, { organizationId: orgId, deliveryId })).toMatchObject({
      status: 'processed',
    });
    expect(await processShopifyDelivery(env.db, env.services, { organizationId: orgId, deliveryId })).toEqual({
      skipped: true,
      status: 'processed',
    });
    expect(await env.db.salesOrder.count()).toBe(1);
    expect(await env.db.reservation.count()).toBe(1);
    expect(await onHand(env, sku.itemId)).toBe('7');
    await expectBooksBalance(env, orgId);
  });
});
