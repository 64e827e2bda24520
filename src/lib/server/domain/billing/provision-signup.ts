// Provisioning a paid sign-up (docs/rules/billing.md, Sign-up and checkout). The webhook
// checkout.session.completed and the success URL both call provisionSignupInTx; the pending signup's row
// lock makes whichever arrives first create the organization and its owner, exactly once, and every other
// call return what it created.
import type { PrismaClient } from '../../db/client.ts';
import { withTransaction, type Tx } from '../../db/transaction.ts';
import { AppError } from '../../errors.ts';
import type { Services } from '../context.ts';
import { insertOrganizationWithOwner } from '../orgs/create-organization.ts';
import type { StripeGateway } from '../../integrations/stripe.ts';
import { isPaidCheckout, type CheckoutSession } from './subscription-state.ts';

export type Provisioned = { organizationId: string; userId: string; created: boolean; provisionedAt: Date };

/** The success URL signs the new owner in only this long after the account was created. */
export const SUCCESS_URL_SIGN_IN_MS = 60 * 60 * 1000;

const idOf = (v: string | { id: string } | null | undefined) => (typeof v === 'string' ? v : (v?.id ?? null));

export function pendingSignupIdOf(session: CheckoutSession): string | null {
  return session.metadata?.pending_signup_id ?? session.client_reference_id ?? null;
}

export async function provisionSignupInTx(
  tx: Tx,
  ctx: Pick<Services, 'jobs'>,
  session: CheckoutSession,
): Promise<Provisioned> {
  const pendingId = pendingSignupIdOf(session);
  if (!pendingId) throw new AppError('NOT_FOUND', 'This checkout is not a sign-up.');
  await tx.$queryRaw`SELECT id FROM pending_signups WHERE id = ${pendingId} FOR UPDATE`;
  const pending = await tx.pendingSignup.findUnique({ where: { id: pendingId }, include: { tier: true } });
  if (!pending) throw new AppError('NOT_FOUND', 'Sign-up not found.');
  if (pending.status === 'account_created' && pending.createdOrgId && pending.userId) {
    return {
      organizationId: pending.createdOrgId,
      userId: pending.userId,
      created: false,
      provisionedAt: pending.updatedAt,
    };
  }
  if (pending.checkoutSessionId && pending.checkoutSessionId !== session.id) {
    throw new AppError('INVALID_STATE', 'This checkout does not belong to that sign-up.');
  }
  if (!isPaidCheckout(session)) throw new AppError('INVALID_STATE', 'The checkout is not paid yet.');
  // The email entered at checkout wins over the one typed at sign-up (docs/rules/billing.md).
  const email = (session.customer_details?.email ?? pending.email).trim().toLowerCase();
  const created = await insertOrganizationWithOwner(tx, ctx, {
    tier: pending.tier,
    organizationName: pending.organizationName,
    owner: {
      email,
      username: pending.username,
      passwordHash: pending.passwordHash,
      firstName: pending.firstName,
      lastName: pending.lastName,
    },
    signupSource: 'checkout',
    billing: { provider: 'stripe', customerId: idOf(session.customer), subscriptionId: idOf(session.subscription) },
  });
  const done = await tx.pendingSignup.update({
    where: { id: pending.id },
    data: {
      status: 'account_created',
      createdOrgId: created.organization.id,
      userId: created.user.id,
      checkoutSessionId: session.id,
      lastError: null,
    },
  });
  return {
    organizationId: created.organization.id,
    userId: created.user.id,
    created: true,
    provisionedAt: done.updatedAt,
  };
}

/** Records why provisioning failed on the pending signup (unless another call already created the account). */
export async function recordProvisioningFailure(db: PrismaClient, pendingId: string | null, e: unknown) {
  if (!pendingId) return;
  await db.pendingSignup.updateMany({
    where: { id: pendingId, status: { not: 'account_created' } },
    data: { status: 'failed', lastError: (e instanceof Error ? e.message : String(e)).slice(0, 500) },
  });
}

/** Writes the organization into the Stripe customer's metadata, so later events find it. Best effort. */
export async function tagStripeCustomer(
  stripe: StripeGateway | null,
  customerId: string | null,
  meta: { organizationId: string; tierId?: string },
) {
  if (!stripe || !customerId) return;
  try {
    await stripe.sdk.customers.update(customerId, {
      metadata: { organization_id: meta.organizationId, ...(meta.tierId ? { tier_id: meta.tierId } : {}) },
    });
  } catch (e) {
    console.warn(`[billing] could not tag Stripe customer ${customerId}:`, e instanceof Error ? e.message : e);
  }
}

/** The success URL: fetch the session from Stripe and provision from it (the same routine as the webhook). */
export async function completeSignupFromCheckout(
  db: PrismaClient,
  ctx: Pick<Services, 'jobs'> & { stripe: StripeGateway | null },
  sessionId: string,
): Promise<Provisioned> {
  if (!ctx.stripe) throw new AppError('INVALID_STATE', 'Billing is off on this server.');
  if (!/^cs_[A-Za-z0-9_]{1,200}$/.test(sessionId)) throw new AppError('NOT_FOUND', 'Checkout session not found.');
  let session: CheckoutSession;
  try {
    session = await ctx.stripe.sdk.checkout.sessions.retrieve(sessionId);
  } catch (e) {
    console.warn(`[billing] retrieving checkout ${sessionId} failed:`, e instanceof Error ? e.message : e);
    throw new AppError('UNAVAILABLE', 'We could not confirm your payment with Stripe yet. Please reload this page.');
  }
  const pendingId = pendingSignupIdOf(session);
  try {
    const result = await withTransaction(db, (tx) => provisionSignupInTx(tx, ctx, session));
    if (result.created) {
      await tagStripeCustomer(ctx.stripe, idOf(session.customer), { organizationId: result.organizationId });
    }
    return result;
  } catch (e) {
    await recordProvisioningFailure(db, pendingId, e);
    throw e;
  }
}
