// The permission check of docs/rules/permissions-and-tiers.md, in its order: developer permissions,
// effective organization, billing standing, tier ceiling (with add-ons), then owner or role. `decide` is
// pure so every branch is unit-tested; `upgradeTiersFor` adds the upgrade hint when only the tier stands
// in the way.
import type { PrismaClient } from '../db/client.ts';
import type { Access } from './access.ts';
import { isDeveloperPermission } from '../../shared/permission-catalogue.ts';
import { BILLING_REQUIRED_MESSAGE, INACTIVE_ORG_MESSAGE, UPGRADE_URL, billingStanding } from './billing-standing.ts';

export type Denial = {
  status: 401 | 403;
  reason:
    | 'authentication_required'
    | 'developer_only'
    | 'organization_required'
    | 'organization_inactive'
    | 'billing_required'
    | 'tier_ceiling'
    | 'permission_denied';
  permission: string;
  message: string;
  upgradeTiers?: string[];
  /** billing_required: the page that settles it. */
  upgradeUrl?: string;
};

/** Carried as the cause of a 401/403 so the client receives the reason, the permission and the upgrade hint. */
export class PermissionDenied extends Error {
  readonly denial: Denial;
  constructor(denial: Denial) {
    super(denial.message);
    this.denial = denial;
  }
}

export type Decision = { allowed: true } | ({ allowed: false } & Denial);

export { INACTIVE_ORG_MESSAGE };

type DecideOptions = {
  /** The billing procedures themselves: an organization that must settle its billing may still use them. */
  billingExempt?: boolean;
};

export function decide(access: Access | null, permission: string, opts: DecideOptions = {}): Decision {
  if (!access) {
    return {
      allowed: false,
      status: 401,
      reason: 'authentication_required',
      permission,
      message: 'Authentication required',
    };
  }
  const isDeveloper = access.user.userType === 'developer';
  if (isDeveloperPermission(permission)) {
    if (!isDeveloper) return deny('developer_only', permission, 'This area is for BatchTrack staff only.');
    return access.developerPermissions.has(permission)
      ? { allowed: true }
      : deny('permission_denied', permission, `Your developer role does not include ${permission}.`);
  }
  const org = access.organization;
  if (!org) {
    return isDeveloper
      ? deny('organization_required', permission, 'Please select an organization to view customer features.')
      : deny('organization_required', permission, 'Your account has no organization.');
  }
  // Developers viewing as an organization are not subject to its billing state (docs/rules/billing.md,
  // Billing standing).
  if (!isDeveloper) {
    const standing = billingStanding({
      isActive: org.isActive,
      billingStatus: org.billingStatus,
      billingProvider: org.billingProvider,
      tierBillingProvider: org.tier.billingProvider,
    });
    if (standing === 'hard_lock') return deny('organization_inactive', permission, INACTIVE_ORG_MESSAGE);
    if (standing === 'require_upgrade' && !opts.billingExempt) {
      return {
        allowed: false,
        status: 403,
        reason: 'billing_required',
        permission,
        message: BILLING_REQUIRED_MESSAGE,
        upgradeUrl: UPGRADE_URL,
      };
    }
  }
  if (!access.tierPermissions.has(permission)) {
    return deny('tier_ceiling', permission, `Your ${org.tier.name} plan does not include ${permission}.`);
  }
  if (isDeveloper || access.isOwner || access.rolePermissions.has(permission)) return { allowed: true };
  return deny(
    'permission_denied',
    permission,
    `You do not have permission ${permission}. Ask your organization owner for access.`,
  );
}

function deny(reason: Denial['reason'], permission: string, message: string): Decision {
  return { allowed: false, status: 403, reason, permission, message };
}

/** Names of customer-facing tiers that include the permission, cheapest first, for the upgrade hint. */
export async function upgradeTiersFor(db: PrismaClient, permission: string, currentTierId: string): Promise<string[]> {
  const tiers = await db.subscriptionTier.findMany({
    where: {
      isCustomerFacing: true,
      id: { not: currentTierId },
      OR: [
        { permissions: { some: { permission: { name: permission } } } },
        { addons: { some: { included: true, addon: { permissionName: permission } } } },
      ],
    },
    orderBy: { sortOrder: 'asc' },
    select: { name: true },
  });
  return tiers.map((t) => t.name);
}

const BILLING_PERMISSION = 'organization.manage_billing';

/** Effective permissions for the UI: what `decide` would allow, computed once per request. */
export function effectivePermissions(access: Access): string[] {
  const out = new Set<string>();
  for (const p of access.developerPermissions) out.add(p);
  if (access.organization) {
    // The billing permission survives a require-upgrade standing: it is what settles it.
    for (const p of access.tierPermissions)
      if (decide(access, p, { billingExempt: p === BILLING_PERMISSION }).allowed) out.add(p);
  }
  return [...out].sort();
}
