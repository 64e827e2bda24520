// Sign-in lockout: 10 failed attempts for one identifier within 15 minutes lock it until the window
// has passed. Attempts are rows (not counters) so concurrent failures cannot undercount.
import type { PrismaClient } from '../db/client.ts';

export const LOCKOUT_THRESHOLD = Number(process.env.AUTH_LOCKOUT_THRESHOLD ?? 10);
export const LOCKOUT_WINDOW_MS = Number(process.env.AUTH_LOCKOUT_WINDOW_SECONDS ?? 900) * 1000;

export function normalizeIdentifier(identifier: string): string {
  return identifier.trim().toLowerCase();
}

export async function countRecentFailures(db: PrismaClient, identifier: string, now: Date): Promise<number> {
  return db.loginAttempt.count({
    where: {
      identifier: normalizeIdentifier(identifier),
      createdAt: { gt: new Date(now.getTime() - LOCKOUT_WINDOW_MS) },
    },
  });
}

export async function recordFailure(db: PrismaClient, identifier: string, userId: string | null, now: Date) {
  await db.loginAttempt.create({ data: { identifier: normalizeIdentifier(identifier), userId, createdAt: now } });
}

export async function clearFailures(db: PrismaClient, identifier: string) {
  await db.loginAttempt.deleteMany({ where: { identifier: normalizeIdentifier(identifier) } });
}
