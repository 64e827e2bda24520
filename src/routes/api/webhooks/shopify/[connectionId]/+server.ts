// POST /api/webhooks/shopify/<connectionId> (docs/rules/shopify.md, Receiving): the raw body's HMAC is
// checked against the connection's secret (401 and nothing written when wrong), then the delivery and its
// job are stored in one transaction; a replayed webhook id is 200 and does nothing.
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { appServices, db } from '#lib/server/services.ts';
import { shopifyKey } from '#lib/server/integrations/shopify.ts';
import { receiveShopifyWebhook } from '#lib/server/domain/orders/shopify/receive.ts';

export const POST: RequestHandler = async ({ request, params, locals }) => {
  const rawBody = await request.text();
  const h = request.headers;
  const r = await receiveShopifyWebhook(db(), appServices(), shopifyKey(), {
    connectionId: params.connectionId,
    rawBody,
    hmac: h.get('x-shopify-hmac-sha256'),
    webhookId: h.get('x-shopify-webhook-id'),
    topic: h.get('x-shopify-topic'),
  });
  if (r.status !== 200) {
    console.warn(`[shopify] ${locals.requestId} webhook refused (${r.status}): ${r.error}`);
    return json({ error: r.error }, { status: r.status });
  }
  return json({ received: true, duplicate: r.duplicate });
};
