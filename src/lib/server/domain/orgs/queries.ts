import type { PrismaClient } from '../../db/client.ts';
import type { StripeGateway } from '../../integrations/stripe.ts';
import { displayPrice } from '../billing/prices.ts';

/** Tiers offered at sign-up, cheapest first, with their price when one is known (domain/billing/prices.ts). */
export async function listSignupTiers(db: PrismaClient, stripe: StripeGateway | null, now: Date) {
  const tiers = await db.subscriptionTier.findMany({
    where: { isCustomerFacing: true },
    orderBy: { sortOrder: 'asc' },
    select: {
      key: true,
      name: true,
      description: true,
      userLimit: true,
      billingProvider: true,
      stripeLookupKey: true,
      priceCents: true,
      priceCurrency: true,
      priceInterval: true,
    },
  });
  return Promise.all(
    tiers.map(async ({ stripeLookupKey, priceCents, priceCurrency, priceInterval, ...t }) => ({
      ...t,
      paid: t.billingProvider !== 'exempt',
      price: await displayPrice(stripe, { stripeLookupKey, priceCents, priceCurrency, priceInterval }, now),
    })),
  );
}
