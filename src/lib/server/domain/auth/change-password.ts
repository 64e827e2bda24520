import type { z } from 'zod';
import { ChangePasswordInputSchema } from '../../../shared/schemas/auth.ts';
import type { PrismaClient } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { hashPassword, verifyPassword } from '../../auth/password.ts';
import { invalidateAllSessions } from '../../auth/sessions.ts';

/** docs/rules/tenancy-and-auth.md (Sessions): a password change ends every session but the current one. */
export async function changePassword(
  db: PrismaClient,
  ctx: { userId: string; sessionId: string },
  raw: z.input<typeof ChangePasswordInputSchema>,
) {
  const input = ChangePasswordInputSchema.parse(raw);
  const user = await db.user.findUniqueOrThrow({ where: { id: ctx.userId } });
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError('VALIDATION', 'Current password is incorrect', { field: 'currentPassword' });
  }
  await db.user.update({
    where: { id: user.id },
    data: { passwordHash: await hashPassword(input.newPassword), mustChangePassword: false },
  });
  await invalidateAllSessions(db, user.id, ctx.sessionId);
  return { ok: true };
}
