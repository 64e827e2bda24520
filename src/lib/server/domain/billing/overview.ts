// The /billing page (docs/rules/billing.md, Existing organizations): the plan, its standing, usage against
// every limit, the next invoice date, the plans to move to and the add-ons, with live prices when billing is on.
import type { TenantDb } from '../../db/tenant.ts';
import { billingStanding } from '../../auth/billing-standing.ts';
import { countActiveUsers } from '../orgs/limits.ts';
import { activeRecipes, recipesToKeep } from './recipe-limit.ts';
import { displayPrice } from './prices.ts';
import type { OrgBillingCtx } from './context.ts';

const TIER_SELECT = {
  id: true,
  key: true,
  name: true,
  description: true,
  sortOrder: true,
  billingProvider: true,
  stripeLookupKey: true,
  priceCents: true,
  priceCurrency: true,
  priceInterval: true,
  userLimit: true,
  maxRecipes: true,
  maxProducts: true,
  maxBatches: true,
  maxMonthlyBatches: true,
} as const;

export async function getBillingOverview(db: TenantDb, ctx: OrgBillingCtx) {
  const now = ctx.now();
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const org = await db.organization.findUniqueOrThrow({
    where: { id: ctx.organizationId },
    select: {
      id: true,
      name: true,
      isActive: true,
      billingStatus: true,
      subscriptionStatus: true,
      billingProvider: true,
      stripeCustomerId: true,
      stripeSubscriptionId: true,
      nextBillingDate: true,
      cancelAtPeriodEnd: true,
      currency: true,
      tier: { select: TIER_SELECT },
    },
  });
  const [users, recipes, products, batches, monthlyBatches, tiers, addons, owned] = await Promise.all([
    countActiveUsers(db as never, ctx.organizationId),
    activeRecipes(db),
    db.product.count(),
    db.batch.count(),
    db.batch.count({ where: { startedAt: { gte: monthStart } } }),
    db.subscriptionTier.findMany({
      where: { isCustomerFacing: true },
      orderBy: { sortOrder: 'asc' },
      select: TIER_SELECT,
    }),
    db.tierAddon.findMany({
      where: { tierId: org.tier.id, addon: { isActive: true } },
      select: {
        included: true,
        addon: {
          select: { key: true, name: true, description: true, billingType: true, stripeLookupKey: true },
        },
      },
    }),
    db.organizationAddon.findMany({
      select: { active: true, currentPeriodEnd: true, addon: { select: { key: true } } },
    }),
  ]);
  const ownedByKey = new Map(owned.map((o) => [o.addon.key, o]));
  const limit = (label: string, used: number, max: number) => ({ label, used, limit: max < 0 ? null : max });
  const standing = billingStanding({ ...org, tierBillingProvider: org.tier.billingProvider });
  return {
    billingOn: ctx.stripe !== null,
    organization: {
      name: org.name,
      billingStatus: org.billingStatus,
      subscriptionStatus: org.subscriptionStatus,
      billingProvider: org.billingProvider,
      nextBillingDate: org.nextBillingDate,
      cancelAtPeriodEnd: org.cancelAtPeriodEnd,
      hasSubscription: org.stripeSubscriptionId !== null,
      hasCustomer: org.stripeCustomerId !== null,
      standing,
    },
    tier: { key: org.tier.key, name: org.tier.name, price: await displayPrice(ctx.stripe, org.tier, now) },
    usage: [
      limit('Users', users, org.tier.userLimit),
      limit('Recipes', recipes.length, org.tier.maxRecipes),
      limit('Products', products, org.tier.maxProducts),
      limit('Batches this month', monthlyBatches, org.tier.maxMonthlyBatches),
      limit('Batches in all', batches, org.tier.maxBatches),
    ],
    plans: await Promise.all(
      tiers.map(async (t) => ({
        key: t.key,
        name: t.name,
        description: t.description,
        current: t.id === org.tier.id,
        direction: t.sortOrder > org.tier.sortOrder ? ('up' as const) : ('down' as const),
        paid: t.billingProvider !== 'exempt',
        price: await displayPrice(ctx.stripe, t, now),
        userLimit: t.userLimit,
        maxRecipes: t.maxRecipes,
        /** Moving there needs a choice of recipes to keep: how many. */
        keepRecipes: recipesToKeep(recipes.length, t.maxRecipes),
      })),
    ),
    recipes: recipes.map((r) => ({ id: r.id, name: r.name, createdAt: r.createdAt })),
    addons: await Promise.all(
      addons.map(async (a) => ({
        key: a.addon.key,
        name: a.addon.name,
        description: a.addon.description,
        included: a.included,
        active: a.included || ownedByKey.get(a.addon.key)?.active === true,
        purchasable: !a.included && a.addon.billingType === 'subscription' && a.addon.stripeLookupKey !== null,
        price: a.included ? null : await displayPrice(ctx.stripe, a.addon, now),
      })),
    ),
  };
}
