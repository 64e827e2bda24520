import type { z } from 'zod';
import type { TenantDb } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { OWNER_ROLE } from '../../../shared/permission-catalogue.ts';
import { ListMembersInputSchema } from '../../../shared/schemas/team.ts';

export async function listMembers(db: TenantDb, _ctx: OrgCtx, raw: z.input<typeof ListMembersInputSchema>) {
  const input = ListMembersInputSchema.parse(raw);
  const status = {
    active: { isActive: true, isDeleted: false },
    inactive: { isActive: false, isDeleted: false },
    deleted: { isDeleted: true },
    all: {},
  }[input.status];
  const search = input.search
    ? {
        OR: [
          { email: { contains: input.search, mode: 'insensitive' as const } },
          { username: { contains: input.search, mode: 'insensitive' as const } },
          { firstName: { contains: input.search, mode: 'insensitive' as const } },
          { lastName: { contains: input.search, mode: 'insensitive' as const } },
        ],
      }
    : {};
  const where = { ...status, ...search };
  const orderBy =
    input.sort === 'name'
      ? [{ firstName: input.direction }, { lastName: input.direction }]
      : input.sort === 'lastLoginAt'
        ? [{ lastLoginAt: { sort: input.direction, nulls: 'last' as const } }]
        : [{ [input.sort]: input.direction }];
  const [total, rows] = await Promise.all([
    db.user.count({ where }),
    db.user.findMany({
      where,
      orderBy: [...orderBy, { id: 'asc' as const }] as never,
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
      select: {
        id: true,
        username: true,
        email: true,
        firstName: true,
        lastName: true,
        isActive: true,
        isDeleted: true,
        lastLoginAt: true,
        createdAt: true,
        assignments: {
          where: { isActive: true },
          select: { role: { select: { id: true, name: true, isSystemRole: true } } },
        },
      },
    }),
  ]);
  return {
    total,
    page: input.page,
    pageSize: input.pageSize,
    rows: rows.map(({ assignments, ...u }) => {
      const roles = assignments.flatMap((a) => (a.role ? [a.role] : []));
      return {
        ...u,
        isOwner: roles.some((r) => r.isSystemRole && r.name === OWNER_ROLE),
        roles: roles.filter((r) => !r.isSystemRole).map((r) => ({ id: r.id, name: r.name })),
      };
    }),
  };
}

export async function listPendingInvites(db: TenantDb, ctx: OrgCtx) {
  const rows = await db.invite.findMany({
    where: { acceptedAt: null, revokedAt: null, expiresAt: { gt: ctx.now() } },
    orderBy: { createdAt: 'desc' },
    select: { id: true, email: true, roleId: true, expiresAt: true, createdAt: true },
  });
  const roles = await db.role.findMany({
    where: { id: { in: rows.map((r) => r.roleId) } },
    select: { id: true, name: true },
  });
  const name = new Map(roles.map((r) => [r.id, r.name]));
  return rows.map((r) => ({ ...r, roleName: name.get(r.roleId) ?? '?' }));
}
