// Password reset links sent from the console (docs/rules/platform-console.md, Users): a random token in
// the link, only its hash stored, valid for 24 hours and once. Also the setup link of an owner created
// without a password.
import { generateToken, hashToken } from '../../auth/sessions.ts';
import { hashPassword } from '../../auth/password.ts';
import type { PrismaClient } from '../../db/client.ts';
import type { Tx } from '../../db/transaction.ts';
import { withTransaction } from '../../db/transaction.ts';
import { AppError } from '../../errors.ts';
import type { Services } from '../context.ts';
import { PasswordSchema } from '../../../shared/schemas/orgs.ts';

export const RESET_TTL_MS = 24 * 3600 * 1000;
export const RESET_INVALID_MESSAGE = 'This link is invalid or has expired. Ask for a new one.';

/** Stores a reset token for the user and mails the link. The link is returned where mail is only logged. */
export async function issuePasswordLink(
  tx: Tx,
  ctx: Pick<Services, 'now' | 'mailer' | 'appUrl'>,
  user: { id: string; email: string; username: string },
  purpose: 'reset' | 'setup',
) {
  const token = generateToken();
  // A new link replaces any earlier one.
  await tx.passwordReset.updateMany({ where: { userId: user.id, usedAt: null }, data: { usedAt: ctx.now() } });
  await tx.passwordReset.create({
    data: {
      userId: user.id,
      tokenHash: hashToken(token),
      expiresAt: new Date(ctx.now().getTime() + RESET_TTL_MS),
      createdAt: ctx.now(),
    },
  });
  const link = `${ctx.appUrl}/reset-password/${token}`;
  await ctx.mailer.send({
    to: user.email,
    subject: purpose === 'setup' ? 'Set your BatchTrack password' : 'Reset your BatchTrack password',
    text:
      `${purpose === 'setup' ? 'Your BatchTrack account is ready' : 'A password reset was requested'} for ${user.username}.\n\n` +
      `Choose a password: ${link}\n\nThis link expires in 24 hours.`,
  });
  return { link: ctx.mailer.transport === 'log' ? link : null };
}

async function findValidReset(db: PrismaClient | Tx, token: string, now: Date) {
  const row = await db.passwordReset.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { user: { select: { id: true, username: true, isActive: true, isDeleted: true } } },
  });
  if (!row || row.usedAt || row.expiresAt <= now || row.user.isDeleted) return null;
  return row;
}

/** For the reset page: whose link it is, or null when it cannot be used. */
export async function describePasswordLink(db: PrismaClient, ctx: Pick<Services, 'now'>, token: string) {
  const row = await findValidReset(db, token, ctx.now());
  return row ? { username: row.user.username } : null;
}

/** Sets the new password from a link, once; every session of the user ends. */
export async function usePasswordLink(
  db: PrismaClient,
  ctx: Pick<Services, 'now'>,
  input: { token: string; password: string },
) {
  const password = PasswordSchema.parse(input.password);
  const passwordHash = await hashPassword(password);
  return withTransaction(db, async (tx) => {
    const row = await findValidReset(tx, input.token, ctx.now());
    if (!row) throw new AppError('VALIDATION', RESET_INVALID_MESSAGE);
    const used = await tx.passwordReset.updateMany({
      where: { id: row.id, usedAt: null },
      data: { usedAt: ctx.now() },
    });
    if (used.count !== 1) throw new AppError('VALIDATION', RESET_INVALID_MESSAGE);
    await tx.user.update({ where: { id: row.userId }, data: { passwordHash, mustChangePassword: false } });
    await tx.session.deleteMany({ where: { userId: row.userId } });
    return { username: row.user.username };
  });
}
