import { AppError } from '../../errors.ts';
import { randomBytes } from 'node:crypto';

type UserLookup = { user: { findFirst(args: any): Promise<unknown> } };

/** Emails are stored trimmed and lowercased, so equality is case-insensitive. */
export async function assertEmailFree(db: UserLookup, email: string) {
  const existing = await db.user.findFirst({ where: { email: email.trim().toLowerCase() }, select: { id: true } });
  if (existing)
    throw new AppError('CONFLICT', 'An account with that email already exists. Please log in instead.', {
      field: 'email',
    });
}

/** The email's local part, then a counter until unique (docs/rules/tenancy-and-auth.md, Sign-up). */
export async function uniqueUsername(db: UserLookup, email: string): Promise<string> {
  const base =
    (email.split('@')[0] ?? 'user')
      .replace(/[^A-Za-z0-9_]/g, '_')
      .slice(0, 30)
      .padEnd(3, '_') || 'user';
  for (let n = 0; n < 50; n++) {
    const candidate = n === 0 ? base : `${base}${n + 1}`;
    const taken = await db.user.findFirst({
      where: { username: { equals: candidate, mode: 'insensitive' } },
      select: { id: true },
    });
    if (!taken) return candidate;
  }
  return `${base}_${randomBytes(3).toString('hex')}`;
}
