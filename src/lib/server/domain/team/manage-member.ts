// Owner-only changes to a member (docs/rules/tenancy-and-auth.md, Team members): activate/deactivate,
// soft delete and restore, change role, transfer ownership. Nobody acts on themselves or on the owner
// this way.
import type { TenantDb } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { AppError } from '../../errors.ts';
import { OWNER_ROLE } from '../../../shared/permission-catalogue.ts';
import { assertUserLimit } from '../orgs/limits.ts';
import { assertHeldByActor, permissionsOfRole } from '../roles/escalation.ts';

function assertOwner(ctx: OrgCtx) {
  if (!ctx.actor.isOwner && ctx.actor.userType !== 'developer') {
    throw new AppError('FORBIDDEN', 'Only the organization owner can do this.');
  }
}

async function ownerRoleId(db: TenantDb): Promise<string> {
  const rows = await db.$queryRaw<
    { id: string }[]
  >`SELECT id FROM roles WHERE name = ${OWNER_ROLE} AND is_system_role AND organization_id IS NULL`;
  if (!rows[0]) throw new AppError('INVALID_STATE', 'The owner role is missing; run the seed.');
  return rows[0].id;
}

async function loadMember(db: TenantDb, ctx: OrgCtx, userId: string) {
  const user = await db.user.findUnique({
    where: { id: userId },
    include: { assignments: { where: { isActive: true }, select: { roleId: true } } },
  });
  if (!user) throw new AppError('NOT_FOUND', 'User not found');
  const ownerId = await ownerRoleId(db);
  return { user, isOwner: user.assignments.some((a) => a.roleId === ownerId), ownerRoleId: ownerId };
}

function assertNotSelfOrOwner(ctx: OrgCtx, member: { user: { id: string }; isOwner: boolean }, what: string) {
  if (member.user.id === ctx.actor.userId) throw new AppError('INVALID_STATE', `You cannot ${what} yourself.`);
  if (member.isOwner)
    throw new AppError('INVALID_STATE', `You cannot ${what} the organization owner. Transfer ownership first.`);
}

export async function setUserActive(db: TenantDb, ctx: OrgCtx, input: { userId: string; active: boolean }) {
  assertOwner(ctx);
  const member = await loadMember(db, ctx, input.userId);
  assertNotSelfOrOwner(ctx, member, input.active ? 'activate' : 'deactivate');
  if (member.user.isDeleted) throw new AppError('INVALID_STATE', 'Restore this user before changing their status.');
  if (member.user.isActive === input.active) return { ok: true };
  if (input.active) await assertUserLimit(db as never, ctx.organizationId, 'activate');
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: member.user.id }, data: { isActive: input.active } });
    await ctx.jobs.enqueue(tx, 'stats.rollup', { organizationId: ctx.organizationId });
  });
  return { ok: true };
}

/** Soft delete: the user can no longer sign in and their roles are deactivated; it can be restored. */
export async function softDeleteUser(db: TenantDb, ctx: OrgCtx, input: { userId: string }) {
  assertOwner(ctx);
  const member = await loadMember(db, ctx, input.userId);
  assertNotSelfOrOwner(ctx, member, 'delete');
  await db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: member.user.id },
      data: { isDeleted: true, isActive: false, deletedAt: ctx.now(), deletedById: ctx.actor.userId },
    });
    await tx.userRoleAssignment.updateMany({ where: { userId: member.user.id }, data: { isActive: false } });
    await ctx.jobs.enqueue(tx, 'stats.rollup', { organizationId: ctx.organizationId });
  });
  return { ok: true };
}

/** Restores a soft-deleted user with their roles, active again if the user limit allows. */
export async function restoreUser(db: TenantDb, ctx: OrgCtx, input: { userId: string }) {
  assertOwner(ctx);
  const member = await loadMember(db, ctx, input.userId);
  if (!member.user.isDeleted) throw new AppError('INVALID_STATE', 'This user is not deleted.');
  await assertUserLimit(db as never, ctx.organizationId, 'activate');
  await db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: member.user.id },
      data: { isDeleted: false, isActive: true, deletedAt: null, deletedById: null },
    });
    await tx.userRoleAssignment.updateMany({ where: { userId: member.user.id }, data: { isActive: true } });
    await ctx.jobs.enqueue(tx, 'stats.rollup', { organizationId: ctx.organizationId });
  });
  return { ok: true };
}

/**
 * Replaces a member's organization role. Only the owner gives a role carrying permissions the actor does
 * not hold, or changes the role of a member who holds such permissions (roles/escalation.ts).
 */
export async function setUserRole(db: TenantDb, ctx: OrgCtx, input: { userId: string; roleId: string }) {
  const member = await loadMember(db, ctx, input.userId);
  assertNotSelfOrOwner(ctx, member, 'change the role of');
  const role = await db.role.findFirst({ where: { id: input.roleId, isActive: true } });
  if (!role) throw new AppError('NOT_FOUND', 'Role not found');
  const current = member.user.assignments.map((a) => a.roleId).filter((id): id is string => !!id);
  const currentPermissions = (await Promise.all(current.map((id) => permissionsOfRole(db, id)))).flat();
  await assertHeldByActor(db, ctx, currentPermissions, 'change the role of someone with');
  await assertHeldByActor(db, ctx, await permissionsOfRole(db, role.id), 'grant');
  await db.$transaction(async (tx) => {
    await tx.userRoleAssignment.updateMany({
      where: { userId: member.user.id, roleId: { not: member.ownerRoleId } },
      data: { isActive: false },
    });
    await tx.userRoleAssignment.upsert({
      where: { userId_roleId: { userId: member.user.id, roleId: role.id } },
      create: { userId: member.user.id, roleId: role.id, assignedById: ctx.actor.userId },
      update: { isActive: true, assignedById: ctx.actor.userId, assignedAt: ctx.now() },
    });
  });
  return { ok: true };
}

/**
 * Moves the organization_owner role to another active member; the previous owner keeps working as admin.
 * Exactly one owner exists before and after, inside one transaction.
 */
export async function transferOwnership(db: TenantDb, ctx: OrgCtx, input: { userId: string }) {
  assertOwner(ctx);
  const member = await loadMember(db, ctx, input.userId);
  if (member.isOwner) throw new AppError('INVALID_STATE', 'That user already owns the organization.');
  if (!member.user.isActive || member.user.isDeleted)
    throw new AppError('INVALID_STATE', 'Ownership can only go to an active member.');
  const admin = await db.role.findFirst({ where: { name: 'admin' } });
  await db.$transaction(async (tx) => {
    const current = await tx.userRoleAssignment.findMany({ where: { roleId: member.ownerRoleId, isActive: true } });
    await tx.userRoleAssignment.updateMany({ where: { roleId: member.ownerRoleId }, data: { isActive: false } });
    await tx.userRoleAssignment.upsert({
      where: { userId_roleId: { userId: member.user.id, roleId: member.ownerRoleId } },
      create: { userId: member.user.id, roleId: member.ownerRoleId, assignedById: ctx.actor.userId },
      update: { isActive: true, assignedById: ctx.actor.userId, assignedAt: ctx.now() },
    });
    if (admin) {
      for (const prev of current) {
        await tx.userRoleAssignment.upsert({
          where: { userId_roleId: { userId: prev.userId, roleId: admin.id } },
          create: { userId: prev.userId, roleId: admin.id, assignedById: ctx.actor.userId },
          update: { isActive: true },
        });
      }
    }
    const owners = await tx.userRoleAssignment.count({ where: { roleId: member.ownerRoleId, isActive: true } });
    if (owners !== 1) throw new AppError('INVALID_STATE', 'An organization has exactly one owner.');
  });
  return { ok: true };
}
