// The server's billing mode (docs/rules/billing.md), explicit rather than implied: with STRIPE_SECRET_KEY
// set, paid tiers are billed through Stripe ("stripe"); without it billing is off ("off"): paid tiers are
// granted without payment and the organization's billing provider is recorded as "none", never as an
// active Stripe subscription. The pages say so in words.
import { stripeConfig } from './stripe.ts';

export type BillingMode = 'stripe' | 'off';

export function billingMode(env: Record<string, string | undefined> = process.env): BillingMode {
  return stripeConfig(env) ? 'stripe' : 'off';
}
