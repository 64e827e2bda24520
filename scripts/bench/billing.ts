// Billing benchmark: `node scripts/bench/billing.ts` (needs Postgres on 127.0.0.1:5432). Prints figures;
// asserts nothing. The real Stripe SDK against the local stand-in (tests/support/stripe-stand-in.ts).
//   1. webhook ingest: signed events verified, stored and enqueued (receiveStripeWebhook), 8 at a time
//   2. applying them (processStripeEvent, the job's body), 4 at a time, out of order on purpose: every event
//      ends processed or ignored, and each organization keeps the newest state
//   3. price resolution: a cold lookup through the SDK and a cached one
import Stripe from 'stripe';
import { createOrganizationWithOwner } from '../../src/lib/server/domain/orgs/create-organization.ts';
import { createStripeGateway } from '../../src/lib/server/integrations/stripe.ts';
import { processStripeEvent, receiveStripeWebhook } from '../../src/lib/server/domain/billing/stripe-events.ts';
import { startStripeStandIn } from '../../tests/support/stripe-stand-in.ts';
import { connect, prepareDatabase } from './setup.ts';

const ORGS = 20;
const EVENTS = Number(process.env.BENCH_EVENTS ?? 2000);
const SECRET = 'whsec_bench';

async function pool<T>(items: T[], width: number, fn: (t: T) => Promise<unknown>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

console.log('# billing bench: preparing batchtrack_bench_billing_test');
const b = await connect(prepareDatabase('batchtrack_bench_billing_test', { queues: true }), 12);
const { db, services } = b;
const standIn = await startStripeStandIn({ webhookSecret: SECRET });
const gateway = createStripeGateway({ secretKey: 'sk_test_bench', webhookSecret: SECRET, apiBase: standIn.url });
const ctx = { ...services, stripe: gateway };
const signer = new Stripe('sk_test_signer');

const orgs: { id: string; customer: string }[] = [];
for (let i = 0; i < ORGS; i++) {
  const c = await createOrganizationWithOwner(db, services, {
    organizationName: `Billing Bench ${i}`,
    tierKey: 'solo',
    owner: { email: `billing-bench-${i}@example.com`, password: 'bench-password', firstName: 'B', lastName: `${i}` },
  });
  const customer = `cus_bench_${i}`;
  await db.organization.update({
    where: { id: c.organization.id },
    data: { stripeCustomerId: customer, billingProvider: 'stripe', stripeSubscriptionId: `sub_bench_${i}` },
  });
  orgs.push({ id: c.organization.id, customer });
}

// Events alternate paid and failed invoices with shuffled `created` times, so half arrive out of order.
const t0 = Math.floor(Date.now() / 1000);
const events = Array.from({ length: EVENTS }, (_, i) => {
  const org = orgs[i % ORGS]!;
  const paid = i % 2 === 0;
  return {
    id: `evt_bench_${i}`,
    object: 'event',
    type: paid ? 'invoice.payment_succeeded' : 'invoice.payment_failed',
    created: t0 + ((i * 7919) % EVENTS),
    data: {
      object: {
        id: `in_bench_${i}`,
        object: 'invoice',
        customer: org.customer,
        next_payment_attempt: null,
        parent: { subscription_details: { subscription: `sub_bench_${i % ORGS}`, metadata: {} } },
        lines: { data: [{ period: { end: t0 + 30 * 86400 } }] },
      },
    },
  };
});
const signed = events.map((e) => {
  const payload = JSON.stringify(e);
  return { payload, signature: signer.webhooks.generateTestHeaderString({ payload, secret: SECRET }) };
});

let t = performance.now();
await pool(signed, 8, (s) => receiveStripeWebhook(db, ctx, s.payload, s.signature));
let ms = performance.now() - t;
console.log(
  `webhook ingest (verify + store + enqueue), 8 at a time: ${EVENTS} events in ${ms.toFixed(0)} ms = ${((EVENTS / ms) * 1000).toFixed(0)}/s`,
);
t = performance.now();
await pool(signed, 8, (s) => receiveStripeWebhook(db, ctx, s.payload, s.signature));
ms = performance.now() - t;
console.log(`replays of the same ${EVENTS} (answered 200, nothing written): ${((EVENTS / ms) * 1000).toFixed(0)}/s`);

const rows = await db.stripeEvent.findMany({ select: { id: true } });
t = performance.now();
await pool(rows, 4, (r) => processStripeEvent(db, ctx, { stripeEventId: r.id }));
ms = performance.now() - t;
const byStatus = await db.stripeEvent.groupBy({ by: ['status'], _count: true });
console.log(
  `applying (the job's body), 4 at a time: ${rows.length} events in ${ms.toFixed(0)} ms = ${((rows.length / ms) * 1000).toFixed(0)}/s;`,
  byStatus.map((s) => `${s.status} ${s._count}`).join(', '),
);
// Each organization's state is its newest event's, whatever the arrival order.
let wrong = 0;
for (const [i, org] of orgs.entries()) {
  const newest = events.filter((_, k) => k % ORGS === i).sort((a, b) => b.created - a.created)[0]!;
  const row = await db.organization.findUniqueOrThrow({ where: { id: org.id } });
  const expected = newest.type === 'invoice.payment_succeeded' ? 'active' : 'payment_failed';
  if (row.billingStatus !== expected || row.billingStateAt?.getTime() !== newest.created * 1000) wrong++;
}
console.log(`organizations whose state is not their newest event's: ${wrong} of ${ORGS}`);

t = performance.now();
await gateway.resolvePrice('batchtrack_solo_monthly');
const cold = performance.now() - t;
t = performance.now();
for (let i = 0; i < 1000; i++) await gateway.resolvePrice('batchtrack_solo_monthly');
const warm = (performance.now() - t) / 1000;
console.log(`price by lookup key: cold ${cold.toFixed(1)} ms (SDK round trip), cached ${(warm * 1000).toFixed(1)} µs`);

await standIn.close();
await b.close();
