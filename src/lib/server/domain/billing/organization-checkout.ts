// A Checkout session for an existing organization: a plan or an add-on (docs/rules/billing.md, Plan
// changes). It returns to /billing, which applies the purchase (as the webhook does); the metadata names
// the organization, on the session and on the subscription it creates, so every later event finds it.
import { AppError } from '../../errors.ts';
import { isStripeUnavailable, type StripeGateway } from '../../integrations/stripe.ts';
import { PAYMENT_UNAVAILABLE_MESSAGE, type OrgBillingCtx } from './context.ts';

export const BILLING_RETURN_PATH = '/billing';

type Buyer = { id: string; contactEmail: string | null; stripeCustomerId: string | null };

/** Returns the Checkout URL for the price of `lookupKey`; a zero price asks for no card. */
export async function organizationCheckoutUrl(
  ctx: Pick<OrgBillingCtx, 'now' | 'appUrl'>,
  stripe: StripeGateway,
  org: Buyer,
  lookupKey: string,
  metadata: Record<string, string>,
): Promise<string> {
  const price = await callStripe(() => stripe.resolvePrice(lookupKey, ctx.now()));
  if (!price) throw new AppError('UNAVAILABLE', PAYMENT_UNAVAILABLE_MESSAGE);
  const named = { organization_id: org.id, ...metadata };
  const session = await callStripe(() =>
    stripe.sdk.checkout.sessions.create({
      mode: 'subscription',
      line_items: [{ price: price.id, quantity: 1 }],
      client_reference_id: org.id,
      ...(org.stripeCustomerId
        ? { customer: org.stripeCustomerId }
        : org.contactEmail
          ? { customer_email: org.contactEmail }
          : {}),
      metadata: named,
      subscription_data: { metadata: named },
      success_url: `${ctx.appUrl}${BILLING_RETURN_PATH}?session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${ctx.appUrl}${BILLING_RETURN_PATH}?checkout=canceled`,
      ...(price.unitAmountCents === 0 ? { payment_method_collection: 'if_required' as const } : {}),
    }),
  );
  if (!session.url) throw new AppError('UNAVAILABLE', PAYMENT_UNAVAILABLE_MESSAGE);
  return session.url;
}

/** A Stripe call whose outage becomes the message people see; Stripe refusing the request stays an error. */
export async function callStripe<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isStripeUnavailable(e)) {
      console.warn('[billing] Stripe unavailable:', e instanceof Error ? e.message : e);
      throw new AppError('UNAVAILABLE', PAYMENT_UNAVAILABLE_MESSAGE);
    }
    throw e;
  }
}
