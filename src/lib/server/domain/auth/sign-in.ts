import type { z } from 'zod';
import { SignInInputSchema } from '../../../shared/schemas/auth.ts';
import type { PrismaClient } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { verifyPassword, hashPassword } from '../../auth/password.ts';
import { createSession } from '../../auth/sessions.ts';
import {
  LOCKOUT_POLICY,
  accountKey,
  releaseOnSuccess,
  reserveAttempt,
  type LockoutPolicy,
} from '../../auth/lockout.ts';
import { INACTIVE_ORG_MESSAGE, billingStanding } from '../../auth/billing-standing.ts';
import { emitEvent } from '../../events/emit.ts';

const INVALID = 'Invalid email/username or password';
// Verifying against a real hash when the user does not exist keeps response time from revealing accounts.
let dummyHash: Promise<string> | undefined;

export type SignInCtx = {
  now: () => Date;
  /** Where the attempt comes from (the client's address); attempts without one share the source "unknown". */
  clientAddress?: string;
  lockout?: LockoutPolicy;
};

/**
 * Email or username plus password. Attempts are counted per account and source, reserved before the
 * password is checked (auth/lockout.ts; docs/rules/tenancy-and-auth.md, Sign-in and lockout).
 */
export async function signIn(db: PrismaClient, ctx: SignInCtx, raw: z.input<typeof SignInInputSchema>) {
  const input = SignInInputSchema.parse(raw);
  const now = ctx.now();
  const policy = ctx.lockout ?? LOCKOUT_POLICY;
  const ident = input.identifier.toLowerCase();
  const user = await db.user.findFirst({
    where: { OR: [{ email: ident }, { username: { equals: input.identifier, mode: 'insensitive' } }] },
    include: {
      organization: {
        select: {
          isActive: true,
          billingStatus: true,
          billingProvider: true,
          tier: { select: { billingProvider: true } },
        },
      },
    },
  });
  const key = accountKey(user, input.identifier);
  const source = ctx.clientAddress || 'unknown';
  const reservation = await reserveAttempt(
    db,
    { key, source, userId: user?.id ?? null, lastLoginAt: user?.lastLoginAt ?? null, now },
    policy,
  );
  const ok = user?.passwordHash
    ? await verifyPassword(user.passwordHash, input.password)
    : (await verifyPassword(await (dummyHash ??= hashPassword('not-a-real-password')), input.password), false);
  if (!user || !ok) {
    const left = policy.threshold - reservation.failuresFromSource - 1;
    throw new AppError(
      'UNAUTHENTICATED',
      left > 0 && left <= 3 ? `${INVALID}. ${left} attempt(s) left before a lockout.` : INVALID,
    );
  }
  await releaseOnSuccess(db, key, source);
  if (!user.isActive || user.isDeleted)
    throw new AppError('FORBIDDEN', 'This account is inactive. Contact your organization owner.');
  // A hard-locked organization cannot sign in; one that must pay can, and lands on the billing page.
  const org = user.organization;
  if (
    user.userType === 'customer' &&
    (!org || billingStanding({ ...org, tierBillingProvider: org.tier.billingProvider }) === 'hard_lock')
  ) {
    throw new AppError('FORBIDDEN', INACTIVE_ORG_MESSAGE);
  }
  // The sign-in is recorded with its event in one transaction (docs/rules/events.md); developers have no organization.
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: now } });
    if (user.userType === 'customer' && user.organizationId)
      await emitEvent(
        tx,
        { organizationId: user.organizationId, now: () => now, actor: { userId: user.id } },
        'user_login_succeeded',
        user.id,
        {},
      );
  });
  const { token, session } = await createSession(db, user.id, now);
  // A temporary password set from the console must be replaced first (docs/rules/platform-console.md, Users).
  return { token, expiresAt: session.expiresAt, userType: user.userType, mustChangePassword: user.mustChangePassword };
}
