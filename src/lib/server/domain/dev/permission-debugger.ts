// "Debug a permission" (docs/rules/platform-console.md, Permission debugger): the decision of
// auth/authorize.ts `decide` for one user and one permission, with the steps it walks and what each found:
// developer permission → organization → billing standing → tier ceiling and add-ons → owner or role.
import type { PrismaClient } from '../../db/client.ts';
import { loadAccess } from '../../auth/access.ts';
import { decide } from '../../auth/authorize.ts';
import { billingStanding } from '../../auth/billing-standing.ts';
import { AppError } from '../../errors.ts';
import { isDeveloperPermission, isKnownPermission } from '../../../shared/permission-catalogue.ts';

type Step = { step: string; outcome: 'pass' | 'fail' | 'skip'; detail: string };

export async function debugPermission(
  db: PrismaClient,
  input: { userId: string; permission: string; organizationId?: string },
) {
  const u = await db.user.findUnique({ where: { id: input.userId } });
  if (!u) throw new AppError('NOT_FOUND', 'User not found.');
  if (!isKnownPermission(input.permission))
    throw new AppError('VALIDATION', `Unknown permission ${input.permission}.`, { field: 'permission' });
  const user = {
    id: u.id,
    username: u.username,
    email: u.email,
    userType: u.userType === 'developer' ? ('developer' as const) : ('customer' as const),
    organizationId: u.organizationId,
    firstName: u.firstName,
    lastName: u.lastName,
  };
  const access = await loadAccess(db, user, user.userType === 'developer' ? (input.organizationId ?? null) : null);
  const decision = decide(access, input.permission);
  const p = input.permission;
  const steps: Step[] = [];
  const isDev = user.userType === 'developer';
  const stop = () => steps.some((s) => s.outcome === 'fail') || (isDeveloperPermission(p) && steps.length > 0);

  // 1. developer permission
  if (isDeveloperPermission(p)) {
    if (!isDev)
      steps.push({
        step: 'Developer permission',
        outcome: 'fail',
        detail: 'A customer never holds dev.* permissions.',
      });
    else
      steps.push({
        step: 'Developer permission',
        outcome: access.developerPermissions.has(p) ? 'pass' : 'fail',
        detail: access.developerPermissions.has(p)
          ? `Granted by their developer role.`
          : `Their developer role does not include ${p} (it has ${[...access.developerPermissions].sort().join(', ') || 'none'}).`,
      });
  } else {
    steps.push({
      step: 'Developer permission',
      outcome: 'skip',
      detail: isDev ? 'A customer permission: a developer needs an organization to act in.' : 'A customer permission.',
    });
  }
  // 2. organization
  const org = access.organization;
  if (!stop()) {
    steps.push(
      org
        ? {
            step: 'Organization',
            outcome: 'pass',
            detail: `${org.name} (${org.tier.name}, ${org.isActive ? 'active' : 'inactive'}).`,
          }
        : {
            step: 'Organization',
            outcome: 'fail',
            detail: isDev ? 'No organization selected (view as one).' : 'The user has no organization.',
          },
    );
  }
  // 3. billing standing
  if (!stop() && org) {
    if (isDev)
      steps.push({
        step: 'Billing',
        outcome: 'skip',
        detail: 'Developers are not subject to the organization’s billing.',
      });
    else {
      const standing = billingStanding({
        isActive: org.isActive,
        billingStatus: org.billingStatus,
        billingProvider: org.billingProvider,
        tierBillingProvider: org.tier.billingProvider,
      });
      steps.push({
        step: 'Billing',
        outcome: standing === 'ok' ? 'pass' : 'fail',
        detail: `Standing ${standing} (billing status ${org.billingStatus}, billed by ${org.billingProvider}).`,
      });
    }
  }
  // 4. tier ceiling and add-ons
  if (!stop() && org) {
    const inTier = access.tierPermissions.has(p);
    steps.push({
      step: 'Tier ceiling and add-ons',
      outcome: inTier ? 'pass' : 'fail',
      detail: inTier
        ? `${org.tier.name} (with its included or purchased add-ons) carries ${p}.`
        : `${org.tier.name} does not carry ${p}, nor does an included or purchased add-on (or the permission is switched off).`,
    });
  }
  // 5. owner or role
  if (!stop() && org) {
    const ok = isDev || access.isOwner || access.rolePermissions.has(p);
    steps.push({
      step: 'Owner or role',
      outcome: ok ? 'pass' : 'fail',
      detail: isDev
        ? 'A developer acting in an organization acts as its owner.'
        : access.isOwner
          ? 'The owner holds every permission the tier allows.'
          : ok
            ? 'One of their active roles grants it.'
            : 'None of their active roles grants it.',
    });
  }
  return {
    user: { id: u.id, username: u.username, userType: user.userType },
    permission: p,
    allowed: decision.allowed,
    reason: decision.allowed ? null : decision.reason,
    message: decision.allowed ? 'Allowed.' : decision.message,
    steps,
  };
}
