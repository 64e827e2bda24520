import type { PrismaClient } from '../../db/client.ts';

/** Tiers offered at sign-up, cheapest first. */
export async function listSignupTiers(db: PrismaClient) {
  return db.subscriptionTier.findMany({
    where: { isCustomerFacing: true },
    orderBy: { sortOrder: 'asc' },
    select: { key: true, name: true, description: true, userLimit: true, billingProvider: true },
  });
}
