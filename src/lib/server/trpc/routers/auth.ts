import { authedProcedure, publicProcedure, router } from '../procedures.ts';
import { SignUpInputSchema } from '../../../shared/schemas/orgs.ts';
import { signUp } from '../../domain/billing/signup-checkout.ts';
import { SUCCESS_URL_SIGN_IN_MS, completeSignupFromCheckout } from '../../domain/billing/provision-signup.ts';
import { CompleteSignupInputSchema } from '../../../shared/schemas/billing.ts';
import { signIn } from '../../domain/auth/sign-in.ts';
import { SignInInputSchema } from '../../../shared/schemas/auth.ts';
import { changePassword } from '../../domain/auth/change-password.ts';
import { ChangePasswordInputSchema } from '../../../shared/schemas/auth.ts';
import { AcceptInviteInputSchema, InviteTokenInputSchema } from '../../../shared/schemas/team.ts';
import { acceptInvite, getInvite } from '../../domain/team/accept-invite.ts';
import { createSession, invalidateAllSessions, invalidateSession } from '../../auth/sessions.ts';
import { listSignupTiers } from '../../domain/orgs/queries.ts';
import { stripeGateway } from '../../integrations/stripe.ts';
import { describePasswordLink, usePasswordLink } from '../../domain/dev/password-reset.ts';
import { PasswordLinkInputSchema, UsePasswordLinkInputSchema } from '../../../shared/schemas/dev-console.ts';

export const authRouter = router({
  tiers: publicProcedure.query(({ ctx }) => listSignupTiers(ctx.db, stripeGateway(), ctx.services.now())),

  /** A free tier (or any tier with billing off) signs in at once; a paid tier answers with its checkout URL. */
  signUp: publicProcedure.input(SignUpInputSchema).mutation(async ({ ctx, input }) => {
    const result = await signUp(ctx.db, { ...ctx.services, stripe: stripeGateway() }, input);
    if (result.kind === 'created') {
      const { token, session } = await createSession(ctx.db, result.user.id, ctx.services.now());
      ctx.setSessionCookie(token, session.expiresAt);
    }
    return result;
  }),

  /**
   * The checkout's success URL: provisions the sign-up (the same routine as the webhook) and signs the new
   * owner in, if the account is less than an hour old.
   */
  completeSignup: publicProcedure.input(CompleteSignupInputSchema).mutation(async ({ ctx, input }) => {
    const p = await completeSignupFromCheckout(ctx.db, { ...ctx.services, stripe: stripeGateway() }, input.sessionId);
    const fresh = ctx.services.now().getTime() - p.provisionedAt.getTime() < SUCCESS_URL_SIGN_IN_MS;
    if (fresh) {
      const { token, session } = await createSession(ctx.db, p.userId, ctx.services.now());
      ctx.setSessionCookie(token, session.expiresAt);
    }
    return { signedIn: fresh, created: p.created };
  }),

  signIn: publicProcedure.input(SignInInputSchema).mutation(async ({ ctx, input }) => {
    const { token, expiresAt, userType, mustChangePassword } = await signIn(
      ctx.db,
      { now: ctx.services.now, clientAddress: ctx.clientAddress },
      input,
    );
    ctx.setSessionCookie(token, expiresAt);
    // Said only when it applies: the sign-in form then leads to choosing a new password.
    return mustChangePassword ? { userType, mustChangePassword: true as const } : { userType };
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

  /** A password link sent from the console (reset, or the setup of a new owner): whose it is, or null. */
  passwordLink: publicProcedure
    .input(PasswordLinkInputSchema)
    .query(({ ctx, input }) => describePasswordLink(ctx.db, ctx.services, input.token)),
  usePasswordLink: publicProcedure
    .input(UsePasswordLinkInputSchema)
    .mutation(({ ctx, input }) => usePasswordLink(ctx.db, ctx.services, input)),

  invite: publicProcedure
    .input(InviteTokenInputSchema)
    .query(({ ctx, input }) => getInvite(ctx.db, ctx.services, input)),

  acceptInvite: publicProcedure.input(AcceptInviteInputSchema).mutation(async ({ ctx, input }) => {
    const { token, expiresAt } = await acceptInvite(ctx.db, ctx.services, input);
    ctx.setSessionCookie(token, expiresAt);
    return { ok: true };
  }),
});
