// The rest of an organization's billing page (docs/rules/billing.md): the Stripe Customer Portal, cancel at
// period end (and undo), buying an add-on through Checkout, and the checkout's return to /billing, which
// applies the purchase at once with the same routine as the webhook.
import type { TenantDb } from '../../db/tenant.ts';
import type { PrismaClient } from '../../db/client.ts';
import { withTransaction } from '../../db/transaction.ts';
import { createTenantDb } from '../../db/tenant.ts';
import { AppError } from '../../errors.ts';
import type { StripeGateway } from '../../integrations/stripe.ts';
import { BILLING_OFF_MESSAGE, type OrgBillingCtx } from './context.ts';
import { BILLING_RETURN_PATH, callStripe, organizationCheckoutUrl } from './organization-checkout.ts';
import { applyOrganizationCheckout } from './subscription-state.ts';
import { restoreRecipesToLimit } from './recipe-limit.ts';

function requireStripe(ctx: OrgBillingCtx): StripeGateway {
  if (!ctx.stripe) throw new AppError('INVALID_STATE', BILLING_OFF_MESSAGE);
  return ctx.stripe;
}

async function billingIds(db: TenantDb, ctx: OrgBillingCtx) {
  return db.organization.findUniqueOrThrow({
    where: { id: ctx.organizationId },
    select: { id: true, contactEmail: true, stripeCustomerId: true, stripeSubscriptionId: true },
  });
}

export async function openCustomerPortal(db: TenantDb, ctx: OrgBillingCtx) {
  const stripe = requireStripe(ctx);
  const org = await billingIds(db, ctx);
  if (!org.stripeCustomerId)
    throw new AppError('INVALID_STATE', 'There is no Stripe customer for this organization yet.');
  const session = await callStripe(() =>
    stripe.sdk.billingPortal.sessions.create({
      customer: org.stripeCustomerId!,
      return_url: `${ctx.appUrl}${BILLING_RETURN_PATH}`,
    }),
  );
  return { url: session.url };
}

/** Cancel at period end (or undo it): the plan runs until the period ends. */
export async function setCancelAtPeriodEnd(db: TenantDb, ctx: OrgBillingCtx, input: { cancel: boolean }) {
  const stripe = requireStripe(ctx);
  const org = await billingIds(db, ctx);
  if (!org.stripeSubscriptionId) throw new AppError('INVALID_STATE', 'There is no subscription to cancel.');
  const sub = await callStripe(() =>
    stripe.sdk.subscriptions.update(org.stripeSubscriptionId!, {
      cancel_at_period_end: input.cancel,
      ...(input.cancel ? {} : { metadata: { downgrade_to: '' } }),
    }),
  );
  await db.organization.update({ where: { id: org.id }, data: { cancelAtPeriodEnd: sub.cancel_at_period_end } });
  return { cancelAtPeriodEnd: sub.cancel_at_period_end };
}

export async function startAddonCheckout(db: TenantDb, ctx: OrgBillingCtx, input: { addonKey: string }) {
  const stripe = requireStripe(ctx);
  const org = await billingIds(db, ctx);
  const addon = await db.addon.findUnique({ where: { key: input.addonKey } });
  const offered = addon
    ? await db.tierAddon.findFirst({
        where: { addonId: addon.id, included: false, tier: { organizations: { some: { id: org.id } } } },
      })
    : null;
  if (!addon || !addon.isActive || !offered || addon.billingType !== 'subscription' || !addon.stripeLookupKey) {
    throw new AppError('VALIDATION', 'That add-on is not offered on your plan.', { field: 'addonKey' });
  }
  const owned = await db.organizationAddon.findFirst({ where: { addonId: addon.id, active: true } });
  if (owned) throw new AppError('CONFLICT', `${addon.name} is already active.`);
  const checkoutUrl = await organizationCheckoutUrl(ctx, stripe, org, addon.stripeLookupKey, {
    purpose: 'addon',
    addon_key: addon.key,
  });
  return { checkoutUrl };
}

/**
 * Back from a plan or add-on checkout: the session is fetched from Stripe and applied now (the webhook
 * applies the same, whichever comes first). A session of another organization is not found.
 */
export async function applyCheckoutReturn(
  db: PrismaClient,
  ctx: OrgBillingCtx,
  input: { sessionId: string },
): Promise<{ applied: boolean; note: string }> {
  const stripe = requireStripe(ctx);
  if (!/^cs_[A-Za-z0-9_]{1,200}$/.test(input.sessionId)) throw new AppError('NOT_FOUND', 'Checkout session not found.');
  const session = await callStripe(() => stripe.sdk.checkout.sessions.retrieve(input.sessionId));
  if (session.metadata?.organization_id !== ctx.organizationId) {
    throw new AppError('NOT_FOUND', 'Checkout session not found.');
  }
  const applied = await withTransaction(db, (tx) => applyOrganizationCheckout(tx, session, null));
  if (applied.tierChangedTo) {
    await restoreRecipesToLimit(createTenantDb(db, ctx.organizationId), applied.tierChangedTo.maxRecipes);
  }
  return { applied: applied.outcome === 'applied', note: applied.note };
}
