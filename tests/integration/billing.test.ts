// Billing with Stripe (docs/rules/billing.md): the real SDK against the local stand-in
// (tests/support/stripe-stand-in.ts), webhooks signed with the real secret.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestEnv, resetData, type TestEnv } from '../helpers/db.ts';
import { PASSWORD, callerFor, makeDeveloper, makeOrg } from '../helpers/factories.ts';
import { TEST_SECRET_KEY, TEST_WEBHOOK_SECRET, startStripeTestEnv, type StripeTestEnv } from '../helpers/stripe.ts';
import { createStripeGateway } from '../../src/lib/server/integrations/stripe.ts';
import { signUp } from '../../src/lib/server/domain/billing/signup-checkout.ts';
import { completeSignupFromCheckout } from '../../src/lib/server/domain/billing/provision-signup.ts';
import {
  WebhookSignatureError,
  processStripeEvent,
  receiveStripeWebhook,
} from '../../src/lib/server/domain/billing/stripe-events.ts';
import { validateSessionToken, createSession } from '../../src/lib/server/auth/sessions.ts';
import { loadAccess } from '../../src/lib/server/auth/access.ts';
import { INACTIVE_ORG_MESSAGE } from '../../src/lib/server/auth/billing-standing.ts';
import { PAYMENT_UNAVAILABLE_MESSAGE } from '../../src/lib/server/domain/billing/context.ts';
import type { PrismaClient } from '../../src/lib/server/db/client.ts';

let env: TestEnv;
let stripe: StripeTestEnv;
const ctx = () => ({ ...env.services, stripe: stripe.gateway });

const SOLO = {
  organizationName: 'Lather & Co',
  tierKey: 'solo',
  owner: { email: 'ann@lather.test', password: 'longenough1', firstName: 'Ann', lastName: 'Lee' },
};

beforeAll(async () => {
  env = await createTestEnv();
  stripe = await startStripeTestEnv({
    prices: [
      { lookupKey: 'batchtrack_solo_monthly', amountCents: 1900, interval: 'month' },
      { lookupKey: 'batchtrack_team_monthly', amountCents: 4900, interval: 'month' },
      { lookupKey: 'batchtrack_zero_monthly', amountCents: 0, interval: 'month' },
      { lookupKey: 'recipe-variations', amountCents: 500, interval: 'month' },
    ],
  });
});
afterAll(async () => {
  await env.db.subscriptionTier.deleteMany({ where: { key: 'zero_test' } });
  await stripe.close();
  await env.close();
});
beforeEach(async () => {
  await resetData(env.db);
  stripe.standIn.down = false;
});

/** Signs the event as Stripe does and stores it through the webhook path; returns its row. */
async function store(event: object) {
  const raw = JSON.stringify(event);
  await receiveStripeWebhook(env.db, ctx(), raw, stripe.standIn.sign(raw));
  return env.db.stripeEvent.findUniqueOrThrow({ where: { eventId: (event as { id: string }).id } });
}

/** Stores the event and runs its job once. */
async function deliver(event: object) {
  const row = await store(event);
  await processStripeEvent(env.db, ctx(), { stripeEventId: row.id });
  return env.db.stripeEvent.findUniqueOrThrow({ where: { id: row.id } });
}

async function paidSignup(input = SOLO) {
  const r = await signUp(env.db, ctx(), input);
  if (r.kind !== 'checkout') throw new Error('expected a checkout');
  const pending = await env.db.pendingSignup.findUniqueOrThrow({ where: { id: r.pendingSignupId } });
  return { ...r, sessionId: pending.checkoutSessionId! };
}

/** A provisioned Solo organization with its live subscription on the stand-in. */
async function provisionedSolo() {
  const { sessionId } = await paidSignup();
  const { events } = await stripe.standIn.completeCheckout(sessionId, { deliver: false });
  const p = await completeSignupFromCheckout(env.db, ctx(), sessionId);
  const org = await env.db.organization.findUniqueOrThrow({ where: { id: p.organizationId } });
  const sub = stripe.standIn.subscriptions.get(org.stripeSubscriptionId!)!;
  return { ...p, org, sub, events };
}

const orgRow = (db: PrismaClient, id: string) =>
  db.organization.findUniqueOrThrow({ where: { id }, include: { tier: { select: { key: true } } } });

describe('prices by lookup key', () => {
  it('resolves exact cents, caches 10 minutes (misses too) and takes a price id as a fallback', async () => {
    // A gateway of its own: a cache no other test has filled.
    const gw = createStripeGateway({ secretKey: TEST_SECRET_KEY, webhookSecret: null, apiBase: stripe.standIn.url });
    const t0 = new Date('2026-12-01T10:00:00Z');
    const before = stripe.standIn.requests.length;
    const solo = await gw.resolvePrice('batchtrack_solo_monthly', t0);
    expect(solo).toMatchObject({ unitAmountCents: 1900, currency: 'USD', interval: 'month' });
    expect(solo!.id).toMatch(/^price_/);
    await gw.resolvePrice('batchtrack_solo_monthly', new Date(t0.getTime() + 9 * 60_000));
    expect(await gw.resolvePrice('no_such_key', t0)).toBeNull();
    expect(await gw.resolvePrice('no_such_key', new Date(t0.getTime() + 60_000))).toBeNull();
    expect(stripe.standIn.requests.length - before).toBe(2); // one per key: the rest came from the cache
    await gw.resolvePrice('batchtrack_solo_monthly', new Date(t0.getTime() + 10 * 60_000 + 1));
    expect(stripe.standIn.requests.length - before).toBe(3);
    // A key that is itself a price id.
    const byId = await gw.resolvePrice(solo!.id, t0);
    expect(byId).toMatchObject({ id: solo!.id, unitAmountCents: 1900 });
  });
});

describe('sign-up with billing on', () => {
  it('signs up on the free tier at once, with nothing charged', async () => {
    const r = await signUp(env.db, ctx(), { ...SOLO, tierKey: 'free' });
    expect(r.kind).toBe('created');
    const org = await env.db.organization.findFirstOrThrow({ where: { name: 'Lather & Co' } });
    expect([org.billingProvider, org.stripeCustomerId]).toEqual(['exempt', null]);
    expect(stripe.standIn.sessions.size).toBe(0);
  });

  it('a paid tier creates a pending signup and a subscription checkout, and no organization yet', async () => {
    const r = await paidSignup();
    expect(r.checkoutUrl).toBe(`${stripe.standIn.url}/pay/${r.sessionId}`);
    const pending = await env.db.pendingSignup.findUniqueOrThrow({ where: { id: r.pendingSignupId } });
    expect([pending.status, pending.email, pending.organizationName]).toEqual([
      'checkout_created',
      'ann@lather.test',
      'Lather & Co',
    ]);
    expect(pending.passwordHash).not.toContain('longenough1');
    const s = stripe.standIn.sessions.get(r.sessionId)!;
    expect(s).toMatchObject({
      mode: 'subscription',
      client_reference_id: pending.id,
      customer_email: 'ann@lather.test',
      metadata: { pending_signup_id: pending.id, tier_key: 'solo', lookup_key: 'batchtrack_solo_monthly' },
      success_url: 'http://app.test/signup/complete?session_id={CHECKOUT_SESSION_ID}',
      cancel_url: 'http://app.test/signup?checkout=canceled',
      payment_method_collection: 'always',
    });
    expect(await env.db.organization.count({ where: { name: 'Lather & Co' } })).toBe(0);
  });

  it('a zero-priced paid tier asks for no card and gets no trial', async () => {
    const solo = await env.db.subscriptionTier.findUniqueOrThrow({ where: { key: 'solo' } });
    await env.db.subscriptionTier.upsert({
      where: { key: 'zero_test' },
      create: {
        key: 'zero_test',
        name: 'Zero test',
        billingProvider: 'stripe',
        stripeLookupKey: 'batchtrack_zero_monthly',
        sortOrder: solo.sortOrder,
      },
      update: {},
    });
    const r = await paidSignup({ ...SOLO, tierKey: 'zero_test' });
    const s = stripe.standIn.sessions.get(r.sessionId)!;
    expect([s.payment_method_collection, s._trial]).toEqual(['if_required', null]);
  });

  it('when Stripe cannot be reached: the message, the pending signup failed, nothing created', async () => {
    stripe.standIn.down = true;
    await expect(signUp(env.db, ctx(), SOLO)).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: PAYMENT_UNAVAILABLE_MESSAGE,
      details: { field: 'tierKey' },
    });
    const pending = await env.db.pendingSignup.findFirstOrThrow({ where: { email: 'ann@lather.test' } });
    expect(pending.status).toBe('failed');
    expect(pending.lastError).toBeTruthy();
    expect(await env.db.organization.count({ where: { name: 'Lather & Co' } })).toBe(0);
  });

  it('the success URL and the webhook racing, 8 calls at once: one organization and one owner', async () => {
    const { sessionId } = await paidSignup();
    const { events } = await stripe.standIn.completeCheckout(sessionId, { deliver: false });
    const row = await store(events.find((e) => e.type === 'checkout.session.completed')!);
    const calls = Array.from({ length: 8 }, (_, i) =>
      i % 2 === 0
        ? completeSignupFromCheckout(env.db, ctx(), sessionId).then((p) => p.organizationId)
        : processStripeEvent(env.db, ctx(), { stripeEventId: row.id }).then(() => null),
    );
    const ids = (await Promise.all(calls)).filter((x): x is string => x !== null);
    expect(new Set(ids).size).toBe(1);
    const orgs = await env.db.organization.findMany({ where: { name: 'Lather & Co' }, include: { tier: true } });
    expect(orgs).toHaveLength(1);
    const org = orgs[0]!;
    expect([org.tier.key, org.billingProvider, org.billingStatus, org.subscriptionStatus]).toEqual([
      'solo',
      'stripe',
      'active',
      'active',
    ]);
    const session = stripe.standIn.sessions.get(sessionId)!;
    expect([org.stripeCustomerId, org.stripeSubscriptionId]).toEqual([session.customer, session.subscription]);
    expect(await env.db.user.count({ where: { organizationId: org.id } })).toBe(1);
    const pending = await env.db.pendingSignup.findFirstOrThrow({ where: { checkoutSessionId: sessionId } });
    expect([pending.status, pending.createdOrgId]).toEqual(['account_created', org.id]);
    expect((await env.db.stripeEvent.findUniqueOrThrow({ where: { id: row.id } })).status).toBe('processed');
    // The owner signs in with the password typed at sign-up; the Stripe customer knows the organization.
    const anon = await callerFor(env, null);
    await expect(anon.auth.signIn({ identifier: 'ann@lather.test', password: 'longenough1' })).resolves.toBeTruthy();
    expect(stripe.standIn.customers.get(org.stripeCustomerId!)!.metadata.organization_id).toBe(org.id);
  });

  it('an unpaid checkout provisions nothing; an email taken meanwhile fails the pending signup with the reason', async () => {
    const { sessionId } = await paidSignup();
    await expect(completeSignupFromCheckout(env.db, ctx(), sessionId)).rejects.toMatchObject({
      message: 'The checkout is not paid yet.',
    });
    await makeOrgWithEmail('ann@lather.test');
    await stripe.standIn.completeCheckout(sessionId, { deliver: false });
    await expect(completeSignupFromCheckout(env.db, ctx(), sessionId)).rejects.toMatchObject({
      message: 'An account with that email already exists. Please log in instead.',
    });
    const pending = await env.db.pendingSignup.findFirstOrThrow({ where: { checkoutSessionId: sessionId } });
    expect([pending.status, pending.lastError]).toEqual([
      'failed',
      'An account with that email already exists. Please log in instead.',
    ]);
  });
});

async function makeOrgWithEmail(email: string) {
  const { createOrganizationWithOwner } = await import('../../src/lib/server/domain/orgs/create-organization.ts');
  return createOrganizationWithOwner(env.db, env.services, {
    organizationName: 'Already here',
    tierKey: 'free',
    owner: { email, password: PASSWORD, firstName: 'A', lastName: 'H' },
  });
}

describe('webhooks as jobs', () => {
  it('refuses a bad signature and writes nothing', async () => {
    const ev = stripe.standIn.buildEvent('invoice.payment_failed', {
      id: 'in_x',
      object: 'invoice',
      customer: 'cus_x',
    });
    const raw = JSON.stringify(ev);
    await expect(
      receiveStripeWebhook(env.db, ctx(), raw, stripe.standIn.sign(raw, 'whsec_wrong_secret')),
    ).rejects.toBeInstanceOf(WebhookSignatureError);
    await expect(receiveStripeWebhook(env.db, ctx(), raw, null)).rejects.toBeInstanceOf(WebhookSignatureError);
    // A body changed after signing.
    const sig = stripe.standIn.sign(raw);
    await expect(receiveStripeWebhook(env.db, ctx(), raw.replace('in_x', 'in_y'), sig)).rejects.toBeInstanceOf(
      WebhookSignatureError,
    );
    expect(await env.db.stripeEvent.count()).toBe(0);
  });

  it('stores an event with its job once; a replayed event id does nothing', async () => {
    const ev = stripe.standIn.buildEvent('customer.created', { id: 'cus_1', object: 'customer' });
    const raw = JSON.stringify(ev);
    const first = await receiveStripeWebhook(env.db, ctx(), raw, stripe.standIn.sign(raw));
    const again = await receiveStripeWebhook(env.db, ctx(), raw, stripe.standIn.sign(raw));
    expect([first.duplicate, again.duplicate]).toEqual([false, true]);
    expect(await env.db.stripeEvent.count({ where: { eventId: ev.id } })).toBe(1);
    const jobs = await env.db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*)::bigint AS n FROM pgboss.job WHERE name = 'billing.process-stripe-event'`;
    expect(Number(jobs[0]!.n)).toBe(1);
    // Other types are recorded and ignored.
    const row = await env.db.stripeEvent.findUniqueOrThrow({ where: { eventId: ev.id } });
    await processStripeEvent(env.db, ctx(), { stripeEventId: row.id });
    expect((await env.db.stripeEvent.findUniqueOrThrow({ where: { id: row.id } })).status).toBe('ignored');
  });

  it('applies subscription states in event order: an older event never overwrites a newer one', async () => {
    const { org, sub } = await provisionedSolo();
    const t = Math.floor(Date.now() / 1000);
    const newer = stripe.standIn.buildEvent('customer.subscription.updated', { ...sub, status: 'past_due' }, t + 10);
    const older = stripe.standIn.buildEvent('customer.subscription.updated', { ...sub, status: 'active' }, t + 5);
    expect((await deliver(newer)).status).toBe('processed');
    const late = await deliver(older);
    expect([late.status, late.error]).toEqual(['ignored', 'older than the billing state already applied']);
    const row = await orgRow(env.db, org.id);
    expect([row.billingStatus, row.subscriptionStatus]).toEqual(['past_due', 'past_due']);
    expect(row.billingStateAt!.getTime()).toBe((t + 10) * 1000);
  });

  it('maps every subscription and invoice event onto the organization', async () => {
    const { org, sub } = await provisionedSolo();
    let t = Math.floor(Date.now() / 1000);
    const at = () => (t += 10);
    await deliver(stripe.standIn.buildEvent('invoice.payment_failed', invoiceOf(sub, false), at()));
    let row = await orgRow(env.db, org.id);
    expect([row.billingStatus, row.subscriptionStatus, row.isActive]).toEqual(['payment_failed', 'past_due', true]);
    const periodEnd = sub.items.data[0].current_period_end as number;
    await deliver(stripe.standIn.buildEvent('invoice.payment_succeeded', invoiceOf(sub, true), at()));
    row = await orgRow(env.db, org.id);
    expect([row.billingStatus, row.subscriptionStatus]).toEqual(['active', 'active']);
    expect(row.nextBillingDate!.getTime()).toBe(periodEnd * 1000);
    await deliver(stripe.standIn.buildEvent('customer.subscription.updated', { ...sub, status: 'unpaid' }, at()));
    expect((await orgRow(env.db, org.id)).billingStatus).toBe('past_due');
    await deliver(stripe.standIn.buildEvent('customer.subscription.updated', { ...sub, status: 'trialing' }, at()));
    expect((await orgRow(env.db, org.id)).billingStatus).toBe('active');
    await deliver(stripe.standIn.buildEvent('customer.subscription.deleted', { ...sub, status: 'canceled' }, at()));
    row = await orgRow(env.db, org.id);
    expect([row.billingStatus, row.subscriptionStatus, row.isActive]).toEqual(['canceled', 'canceled', false]);
  });

  it('a subscription update to another price moves the organization to that tier (decisions: upgrades change the tier)', async () => {
    const { org, sub } = await provisionedSolo();
    const team = [...stripe.standIn.prices.values()].find((p) => p.lookup_key === 'batchtrack_team_monthly')!;
    const moved = { ...sub, items: { ...sub.items, data: [{ ...sub.items.data[0], price: team }] } };
    await deliver(stripe.standIn.buildEvent('customer.subscription.updated', moved, Math.floor(Date.now() / 1000) + 5));
    expect((await orgRow(env.db, org.id)).tier.key).toBe('team');
    // The outbox has the status and the plan change (docs/rules/events.md).
    const events = await env.db.domainEvent.findMany({
      where: { organizationId: org.id, eventName: { startsWith: 'billing_' } },
    });
    expect(events.map((e) => [e.eventName, e.properties])).toEqual(
      expect.arrayContaining([
        ['billing_subscription_updated', { status: 'active', billingStatus: 'active' }],
        ['billing_plan_changed', { tier: 'team' }],
      ]),
    );
  });

  it('an add-on subscription upserts the organization add-on, which grants its permission', async () => {
    const { org, userId } = await provisionedSolo();
    const price = [...stripe.standIn.prices.values()].find((p) => p.lookup_key === 'recipe-variations')!;
    const addonSub = {
      id: 'sub_addon_1',
      object: 'subscription',
      status: 'active',
      customer: org.stripeCustomerId,
      cancel_at_period_end: false,
      metadata: { organization_id: org.id, addon_key: 'recipe_variations' },
      items: { object: 'list', data: [{ id: 'si_a', price, current_period_end: 1_900_000_000 }] },
    };
    const user = (
      await validateSessionToken(env.db, (await createSession(env.db, userId, new Date())).token, new Date())
    ).user!;
    expect((await loadAccess(env.db, user, null)).tierPermissions.has('recipes.create_variations')).toBe(false);
    await deliver(stripe.standIn.buildEvent('customer.subscription.created', addonSub));
    const owned = await env.db.organizationAddon.findFirstOrThrow({
      where: { organizationId: org.id, addon: { key: 'recipe_variations' } },
    });
    expect([owned.active, owned.stripeItemId, owned.currentPeriodEnd!.getTime()]).toEqual([
      true,
      'sub_addon_1',
      1_900_000_000_000,
    ]);
    expect((await loadAccess(env.db, user, null)).tierPermissions.has('recipes.create_variations')).toBe(true);
    // The plan itself is untouched by the add-on's own subscription.
    expect((await orgRow(env.db, org.id)).tier.key).toBe('solo');
    await deliver(stripe.standIn.buildEvent('customer.subscription.deleted', { ...addonSub, status: 'canceled' }));
    expect((await env.db.organizationAddon.findUniqueOrThrow({ where: { id: owned.id } })).active).toBe(false);
    expect((await orgRow(env.db, org.id)).billingStatus).toBe('active');
  });

  it('the worker killed while applying an event: nothing half-applied, and the retry applies it once', async () => {
    const { sessionId } = await paidSignup();
    const { events } = await stripe.standIn.completeCheckout(sessionId, { deliver: false });
    const row = await store(events.find((e) => e.type === 'checkout.session.completed')!);
    // The process dies after the event's writes and before COMMIT: the transaction never commits.
    const dying = new Proxy(env.db, {
      get(target, prop, receiver) {
        if (prop !== '$transaction') return Reflect.get(target, prop, receiver);
        return (fn: (tx: unknown) => Promise<unknown>, opts: object) =>
          target.$transaction(async (tx) => {
            await fn(tx);
            throw new Error('worker killed');
          }, opts);
      },
    });
    await expect(processStripeEvent(dying, ctx(), { stripeEventId: row.id })).rejects.toThrow('worker killed');
    expect(await env.db.organization.count({ where: { name: 'Lather & Co' } })).toBe(0);
    expect((await env.db.stripeEvent.findUniqueOrThrow({ where: { id: row.id } })).status).toBe('failed');
    await processStripeEvent(env.db, ctx(), { stripeEventId: row.id });
    await processStripeEvent(env.db, ctx(), { stripeEventId: row.id });
    expect(await env.db.organization.count({ where: { name: 'Lather & Co' } })).toBe(1);
    const done = await env.db.stripeEvent.findUniqueOrThrow({ where: { id: row.id } });
    expect([done.status, done.attempts]).toEqual(['processed', 2]);
  });

  it('a subscription event for a sign-up not provisioned yet fails and applies once the account exists', async () => {
    const { sessionId } = await paidSignup();
    const { events } = await stripe.standIn.completeCheckout(sessionId, { deliver: false });
    const row = await store(events.find((e) => e.type === 'customer.subscription.created')!);
    await expect(processStripeEvent(env.db, ctx(), { stripeEventId: row.id })).rejects.toThrow(/not provisioned yet/);
    const p = await completeSignupFromCheckout(env.db, ctx(), sessionId);
    await processStripeEvent(env.db, ctx(), { stripeEventId: row.id });
    expect((await env.db.stripeEvent.findUniqueOrThrow({ where: { id: row.id } })).status).toBe('processed');
    expect((await orgRow(env.db, p.organizationId)).nextBillingDate).not.toBeNull();
  });
});

function invoiceOf(sub: Record<string, any>, paid: boolean) {
  return {
    id: `in_${paid ? 'paid' : 'failed'}`,
    object: 'invoice',
    customer: sub.customer,
    next_payment_attempt: null,
    parent: { type: 'subscription_details', subscription_details: { subscription: sub.id, metadata: {} } },
    lines: { object: 'list', data: [{ period: { end: sub.items.data[0].current_period_end } }] },
    status: paid ? 'paid' : 'open',
  };
}

describe('billing standing on every surface', () => {
  async function orgInState(billingStatus: string, tierKey = 'solo') {
    const org = await makeOrg(env, { tierKey });
    await env.db.organization.update({ where: { id: org.id }, data: { billingStatus, billingProvider: 'stripe' } });
    return org;
  }

  it('past_due: sign-in works, the session carries require_upgrade, the API answers billing_required with the URL, billing stays open', async () => {
    const org = await orgInState('past_due');
    const anon = await callerFor(env, null);
    await expect(anon.auth.signIn({ identifier: org.owner.email, password: PASSWORD })).resolves.toBeTruthy();
    const { token } = await createSession(env.db, org.owner.id, new Date());
    expect((await validateSessionToken(env.db, token, new Date())).session?.standing).toBe('require_upgrade');
    const owner = await callerFor(env, org.owner.id);
    await expect(owner.inventory.list({})).rejects.toMatchObject({
      code: 'FORBIDDEN',
      cause: { denial: { reason: 'billing_required', upgradeUrl: '/billing/upgrade' } },
    });
    await expect(owner.billing.overview()).resolves.toMatchObject({
      organization: { billingStatus: 'past_due', standing: 'require_upgrade' },
    });
    expect((await owner.me.get()).permissions).toContain('organization.manage_billing');
  });

  it('payment_failed is require_upgrade too; a developer viewing the organization is not subject to it', async () => {
    const org = await orgInState('payment_failed');
    const dev = await makeDeveloper(env);
    const viewing = await callerFor(env, dev.id, { viewAsOrgId: org.id });
    await expect(viewing.inventory.list({})).resolves.toBeTruthy();
    const owner = await callerFor(env, org.owner.id);
    await expect(owner.recipes.list({})).rejects.toMatchObject({ cause: { denial: { reason: 'billing_required' } } });
  });

  it('canceled: sign-in refused with the message, a live session ends on its next request', async () => {
    const org = await makeOrg(env, { tierKey: 'solo' });
    const { token } = await createSession(env.db, org.owner.id, new Date());
    await env.db.organization.update({ where: { id: org.id }, data: { billingStatus: 'canceled' } });
    const anon = await callerFor(env, null);
    await expect(anon.auth.signIn({ identifier: org.owner.email, password: PASSWORD })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: INACTIVE_ORG_MESSAGE,
    });
    const v = await validateSessionToken(env.db, token, new Date());
    expect([v.session, v.lockedOut]).toEqual([null, true]);
    expect(await env.db.session.count({ where: { userId: org.owner.id } })).toBe(0);
    for (const status of ['suspended', 'cancelled']) {
      await env.db.organization.update({ where: { id: org.id }, data: { billingStatus: status } });
      await expect(anon.auth.signIn({ identifier: org.owner.email, password: PASSWORD })).rejects.toMatchObject({
        message: INACTIVE_ORG_MESSAGE,
      });
    }
  });

  it('an exempt tier skips payment checks: canceled or past_due still signs in and works; deactivated does not', async () => {
    const org = await makeOrg(env, { tierKey: 'free' });
    const anon = await callerFor(env, null);
    for (const status of ['canceled', 'past_due']) {
      await env.db.organization.update({ where: { id: org.id }, data: { billingStatus: status } });
      await expect(anon.auth.signIn({ identifier: org.owner.email, password: PASSWORD })).resolves.toBeTruthy();
      await expect((await callerFor(env, org.owner.id)).recipes.list({})).resolves.toBeTruthy();
    }
    await env.db.organization.update({ where: { id: org.id }, data: { isActive: false } });
    await expect(anon.auth.signIn({ identifier: org.owner.email, password: PASSWORD })).rejects.toMatchObject({
      message: INACTIVE_ORG_MESSAGE,
    });
  });
});

describe('the policy table, status by status: sign-in, the session, a page and the API', () => {
  type Row = [
    status: string,
    tier: string,
    signIn: 'ok' | 'refused',
    page: 'open' | '/billing/upgrade' | '/login?reason=inactive',
    api: string,
  ];
  const rows: Row[] = [
    ['active', 'solo', 'ok', 'open', 'ok'],
    ['past_due', 'solo', 'ok', '/billing/upgrade', 'billing_required'],
    ['payment_failed', 'solo', 'ok', '/billing/upgrade', 'billing_required'],
    ['canceled', 'solo', 'refused', '/login?reason=inactive', 'organization_inactive'],
    ['cancelled', 'solo', 'refused', '/login?reason=inactive', 'organization_inactive'],
    ['suspended', 'solo', 'refused', '/login?reason=inactive', 'organization_inactive'],
    ['past_due', 'free', 'ok', 'open', 'ok'],
    ['canceled', 'free', 'ok', 'open', 'ok'],
  ];
  it.each(rows)('%s on %s: sign-in %s, /inventory %s, API %s', async (status, tier, signIn, page, api) => {
    process.env.DATABASE_URL = (await import('../helpers/env.ts')).TEST_DATABASE_URL; // the layout's own client
    const { load } = await import('../../src/routes/(app)/+layout.server.ts');
    const { appRouter } = await import('../../src/lib/server/trpc/root.ts');
    const org = await makeOrg(env, { tierKey: tier });
    const { token } = await createSession(env.db, org.owner.id, new Date());
    await env.db.organization.update({ where: { id: org.id }, data: { billingStatus: status } });
    const anon = await callerFor(env, null);
    const signedIn = anon.auth.signIn({ identifier: org.owner.email, password: PASSWORD });
    if (signIn === 'ok') await expect(signedIn).resolves.toBeTruthy();
    else await expect(signedIn).rejects.toMatchObject({ message: INACTIVE_ORG_MESSAGE });

    // The request as hooks.server.ts sees it: the session check, then the page layout.
    const v = await validateSessionToken(env.db, token, new Date());
    const locals = { user: v.user, session: v.session, lockedOut: v.lockedOut === true, requestId: 'policy' };
    let landed = 'open';
    try {
      await load({ locals, url: new URL('http://app.test/inventory'), cookies: { get: () => undefined } } as never);
    } catch (e) {
      const r = e as { status?: number; location?: string };
      if (r.status !== 303) throw e;
      landed = r.location!;
    }
    expect(landed).toBe(page);

    const ctx = {
      db: env.db,
      services: env.services,
      boss: async () => env.boss,
      user: v.user,
      session: v.session,
      lockedOut: v.lockedOut === true,
      setSessionCookie: () => {},
      clearSessionCookie: () => {},
    };
    const outcome = await appRouter
      .createCaller(ctx)
      .inventory.list({})
      .then(
        () => 'ok',
        (e: { code?: string; cause?: { denial?: { reason?: string } } }) => e.cause?.denial?.reason ?? e.code,
      );
    expect(outcome).toBe(api);
  });
});

describe('the webhook endpoint', () => {
  it('answers 400 to a bad signature, 200 to a replay, and 500 without a webhook secret', async () => {
    const { TEST_DATABASE_URL } = await import('../helpers/env.ts');
    process.env.DATABASE_URL = TEST_DATABASE_URL;
    const route = await import('../../src/routes/api/webhooks/stripe/+server.ts');
    const services = await import('../../src/lib/server/services.ts');
    const post = (body: string, signature: string | null) =>
      route.POST({
        request: new Request('http://app.test/api/webhooks/stripe', {
          method: 'POST',
          headers: signature ? { 'stripe-signature': signature } : {},
          body,
        }),
        locals: { requestId: 'test' },
      } as never);
    try {
      const ev = stripe.standIn.buildEvent('customer.created', { id: 'cus_route', object: 'customer' });
      const raw = JSON.stringify(ev);
      expect((await post(raw, stripe.standIn.sign(raw, 'whsec_other'))).status).toBe(400);
      expect(await env.db.stripeEvent.count()).toBe(0);
      const ok = await post(raw, stripe.standIn.sign(raw));
      expect([ok.status, await ok.json()]).toEqual([200, { received: true, duplicate: false }]);
      const replay = await post(raw, stripe.standIn.sign(raw));
      expect([replay.status, await replay.json()]).toEqual([200, { received: true, duplicate: true }]);
      expect(await env.db.stripeEvent.count()).toBe(1);
      delete process.env.STRIPE_WEBHOOK_SECRET;
      const off = await post(raw, stripe.standIn.sign(raw));
      expect([off.status, await off.json()]).toEqual([
        503,
        { error: 'Stripe webhooks are off on this server: STRIPE_WEBHOOK_SECRET is not set' },
      ]);
    } finally {
      process.env.STRIPE_WEBHOOK_SECRET = TEST_WEBHOOK_SECRET;
      await services.stopServices();
    }
  });
});
