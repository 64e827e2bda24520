// What the console's organization page shows besides its users (organizations.ts): usage against the
// tier's limits (counted as the limits count them), the latest console actions on it, and its Stripe events.
import type { PrismaClient } from '../../db/client.ts';
import { createTenantDb } from '../../db/tenant.ts';
import { AppError } from '../../errors.ts';
import { countActiveUsers } from '../orgs/limits.ts';
import { countRecipes } from '../recipes/limits.ts';

export async function getOrganizationOverview(
  db: PrismaClient,
  ctx: { now: () => Date },
  input: { organizationId: string },
) {
  const org = await db.organization.findUnique({
    where: { id: input.organizationId },
    select: {
      id: true,
      stripeCustomerId: true,
      stripeSubscriptionId: true,
      nextBillingDate: true,
      cancelAtPeriodEnd: true,
      tier: {
        select: {
          key: true,
          name: true,
          userLimit: true,
          maxRecipes: true,
          maxProducts: true,
          maxBatches: true,
          maxMonthlyBatches: true,
          maxBatchbotRequests: true,
        },
      },
      addons: { where: { active: true }, select: { source: true, addon: { select: { key: true, name: true } } } },
    },
  });
  if (!org) throw new AppError('NOT_FOUND', 'Organization not found.');
  const tdb = createTenantDb(db, org.id);
  const now = ctx.now();
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const [users, recipes, products, batches, monthlyBatches, activity, stripeEvents] = await Promise.all([
    countActiveUsers(db, org.id),
    tdb.$transaction((tx) => countRecipes(tx)),
    tdb.product.count(),
    tdb.batch.count(),
    tdb.batch.count({ where: { startedAt: { gte: monthStart } } }),
    db.auditLog.findMany({ where: { targetOrgId: org.id }, orderBy: { createdAt: 'desc' }, take: 10 }),
    db.stripeEvent.findMany({
      where: { relatedOrgId: org.id },
      orderBy: { receivedAt: 'desc' },
      take: 10,
      select: { id: true, eventId: true, type: true, status: true, error: true, receivedAt: true },
    }),
  ]);
  const t = org.tier;
  const usage = [
    { name: 'Users', used: users, limit: t.userLimit },
    { name: 'Recipes', used: recipes, limit: t.maxRecipes },
    { name: 'Products', used: products, limit: t.maxProducts },
    { name: 'Batches', used: batches, limit: t.maxBatches },
    { name: 'Batches this month', used: monthlyBatches, limit: t.maxMonthlyBatches },
  ].map((u) => ({ ...u, over: u.limit >= 0 && u.used > u.limit }));
  return {
    usage,
    assistantRequestsLimit: t.maxBatchbotRequests,
    billing: {
      stripeCustomerId: org.stripeCustomerId,
      stripeSubscriptionId: org.stripeSubscriptionId,
      nextBillingDate: org.nextBillingDate,
      cancelAtPeriodEnd: org.cancelAtPeriodEnd,
      addons: org.addons.map((a) => ({ key: a.addon.key, name: a.addon.name, source: a.source })),
    },
    activity,
    stripeEvents,
  };
}
