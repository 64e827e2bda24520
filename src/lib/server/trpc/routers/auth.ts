import { authedProcedure, publicProcedure, router } from '../procedures.ts';
import { SignUpInputSchema } from '../../../shared/schemas/orgs.ts';
import { createOrganizationWithOwner } from '../../domain/orgs/create-organization.ts';
import { signIn } from '../../domain/auth/sign-in.ts';
import { SignInInputSchema } from '../../../shared/schemas/auth.ts';
import { changePassword } from '../../domain/auth/change-password.ts';
import { ChangePasswordInputSchema } from '../../../shared/schemas/auth.ts';
import { AcceptInviteInputSchema, InviteTokenInputSchema } from '../../../shared/schemas/team.ts';
import { acceptInvite, getInvite } from '../../domain/team/accept-invite.ts';
import { createSession, invalidateAllSessions, invalidateSession } from '../../auth/sessions.ts';
import { listSignupTiers } from '../../domain/orgs/queries.ts';
import { billingMode } from '../../integrations/billing.ts';

export const authRouter = router({
  tiers: publicProcedure.query(({ ctx }) => listSignupTiers(ctx.db)),

  signUp: publicProcedure.input(SignUpInputSchema).mutation(async ({ ctx, input }) => {
    const created = await createOrganizationWithOwner(ctx.db, ctx.services, input, { billing: billingMode() });
    const { token, session } = await createSession(ctx.db, created.user.id, ctx.services.now());
    ctx.setSessionCookie(token, session.expiresAt);
    return created;
  }),

  signIn: publicProcedure.input(SignInInputSchema).mutation(async ({ ctx, input }) => {
    const { token, expiresAt, userType } = await signIn(
      ctx.db,
      { now: ctx.services.now, clientAddress: ctx.clientAddress },
      input,
    );
    ctx.setSessionCookie(token, expiresAt);
    return { userType };
  }),

  signOut: authedProcedure.mutation(async ({ ctx }) => {
    await invalidateSession(ctx.db, ctx.session.id);
    ctx.clearSessionCookie();
    return { ok: true };
  }),

  signOutEverywhere: authedProcedure.mutation(async ({ ctx }) => {
    await invalidateAllSessions(ctx.db, ctx.user.id);
    ctx.clearSessionCookie();
    return { ok: true };
  }),

  changePassword: authedProcedure
    .input(ChangePasswordInputSchema)
    .mutation(({ ctx, input }) => changePassword(ctx.db, { userId: ctx.user.id, sessionId: ctx.session.id }, input)),

  invite: publicProcedure
    .input(InviteTokenInputSchema)
    .query(({ ctx, input }) => getInvite(ctx.db, ctx.services, input)),

  acceptInvite: publicProcedure.input(AcceptInviteInputSchema).mutation(async ({ ctx, input }) => {
    const { token, expiresAt } = await acceptInvite(ctx.db, ctx.services, input);
    ctx.setSessionCookie(token, expiresAt);
    return { ok: true };
  }),
});
