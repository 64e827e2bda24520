import type { z } from 'zod';
import { SignInInputSchema } from '../../../shared/schemas/auth.ts';
import type { PrismaClient } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { verifyPassword, hashPassword } from '../../auth/password.ts';
import { createSession } from '../../auth/sessions.ts';
import {
  LOCKOUT_THRESHOLD,
  LOCKOUT_WINDOW_MS,
  clearFailures,
  countRecentFailures,
  recordFailure,
} from '../../auth/lockout.ts';
import { INACTIVE_ORG_MESSAGE } from '../../auth/authorize.ts';

const INVALID = 'Invalid email/username or password';
// Verifying against a real hash when the user does not exist keeps response time from revealing accounts.
let dummyHash: Promise<string> | undefined;

/** Email or username plus password. Lockout after LOCKOUT_THRESHOLD failures within the window. */
export async function signIn(db: PrismaClient, ctx: { now: () => Date }, raw: z.input<typeof SignInInputSchema>) {
  const input = SignInInputSchema.parse(raw);
  const now = ctx.now();
  const failures = await countRecentFailures(db, input.identifier, now);
  if (failures >= LOCKOUT_THRESHOLD) {
    const minutes = Math.round(LOCKOUT_WINDOW_MS / 60_000);
    throw new AppError(
      'LOCKED',
      `Too many failed sign-in attempts. Your account is locked for ${minutes} minutes; try again later.`,
    );
  }
  const ident = input.identifier.toLowerCase();
  const user = await db.user.findFirst({
    where: { OR: [{ email: ident }, { username: { equals: input.identifier, mode: 'insensitive' } }] },
    include: { organization: { select: { isActive: true } } },
  });
  const ok = user?.passwordHash
    ? await verifyPassword(user.passwordHash, input.password)
    : (await verifyPassword(await (dummyHash ??= hashPassword('not-a-real-password')), input.password), false);
  if (!user || !ok) {
    await recordFailure(db, input.identifier, user?.id ?? null, now);
    const left = LOCKOUT_THRESHOLD - failures - 1;
    throw new AppError(
      'UNAUTHENTICATED',
      left > 0 && left <= 3 ? `${INVALID}. ${left} attempt(s) left before a lockout.` : INVALID,
    );
  }
  if (!user.isActive || user.isDeleted)
    throw new AppError('FORBIDDEN', 'This account is inactive. Contact your organization owner.');
  if (user.userType === 'customer' && (!user.organization || !user.organization.isActive)) {
    throw new AppError('FORBIDDEN', INACTIVE_ORG_MESSAGE);
  }
  await clearFailures(db, input.identifier);
  await db.user.update({ where: { id: user.id }, data: { lastLoginAt: now } });
  const { token, session } = await createSession(db, user.id, now);
  return { token, expiresAt: session.expiresAt, userType: user.userType };
}
