// Billing tests talk to the local Stripe stand-in (tests/support/stripe-stand-in.ts) through the real SDK.
import { startStripeStandIn, type StandInPrice, type StripeStandIn } from '../support/stripe-stand-in.ts';
import { createStripeGateway, type StripeGateway } from '../../src/lib/server/integrations/stripe.ts';

export const TEST_WEBHOOK_SECRET = 'whsec_test_batchtrack';
export const TEST_SECRET_KEY = 'sk_test_batchtrack';

export type StripeTestEnv = { standIn: StripeStandIn; gateway: StripeGateway; close(): Promise<void> };

/** A stand-in plus a gateway pointed at it; also sets the environment so routers' stripeGateway() uses it. */
export async function startStripeTestEnv(
  opts: { prices?: StandInPrice[]; env?: boolean } = {},
): Promise<StripeTestEnv> {
  const standIn = await startStripeStandIn({ webhookSecret: TEST_WEBHOOK_SECRET, prices: opts.prices });
  const config = { secretKey: TEST_SECRET_KEY, webhookSecret: TEST_WEBHOOK_SECRET, apiBase: standIn.url };
  if (opts.env !== false) {
    process.env.STRIPE_SECRET_KEY = config.secretKey;
    process.env.STRIPE_WEBHOOK_SECRET = config.webhookSecret;
    process.env.STRIPE_API_BASE = config.apiBase;
  }
  return {
    standIn,
    gateway: createStripeGateway(config),
    async close() {
      delete process.env.STRIPE_SECRET_KEY;
      delete process.env.STRIPE_WEBHOOK_SECRET;
      delete process.env.STRIPE_API_BASE;
      await standIn.close();
    },
  };
}
