// The developer console's tier list for billing: each tier's lookup key and the price last synced from Stripe.
import type { PrismaClient } from '../../db/client.ts';
import type { StripeGateway } from '../../integrations/stripe.ts';

export async function listTierPrices(db: PrismaClient, ctx: { stripe: StripeGateway | null }) {
  const tiers = await db.subscriptionTier.findMany({
    orderBy: { sortOrder: 'asc' },
    select: {
      key: true,
      name: true,
      billingProvider: true,
      isCustomerFacing: true,
      stripeLookupKey: true,
      priceCents: true,
      priceCurrency: true,
      priceInterval: true,
      stripePriceId: true,
      pricesSyncedAt: true,
      _count: { select: { organizations: true } },
    },
  });
  return {
    billingOn: ctx.stripe !== null,
    tiers: tiers.map(({ _count, ...t }) => ({ ...t, organizations: _count.organizations })),
  };
}
