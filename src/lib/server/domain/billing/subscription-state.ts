// Applies Stripe's view of a subscription, an invoice or a completed checkout to the organization
// (docs/rules/billing.md, Webhooks as jobs). Runs inside the transaction that marks the Stripe event
// processed, so an event is applied exactly once. Events can arrive out of order: every write of the
// billing state carries the event's `created`, and an older event never overwrites a newer state.
import type Stripe from 'stripe';
import type { Tx } from '../../db/transaction.ts';
import { emitEvent } from '../../events/emit.ts';

type Org = {
  id: string;
  subscriptionTierId: string;
  billingStateAt: Date | null;
  stripeCustomerId: string | null;
  stripeSubscriptionId: string | null;
};

export type Applied = {
  outcome: 'applied' | 'ignored';
  note: string;
  organizationId: string | null;
  /** The organization moved to this tier: the caller restores archived recipes after commit. */
  tierChangedTo?: { id: string; maxRecipes: number };
};

/** Thrown when the event concerns a sign-up that is not provisioned yet: the job retries it later. */
export class NotProvisionedYet extends Error {}

const ORG_SELECT = {
  id: true,
  subscriptionTierId: true,
  billingStateAt: true,
  stripeCustomerId: true,
  stripeSubscriptionId: true,
} as const;

const idOf = (v: string | { id: string } | null | undefined) => (typeof v === 'string' ? v : (v?.id ?? null));

/** Stripe subscription status → the organization's billing and subscription status, and whether it stays active. */
export function mapSubscriptionStatus(status: string): { billingStatus: string; isActive?: boolean } | null {
  switch (status) {
    case 'active':
    case 'trialing':
      return { billingStatus: 'active', isActive: true };
    case 'past_due':
    case 'unpaid':
      return { billingStatus: 'past_due' };
    case 'canceled':
    case 'incomplete_expired':
      return { billingStatus: 'canceled', isActive: false };
    default:
      return null; // incomplete, paused: nothing to decide yet
  }
}

/** The organization a Stripe customer belongs to: by customer id, else by the metadata we put on Stripe objects. */
export async function findOrganization(
  tx: Tx,
  customerId: string | null,
  metadata: Record<string, string> | null | undefined,
): Promise<Org | null> {
  if (customerId) {
    const org = await tx.organization.findUnique({ where: { stripeCustomerId: customerId }, select: ORG_SELECT });
    if (org) return org;
  }
  const orgId = metadata?.organization_id;
  if (orgId) {
    const org = await tx.organization.findUnique({ where: { id: orgId }, select: ORG_SELECT });
    if (org) return org;
  }
  const pendingId = metadata?.pending_signup_id;
  if (pendingId) {
    const pending = await tx.pendingSignup.findUnique({ where: { id: pendingId } });
    if (pending?.createdOrgId) {
      return tx.organization.findUnique({ where: { id: pending.createdOrgId }, select: ORG_SELECT });
    }
    if (pending) throw new NotProvisionedYet(`Sign-up ${pendingId} is not provisioned yet`);
  }
  return null;
}

const isOlder = (org: { billingStateAt: Date | null }, at: Date) =>
  org.billingStateAt !== null && at.getTime() < org.billingStateAt.getTime();

async function tierForLookupKeys(tx: Tx, keys: string[]) {
  if (!keys.length) return null;
  return tx.subscriptionTier.findFirst({
    where: { stripeLookupKey: { in: keys } },
    select: { id: true, key: true, maxRecipes: true, billingProvider: true },
  });
}

function periodEnd(sub: Stripe.Subscription): Date | null {
  const ends = sub.items.data.map((i) => i.current_period_end).filter((n): n is number => typeof n === 'number');
  return ends.length ? new Date(Math.min(...ends) * 1000) : null;
}

/** customer.subscription.created / .updated / .deleted */
export async function applySubscription(
  tx: Tx,
  sub: Stripe.Subscription,
  at: Date,
  deleted: boolean,
): Promise<Applied> {
  const customerId = idOf(sub.customer);
  const org = await findOrganization(tx, customerId, sub.metadata);
  if (!org) return { outcome: 'ignored', note: `no organization for customer ${customerId}`, organizationId: null };
  const keys = sub.items.data.map((i) => i.price.lookup_key).filter((k): k is string => !!k);
  const addon = await tx.addon.findFirst({ where: { stripeLookupKey: { in: keys } }, select: { id: true, key: true } });
  const tier = await tierForLookupKeys(tx, keys);
  if (addon && !tier) return applyAddonSubscription(tx, org, addon, sub, at, deleted);

  if (isOlder(org, at)) {
    return { outcome: 'ignored', note: 'older than the billing state already applied', organizationId: org.id };
  }
  const status = deleted ? 'canceled' : sub.status;
  if (org.stripeSubscriptionId && org.stripeSubscriptionId !== sub.id && (deleted || status === 'canceled')) {
    // A replaced subscription ending says nothing about the one the organization pays with now.
    return { outcome: 'ignored', note: `subscription ${sub.id} is not the current one`, organizationId: org.id };
  }
  const downgradeTo = deleted ? sub.metadata?.downgrade_to : undefined;
  if (downgradeTo) {
    // Cancelled at period end to move to a free tier: the organization moves there instead of being locked.
    const target = await tx.subscriptionTier.findUnique({ where: { key: downgradeTo } });
    if (target && target.billingProvider === 'exempt') {
      await tx.organization.update({
        where: { id: org.id },
        data: {
          subscriptionTierId: target.id,
          billingProvider: 'exempt',
          billingStatus: 'active',
          subscriptionStatus: 'canceled',
          isActive: true,
          stripeSubscriptionId: null,
          cancelAtPeriodEnd: false,
          nextBillingDate: null,
          billingStateAt: at,
        },
      });
      const who = { organizationId: org.id, now: () => at };
      await emitEvent(tx, who, 'billing_subscription_updated', org.id, { status: 'canceled', billingStatus: 'active' });
      await emitEvent(tx, who, 'billing_plan_changed', org.id, { tier: target.key });
      return {
        outcome: 'applied',
        note: `subscription ended: moved to ${target.key}`,
        organizationId: org.id,
        tierChangedTo: { id: target.id, maxRecipes: target.maxRecipes },
      };
    }
  }
  const mapped = mapSubscriptionStatus(status);
  const moveTier = !deleted && tier && tier.id !== org.subscriptionTierId && mapped?.billingStatus === 'active';
  await tx.organization.update({
    where: { id: org.id },
    data: {
      subscriptionStatus: status,
      ...(mapped ? { billingStatus: mapped.billingStatus } : {}),
      ...(mapped?.isActive !== undefined ? { isActive: mapped.isActive } : {}),
      billingProvider: 'stripe',
      stripeCustomerId: customerId ?? org.stripeCustomerId,
      stripeSubscriptionId: deleted ? org.stripeSubscriptionId : sub.id,
      cancelAtPeriodEnd: deleted ? false : sub.cancel_at_period_end,
      ...(deleted ? {} : { nextBillingDate: periodEnd(sub) }),
      ...(moveTier ? { subscriptionTierId: tier.id } : {}),
      billingStateAt: at,
    },
  });
  const who = { organizationId: org.id, now: () => at };
  await emitEvent(tx, who, 'billing_subscription_updated', org.id, {
    status,
    billingStatus: mapped?.billingStatus ?? null,
  });
  if (moveTier) await emitEvent(tx, who, 'billing_plan_changed', org.id, { tier: tier.key });
  return {
    outcome: 'applied',
    note: `subscription ${status}${moveTier ? `, tier ${tier.key}` : ''}`,
    organizationId: org.id,
    ...(moveTier ? { tierChangedTo: { id: tier.id, maxRecipes: tier.maxRecipes } } : {}),
  };
}

async function applyAddonSubscription(
  tx: Tx,
  org: Org,
  addon: { id: string; key: string },
  sub: Stripe.Subscription,
  at: Date,
  deleted: boolean,
): Promise<Applied> {
  const existing = await tx.organizationAddon.findUnique({
    where: { organizationId_addonId: { organizationId: org.id, addonId: addon.id } },
  });
  if (existing?.stripeStateAt && at.getTime() < existing.stripeStateAt.getTime()) {
    return { outcome: 'ignored', note: `add-on ${addon.key}: older than the state applied`, organizationId: org.id };
  }
  const active = !deleted && (sub.status === 'active' || sub.status === 'trialing');
  const data = {
    active,
    source: 'subscription_item',
    stripeItemId: sub.id,
    currentPeriodEnd: periodEnd(sub),
    stripeStateAt: at,
  };
  await tx.organizationAddon.upsert({
    where: { organizationId_addonId: { organizationId: org.id, addonId: addon.id } },
    create: { organizationId: org.id, addonId: addon.id, ...data },
    update: data,
  });
  return { outcome: 'applied', note: `add-on ${addon.key} ${active ? 'active' : 'inactive'}`, organizationId: org.id };
}

/** invoice.payment_succeeded / invoice.payment_failed */
export async function applyInvoice(tx: Tx, invoice: Stripe.Invoice, at: Date, paid: boolean): Promise<Applied> {
  const customerId = idOf(invoice.customer);
  const org = await findOrganization(tx, customerId, invoice.parent?.subscription_details?.metadata ?? null);
  if (!org) return { outcome: 'ignored', note: `no organization for customer ${customerId}`, organizationId: null };
  if (isOlder(org, at)) {
    return { outcome: 'ignored', note: 'older than the billing state already applied', organizationId: org.id };
  }
  const subscriptionId = idOf(invoice.parent?.subscription_details?.subscription);
  if (subscriptionId && org.stripeSubscriptionId && subscriptionId !== org.stripeSubscriptionId) {
    // An add-on's own subscription invoiced: the plan's standing is not this invoice's business.
    return { outcome: 'ignored', note: `invoice of another subscription (${subscriptionId})`, organizationId: org.id };
  }
  const nextSec = invoice.next_payment_attempt ?? invoice.lines?.data?.[0]?.period?.end ?? null;
  await tx.organization.update({
    where: { id: org.id },
    data: paid
      ? {
          billingStatus: 'active',
          subscriptionStatus: 'active',
          ...(nextSec ? { nextBillingDate: new Date(nextSec * 1000) } : {}),
          billingStateAt: at,
        }
      : { billingStatus: 'payment_failed', subscriptionStatus: 'past_due', billingStateAt: at },
  });
  return { outcome: 'applied', note: paid ? 'payment succeeded' : 'payment failed', organizationId: org.id };
}

export type CheckoutSession = Pick<
  Stripe.Checkout.Session,
  | 'id'
  | 'status'
  | 'payment_status'
  | 'client_reference_id'
  | 'metadata'
  | 'customer'
  | 'customer_details'
  | 'subscription'
>;

export const isPaidCheckout = (s: CheckoutSession) =>
  s.status === 'complete' && (s.payment_status === 'paid' || s.payment_status === 'no_payment_required');

/**
 * A completed checkout of an existing organization: a plan (the tier from the price's lookup key we put in
 * the metadata) or an add-on. Idempotent: run from the webhook and from the success URL.
 */
export async function applyOrganizationCheckout(tx: Tx, session: CheckoutSession, at: Date | null): Promise<Applied> {
  const meta = session.metadata ?? {};
  const orgId = meta.organization_id;
  if (!orgId) return { outcome: 'ignored', note: 'checkout without an organization', organizationId: null };
  const org = await tx.organization.findUnique({ where: { id: orgId }, select: ORG_SELECT });
  if (!org) return { outcome: 'ignored', note: `organization ${orgId} not found`, organizationId: null };
  if (!isPaidCheckout(session)) return { outcome: 'ignored', note: 'checkout not paid', organizationId: org.id };
  const customerId = idOf(session.customer);
  if (meta.purpose === 'addon') {
    const addon = await tx.addon.findUnique({ where: { key: meta.addon_key ?? '' } });
    if (!addon) return { outcome: 'ignored', note: `unknown add-on ${meta.addon_key}`, organizationId: org.id };
    const data = { active: true, source: 'subscription_item', stripeItemId: idOf(session.subscription) };
    await tx.organizationAddon.upsert({
      where: { organizationId_addonId: { organizationId: org.id, addonId: addon.id } },
      create: { organizationId: org.id, addonId: addon.id, ...data },
      update: data,
    });
    if (customerId && !org.stripeCustomerId) {
      await tx.organization.update({ where: { id: org.id }, data: { stripeCustomerId: customerId } });
    }
    return { outcome: 'applied', note: `add-on ${addon.key} bought`, organizationId: org.id };
  }
  const tier = await tierForLookupKeys(tx, meta.lookup_key ? [meta.lookup_key] : []);
  if (!tier) return { outcome: 'ignored', note: `no tier for lookup key ${meta.lookup_key}`, organizationId: org.id };
  const subscriptionId = idOf(session.subscription);
  if (org.stripeSubscriptionId === subscriptionId && org.subscriptionTierId === tier.id) {
    return { outcome: 'applied', note: 'checkout already applied', organizationId: org.id };
  }
  // A newer subscription event may already have set the state; the checkout still sets the tier it paid for.
  const stale = at !== null && isOlder(org, at);
  await tx.organization.update({
    where: { id: org.id },
    data: {
      subscriptionTierId: tier.id,
      billingProvider: 'stripe',
      stripeCustomerId: customerId ?? org.stripeCustomerId,
      stripeSubscriptionId: subscriptionId,
      cancelAtPeriodEnd: false,
      ...(stale ? {} : { billingStatus: 'active', subscriptionStatus: 'active', isActive: true }),
      ...(at && !stale ? { billingStateAt: at } : {}),
    },
  });
  return {
    outcome: 'applied',
    note: `plan ${tier.key} bought`,
    organizationId: org.id,
    tierChangedTo: tier.id !== org.subscriptionTierId ? { id: tier.id, maxRecipes: tier.maxRecipes } : undefined,
  };
}
