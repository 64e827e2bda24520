// The generic sales API (docs/rules/api.md): Bearer tokens (hashed, shown once, revocable), the same
// domain functions and permission checks as the app, one organization per token, Idempotency-Key.
import { describe, expect, it } from 'vitest';
import { useTestEnv } from '../helpers/db.ts';
import { expectBooksBalance, makeInventoryOrg, orgContext } from '../helpers/inventory.ts';
import { makeMember } from '../helpers/factories.ts';
import { makeSku, onHand } from '../helpers/orders.ts';
import { createApiToken, hashToken, revokeApiToken } from '../../src/lib/server/domain/orders/api/tokens.ts';
import { handleApiRequest, type ApiRequest } from '../../src/lib/server/api/v1.ts';

const env = useTestEnv();

async function setup() {
  const a = await makeInventoryOrg(env);
  const sku = await makeSku(a.db, a.ctx, 'Lavender Bar', [{ quantity: '20', unitCost: '4.25' }]);
  const { token } = await createApiToken(a.db, a.ctx, { name: 'Webshop' });
  return { ...a, sku, token };
}
let seq = 0;
const call = (token: string | null, method: string, path: string, body?: unknown, key?: string | null) =>
  handleApiRequest(env.db, env.services, {
    method,
    path,
    query: new URLSearchParams(),
    authorization: token ? `Bearer ${token}` : null,
    idempotencyKey: key === undefined ? `key-${++seq}` : key,
    body: body === undefined ? '' : JSON.stringify(body),
  } satisfies ApiRequest);

describe('tokens', () => {
  it('are shown once and stored only as a hash', async () => {
    const { org, token } = await setup();
    expect(token).toMatch(/^bt_[A-Za-z0-9_-]{32}$/);
    const row = await env.db.apiToken.findFirstOrThrow({ where: { organizationId: org.id } });
    expect(row.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
  });

  it('a missing, unknown or revoked token is refused with 401', async () => {
    const { db, ctx, token } = await setup();
    expect((await call(null, 'GET', 'orders')).status).toBe(401);
    expect((await call('bt_nope', 'GET', 'orders')).status).toBe(401);
    expect((await call(token, 'GET', 'orders')).status).toBe(200);
    const row = await env.db.apiToken.findFirstOrThrow({ where: { tokenHash: hashToken(token) } });
    await revokeApiToken(db, ctx, { tokenId: row.id });
    expect(await call(token, 'GET', 'orders')).toEqual({
      status: 401,
      body: { error: { code: 'UNAUTHENTICATED', message: 'This API token is not valid (unknown or revoked)' } },
    });
  });
});

describe('orders through the API', () => {
  it('create, reserve, fulfil and return through the same domain functions, with exact numbers', async () => {
    const { org, sku, token } = await setup();
    const created = await call(token, 'POST', 'orders', {
      customer: { name: 'Grace Hopper', email: 'grace@example.com' },
      lines: [{ skuCode: sku.code, quantity: '5', unitPrice: '12' }],
    });
    expect(created.status).toBe(201);
    const order = created.body as { id: string; channel: string; status: string; customer: { name: string } };
    expect([order.channel, order.status, order.customer.name]).toEqual(['api', 'draft', 'Grace Hopper']);
    expect((await call(token, 'POST', `orders/${order.id}/reserve`, {})).body).toMatchObject({ status: 'reserved' });
    expect(await onHand(env, sku.itemId)).toBe('15');
    const f = await call(token, 'POST', `orders/${order.id}/fulfil`);
    expect(f.body).toMatchObject({ status: 'fulfilled', totals: { netRevenue: '60', costOfGoods: '21.25' } });
    const line = (f.body as { lines: { id: string }[] }).lines[0]!;
    const r = await call(token, 'POST', `orders/${order.id}/return`, { lines: [{ lineId: line.id, quantity: '4' }] });
    expect(r.body).toMatchObject({ status: 'partially_returned', totals: { netRevenue: '12' } });
    expect(await onHand(env, sku.itemId)).toBe('19');
    await expectBooksBalance(env, org.id);
  });

  it('refusals come back as the app says them', async () => {
    const { sku, token } = await setup();
    const o = (await call(token, 'POST', 'orders', { lines: [{ skuId: sku.skuId, quantity: '25' }] })).body as {
      id: string;
    };
    expect(await call(token, 'POST', `orders/${o.id}/reserve`, {})).toEqual({
      status: 409,
      body: {
        error: {
          code: 'INSUFFICIENT_STOCK',
          message: `Insufficient inventory for ${sku.code}: available 20, requested 25`,
        },
      },
    });
    expect((await call(token, 'POST', 'orders', { lines: [] })).status).toBe(422);
    expect((await call(token, 'POST', `orders/${o.id}/fulfil`)).status).toBe(409);
    expect((await call(token, 'GET', 'nothing/here')).status).toBe(404);
  });

  it("another organization's token never sees this organization's orders", async () => {
    const { sku, token } = await setup();
    const mine = (await call(token, 'POST', 'orders', { lines: [{ skuId: sku.skuId, quantity: '1' }] })).body as {
      id: string;
    };
    const b = await makeInventoryOrg(env);
    const { token: other } = await createApiToken(b.db, b.ctx, { name: 'B shop' });
    expect((await call(other, 'GET', `orders/${mine.id}`)).status).toBe(404);
    expect((await call(other, 'POST', `orders/${mine.id}/reserve`, {})).status).toBe(404);
    expect((await call(other, 'POST', 'orders', { lines: [{ skuId: sku.skuId, quantity: '1' }] })).status).toBe(404);
    const list = await call(other, 'GET', 'orders');
    expect(list.status).toBe(200);
    expect((list.body as { total: number }).total).toBe(0);
    expect(JSON.stringify(list.body)).not.toContain(mine.id);
    expect(await onHand(env, sku.itemId)).toBe('20');
  });

  it('acts with the permissions of the member who created the token, costs hidden without view_costs', async () => {
    const { org, sku } = await setup();
    const role = await env.db.role.create({
      data: {
        organizationId: org.id,
        name: 'shop-bot',
        permissions: {
          create: ['integrations.api_access', 'products.sales_tracking'].map((name) => ({
            permission: { connect: { name } },
          })),
        },
      },
    });
    const member = await makeMember(env, org.id, role.name);
    const m = await orgContext(env, org.id, member.id);
    const { token } = await createApiToken(m.db, m.ctx, { name: 'bot' });
    const o = (await call(token, 'POST', 'orders', { lines: [{ skuId: sku.skuId, quantity: '1' }] })).body as {
      id: string;
      totals: { costOfGoods: unknown };
    };
    expect(o.totals.costOfGoods).toBeNull();
    expect(await call(token, 'POST', `orders/${o.id}/reserve`, {})).toMatchObject({
      status: 403,
      body: {
        error: { message: 'You do not have permission inventory.reserve. Ask your organization owner for access.' },
      },
    });
  });
});

describe('Idempotency-Key', () => {
  it('a repeat returns the first answer and does the work once; another request with the key is refused', async () => {
    const { sku, token } = await setup();
    const body = { lines: [{ skuId: sku.skuId, quantity: '2', unitPrice: '9' }] };
    const first = await call(token, 'POST', 'orders', body, 'order-42');
    const again = await call(token, 'POST', 'orders', body, 'order-42');
    expect(again).toEqual(first);
    expect(await env.db.salesOrder.count()).toBe(1);
    const o = (first.body as { id: string }).id;
    const r1 = await call(token, 'POST', `orders/${o}/reserve`, {}, 'reserve-42');
    const r2 = await call(token, 'POST', `orders/${o}/reserve`, {}, 'reserve-42');
    expect(r2).toEqual(r1);
    expect(r1.status).toBe(200);
    expect(await onHand(env, sku.itemId)).toBe('18');
    expect(await call(token, 'POST', 'orders', { lines: [{ skuId: sku.skuId, quantity: '3' }] }, 'order-42')).toEqual({
      status: 422,
      body: {
        error: { code: 'VALIDATION', message: 'This Idempotency-Key was used for another request; use a new key' },
      },
    });
    expect((await call(token, 'POST', 'orders', body, null)).status).toBe(400);
    // A refusal is an answer too: repeated, it is the same refusal.
    const short = await call(token, 'POST', 'orders', { lines: [{ skuId: sku.skuId, quantity: '99' }] }, 'big');
    const bigId = (short.body as { id: string }).id;
    const no1 = await call(token, 'POST', `orders/${bigId}/reserve`, {}, 'big-reserve');
    expect(no1.status).toBe(409);
    expect(await call(token, 'POST', `orders/${bigId}/reserve`, {}, 'big-reserve')).toEqual(no1);
  });
});
