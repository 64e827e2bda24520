// Sign-in throttling (docs/rules/tenancy-and-auth.md, Sign-in and lockout). Attempts are counted per
// *account*, whatever identifier named it (email or username), and per source address:
//  - a source that failed THRESHOLD times on an account within the window is locked out of that account
//    until the window has passed;
//  - across all sources, after DELAY_AFTER failures since the account's last successful sign-in, each next
//    attempt waits 1 s, 2 s, 4 s … (at most DELAY_MAX) after the latest failure, so guessing from many
//    addresses is slowed to a trickle while the rightful user, from their own address, is only delayed.
// Attempts are reserved atomically before the password is checked: under a per-account advisory lock the
// counts are read and the attempt is written as a failure in one short transaction, so parallel attempts
// can never all see room under the threshold. A correct password then clears its own source's failures.
import type { PrismaClient } from '../db/client.ts';
import { AppError } from '../errors.ts';

export type LockoutPolicy = {
  /** Failures from one source on one account within the window that lock that source out. */
  threshold: number;
  windowMs: number;
  /** Failures on the account (any source) after which each attempt waits before it is evaluated. */
  delayAfter: number;
  delayMaxMs: number;
};

export const LOCKOUT_POLICY: LockoutPolicy = {
  threshold: Number(process.env.AUTH_LOCKOUT_THRESHOLD ?? 10),
  windowMs: Number(process.env.AUTH_LOCKOUT_WINDOW_SECONDS ?? 900) * 1000,
  delayAfter: Number(process.env.AUTH_LOCKOUT_DELAY_AFTER ?? 3),
  delayMaxMs: Number(process.env.AUTH_LOCKOUT_DELAY_MAX_SECONDS ?? 30) * 1000,
};

export function normalizeIdentifier(identifier: string): string {
  return identifier.trim().toLowerCase();
}

/** The account an attempt is counted on: the user it names, or (no such user) the identifier itself. */
export function accountKey(user: { id: string } | null, identifier: string): string {
  return user ? `user:${user.id}` : `name:${normalizeIdentifier(identifier)}`;
}

/** The wait before the next attempt after `failures` failures on an account; 0 below the delay's start. */
export function delayAfterFailures(failures: number, policy: LockoutPolicy = LOCKOUT_POLICY): number {
  if (failures < policy.delayAfter) return 0;
  return Math.min(1000 * 2 ** Math.min(failures - policy.delayAfter, 30), policy.delayMaxMs);
}

export type Reservation = { attemptId: string; failuresFromSource: number };

/**
 * Reserves one attempt on an account from a source, or refuses it (LOCKED) without counting it. The
 * reservation is stored as a failure; `releaseOnSuccess` removes it and the source's earlier failures.
 */
export async function reserveAttempt(
  db: PrismaClient,
  opts: { key: string; source: string; userId: string | null; lastLoginAt: Date | null; now: Date },
  policy: LockoutPolicy = LOCKOUT_POLICY,
): Promise<Reservation> {
  const { key, source, now } = opts;
  const windowStart = new Date(now.getTime() - policy.windowMs);
  const since = opts.lastLoginAt && opts.lastLoginAt > windowStart ? opts.lastLoginAt : windowStart;
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`signin:${key}`}))`;
      // Attempts older than the window count for nothing any more.
      await tx.$executeRaw`DELETE FROM login_attempts WHERE starts_with(identifier, ${`${key}|`}) AND created_at <= ${windowStart}`;
      const [row] = await tx.$queryRaw<{ from_source: bigint; on_account: bigint; latest: Date | null }[]>`
      SELECT count(*) FILTER (WHERE identifier = ${`${key}|${source}`} AND created_at > ${windowStart}) AS from_source,
             count(*) FILTER (WHERE created_at > ${since}) AS on_account,
             max(created_at) FILTER (WHERE created_at > ${since}) AS latest
        FROM login_attempts
       WHERE starts_with(identifier, ${`${key}|`}) AND created_at > ${windowStart}`;
      const fromSource = Number(row?.from_source ?? 0);
      const onAccount = Number(row?.on_account ?? 0);
      if (fromSource >= policy.threshold) {
        const minutes = Math.round(policy.windowMs / 60_000);
        throw new AppError(
          'LOCKED',
          `Too many failed sign-in attempts. Your account is locked for ${minutes} minutes; try again later.`,
        );
      }
      const wait = delayAfterFailures(onAccount, policy);
      const readyAt = row?.latest ? row.latest.getTime() + wait : 0;
      if (wait > 0 && readyAt > now.getTime()) {
        const seconds = Math.ceil((readyAt - now.getTime()) / 1000);
        throw new AppError(
          'LOCKED',
          `Too many failed sign-in attempts. Wait ${seconds} second${seconds === 1 ? '' : 's'} before trying again.`,
          { retryAfterSeconds: seconds },
        );
      }
      const attempt = await tx.loginAttempt.create({
        data: { identifier: `${key}|${source}`, userId: opts.userId, createdAt: now },
        select: { id: true },
      });
      return { attemptId: attempt.id, failuresFromSource: fromSource };
    },
    { maxWait: 10_000, timeout: 10_000 },
  );
}

/** A correct password: the source's failures on the account, this reservation included, are forgotten. */
export async function releaseOnSuccess(db: PrismaClient, key: string, source: string) {
  await db.loginAttempt.deleteMany({ where: { identifier: `${key}|${source}` } });
}
