// The console's users (docs/rules/platform-console.md, Users): customers and developers listed apart, edit
// (duplicates "already in use"), reset a password (a link, or a temporary one changed at the next sign-in),
// end sessions, soft delete (never developers), hard delete (creators nulled, never developers, the last
// customer of a paying organization cancels its Stripe subscription first). Each writes its audit row.
import type { z } from 'zod';
import type { PrismaClient } from '../../db/client.ts';
import { Prisma } from '../../db/client.ts';
import { withTransaction, type Tx } from '../../db/transaction.ts';
import { AppError } from '../../errors.ts';
import { hashPassword } from '../../auth/password.ts';
import type { StripeGateway } from '../../integrations/stripe.ts';
import { TENANT_REFERENCES } from '../../db/tenant.ts';
import type { Services } from '../context.ts';
import { assertUserLimit } from '../orgs/limits.ts';
import { OWNER_ROLE } from '../../../shared/permission-catalogue.ts';
import {
  HardDeleteUserInputSchema,
  ListUsersInputSchema,
  ResetPasswordInputSchema,
  UpdateUserInputSchema,
} from '../../../shared/schemas/dev-console.ts';
import { changedFields, recordAudit, type ConsoleCtx } from './audit.ts';
import { issuePasswordLink } from './password-reset.ts';
import { cancelSubscriptionsOrAbort } from './delete-organization.ts';
import { tenantTables } from './tenant-tables.ts';

export const DEVELOPER_DELETE_MESSAGE = 'Developer accounts cannot be deleted.';
export const CONFIRM_USERNAME_MESSAGE = 'The username typed does not match.';

type Ctx = ConsoleCtx & Services;

export async function listUsers(db: PrismaClient, raw: z.input<typeof ListUsersInputSchema>) {
  const input = ListUsersInputSchema.parse(raw);
  const s = input.search;
  const where: Prisma.UserWhereInput = {
    userType: input.kind,
    ...(s
      ? {
          OR: [
            { username: { contains: s, mode: 'insensitive' } },
            { email: { contains: s, mode: 'insensitive' } },
            { firstName: { contains: s, mode: 'insensitive' } },
            { lastName: { contains: s, mode: 'insensitive' } },
            { organization: { name: { contains: s, mode: 'insensitive' } } },
          ],
        }
      : {}),
  };
  const [total, rows] = await Promise.all([
    db.user.count({ where }),
    db.user.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
      select: {
        id: true,
        username: true,
        email: true,
        firstName: true,
        lastName: true,
        userType: true,
        isActive: true,
        isDeleted: true,
        mustChangePassword: true,
        lastLoginAt: true,
        createdAt: true,
        organization: { select: { id: true, name: true } },
        assignments: {
          where: { isActive: true },
          select: { role: { select: { name: true } }, developerRole: { select: { name: true } } },
        },
        _count: { select: { sessions: true } },
      },
    }),
  ]);
  return {
    total,
    page: input.page,
    pageSize: input.pageSize,
    rows: rows.map(({ assignments, _count, ...u }) => ({
      ...u,
      roles: assignments.map((a) => a.role?.name ?? a.developerRole?.name ?? '').filter(Boolean),
      sessions: _count.sessions,
    })),
  };
}

async function loadUser(db: PrismaClient | Tx, userId: string) {
  const user = await db.user.findUnique({
    where: { id: userId },
    include: {
      organization: { select: { id: true, name: true, stripeCustomerId: true, billingProvider: true } },
      assignments: { where: { isActive: true }, select: { role: { select: { name: true, isSystemRole: true } } } },
    },
  });
  if (!user) throw new AppError('NOT_FOUND', 'User not found.');
  const isOwner = user.assignments.some((a) => a.role?.isSystemRole && a.role.name === OWNER_ROLE);
  return { user, isOwner };
}

const label = (u: { username: string }) => u.username;

async function assertFree(tx: Tx, userId: string, field: 'email' | 'username', value: string) {
  const taken = await tx.user.findFirst({
    where: { id: { not: userId }, [field]: { equals: value, mode: 'insensitive' } },
    select: { id: true },
  });
  if (taken) throw new AppError('CONFLICT', `That ${field} is already in use.`, { field });
}

export async function updateUser(db: PrismaClient, ctx: Ctx, raw: z.input<typeof UpdateUserInputSchema>) {
  const input = UpdateUserInputSchema.parse(raw);
  return withTransaction(db, async (tx) => {
    const { user } = await loadUser(tx, input.userId);
    const current = {
      firstName: user.firstName,
      lastName: user.lastName,
      email: user.email,
      username: user.username,
      isActive: user.isActive,
    };
    const diff = changedFields(current, {
      firstName: input.firstName,
      lastName: input.lastName,
      email: input.email,
      username: input.username,
      isActive: input.isActive,
    });
    if (diff.fields.length === 0) return { id: user.id, changed: [] as string[] };
    if (diff.after.email !== undefined) await assertFree(tx, user.id, 'email', String(diff.after.email));
    if (diff.after.username !== undefined) await assertFree(tx, user.id, 'username', String(diff.after.username));
    if (diff.after.isActive === true && user.isDeleted)
      throw new AppError('INVALID_STATE', 'This user is deleted; restore them from their organization first.');
    if (diff.after.isActive === true && user.organizationId && user.userType === 'customer')
      await assertUserLimit(tx as never, user.organizationId, 'activate');
    await tx.user.update({ where: { id: user.id }, data: diff.after });
    // A deactivated user is signed out now, not at their session's end.
    if (diff.after.isActive === false) await tx.session.deleteMany({ where: { userId: user.id } });
    await recordAudit(tx, ctx, {
      action: 'user.update',
      targetType: 'user',
      targetKey: user.id,
      targetLabel: label(user),
      targetOrgId: user.organizationId,
      before: diff.before,
      after: diff.after,
    });
    return { id: user.id, changed: diff.fields };
  });
}

/** A link by mail, or a temporary password the user must change at the next sign-in. Sessions end either way. */
export async function resetUserPassword(db: PrismaClient, ctx: Ctx, raw: z.input<typeof ResetPasswordInputSchema>) {
  const input = ResetPasswordInputSchema.parse(raw);
  const passwordHash = input.mode === 'temporary' ? await hashPassword(input.temporaryPassword) : null;
  return withTransaction(db, async (tx) => {
    const { user } = await loadUser(tx, input.userId);
    if (user.isDeleted) throw new AppError('INVALID_STATE', 'This user is deleted.');
    let link: string | null = null;
    if (passwordHash) {
      await tx.user.update({ where: { id: user.id }, data: { passwordHash, mustChangePassword: true } });
    } else {
      link = (await issuePasswordLink(tx, ctx, user, 'reset')).link;
    }
    await tx.session.deleteMany({ where: { userId: user.id } });
    await recordAudit(tx, ctx, {
      action: input.mode === 'temporary' ? 'user.temporary_password' : 'user.reset_link',
      targetType: 'user',
      targetKey: user.id,
      targetLabel: label(user),
      targetOrgId: user.organizationId,
      // Never the password itself.
      after: { mode: input.mode, mustChangePassword: input.mode === 'temporary' },
    });
    return { mode: input.mode, link };
  });
}

export async function endUserSessions(db: PrismaClient, ctx: Ctx, input: { userId: string }) {
  return withTransaction(db, async (tx) => {
    const { user } = await loadUser(tx, input.userId);
    const { count } = await tx.session.deleteMany({ where: { userId: user.id } });
    await recordAudit(tx, ctx, {
      action: 'user.end_sessions',
      targetType: 'user',
      targetKey: user.id,
      targetLabel: label(user),
      targetOrgId: user.organizationId,
      after: { sessionsEnded: count },
    });
    return { ended: count };
  });
}

/** Disables the user and ends their role assignments and sessions; never a developer or an owner. */
export async function softDeleteUserAsDeveloper(db: PrismaClient, ctx: Ctx, input: { userId: string }) {
  return withTransaction(db, async (tx) => {
    const { user, isOwner } = await loadUser(tx, input.userId);
    if (user.userType === 'developer') throw new AppError('INVALID_STATE', DEVELOPER_DELETE_MESSAGE);
    if (user.isDeleted) throw new AppError('INVALID_STATE', 'This user is already deleted.');
    if (isOwner)
      throw new AppError(
        'INVALID_STATE',
        'This user owns the organization: transfer ownership first, or delete the organization.',
      );
    await tx.user.update({
      where: { id: user.id },
      data: { isActive: false, isDeleted: true, deletedAt: ctx.now(), deletedById: ctx.actor.userId },
    });
    const { count } = await tx.userRoleAssignment.updateMany({
      where: { userId: user.id, isActive: true },
      data: { isActive: false },
    });
    await tx.session.deleteMany({ where: { userId: user.id } });
    if (user.organizationId) await ctx.jobs.enqueue(tx, 'stats.rollup', { organizationId: user.organizationId });
    await recordAudit(tx, ctx, {
      action: 'user.soft_delete',
      targetType: 'user',
      targetKey: user.id,
      targetLabel: label(user),
      targetOrgId: user.organizationId,
      before: { isActive: user.isActive, isDeleted: false },
      after: { isActive: false, isDeleted: true, roleAssignmentsEnded: count },
    });
    return { ok: true };
  });
}

/** Columns of tenant tables that name a user, by table (from TENANT_REFERENCES), with their nullability. */
async function userReferenceColumns(db: PrismaClient, tx: Tx) {
  const dm = (
    db as unknown as { _runtimeDataModel: { models: Record<string, { fields: { name: string; dbName?: string }[] }> } }
  )._runtimeDataModel;
  const out: { table: string; column: string; nullable: boolean }[] = [];
  const nullable = new Set(
    (
      await tx.$queryRawUnsafe<{ k: string }[]>(
        `SELECT table_name || '.' || column_name AS k FROM information_schema.columns
          WHERE table_schema = 'public' AND is_nullable = 'YES'`,
      )
    ).map((r) => r.k),
  );
  for (const t of tenantTables(db)) {
    for (const f of dm.models[t.model]!.fields) {
      if (TENANT_REFERENCES[f.name] !== 'User') continue;
      const column = f.dbName ?? f.name;
      out.push({ table: t.table, column, nullable: nullable.has(`${t.table}.${column}`) });
    }
  }
  return out;
}

/**
 * Removes the user for good (typed username to confirm). What they made stays with its creator set to
 * null; their own rows (role assignments, preferences, sessions) go with them. Developers are refused. The
 * last customer of a paying organization first cancels its Stripe subscription, and aborts if that fails.
 */
export async function hardDeleteUser(
  db: PrismaClient,
  ctx: Ctx & { stripe: StripeGateway | null },
  raw: z.input<typeof HardDeleteUserInputSchema>,
) {
  const input = HardDeleteUserInputSchema.parse(raw);
  const { user, isOwner } = await loadUser(db, input.userId);
  if (user.userType === 'developer') throw new AppError('INVALID_STATE', DEVELOPER_DELETE_MESSAGE);
  if (input.confirmUsername.trim() !== user.username)
    throw new AppError('VALIDATION', CONFIRM_USERNAME_MESSAGE, { field: 'confirmUsername' });
  const org = user.organization;
  const others = org
    ? await db.user.count({
        where: { organizationId: org.id, id: { not: user.id }, isDeleted: false, userType: 'customer' },
      })
    : 0;
  if (isOwner && others > 0)
    throw new AppError(
      'INVALID_STATE',
      'This user owns an organization with other users: transfer ownership first, or delete the organization.',
    );
  const lastOfPaying = org !== null && others === 0 && org.stripeCustomerId !== null;
  const billing = lastOfPaying ? await cancelSubscriptionsOrAbort(db, ctx.stripe, org.id) : null;
  return withTransaction(db, async (tx) => {
    const nulled: Record<string, number> = {};
    for (const c of await userReferenceColumns(db, tx)) {
      if (!c.nullable) continue; // the user's own rows: deleted with them (ON DELETE CASCADE)
      const n = await tx.$executeRawUnsafe(
        `UPDATE "${c.table}" SET "${c.column}" = NULL WHERE "${c.column}" = $1`,
        user.id,
      );
      if (n > 0) nulled[`${c.table}.${c.column}`] = n;
    }
    await tx.user.delete({ where: { id: user.id } });
    if (org) await ctx.jobs.enqueue(tx, 'stats.rollup', { organizationId: org.id });
    await recordAudit(tx, ctx, {
      action: 'user.hard_delete',
      targetType: 'user',
      targetKey: user.id,
      targetLabel: label(user),
      targetOrgId: org?.id ?? null,
      before: { username: user.username, email: user.email, organization: org?.name ?? null, owner: isOwner },
      after: { creatorNulled: nulled, stripeSubscriptionsCancelled: billing?.cancelled ?? [] },
      note: billing?.note ?? null,
    });
    return { nulled, stripe: billing };
  });
}
