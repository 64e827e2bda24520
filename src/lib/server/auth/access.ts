// Loads what the permission check needs about one user in one organization, in a few queries.
import type { PrismaClient } from '../db/client.ts';
import { OWNER_ROLE } from '../../shared/permission-catalogue.ts';
import type { SessionUser } from './sessions.ts';

export type AccessOrg = {
  id: string;
  name: string;
  isActive: boolean;
  billingStatus: string;
  billingProvider: string;
  /** ISO 4217 code money is shown in (docs/rules/money-display.md). */
  currency: string;
  tier: { id: string; key: string; name: string; billingProvider: string };
};

export type Access = {
  user: SessionUser;
  /** The organization the request acts in: a customer's own, or the one a developer is viewing as. */
  organization: AccessOrg | null;
  viewingAs: boolean;
  developerPermissions: Set<string>;
  /** Tier ceiling after add-ons: tier permissions, minus add-on permissions not included, plus purchased add-ons. */
  tierPermissions: Set<string>;
  rolePermissions: Set<string>;
  isOwner: boolean;
};

export async function loadAccess(db: PrismaClient, user: SessionUser, viewAsOrgId: string | null): Promise<Access> {
  const isDeveloper = user.userType === 'developer';
  const orgId = isDeveloper ? viewAsOrgId : user.organizationId;
  const [developerPermissions, organization] = await Promise.all([
    isDeveloper ? loadDeveloperPermissions(db, user.id) : Promise.resolve(new Set<string>()),
    orgId
      ? db.organization.findUnique({
          where: { id: orgId },
          select: {
            id: true,
            name: true,
            isActive: true,
            billingStatus: true,
            billingProvider: true,
            currency: true,
            tier: {
              select: {
                id: true,
                key: true,
                name: true,
                billingProvider: true,
                permissions: { select: { permission: { select: { name: true, isActive: true } } } },
                addons: { select: { included: true, addon: { select: { permissionName: true, isActive: true } } } },
              },
            },
            addons: {
              where: { active: true },
              select: { addon: { select: { permissionName: true, isActive: true } } },
            },
          },
        })
      : Promise.resolve(null),
  ]);
  if (!organization) {
    return {
      user,
      organization: null,
      viewingAs: false,
      developerPermissions,
      tierPermissions: new Set(),
      rolePermissions: new Set(),
      isOwner: false,
    };
  }
  const tierPermissions = computeTierCeiling(
    organization.tier.permissions.filter((p) => p.permission.isActive).map((p) => p.permission.name),
    organization.tier.addons.map((a) => ({
      permission: a.addon.permissionName,
      included: a.included && a.addon.isActive,
    })),
    organization.addons.filter((a) => a.addon.isActive).map((a) => a.addon.permissionName),
  );
  const rolePermissions = new Set<string>();
  let isOwner = false;
  if (!isDeveloper) {
    const assignments = await db.userRoleAssignment.findMany({
      where: { userId: user.id, isActive: true, roleId: { not: null } },
      select: {
        role: {
          select: {
            name: true,
            isSystemRole: true,
            isActive: true,
            organizationId: true,
            permissions: { select: { permission: { select: { name: true, isActive: true } } } },
          },
        },
      },
    });
    for (const a of assignments) {
      const role = a.role;
      if (!role || !role.isActive) continue;
      if (role.isSystemRole && role.name === OWNER_ROLE) isOwner = true;
      else if (role.organizationId === organization.id) {
        for (const p of role.permissions) if (p.permission.isActive) rolePermissions.add(p.permission.name);
      }
    }
  }
  const { tier, addons: _addons, ...org } = organization;
  return {
    user,
    organization: {
      ...org,
      tier: { id: tier.id, key: tier.key, name: tier.name, billingProvider: tier.billingProvider },
    },
    viewingAs: isDeveloper,
    developerPermissions,
    tierPermissions,
    rolePermissions,
    isOwner,
  };
}

/**
 * docs/rules/permissions-and-tiers.md (Add-ons): a purchased add-on grants its permission; an add-on's
 * permission counts on a tier only when included.
 */
export function computeTierCeiling(
  tierPermissions: string[],
  tierAddons: { permission: string | null; included: boolean }[],
  purchasedAddonPermissions: (string | null)[],
): Set<string> {
  const ceiling = new Set(tierPermissions);
  for (const a of tierAddons) if (a.permission && !a.included) ceiling.delete(a.permission);
  for (const a of tierAddons) if (a.permission && a.included) ceiling.add(a.permission);
  for (const p of purchasedAddonPermissions) if (p) ceiling.add(p);
  return ceiling;
}

async function loadDeveloperPermissions(db: PrismaClient, userId: string): Promise<Set<string>> {
  const rows = await db.userRoleAssignment.findMany({
    where: { userId, isActive: true, developerRoleId: { not: null } },
    select: {
      developerRole: {
        select: { permissions: { select: { permission: { select: { name: true, isActive: true } } } } },
      },
    },
  });
  const out = new Set<string>();
  for (const r of rows)
    for (const p of r.developerRole?.permissions ?? []) if (p.permission.isActive) out.add(p.permission.name);
  return out;
}
