// Plan changes of an existing organization (docs/rules/billing.md, Plan changes), with billing off and on
// (the real SDK against the Stripe stand-in), and the developer side of billing.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestEnv, resetData, type TestEnv } from '../helpers/db.ts';
import { callerFor, makeDeveloper, makeOrg, type Caller } from '../helpers/factories.ts';
import { TEST_SECRET_KEY, TEST_WEBHOOK_SECRET, startStripeTestEnv, type StripeTestEnv } from '../helpers/stripe.ts';
import { processStripeEvent, receiveStripeWebhook } from '../../src/lib/server/domain/billing/stripe-events.ts';
import { cancelOrganizationSubscriptions } from '../../src/lib/server/domain/billing/platform-billing.ts';
import { PAYMENT_UNAVAILABLE_MESSAGE } from '../../src/lib/server/domain/billing/context.ts';

let env: TestEnv;
let stripe: StripeTestEnv;

beforeAll(async () => {
  env = await createTestEnv();
  stripe = await startStripeTestEnv({ env: false });
  // A tier of 11 recipes that keeps the billing page (developers assign it; customers never see it).
  const billingPermission = await env.db.permission.findUniqueOrThrow({
    where: { name: 'organization.manage_billing' },
  });
  await env.db.subscriptionTier.upsert({
    where: { key: 'eleven_test' },
    create: {
      key: 'eleven_test',
      name: 'Eleven test',
      billingProvider: 'exempt',
      isCustomerFacing: false,
      maxRecipes: 11,
      sortOrder: 9,
      permissions: { create: [{ permissionId: billingPermission.id }] },
    },
    update: {},
  });
});
afterAll(async () => {
  await env.db.subscriptionTier.deleteMany({ where: { key: 'eleven_test' } });
  await stripe.close();
  await env.close();
});
beforeEach(() => resetData(env.db));

const billingOn = () => {
  process.env.STRIPE_SECRET_KEY = TEST_SECRET_KEY;
  process.env.STRIPE_WEBHOOK_SECRET = TEST_WEBHOOK_SECRET;
  process.env.STRIPE_API_BASE = stripe.standIn.url;
};
const billingOff = () => {
  delete process.env.STRIPE_SECRET_KEY;
  delete process.env.STRIPE_WEBHOOK_SECRET;
  delete process.env.STRIPE_API_BASE;
};

async function withRecipes(owner: Caller, n: number) {
  const oil = await owner.inventory.create({ name: 'Olive oil', unit: 'gram', cost: '0.01' });
  const ids: string[] = [];
  for (let i = 1; i <= n; i++) {
    const r = await owner.recipes.create({
      name: `Recipe ${String(i).padStart(2, '0')}`,
      predictedYield: '10',
      lines: [{ kind: 'ingredient', itemId: oil.id, quantity: '100', unit: 'gram' }],
    });
    ids.push(r.id);
  }
  return ids;
}

const archivedNames = async (organizationId: string) =>
  (
    await env.db.recipe.findMany({
      where: { organizationId, isArchived: true, testSequence: null },
      orderBy: { name: 'asc' },
      select: { name: true },
    })
  ).map((r) => r.name);

const tierOf = async (organizationId: string) =>
  env.db.organization.findUniqueOrThrow({
    where: { id: organizationId },
    include: { tier: { select: { key: true } } },
  });

describe('plan changes with billing off', () => {
  beforeEach(billingOff);

  it('a downgrade below the recipe limit keeps exactly the picked recipes; upgrades restore the oldest-archived first', async () => {
    const org = await makeOrg(env, { tierKey: 'solo' });
    const owner = await callerFor(env, org.owner.id);
    const ids = await withRecipes(owner, 12);
    // Recipe 01 archived first, by hand, a day before the downgrade.
    await owner.recipes.archive({ recipeId: ids[0]! });
    env.clock.advance(86_400_000);
    const overview = await owner.billing.overview();
    expect(overview.billingOn).toBe(false);
    expect(overview.plans.find((p) => p.key === 'free')!.keepRecipes).toBe(10);
    expect(overview.usage.find((u) => u.label === 'Recipes')).toEqual({ label: 'Recipes', used: 11, limit: 50 });

    const keep = ids.slice(1, 11); // recipes 02-11: recipe 12 goes
    await expect(owner.billing.changePlan({ tierKey: 'free' })).rejects.toMatchObject({
      message: 'Please select exactly 10 recipes to keep.',
    });
    await expect(owner.billing.changePlan({ tierKey: 'free', keepRecipeIds: keep.slice(0, 9) })).rejects.toMatchObject({
      message: 'Please select exactly 10 recipes to keep.',
    });
    // An archived recipe cannot be one of those kept.
    await expect(
      owner.billing.changePlan({ tierKey: 'free', keepRecipeIds: [ids[0]!, ...keep.slice(0, 9)] }),
    ).rejects.toMatchObject({ message: 'Please select exactly 10 recipes to keep.' });
    expect((await tierOf(org.id)).tier.key).toBe('solo');

    await expect(owner.billing.changePlan({ tierKey: 'free', keepRecipeIds: keep })).resolves.toEqual({
      kind: 'changed',
      tierKey: 'free',
      archived: 1,
      restored: 0,
    });
    const onFree = await tierOf(org.id);
    expect([onFree.tier.key, onFree.billingProvider]).toEqual(['free', 'exempt']);
    expect(await archivedNames(org.id)).toEqual(['Recipe 01', 'Recipe 12']);

    // Room for one more: the oldest-archived (Recipe 01) comes back, not Recipe 12.
    const eleven = await (
      await callerFor(env, (await makeDeveloper(env)).id)
    ).dev.assignTier({
      organizationId: org.id,
      tierKey: 'eleven_test',
    });
    expect(eleven).toEqual({ tierKey: 'eleven_test', restored: 1 });
    expect(await archivedNames(org.id)).toEqual(['Recipe 12']);

    // Billing off: a paid tier is granted at once, recorded as unbilled; the rest come back.
    await expect(owner.billing.changePlan({ tierKey: 'solo' })).resolves.toMatchObject({
      kind: 'changed',
      restored: 1,
    });
    const onSolo = await tierOf(org.id);
    expect([onSolo.tier.key, onSolo.billingProvider, onSolo.stripeSubscriptionId]).toEqual(['solo', 'none', null]);
    expect(await archivedNames(org.id)).toEqual([]);
  });

  it('refuses the current plan and plans not offered to customers; Stripe actions say billing is off', async () => {
    const org = await makeOrg(env, { tierKey: 'solo' });
    const owner = await callerFor(env, org.owner.id);
    await expect(owner.billing.changePlan({ tierKey: 'solo' })).rejects.toMatchObject({
      message: 'You are already on Solo.',
    });
    await expect(owner.billing.changePlan({ tierKey: 'exempt' })).rejects.toMatchObject({
      message: 'Invalid subscription plan selected',
    });
    await expect(owner.billing.portal()).rejects.toMatchObject({
      message: 'Billing is off on this server: plans are granted without payment.',
    });
  });
});

describe('plan changes with billing on', () => {
  beforeEach(billingOn);
  afterEach(billingOff);

  async function deliver(event: object) {
    const ctx = { ...env.services, stripe: stripe.gateway };
    const raw = JSON.stringify(event);
    await receiveStripeWebhook(env.db, ctx, raw, stripe.standIn.sign(raw));
    const row = await env.db.stripeEvent.findUniqueOrThrow({ where: { eventId: (event as { id: string }).id } });
    await processStripeEvent(env.db, ctx, { stripeEventId: row.id });
  }

  it('free → Solo through Checkout, Solo → Team by a prorated price swap, Team → Free at period end', async () => {
    const org = await makeOrg(env, { tierKey: 'free' });
    const owner = await callerFor(env, org.owner.id);
    const toSolo = await owner.billing.changePlan({ tierKey: 'solo' });
    if (toSolo.kind !== 'checkout') throw new Error('expected a checkout');
    const sessionId = toSolo.checkoutUrl.split('/').pop()!;
    expect(stripe.standIn.sessions.get(sessionId)).toMatchObject({
      mode: 'subscription',
      customer_email: org.owner.email,
      metadata: { purpose: 'plan', organization_id: org.id, tier_key: 'solo', lookup_key: 'batchtrack_solo_monthly' },
      success_url: 'http://app.test/billing?session_id={CHECKOUT_SESSION_ID}',
    });
    expect((await tierOf(org.id)).tier.key).toBe('free'); // nothing changes before payment
    await stripe.standIn.completeCheckout(sessionId, { deliver: false });
    await expect(owner.billing.checkoutReturn({ sessionId })).resolves.toEqual({
      applied: true,
      note: 'plan solo bought',
    });
    const onSolo = await tierOf(org.id);
    const session = stripe.standIn.sessions.get(sessionId)!;
    expect([onSolo.tier.key, onSolo.billingProvider, onSolo.stripeSubscriptionId, onSolo.stripeCustomerId]).toEqual([
      'solo',
      'stripe',
      session.subscription,
      session.customer,
    ]);
    // Another organization cannot apply this checkout to itself.
    const other = await makeOrg(env, { tierKey: 'free' });
    await expect((await callerFor(env, other.owner.id)).billing.checkoutReturn({ sessionId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });

    await expect(owner.billing.changePlan({ tierKey: 'team' })).resolves.toMatchObject({
      kind: 'changed',
      tierKey: 'team',
    });
    const sub = stripe.standIn.subscriptions.get(session.subscription)!;
    expect(sub.items.data[0].price.lookup_key).toBe('batchtrack_team_monthly');
    expect((await tierOf(org.id)).tier.key).toBe('team');

    const portal = await owner.billing.portal();
    expect(portal.url.startsWith(`${stripe.standIn.url}/portal/bps_`)).toBe(true);

    await expect(owner.billing.changePlan({ tierKey: 'free' })).resolves.toMatchObject({
      kind: 'scheduled',
      tierKey: 'free',
    });
    expect([sub.cancel_at_period_end, sub.metadata.downgrade_to]).toEqual([true, 'free']);
    let row = await tierOf(org.id);
    expect([row.tier.key, row.cancelAtPeriodEnd]).toEqual(['team', true]);
    // The period ends: Stripe deletes the subscription and the organization moves to Free, still open.
    await deliver(stripe.standIn.setSubscriptionStatus(sub.id, 'canceled'));
    row = await tierOf(org.id);
    expect([row.tier.key, row.billingProvider, row.billingStatus, row.isActive, row.stripeSubscriptionId]).toEqual([
      'free',
      'exempt',
      'active',
      true,
      null,
    ]);
  });

  it('cancel at period end and undo; an add-on bought through Checkout; Stripe down leaves the plan as it was', async () => {
    const org = await makeOrg(env, { tierKey: 'free' });
    const owner = await callerFor(env, org.owner.id);
    const toSolo = await owner.billing.changePlan({ tierKey: 'solo' });
    const sessionId = (toSolo as { checkoutUrl: string }).checkoutUrl.split('/').pop()!;
    await stripe.standIn.completeCheckout(sessionId, { deliver: false });
    await owner.billing.checkoutReturn({ sessionId });
    const subId = stripe.standIn.sessions.get(sessionId)!.subscription as string;

    await expect(owner.billing.setCancelAtPeriodEnd({ cancel: true })).resolves.toEqual({ cancelAtPeriodEnd: true });
    expect(stripe.standIn.subscriptions.get(subId)!.cancel_at_period_end).toBe(true);
    await expect(owner.billing.setCancelAtPeriodEnd({ cancel: false })).resolves.toEqual({ cancelAtPeriodEnd: false });
    expect((await tierOf(org.id)).cancelAtPeriodEnd).toBe(false);

    const addon = await owner.billing.addonCheckout({ addonKey: 'recipe_variations' });
    const addonSession = addon.checkoutUrl.split('/').pop()!;
    expect(stripe.standIn.sessions.get(addonSession)!.metadata).toMatchObject({
      purpose: 'addon',
      organization_id: org.id,
      addon_key: 'recipe_variations',
    });
    await stripe.standIn.completeCheckout(addonSession, { deliver: false });
    await owner.billing.checkoutReturn({ sessionId: addonSession });
    expect((await owner.billing.overview()).addons.find((a) => a.key === 'recipe_variations')).toMatchObject({
      active: true,
      included: false,
    });
    expect((await owner.me.get()).permissions).toContain('recipes.create_variations');
    await expect(owner.billing.addonCheckout({ addonKey: 'recipe_variations' })).rejects.toMatchObject({
      message: 'Recipe variations is already active.',
    });
    await expect(owner.billing.addonCheckout({ addonKey: 'no_such_addon' })).rejects.toMatchObject({
      message: 'That add-on is not offered on your plan.',
    });

    stripe.standIn.down = true;
    try {
      await expect(owner.billing.changePlan({ tierKey: 'team' })).rejects.toMatchObject({
        code: 'SERVICE_UNAVAILABLE',
        message: PAYMENT_UNAVAILABLE_MESSAGE,
      });
      expect((await tierOf(org.id)).tier.key).toBe('solo');
    } finally {
      stripe.standIn.down = false;
    }
  });

  it('before deleting an organization its live subscriptions are cancelled; Stripe down aborts', async () => {
    const org = await makeOrg(env, { tierKey: 'free' });
    const owner = await callerFor(env, org.owner.id);
    const toSolo = await owner.billing.changePlan({ tierKey: 'solo' });
    const sessionId = (toSolo as { checkoutUrl: string }).checkoutUrl.split('/').pop()!;
    await stripe.standIn.completeCheckout(sessionId, { deliver: false });
    await owner.billing.checkoutReturn({ sessionId });
    const subId = stripe.standIn.sessions.get(sessionId)!.subscription as string;

    stripe.standIn.down = true;
    await expect(
      cancelOrganizationSubscriptions(env.db, { stripe: stripe.gateway }, { organizationId: org.id }),
    ).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(stripe.standIn.subscriptions.get(subId)!.status).toBe('active');
    stripe.standIn.down = false;
    await expect(
      cancelOrganizationSubscriptions(env.db, { stripe: stripe.gateway }, { organizationId: org.id }),
    ).resolves.toEqual({ cancelled: [subId], note: null });
    expect(stripe.standIn.subscriptions.get(subId)!.status).toBe('canceled');
    await expect(
      cancelOrganizationSubscriptions(env.db, { stripe: null }, { organizationId: org.id }),
    ).resolves.toEqual({
      cancelled: [],
      note: 'Billing is off on this server: no Stripe subscription was cancelled.',
    });
  });

  it('developers sync a tier price from Stripe and retry a failed event', async () => {
    const dev = await callerFor(env, (await makeDeveloper(env)).id);
    await expect(dev.dev.syncTierPrice({ tierKey: 'solo' })).resolves.toMatchObject({
      key: 'solo',
      priceCents: 1900,
      priceCurrency: 'USD',
      priceInterval: 'month',
    });
    const listed = await dev.dev.tierPrices();
    expect(listed.tiers.find((t) => t.key === 'solo')).toMatchObject({ priceCents: 1900 });
    await expect(dev.dev.syncTierPrice({ tierKey: 'free' })).rejects.toMatchObject({
      message: 'Free Tools has no Stripe lookup key.',
    });

    const ev = await env.db.stripeEvent.create({
      data: {
        eventId: 'evt_failed_1',
        type: 'invoice.payment_failed',
        payload: {},
        status: 'failed',
        error: 'boom',
        eventCreatedAt: new Date(),
      },
    });
    const page = await dev.dev.stripeEvents({ status: 'failed' });
    expect(page.rows.map((r) => [r.eventId, r.error])).toEqual([['evt_failed_1', 'boom']]);
    await expect(dev.dev.retryStripeEvent({ id: ev.id })).resolves.toEqual({ id: ev.id, status: 'received' });
    await expect(dev.dev.retryStripeEvent({ id: ev.id })).rejects.toMatchObject({
      message: 'Only failed events are retried (this one is received).',
    });
    const jobs = await env.db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*)::bigint AS n FROM pgboss.job WHERE name = 'billing.process-stripe-event' AND data->>'stripeEventId' = ${ev.id}`;
    expect(Number(jobs[0]!.n)).toBe(1);
  });
});
