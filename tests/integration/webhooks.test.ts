// Webhook endpoints and the dispatcher (docs/webhooks.md), against a receiver on localhost.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FIXED_NOW, createTestEnv, resetData, type TestEnv } from '../helpers/db.ts';
import { makeInventoryOrg, makeItem } from '../helpers/inventory.ts';
import { callerFor, makeMember } from '../helpers/factories.ts';
import { dispatchWebhooks, MAX_ATTEMPTS } from '../../src/lib/server/domain/webhooks/dispatch.ts';
import { signPayload, verifySignature } from '../../src/lib/server/domain/webhooks/signature.ts';
import { openWebhookSecret, webhookKey, WEBHOOKS_OFF } from '../../src/lib/server/domain/webhooks/secret-store.ts';

let env: TestEnv;
type Got = { headers: IncomingMessage['headers']; body: string };
let received: Got[] = [];
let status = 200;
let server: Server;
let url = '';

beforeAll(async () => {
  env = await createTestEnv();
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(status).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});
beforeEach(async () => {
  await resetData(env.db);
  env.clock.set(FIXED_NOW);
  received = [];
  status = 200;
});
afterEach(() => void (status = 200));
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await env.close();
});

const dispatch = () => dispatchWebhooks(env.db, { now: env.clock.now }, { organizationId: '*' });

describe('webhook secrets at rest', () => {
  it('are stored AES-256-GCM encrypted, and a row written in the clear before is encrypted by the dispatcher', async () => {
    const { org } = await makeInventoryOrg(env);
    const owner = await callerFor(env, org.owner.id);
    const ep = await owner.webhooks.create({ url, eventTypes: ['webhook_test'] });
    const row = await env.db.webhookEndpoint.findUniqueOrThrow({ where: { id: ep.id } });
    expect(row.secret).toMatch(/^v1\./);
    expect(row.secret).not.toContain(ep.secret.slice(6));
    expect(openWebhookSecret(row.secret)).toBe(ep.secret);
    // A legacy row holding its secret in the clear: encrypted on the next dispatch, and still signs with it.
    const legacy = 'whsec_legacy0123456789abcdef0123456789abcdef012345';
    await env.db.webhookEndpoint.update({ where: { id: ep.id }, data: { secret: legacy } });
    await owner.webhooks.sendTest({ endpointId: ep.id });
    await dispatch();
    const after = await env.db.webhookEndpoint.findUniqueOrThrow({ where: { id: ep.id } });
    expect(after.secret).toMatch(/^v1\./);
    expect(openWebhookSecret(after.secret)).toBe(legacy);
    const got = received.at(-1)!;
    expect(verifySignature(legacy, got.body, got.headers['x-batchtrack-signature'] as string, FIXED_NOW)).toBe(true);
    // In production a server without WEBHOOK_SECRET_KEY has webhooks off; with one, another key cannot read.
    expect(() => webhookKey({ NODE_ENV: 'production' })).toThrow(WEBHOOKS_OFF);
    expect(() => openWebhookSecret(after.secret, webhookKey({ WEBHOOK_SECRET_KEY: 'another key' }))).toThrow();
  });
});

describe('webhooks', () => {
  it('delivers a committed event to a matching endpoint, JSON with a valid timestamped signature', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const owner = await callerFor(env, org.owner.id);
    const ep = await owner.webhooks.create({ url, eventTypes: ['inventory_item_created'] });
    expect(ep.secret).toMatch(/^whsec_[0-9a-f]{48}$/);
    expect(JSON.stringify(await owner.webhooks.list())).not.toContain(ep.secret);
    await dispatch(); // the sign-up events are not subscribed: processed, nothing sent
    expect(received).toHaveLength(0);
    const item = await makeItem(db, ctx, { name: 'Shea butter' });
    const r = await dispatch();
    expect(r).toMatchObject({ fannedOut: 1, delivered: 1 });
    expect(received).toHaveLength(1);
    const got = received[0]!;
    const body = JSON.parse(got.body);
    expect(body).toMatchObject({
      type: 'inventory_item_created',
      schemaVersion: 1,
      organizationId: org.id,
      occurredAt: FIXED_NOW.toISOString(),
      entity: { type: 'inventory_item', id: item.id },
      properties: { name: 'Shea butter', itemType: 'ingredient' },
    });
    expect(got.headers['x-batchtrack-event-id']).toBe(body.id);
    const sig = got.headers['x-batchtrack-signature'] as string;
    expect(sig).toBe(signPayload(ep.secret, got.body, FIXED_NOW));
    expect(verifySignature(ep.secret, got.body, sig, FIXED_NOW)).toBe(true);
    // Wrong secret, altered body, or older than the 5 minute window: refused.
    expect(verifySignature('whsec_other', got.body, sig, FIXED_NOW)).toBe(false);
    expect(verifySignature(ep.secret, got.body.replace('Shea', 'Cocoa'), sig, FIXED_NOW)).toBe(false);
    expect(verifySignature(ep.secret, got.body, sig, new Date(FIXED_NOW.getTime() + 301_000))).toBe(false);
    // Nothing more to send.
    expect(await dispatch()).toMatchObject({ fannedOut: 0, delivered: 0 });
    const { rows } = await owner.webhooks.deliveries({});
    expect(rows.map((d) => [d.status, d.attempts, d.lastStatusCode])).toEqual([['delivered', 1, 200]]);
  });

  it('retries a failing receiver with backoff, 6 attempts, then dead with the last error; resend sends again', async () => {
    const { org } = await makeInventoryOrg(env);
    const owner = await callerFor(env, org.owner.id);
    const ep = await owner.webhooks.create({ url });
    await dispatch(); // fan out and deliver the sign-up events first
    received = [];
    status = 500;
    await owner.webhooks.sendTest({ endpointId: ep.id });
    const waits = [30, 60, 120, 240, 480];
    await dispatch();
    for (const w of waits) {
      env.clock.advance((w - 1) * 1000);
      await dispatch();
      expect(received.length).toBe(waits.indexOf(w) + 1); // not due yet
      env.clock.advance(1000);
      await dispatch();
    }
    expect(received).toHaveLength(MAX_ATTEMPTS);
    expect(new Set(received.map((r) => JSON.parse(r.body).id)).size).toBe(1);
    const d = await env.db.webhookDelivery.findFirstOrThrow({ where: { event: { eventName: 'webhook_test' } } });
    expect([d.status, d.attempts, d.lastError, d.lastStatusCode]).toEqual(['dead', 6, 'HTTP 500', 500]);
    env.clock.advance(3600_000);
    await dispatch();
    expect(received).toHaveLength(6);
    status = 204;
    await owner.webhooks.resend({ deliveryId: d.id });
    await dispatch();
    expect(received).toHaveLength(7);
    expect((await env.db.webhookDelivery.findUniqueOrThrow({ where: { id: d.id } })).status).toBe('delivered');
  });

  it('an unreachable receiver is a failed attempt with its error', async () => {
    const { org } = await makeInventoryOrg(env);
    const owner = await callerFor(env, org.owner.id);
    // A port that was just free: nothing listens there.
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const closedPort = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r));
    await owner.webhooks.create({ url: `http://127.0.0.1:${closedPort}/nothing`, eventTypes: ['webhook_test'] });
    const ep = (await owner.webhooks.list()).endpoints[0]!;
    await owner.webhooks.sendTest({ endpointId: ep.id });
    expect(await dispatch()).toMatchObject({ failed: 1 });
    const d = await env.db.webhookDelivery.findFirstOrThrow({});
    expect([d.status, d.attempts, d.lastError]).toEqual(['pending', 1, 'ECONNREFUSED']);
    expect(d.nextAttemptAt).toEqual(new Date(FIXED_NOW.getTime() + 30_000));
  });

  it('refuses a bad URL or an unknown event type, and needs integrations.api_access', async () => {
    const { org } = await makeInventoryOrg(env);
    const owner = await callerFor(env, org.owner.id);
    await expect(owner.webhooks.create({ url: 'ftp://x' })).rejects.toThrow('Enter an http:// or https:// address');
    await expect(owner.webhooks.create({ url, eventTypes: ['nope'] })).rejects.toThrow('Unknown event type "nope"');
    const viewer = await callerFor(env, (await makeMember(env, org.id, 'viewer')).id);
    await expect(viewer.webhooks.list()).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
