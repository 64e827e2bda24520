// An organization's Shopify connection (docs/rules/shopify.md, Connection): the shop domain, the webhook
// signing secret (encrypted with the server's key; never shown again), and the SKU mapping. Without the
// server key (SHOPIFY_SECRET_KEY) Shopify is off: the page says so and nothing can be saved.
import type { z } from 'zod';
import type { TenantDb } from '../../../db/tenant.ts';
import type { OrgCtx } from '../../context.ts';
import { AppError } from '../../../errors.ts';
import { encryptSecret } from '../../../integrations/shopify.ts';
import { SaveShopifyConnectionInputSchema } from '../../../../shared/schemas/orders.ts';

export const SHOPIFY_OFF =
  'Shopify is off on this server: set SHOPIFY_SECRET_KEY (the key that encrypts webhook secrets) and restart.';

export async function getShopifyConnection(db: TenantDb, ctx: OrgCtx, key: Buffer | null) {
  const c = await db.shopifyConnection.findFirst({
    select: { id: true, shopDomain: true, skuMapping: true, createdAt: true, updatedAt: true },
  });
  const deliveries = c
    ? await db.shopifyDelivery.findMany({
        orderBy: { receivedAt: 'desc' },
        take: 25,
        select: {
          id: true,
          topic: true,
          shopifyOrderId: true,
          status: true,
          error: true,
          receivedAt: true,
          processedAt: true,
        },
      })
    : [];
  return {
    enabled: !!key,
    offMessage: key ? null : SHOPIFY_OFF,
    connection: c && {
      ...c,
      skuMapping: (c.skuMapping ?? {}) as Record<string, string>,
      webhookUrl: `${ctx.appUrl.replace(/\/$/, '')}/api/webhooks/shopify/${c.id}`,
    },
    deliveries,
  };
}

export async function saveShopifyConnection(
  db: TenantDb,
  ctx: OrgCtx,
  raw: z.input<typeof SaveShopifyConnectionInputSchema>,
  key: Buffer | null,
) {
  const input = SaveShopifyConnectionInputSchema.parse(raw);
  if (!key) throw new AppError('INVALID_STATE', SHOPIFY_OFF);
  const existing = await db.shopifyConnection.findFirst({ select: { id: true } });
  if (!existing && !input.webhookSecret)
    throw new AppError('VALIDATION', 'Paste the webhook signing secret from Shopify', { field: 'webhookSecret' });
  const data = {
    shopDomain: input.shopDomain,
    skuMapping: input.skuMapping,
    ...(input.webhookSecret ? { secretCiphertext: encryptSecret(input.webhookSecret, key) } : {}),
  };
  const saved = existing
    ? await db.shopifyConnection.update({ where: { id: existing.id }, data, select: { id: true } })
    : await db.shopifyConnection.create({
        data: { organizationId: ctx.organizationId, ...data, secretCiphertext: data.secretCiphertext! },
        select: { id: true },
      });
  return { id: saved.id };
}

export async function removeShopifyConnection(db: TenantDb, _ctx: OrgCtx) {
  const existing = await db.shopifyConnection.findFirst({ select: { id: true } });
  if (!existing) throw new AppError('NOT_FOUND', 'No Shopify connection');
  await db.shopifyConnection.delete({ where: { id: existing.id } });
  return { removed: true };
}
