// Sign-up on a paid tier with billing on (docs/rules/billing.md, Sign-up and checkout): the account is not
// created yet. A PendingSignup keeps what was typed (the password only as its hash) and a Stripe Checkout
// session takes the payment; provisioning (provision-signup.ts) creates the organization once it is paid.
import type { PrismaClient } from '../../db/client.ts';
import { withTransaction } from '../../db/transaction.ts';
import { AppError } from '../../errors.ts';
import { hashPassword } from '../../auth/password.ts';
import { SignUpInputSchema, type SignUpInput } from '../../../shared/schemas/orgs.ts';
import { createOrganizationWithOwner, findSignupTier, resolveUsername } from '../orgs/create-organization.ts';
import { assertEmailFree } from '../orgs/identity.ts';
import type { Services } from '../context.ts';
import { PAYMENT_UNAVAILABLE_MESSAGE, type BillingCtx } from './context.ts';
import type { StripeGateway } from '../../integrations/stripe.ts';
import { readAppSettings } from '../dev/platform-settings.ts';

export type SignUpResult =
  | {
      kind: 'created';
      organization: { id: string; name: string };
      user: { id: string; username: string; email: string };
    }
  | { kind: 'checkout'; checkoutUrl: string; pendingSignupId: string };

export const SIGNUP_SUCCESS_PATH = '/signup/complete';

export const signupClosedMessage = (supportEmail: string) =>
  `Sign-up is closed on this server right now. Write to ${supportEmail} for an account.`;

/** Free and exempt tiers (and every tier with billing off) sign up at once; a paid tier goes to Checkout. */
export async function signUp(
  db: PrismaClient,
  ctx: BillingCtx & Pick<Services, 'mailer'>,
  raw: SignUpInput,
): Promise<SignUpResult> {
  const input = SignUpInputSchema.parse(raw);
  // The console can close sign-up (docs/rules/platform-console.md, Settings and integrations).
  const settings = await readAppSettings(db);
  if (!settings.signupOpen) throw new AppError('FORBIDDEN', signupClosedMessage(settings.supportEmail));
  const tier = await findSignupTier(db, input.tierKey);
  if (tier.billingProvider === 'exempt' || !ctx.stripe) {
    const created = await createOrganizationWithOwner(db, ctx, input, { billing: ctx.stripe ? 'stripe' : 'off' });
    return { kind: 'created', ...created };
  }
  return startSignupCheckout(db, { ...ctx, stripe: ctx.stripe }, input, tier);
}

async function startSignupCheckout(
  db: PrismaClient,
  ctx: BillingCtx & { stripe: StripeGateway },
  input: SignUpInput,
  tier: { id: string; key: string; name: string; stripeLookupKey: string | null },
): Promise<SignUpResult> {
  const passwordHash = await hashPassword(input.owner.password);
  const pending = await withTransaction(db, async (tx) => {
    await assertEmailFree(tx, input.owner.email);
    if (input.owner.username) await resolveUsername(tx, input.owner.email, input.owner.username);
    return tx.pendingSignup.create({
      data: {
        email: input.owner.email,
        tierId: tier.id,
        organizationName: input.organizationName,
        firstName: input.owner.firstName,
        lastName: input.owner.lastName,
        username: input.owner.username ?? null,
        passwordHash,
      },
    });
  });
  try {
    const price = tier.stripeLookupKey ? await ctx.stripe.resolvePrice(tier.stripeLookupKey, ctx.now()) : null;
    if (!price) throw new AppError('UNAVAILABLE', `No Stripe price for ${tier.stripeLookupKey ?? tier.key}`);
    const free = price.unitAmountCents === 0;
    const session = await ctx.stripe.sdk.checkout.sessions.create(
      {
        mode: 'subscription',
        line_items: [{ price: price.id, quantity: 1 }],
        client_reference_id: pending.id,
        customer_email: input.owner.email,
        metadata: {
          purpose: 'signup',
          pending_signup_id: pending.id,
          tier_id: tier.id,
          tier_key: tier.key,
          tier_name: tier.name,
          lookup_key: tier.stripeLookupKey ?? '',
        },
        subscription_data: { metadata: { pending_signup_id: pending.id, tier_key: tier.key } },
        success_url: `${ctx.appUrl}${SIGNUP_SUCCESS_PATH}?session_id={CHECKOUT_SESSION_ID}`,
        cancel_url: `${ctx.appUrl}/signup?checkout=canceled`,
        // A zero-priced tier asks for no card and gets no trial (docs/rules/billing.md).
        ...(free ? { payment_method_collection: 'if_required' as const } : {}),
      },
      { idempotencyKey: `signup-${pending.id}` },
    );
    if (!session.url) throw new AppError('UNAVAILABLE', 'Checkout session without a URL');
    await db.pendingSignup.update({
      where: { id: pending.id },
      data: { status: 'checkout_created', checkoutSessionId: session.id },
    });
    return { kind: 'checkout', checkoutUrl: session.url, pendingSignupId: pending.id };
  } catch (e) {
    await db.pendingSignup.update({
      where: { id: pending.id },
      data: { status: 'failed', lastError: e instanceof Error ? e.message.slice(0, 500) : String(e) },
    });
    console.warn(`[billing] checkout for pending signup ${pending.id} failed:`, e instanceof Error ? e.message : e);
    throw new AppError('UNAVAILABLE', PAYMENT_UNAVAILABLE_MESSAGE, { field: 'tierKey' });
  }
}
