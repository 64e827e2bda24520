// Shopify's webhook protocol, offline (docs/rules/shopify.md): the HMAC of a delivery and the
// encryption at rest of the shop's signing secret. A thin module: no database, no domain rules.
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The key that encrypts signing secrets: SHA-256 of SHOPIFY_SECRET_KEY. Unset: Shopify is off on this
 * server (no connection can be saved, and deliveries are refused).
 */
export function shopifyKey(env: Record<string, string | undefined> = process.env): Buffer | null {
  const k = env.SHOPIFY_SECRET_KEY;
  return k ? createHash('sha256').update(k, 'utf8').digest() : null;
}

/** AES-256-GCM, stored as v1.<iv>.<tag>.<ciphertext> in base64url. */
export function encryptSecret(secret: string, key: Buffer): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  const ct = Buffer.concat([c.update(secret, 'utf8'), c.final()]);
  return ['v1', iv, c.getAuthTag(), ct].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
}

export function decryptSecret(stored: string, key: Buffer): string {
  const [v, iv, tag, ct] = stored.split('.');
  if (v !== 'v1' || !iv || !tag || !ct) throw new Error('Unreadable Shopify secret');
  const d = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  d.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([d.update(Buffer.from(ct, 'base64url')), d.final()]).toString('utf8');
}

/** X-Shopify-Hmac-Sha256: the base64 HMAC-SHA256 of the raw body with the app's signing secret. */
export function shopifyHmac(rawBody: string | Buffer, secret: string): string {
  return createHmac('sha256', secret).update(rawBody).digest('base64');
}

/** Constant-time check of a delivery's HMAC header against the raw body. */
export function verifyShopifyHmac(rawBody: string | Buffer, header: string | null, secret: string): boolean {
  if (!header) return false;
  const expected = Buffer.from(shopifyHmac(rawBody, secret), 'base64');
  let given: Buffer;
  try {
    given = Buffer.from(header, 'base64');
  } catch {
    return false;
  }
  // Compare equal lengths only (timingSafeEqual throws otherwise); a wrong length is simply wrong.
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export const SHOPIFY_TOPICS = ['orders/create', 'orders/fulfilled', 'orders/cancelled', 'refunds/create'] as const;
export type ShopifyTopic = (typeof SHOPIFY_TOPICS)[number];
export const isShopifyTopic = (t: string | null): t is ShopifyTopic =>
  (SHOPIFY_TOPICS as readonly string[]).includes(t ?? '');

/** The Shopify order id a payload is about: the order's own id, or a refund's order_id. */
export function shopifyOrderIdOf(topic: ShopifyTopic, payload: unknown): string | null {
  const p = payload as { id?: unknown; order_id?: unknown } | null;
  const id = topic === 'refunds/create' ? p?.order_id : p?.id;
  return typeof id === 'number' || typeof id === 'string' ? String(id) : null;
}
