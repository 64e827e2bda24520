import { authedProcedure, router } from '../procedures.ts';
import { accessForSession } from '../../auth/access.ts';
import { decide, effectivePermissions } from '../../auth/authorize.ts';
import { getProfile, updateProfile } from '../../domain/account/update-profile.ts';
import { ProfileInputSchema } from '../../../shared/schemas/orgs.ts';

export const meRouter = router({
  /** Who is signed in, where they act, and what they may do: drives navigation and read-only UI. */
  get: authedProcedure.query(async ({ ctx }) => {
    const access = await accessForSession(ctx.db, ctx.user, ctx.session);
    const orgDecision = access.organization ? decide(access, 'dashboard.view') : null;
    const prefs = await ctx.db.userPreferences.findUnique({
      where: { userId: ctx.user.id },
      select: { timezone: true },
    });
    return {
      user: ctx.user,
      /** Dates and times are shown in it (docs/rules/tenancy-and-auth.md, Profile). */
      timezone: prefs?.timezone ?? 'UTC',
      organization: access.organization
        ? {
            id: access.organization.id,
            name: access.organization.name,
            tierName: access.organization.tier.name,
            tierKey: access.organization.tier.key,
            billingStatus: access.organization.billingStatus,
            currency: access.organization.currency,
            /** The tier tracks stock quantities (an org-wide switch, docs/rules/permissions-and-tiers.md). */
            tracksQuantities: access.tierPermissions.has('inventory.track_quantities'),
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
  /** The signed-in person's own name, email and time zone. */
  profile: authedProcedure.query(({ ctx }) => getProfile(ctx.db, ctx.user.id)),
  updateProfile: authedProcedure
    .input(ProfileInputSchema)
    .mutation(({ ctx, input }) => updateProfile(ctx.db, ctx.user.id, input)),
});
