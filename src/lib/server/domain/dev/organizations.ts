// Developer dashboard: organizations across all tenants. Called only behind dev.* permissions.
import type { z } from 'zod';
import { ListOrganizationsInputSchema } from '../../../shared/schemas/dev.ts';
import type { PrismaClient } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { OWNER_ROLE } from '../../../shared/permission-catalogue.ts';

export async function listOrganizations(db: PrismaClient, raw: z.input<typeof ListOrganizationsInputSchema>) {
  const input = ListOrganizationsInputSchema.parse(raw);
  const where = input.search
    ? {
        OR: [
          { name: { contains: input.search, mode: 'insensitive' as const } },
          { contactEmail: { contains: input.search, mode: 'insensitive' as const } },
          { users: { some: { email: { contains: input.search, mode: 'insensitive' as const } } } },
        ],
      }
    : {};
  const orderBy = input.sort === 'tier' ? { tier: { sortOrder: input.direction } } : { [input.sort]: input.direction };
  const [total, rows] = await Promise.all([
    db.organization.count({ where }),
    db.organization.findMany({
      where,
      orderBy: [orderBy, { id: 'asc' }] as never,
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
      select: {
        id: true,
        name: true,
        contactEmail: true,
        isActive: true,
        billingStatus: true,
        createdAt: true,
        tier: { select: { name: true } },
        _count: { select: { users: { where: { isDeleted: false } } } },
      },
    }),
  ]);
  return {
    total,
    page: input.page,
    pageSize: input.pageSize,
    rows: rows.map(({ _count, tier, ...o }) => ({ ...o, tierName: tier.name, userCount: _count.users })),
  };
}

export async function getOrganizationDetail(db: PrismaClient, input: { organizationId: string }) {
  const org = await db.organization.findUnique({
    where: { id: input.organizationId },
    select: {
      id: true,
      name: true,
      contactEmail: true,
      isActive: true,
      billingStatus: true,
      subscriptionStatus: true,
      billingProvider: true,
      stripeCustomerId: true,
      createdAt: true,
      signupSource: true,
      tier: { select: { name: true, key: true, userLimit: true } },
      stats: true,
      users: {
        orderBy: { createdAt: 'asc' },
        select: {
          id: true,
          username: true,
          email: true,
          firstName: true,
          lastName: true,
          isActive: true,
          isDeleted: true,
          lastLoginAt: true,
          assignments: { where: { isActive: true }, select: { role: { select: { name: true, isSystemRole: true } } } },
        },
      },
    },
  });
  if (!org) throw new AppError('NOT_FOUND', 'Organization not found');
  const { stats } = org;
  return {
    ...org,
    // Exact decimals leave as strings, as everywhere (a Decimal object cannot be sent to the page).
    stats: stats && {
      ...stats,
      successRate: stats.successRate?.toString() ?? null,
      averageFillEfficiency: stats.averageFillEfficiency?.toString() ?? null,
    },
    users: org.users.map(({ assignments, ...u }) => ({
      ...u,
      roles: assignments.flatMap((a) => (a.role ? [a.role.name] : [])),
      isOwner: assignments.some((a) => a.role?.isSystemRole && a.role.name === OWNER_ROLE),
    })),
  };
}

/** "View as": the developer's session acts in this organization until they exit. */
export async function setViewAs(db: PrismaClient, input: { sessionId: string; organizationId: string | null }) {
  if (input.organizationId) {
    const org = await db.organization.findUnique({
      where: { id: input.organizationId },
      select: { id: true, name: true },
    });
    if (!org) throw new AppError('NOT_FOUND', 'Organization not found');
  }
  await db.session.update({ where: { id: input.sessionId }, data: { viewAsOrgId: input.organizationId } });
  return { ok: true };
}
