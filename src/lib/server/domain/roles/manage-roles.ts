import type { z } from 'zod';
import type { TenantDb } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { AppError } from '../../errors.ts';
import { CUSTOMER_PERMISSIONS } from '../../../shared/permission-catalogue.ts';
import { RoleInputSchema, UpdateRoleInputSchema } from '../../../shared/schemas/roles.ts';
import { assertHeldByActor, permissionsOfRole } from './escalation.ts';

/** The permission catalogue grouped by category, marking what the organization's tier allows. */
export function listPermissionCatalogue(tierPermissions: ReadonlySet<string>) {
  const groups = new Map<string, { name: string; inTier: boolean }[]>();
  for (const p of CUSTOMER_PERMISSIONS) {
    const list = groups.get(p.category) ?? [];
    list.push({ name: p.name, inTier: tierPermissions.has(p.name) });
    groups.set(p.category, list);
  }
  return [...groups].map(([category, permissions]) => ({ category, permissions }));
}

export async function listRoles(db: TenantDb, _ctx: OrgCtx) {
  const roles = await db.role.findMany({
    orderBy: { name: 'asc' },
    select: {
      id: true,
      name: true,
      description: true,
      isActive: true,
      permissions: { select: { permission: { select: { name: true } } } },
      _count: { select: { assignments: { where: { isActive: true } } } },
    },
  });
  return roles.map((r) => ({
    id: r.id,
    name: r.name,
    description: r.description,
    isActive: r.isActive,
    permissions: r.permissions.map((p) => p.permission.name).sort(),
    memberCount: r._count.assignments,
  }));
}

async function permissionIds(db: TenantDb, names: string[]) {
  const rows = await db.permission.findMany({ where: { name: { in: names } }, select: { id: true } });
  return rows.map((r) => ({ permissionId: r.id }));
}

async function assertNameFree(db: TenantDb, name: string, exceptId?: string) {
  const clash = await db.role.findFirst({
    where: { name: { equals: name, mode: 'insensitive' }, ...(exceptId ? { id: { not: exceptId } } : {}) },
  });
  if (clash) throw new AppError('CONFLICT', `A role named "${name}" already exists`, { field: 'name' });
}

/**
 * Custom roles are built from the catalogue. A permission outside the tier may be chosen (as in the
 * original), but the tier ceiling still caps what the role's holders can do. Only the owner puts a
 * permission into a role that the actor does not hold itself (escalation.ts).
 */
export async function createRole(db: TenantDb, ctx: OrgCtx, raw: z.input<typeof RoleInputSchema>) {
  const input = RoleInputSchema.parse(raw);
  await assertHeldByActor(db, ctx, input.permissions, 'grant');
  await assertNameFree(db, input.name);
  const role = await db.role.create({
    data: {
      organizationId: ctx.organizationId,
      name: input.name,
      description: input.description,
      permissions: { create: await permissionIds(db, input.permissions) },
    },
  });
  return { id: role.id, name: role.name };
}

/** A role carrying permissions the actor lacks is the owner's to change, and so is adding one (escalation.ts). */
export async function updateRole(db: TenantDb, ctx: OrgCtx, raw: z.input<typeof UpdateRoleInputSchema>) {
  const input = UpdateRoleInputSchema.parse(raw);
  const role = await db.role.findUnique({ where: { id: input.roleId } });
  if (!role) throw new AppError('NOT_FOUND', 'Role not found');
  await assertHeldByActor(db, ctx, await permissionsOfRole(db, role.id), 'change a role with');
  await assertHeldByActor(db, ctx, input.permissions, 'grant');
  await assertNameFree(db, input.name, role.id);
  const ids = await permissionIds(db, input.permissions);
  await db.role.update({
    where: { id: role.id },
    data: { name: input.name, description: input.description, permissions: { deleteMany: {}, create: ids } },
  });
  return { id: role.id };
}

/** A role still held by someone cannot be deleted; reassign its members first. */
export async function deleteRole(db: TenantDb, ctx: OrgCtx, input: { roleId: string }) {
  const role = await db.role.findUnique({
    where: { id: input.roleId },
    include: { _count: { select: { assignments: { where: { isActive: true } } } } },
  });
  if (!role) throw new AppError('NOT_FOUND', 'Role not found');
  await assertHeldByActor(db, ctx, await permissionsOfRole(db, role.id), 'delete a role with');
  if (role._count.assignments > 0) {
    throw new AppError(
      'CONFLICT',
      `The role "${role.name}" is held by ${role._count.assignments} user(s); give them another role first.`,
    );
  }
  await db.role.delete({ where: { id: role.id } });
  return { ok: true };
}
