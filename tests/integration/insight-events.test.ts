// Outbox events added for issue 13 (docs/rules/events.md): sign-in, and an order's reserve, release,
// cancel and return, each written in its action's transaction.
import { describe, expect, it } from 'vitest';
import { FIXED_NOW, useTestEnv } from '../helpers/db.ts';
import { makeInventoryOrg } from '../helpers/inventory.ts';
import { PASSWORD, callerFor, makeOrg } from '../helpers/factories.ts';
import { makeSku } from '../helpers/orders.ts';
import { createOrder } from '../../src/lib/server/domain/orders/create-order.ts';
import { reserveOrder } from '../../src/lib/server/domain/orders/reserve-order.ts';
import { cancelOrder, releaseOrder } from '../../src/lib/server/domain/orders/release-order.ts';
import { fulfilOrder } from '../../src/lib/server/domain/orders/fulfil-order.ts';
import { returnOrder } from '../../src/lib/server/domain/orders/return-order.ts';

const env = useTestEnv();

const events = (organizationId: string, names: string[]) =>
  env.db.domainEvent
    .findMany({ where: { organizationId, eventName: { in: names } }, orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }] })
    .then((rows) => rows.map((e) => [e.eventName, e.entityId, e.properties]));

describe('events', () => {
  it('a sign-in writes user_login_succeeded for the user; a wrong password writes nothing', async () => {
    const org = await makeOrg(env);
    const anon = await callerFor(env, null);
    await expect(anon.auth.signIn({ identifier: org.owner.email, password: 'wrong-password-1' })).rejects.toThrow();
    expect(await events(org.id, ['user_login_succeeded'])).toEqual([]);
    await anon.auth.signIn({ identifier: org.owner.email, password: PASSWORD });
    const rows = await env.db.domainEvent.findMany({
      where: { organizationId: org.id, eventName: 'user_login_succeeded' },
    });
    expect(rows.map((r) => [r.userId, r.entityId, r.occurredAt.getTime()])).toEqual([
      [org.owner.id, org.owner.id, FIXED_NOW.getTime()],
    ]);
  });

  it('an order reserved, released, reserved again, fulfilled and returned; another cancelled', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const { skuId } = await makeSku(db, ctx, 'Soap bar', [{ quantity: '10', unitCost: '2' }]);
    // A second between steps, so the events sort in the order they happened.
    let t = FIXED_NOW.getTime();
    const step = async <T>(fn: () => Promise<T>) => (env.clock.set(new Date((t += 1000))), fn());
    const a = await step(() => createOrder(db, ctx, { lines: [{ skuId, quantity: '2', unitPrice: '12' }] }));
    await step(() => reserveOrder(db, ctx, { orderId: a.id }));
    await step(() => releaseOrder(db, ctx, { orderId: a.id }));
    await step(() => reserveOrder(db, ctx, { orderId: a.id }));
    await step(() => fulfilOrder(db, ctx, { orderId: a.id }));
    await step(() => returnOrder(db, ctx, { orderId: a.id }));
    const b = await step(() => createOrder(db, ctx, { lines: [{ skuId, quantity: '1', unitPrice: '12' }] }));
    await step(() => reserveOrder(db, ctx, { orderId: b.id }));
    await step(() => cancelOrder(db, ctx, { orderId: b.id }));
    const names = ['order_reserved', 'order_released', 'order_cancelled', 'order_returned', 'order_fulfilled'];
    const got = await events(org.id, names);
    expect(got.map(([n, id]) => [n, id === a.id ? 'a' : 'b'])).toEqual([
      ['order_reserved', 'a'],
      ['order_released', 'a'],
      ['order_reserved', 'a'],
      ['order_fulfilled', 'a'],
      ['order_returned', 'a'],
      ['order_reserved', 'b'],
      ['order_cancelled', 'b'],
    ]);
    expect(got.find(([n]) => n === 'order_returned')![2]).toEqual({ orderNumber: a.number, status: 'returned' });
  });
});
