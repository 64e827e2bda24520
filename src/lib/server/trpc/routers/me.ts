import { authedProcedure, router } from '../procedures.ts';
import { loadAccess } from '../../auth/access.ts';
import { decide, effectivePermissions } from '../../auth/authorize.ts';

export const meRouter = router({
  /** Who is signed in, where they act, and what they may do: drives navigation and read-only UI. */
  get: authedProcedure.query(async ({ ctx }) => {
    const access = await loadAccess(ctx.db, ctx.user, ctx.session.viewAsOrgId);
    const orgDecision = access.organization ? decide(access, 'dashboard.view') : null;
    return {
      user: ctx.user,
      organization: access.organization
        ? {
            id: access.organization.id,
            name: access.organization.name,
            tierName: access.organization.tier.name,
            tierKey: access.organization.tier.key,
            billingStatus: access.organization.billingStatus,
            currency: access.organization.currency,
          }
        : null,
      viewingAs: access.viewingAs && access.organization !== null,
      isOwner: access.isOwner,
      permissions: effectivePermissions(access),
      blocked:
        orgDecision &&
        !orgDecision.allowed &&
        ['organization_inactive', 'billing_required'].includes(orgDecision.reason)
          ? orgDecision.message
          : null,
    };
  }),
});
