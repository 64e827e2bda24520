// Loads what the permission check needs about one user in one organization, in one statement, and keeps
// it per process while the access stamps it was computed from stay the same (docs/rules/access.md).
import type { PrismaClient } from '../db/client.ts';
import { OWNER_ROLE } from '../../shared/permission-catalogue.ts';
import type { SessionUser } from './sessions.ts';
import { ACCESS_KEY_SQL } from './access-stamps.ts';

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

/** Row of the one statement that loads an Access (loadAccessWithKey). */
type AccessRow = {
  accessKey: string;
  id: string | null;
  name: string;
  isActive: boolean;
  billingStatus: string;
  billingProvider: string;
  currency: string;
  tierId: string;
  tierKey: string;
  tierName: string;
  tierBillingProvider: string;
  tierPermissions: string[];
  tierAddons: { permission: string | null; included: boolean }[];
  purchasedAddonPermissions: string[];
  roles: {
    name: string;
    isSystemRole: boolean;
    isActive: boolean;
    organizationId: string | null;
    permissions: string[];
  }[];
  developerPermissions: string[];
};

/** The organization a user acts in: a customer's own, or the one a developer is viewing as. */
export function actingOrganizationId(user: SessionUser, viewAsOrgId: string | null): string | null {
  return user.userType === 'developer' ? viewAsOrgId : user.organizationId;
}

export async function loadAccess(db: PrismaClient, user: SessionUser, viewAsOrgId: string | null): Promise<Access> {
  return (await loadAccessWithKey(db, user, viewAsOrgId)).access;
}

/**
 * The Access and the access stamps it was computed from, in one statement (one snapshot), so the pair can
 * be cached under those stamps (docs/rules/access.md).
 */
async function loadAccessWithKey(
  db: PrismaClient,
  user: SessionUser,
  viewAsOrgId: string | null,
): Promise<{ access: Access; accessKey: string }> {
  const isDeveloper = user.userType === 'developer';
  const orgId = actingOrganizationId(user, viewAsOrgId);
  const [row] = await db.$queryRaw<AccessRow[]>`
    SELECT ${ACCESS_KEY_SQL} AS "accessKey",
           ao.id, ao.name, ao.is_active AS "isActive", ao.billing_status AS "billingStatus",
           ao.billing_provider AS "billingProvider", ao.currency,
           aot.id AS "tierId", aot.key AS "tierKey", aot.name AS "tierName",
           aot.billing_provider AS "tierBillingProvider",
           ARRAY(SELECT p.name FROM tier_permissions tp JOIN permissions p ON p.id = tp.permission_id
                  WHERE tp.tier_id = aot.id AND p.is_active) AS "tierPermissions",
           coalesce((SELECT json_agg(json_build_object('permission', a.permission_name,
                                                       'included', ta.included AND a.is_active))
                       FROM tier_addons ta JOIN addons a ON a.id = ta.addon_id
                      WHERE ta.tier_id = aot.id), '[]'::json) AS "tierAddons",
           ARRAY(SELECT a.permission_name FROM organization_addons oa JOIN addons a ON a.id = oa.addon_id
                  WHERE oa.organization_id = ao.id AND oa.active AND a.is_active
                    AND a.permission_name IS NOT NULL) AS "purchasedAddonPermissions",
           coalesce((SELECT json_agg(json_build_object(
                              'name', r.name, 'isSystemRole', r.is_system_role, 'isActive', r.is_active,
                              'organizationId', r.organization_id,
                              'permissions', ARRAY(SELECT p.name FROM role_permissions rp
                                                     JOIN permissions p ON p.id = rp.permission_id
                                                    WHERE rp.role_id = r.id AND p.is_active)))
                       FROM user_role_assignments ura JOIN roles r ON r.id = ura.role_id
                      WHERE ura.user_id = ${user.id} AND ura.is_active AND NOT ${isDeveloper}), '[]'::json) AS roles,
           ARRAY(SELECT DISTINCT dp.name
                   FROM user_role_assignments ura
                   JOIN developer_role_permissions drp ON drp.developer_role_id = ura.developer_role_id
                   JOIN developer_permissions dp ON dp.id = drp.developer_permission_id
                  WHERE ura.user_id = ${user.id} AND ura.is_active AND dp.is_active AND ${isDeveloper})
             AS "developerPermissions"
      FROM (SELECT 1) AS one
      LEFT JOIN users u ON u.id = ${user.id}
      LEFT JOIN organizations ao ON ao.id = ${orgId}
      LEFT JOIN subscription_tiers aot ON aot.id = ao.subscription_tier_id`;
  const r = row!;
  const developerPermissions = sharedSet(r.developerPermissions);
  if (!r.id) {
    const access: Access = {
      user,
      organization: null,
      viewingAs: false,
      developerPermissions,
      tierPermissions: new Set(),
      rolePermissions: new Set(),
      isOwner: false,
    };
    return { access, accessKey: r.accessKey };
  }
  const tierPermissions = computeTierCeiling(r.tierPermissions, r.tierAddons, r.purchasedAddonPermissions);
  const rolePermissions = new Set<string>();
  let isOwner = false;
  for (const role of r.roles) {
    if (!role.isActive) continue;
    if (role.isSystemRole && role.name === OWNER_ROLE) isOwner = true;
    else if (role.organizationId === r.id) for (const p of role.permissions) rolePermissions.add(p);
  }
  const access: Access = {
    user,
    organization: {
      id: r.id,
      name: r.name,
      isActive: r.isActive,
      billingStatus: r.billingStatus,
      billingProvider: r.billingProvider,
      currency: r.currency,
      tier: { id: r.tierId, key: r.tierKey, name: r.tierName, billingProvider: r.tierBillingProvider },
    },
    viewingAs: isDeveloper,
    developerPermissions,
    tierPermissions: sharedSet(tierPermissions),
    rolePermissions: sharedSet(rolePermissions),
    isOwner,
  };
  return { access, accessKey: r.accessKey };
}

/**
 * One Set per distinct list of permissions: the members of an organization share its tier ceiling and
 * mostly a handful of roles, so the cache below holds a few hundred sets, not two per user. Never mutated.
 */
const sharedSets = new Map<string, Set<string>>();
function sharedSet(names: Iterable<string>): Set<string> {
  const list = [...new Set(names)].sort();
  const key = list.join(' ');
  let set = sharedSets.get(key);
  if (!set) {
    if (sharedSets.size >= 2_000) sharedSets.clear();
    set = new Set(list);
    sharedSets.set(key, set);
  }
  return set;
}

/** Most (user, organization) pairs whose access a process keeps; the least recently used one goes first. */
export const ACCESS_CACHE_SIZE = 10_000;
const cache = new Map<string, { accessKey: string; access: Access }>();

/**
 * The Access of a request, computed once per (user, organization, access stamps) and process
 * (docs/rules/access.md). The session carries the stamps it was read with; while they are unchanged the
 * cached Access is reused without a statement, and any change bumps one of them in its own transaction,
 * so the next request recomputes. A session without stamps (not read by validateSessionToken) is computed
 * afresh. The cached sets are shared between requests and never mutated.
 */
export async function accessForSession(
  db: PrismaClient,
  user: SessionUser,
  session: { viewAsOrgId: string | null; accessKey?: string },
): Promise<Access> {
  if (session.accessKey === undefined) return loadAccess(db, user, session.viewAsOrgId);
  const pair = `${user.id}|${actingOrganizationId(user, session.viewAsOrgId) ?? ''}`;
  const hit = cache.get(pair);
  if (hit && hit.accessKey === session.accessKey) {
    cache.delete(pair);
    cache.set(pair, hit);
    return hit.access.user === user ? hit.access : { ...hit.access, user };
  }
  const loaded = await loadAccessWithKey(db, user, session.viewAsOrgId);
  cache.delete(pair);
  cache.set(pair, loaded);
  if (cache.size > ACCESS_CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return loaded.access;
}

/** Empties this process's access cache (tests that want a cold request). */
export function forgetCachedAccess() {
  cache.clear();
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
