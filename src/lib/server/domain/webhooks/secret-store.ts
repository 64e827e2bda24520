// Webhook endpoint secrets at rest (docs/webhooks.md, Secrets): AES-256-GCM with the server's key, the same
// cipher and format as the Shopify signing secret (integrations/shopify.ts). The key is SHA-256 of
// WEBHOOK_SECRET_KEY; in production a server without it has webhooks off. Outside production a fixed
// development key stands in, so a laptop and the test suite work without configuration.
import { createHash } from 'node:crypto';
import type { PrismaClient } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { decryptSecret, encryptSecret } from '../../integrations/shopify.ts';

export const WEBHOOKS_OFF =
  'Webhooks are off on this server: set WEBHOOK_SECRET_KEY (the key that encrypts endpoint secrets) and restart.';
const DEVELOPMENT_KEY = 'batchtrack-development-webhook-key';
const ENCRYPTED = 'v1.';

export function webhookKey(env: Record<string, string | undefined> = process.env): Buffer {
  const k = env.WEBHOOK_SECRET_KEY || (env.NODE_ENV === 'production' ? null : DEVELOPMENT_KEY);
  if (!k) throw new AppError('INVALID_STATE', WEBHOOKS_OFF);
  return createHash('sha256').update(k, 'utf8').digest();
}

export const sealWebhookSecret = (secret: string, key = webhookKey()) => encryptSecret(secret, key);

/** The HMAC key of an endpoint; a row written before encryption still holds it in the clear. */
export function openWebhookSecret(stored: string, key = webhookKey()): string {
  return stored.startsWith(ENCRYPTED) ? decryptSecret(stored, key) : stored;
}

/**
 * Encrypts the secrets of endpoints created before secrets were encrypted (plain `whsec_…`). Run by every
 * webhooks.dispatch; a no-op once every row is encrypted.
 */
export async function encryptLegacyWebhookSecrets(db: PrismaClient): Promise<number> {
  const legacy = await db.webhookEndpoint.findMany({
    where: { NOT: { secret: { startsWith: ENCRYPTED } } },
    select: { id: true, secret: true },
  });
  if (!legacy.length) return 0;
  const key = webhookKey();
  for (const e of legacy)
    await db.webhookEndpoint.updateMany({
      where: { id: e.id, secret: e.secret },
      data: { secret: sealWebhookSecret(e.secret, key) },
    });
  return legacy.length;
}
