import type { PrismaClient } from '../../db/client.ts';

/** Headline figures for the developer dashboard. */
export async function getPlatformKpis(db: PrismaClient) {
  const [organizations, activeOrganizations, users, tiers] = await Promise.all([
    db.organization.count(),
    db.organization.count({ where: { isActive: true } }),
    db.user.count({ where: { userType: 'customer', isDeleted: false } }),
    db.subscriptionTier.findMany({
      orderBy: { sortOrder: 'asc' },
      select: { name: true, _count: { select: { organizations: true } } },
    }),
  ]);
  return {
    organizations,
    activeOrganizations,
    users,
    tiers: tiers.map((t) => ({ name: t.name, organizations: t._count.organizations })),
  };
}
