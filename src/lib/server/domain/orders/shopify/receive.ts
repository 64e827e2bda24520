// POST /api/webhooks/shopify/<connectionId> (docs/rules/shopify.md, Receiving): the HMAC of the raw body
// is checked in constant time against the connection's secret; a bad one writes nothing. A good one is
// stored with its job in ONE transaction; the webhook id is unique per connection, so a replay stores
// nothing and queues nothing.
import type { PrismaClient } from '../../../db/client.ts';
import { withTransaction } from '../../../db/transaction.ts';
import type { Services } from '../../context.ts';
import { decryptSecret, isShopifyTopic, shopifyOrderIdOf, verifyShopifyHmac } from '../../../integrations/shopify.ts';

export type ReceiveResult =
  | { status: 200; duplicate: boolean; deliveryId: string | null; ignored?: boolean }
  | { status: 401 | 404 | 400 | 503; error: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function receiveShopifyWebhook(
  db: PrismaClient,
  services: Services,
  key: Buffer | null,
  req: { connectionId: string; rawBody: string; hmac: string | null; webhookId: string | null; topic: string | null },
): Promise<ReceiveResult> {
  if (!key) return { status: 503, error: 'Shopify is off on this server (SHOPIFY_SECRET_KEY is not set)' };
  if (!UUID.test(req.connectionId)) return { status: 404, error: 'Unknown connection' };
  const conn = await db.shopifyConnection.findUnique({ where: { id: req.connectionId } });
  if (!conn) return { status: 404, error: 'Unknown connection' };
  let secret: string;
  try {
    secret = decryptSecret(conn.secretCiphertext, key);
  } catch {
    return { status: 503, error: 'The connection secret cannot be read with this server key' };
  }
  if (!verifyShopifyHmac(req.rawBody, req.hmac, secret)) return { status: 401, error: 'Invalid HMAC' };
  if (!req.webhookId || req.webhookId.length > 200) return { status: 400, error: 'Missing X-Shopify-Webhook-Id' };
  // Postgres jsonb refuses NUL; Shopify never sends one.
  if (req.rawBody.includes('\\u0000')) return { status: 400, error: 'The body holds a NUL character' };
  let payload: unknown;
  try {
    payload = JSON.parse(req.rawBody);
  } catch {
    return { status: 400, error: 'The body is not JSON' };
  }
  // Topics we do not map are acknowledged (so Shopify stops retrying) and not stored.
  if (!isShopifyTopic(req.topic)) return { status: 200, duplicate: false, deliveryId: null, ignored: true };
  const topic = req.topic;
  return withTransaction(db, async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO shopify_deliveries (id, organization_id, connection_id, webhook_id, topic, shopify_order_id, payload, status, received_at)
      VALUES (gen_random_uuid()::text, ${conn.organizationId}, ${conn.id}, ${req.webhookId}, ${topic},
              ${shopifyOrderIdOf(topic, payload)}, ${JSON.stringify(payload)}::jsonb, 'received', ${services.now()})
      ON CONFLICT (connection_id, webhook_id) DO NOTHING
      RETURNING id`;
    const id = rows[0]?.id;
    if (!id) return { status: 200 as const, duplicate: true, deliveryId: null };
    await services.jobs.enqueue(tx, 'orders.process-shopify-event', {
      organizationId: conn.organizationId,
      deliveryId: id,
    });
    return { status: 200 as const, duplicate: false, deliveryId: id };
  });
}
