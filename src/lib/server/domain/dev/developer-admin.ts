// Developer accounts (docs/rules/platform-console.md, Developers): created with one developer role, moved
// to another role; deactivated through updateUser. Never deleted.
import type { z } from 'zod';
import type { PrismaClient } from '../../db/client.ts';
import { withTransaction } from '../../db/transaction.ts';
import { AppError } from '../../errors.ts';
import { hashPassword } from '../../auth/password.ts';
import type { Services } from '../context.ts';
import { CreateDeveloperInputSchema, SetDeveloperRoleInputSchema } from '../../../shared/schemas/dev-console.ts';
import { recordAudit, type ConsoleCtx } from './audit.ts';

type Ctx = ConsoleCtx & Services;

export async function listDeveloperRoles(db: PrismaClient) {
  const roles = await db.developerRole.findMany({
    orderBy: { name: 'asc' },
    select: { name: true, description: true, permissions: { select: { permission: { select: { name: true } } } } },
  });
  return roles.map((r) => ({ ...r, permissions: r.permissions.map((p) => p.permission.name).sort() }));
}

async function roleByName(db: PrismaClient | Parameters<Parameters<typeof withTransaction>[1]>[0], name: string) {
  const role = await db.developerRole.findUnique({ where: { name } });
  if (!role) throw new AppError('NOT_FOUND', 'Developer role not found.', { field: 'roleName' });
  return role;
}

export async function createDeveloper(db: PrismaClient, ctx: Ctx, raw: z.input<typeof CreateDeveloperInputSchema>) {
  const input = CreateDeveloperInputSchema.parse(raw);
  const passwordHash = await hashPassword(input.password);
  return withTransaction(db, async (tx) => {
    const role = await roleByName(tx, input.roleName);
    for (const field of ['username', 'email'] as const) {
      const taken = await tx.user.findFirst({ where: { [field]: { equals: input[field], mode: 'insensitive' } } });
      if (taken) throw new AppError('CONFLICT', `That ${field} is already in use.`, { field });
    }
    const user = await tx.user.create({
      data: {
        userType: 'developer',
        username: input.username,
        email: input.email,
        firstName: input.firstName,
        lastName: input.lastName,
        passwordHash,
      },
    });
    await tx.userRoleAssignment.create({
      data: { userId: user.id, developerRoleId: role.id, assignedById: ctx.actor.userId },
    });
    await recordAudit(tx, ctx, {
      action: 'developer.create',
      targetType: 'user',
      targetKey: user.id,
      targetLabel: user.username,
      after: { username: user.username, email: user.email, role: role.name },
    });
    return { id: user.id, username: user.username };
  });
}

/** A developer holds one developer role: the new one replaces the old. */
export async function setDeveloperRole(db: PrismaClient, ctx: Ctx, raw: z.input<typeof SetDeveloperRoleInputSchema>) {
  const input = SetDeveloperRoleInputSchema.parse(raw);
  return withTransaction(db, async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: input.userId },
      include: { assignments: { where: { isActive: true }, select: { developerRole: { select: { name: true } } } } },
    });
    if (!user || user.userType !== 'developer') throw new AppError('NOT_FOUND', 'Developer not found.');
    if (user.id === ctx.actor.userId) throw new AppError('INVALID_STATE', 'You cannot change your own developer role.');
    const role = await roleByName(tx, input.roleName);
    const before = user.assignments.map((a) => a.developerRole?.name).filter(Boolean);
    await tx.userRoleAssignment.updateMany({
      where: { userId: user.id, developerRoleId: { not: null } },
      data: { isActive: false },
    });
    await tx.userRoleAssignment.upsert({
      where: { userId_developerRoleId: { userId: user.id, developerRoleId: role.id } },
      create: { userId: user.id, developerRoleId: role.id, assignedById: ctx.actor.userId },
      update: { isActive: true, assignedById: ctx.actor.userId, assignedAt: ctx.now() },
    });
    await recordAudit(tx, ctx, {
      action: 'developer.set_role',
      targetType: 'user',
      targetKey: user.id,
      targetLabel: user.username,
      before: { roles: before },
      after: { roles: [role.name] },
    });
    return { ok: true };
  });
}
