// No self-escalation (docs/rules/permissions-and-tiers.md, No self-escalation): an actor never grants a
// permission it does not hold, and only the owner changes a role, or a member's role, that carries
// permissions the actor does not hold. Used by role edits, team.setRole and invites alike.
import type { TenantDb } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { AppError } from '../../errors.ts';

/** The owner, and a developer viewing as the organization, hold everything; nobody else needs checking. */
const holdsEverything = (ctx: OrgCtx) => ctx.actor.isOwner || ctx.actor.userType === 'developer';

/**
 * What the actor holds through its active roles in this organization. The role's permissions, not the
 * tier-capped ones: a preset role may list permissions the tier lacks, and handing that role on grants
 * nothing the actor's own role does not carry.
 */
async function heldPermissions(db: TenantDb, ctx: OrgCtx): Promise<Set<string>> {
  const rows = await db.userRoleAssignment.findMany({
    where: { userId: ctx.actor.userId, isActive: true, role: { isActive: true, organizationId: ctx.organizationId } },
    select: { role: { select: { permissions: { select: { permission: { select: { name: true } } } } } } },
  });
  return new Set(rows.flatMap((r) => r.role?.permissions.map((p) => p.permission.name) ?? []));
}

/** The permission names of roles, by id (the owner's system role is never passed here). */
export async function permissionsOfRole(db: TenantDb, roleId: string): Promise<string[]> {
  const rows = await db.role.findMany({
    where: { id: roleId },
    select: { permissions: { select: { permission: { select: { name: true } } } } },
  });
  return rows.flatMap((r) => r.permissions.map((p) => p.permission.name));
}

/**
 * Refuses, for anyone but the owner, when `permissions` holds one the actor does not. `what` names the act:
 * "grant", "change a role with", "change the role of someone with".
 */
export async function assertHeldByActor(db: TenantDb, ctx: OrgCtx, permissions: Iterable<string>, what: string) {
  if (holdsEverything(ctx)) return;
  const held = await heldPermissions(db, ctx);
  const lacking = [...new Set(permissions)].filter((p) => !held.has(p)).sort();
  if (lacking.length) {
    throw new AppError(
      'FORBIDDEN',
      `Only the organization owner can ${what} permissions you do not hold: ${lacking.join(', ')}.`,
      { permissions: lacking },
    );
  }
}
