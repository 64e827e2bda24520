// POST /api/webhooks/stripe (docs/rules/billing.md, Webhooks as jobs): the raw body is verified with the
// SDK and stored with its job in one transaction; the worker applies it. A bad signature is 400 with
// nothing written; a missing secret is 503 (Stripe retries for days, so the events
// arrive once the secret is set) and a log line; a replayed event id is 200 and does nothing.
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { appServices, db } from '#lib/server/services.ts';
import { stripeGateway } from '#lib/server/integrations/stripe.ts';
import { WebhookSignatureError, receiveStripeWebhook } from '#lib/server/domain/billing/stripe-events.ts';

export const POST: RequestHandler = async ({ request, locals }) => {
  const stripe = stripeGateway();
  if (!stripe) return json({ error: 'Billing is off on this server' }, { status: 404 });
  if (!stripe.webhookSecret) {
    console.error(`[billing] ${locals.requestId} webhook refused: STRIPE_WEBHOOK_SECRET is not set`);
    return json({ error: 'Stripe webhooks are off on this server: STRIPE_WEBHOOK_SECRET is not set' }, { status: 503 });
  }
  const rawBody = await request.text();
  try {
    const r = await receiveStripeWebhook(
      db(),
      { ...appServices(), stripe },
      rawBody,
      request.headers.get('stripe-signature'),
    );
    return json({ received: true, duplicate: r.duplicate });
  } catch (e) {
    if (e instanceof WebhookSignatureError) {
      console.warn(`[billing] ${locals.requestId} webhook signature refused: ${e.message}`);
      return json({ error: 'Invalid signature' }, { status: 400 });
    }
    throw e;
  }
};
