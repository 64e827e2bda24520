// Lucia-style sessions: the cookie holds a random token; the database holds only sha256(token).
// A stolen database therefore yields no usable session. Sessions last 30 days and slide while in use.
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import type { PrismaClient } from '../db/client.ts';
import { billingStanding, type BillingStanding } from './billing-standing.ts';

export const SESSION_COOKIE = 'bt_session';
const DAY = 24 * 60 * 60 * 1000;
export const SESSION_TTL_MS = 30 * DAY;
/** Refresh the expiry once less than this much is left, so active sessions do not write on every request. */
const SLIDE_WHEN_LEFT_MS = 15 * DAY;

export function generateToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function hashToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export async function createSession(db: PrismaClient, userId: string, now: Date) {
  const token = generateToken();
  const session = await db.session.create({
    data: { id: hashToken(token), userId, expiresAt: new Date(now.getTime() + SESSION_TTL_MS) },
  });
  return { token, session };
}

export type SessionUser = {
  id: string;
  username: string;
  email: string;
  userType: 'customer' | 'developer';
  organizationId: string | null;
  firstName: string | null;
  lastName: string | null;
};

export type ValidSession = {
  id: string;
  expiresAt: Date;
  viewAsOrgId: string | null;
  /** The customer's organization's billing standing (auth/billing-standing.ts); developers are always 'ok'. */
  standing: BillingStanding;
  /** A temporary password from the console: nothing but choosing a new one until it is changed. */
  mustChangePassword?: boolean;
};

/**
 * Returns the session and its user, or nulls. A session is dead when expired, when its user is inactive
 * or deleted, or when a customer's organization is inactive (docs/rules/tenancy-and-auth.md, Sessions:
 * rejected at load time).
 */
export async function validateSessionToken(
  db: PrismaClient,
  token: string,
  now: Date,
): Promise<{ session: ValidSession | null; user: SessionUser | null; lockedOut?: boolean }> {
  const id = hashToken(token);
  const row = await db.session.findUnique({
    where: { id },
    include: {
      user: {
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
      },
    },
  });
  if (!row) return { session: null, user: null };
  const u = row.user;
  const org = u.organization;
  const standing: BillingStanding =
    u.userType !== 'customer'
      ? 'ok'
      : !org
        ? 'hard_lock'
        : billingStanding({ ...org, tierBillingProvider: org.tier.billingProvider });
  // A hard-locked organization's sessions end on their next request (docs/rules/billing.md, Billing standing).
  const lockedOut = standing === 'hard_lock';
  if (now.getTime() >= row.expiresAt.getTime() || !u.isActive || u.isDeleted || lockedOut) {
    await db.session.deleteMany({ where: { id } });
    return { session: null, user: null, lockedOut };
  }
  let expiresAt = row.expiresAt;
  if (expiresAt.getTime() - now.getTime() < SLIDE_WHEN_LEFT_MS) {
    expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
    await db.session.update({ where: { id }, data: { expiresAt } });
  }
  return {
    session: { id, expiresAt, viewAsOrgId: row.viewAsOrgId, standing, mustChangePassword: u.mustChangePassword },
    user: {
      id: u.id,
      username: u.username,
      email: u.email,
      userType: u.userType === 'developer' ? 'developer' : 'customer',
      organizationId: u.organizationId,
      firstName: u.firstName,
      lastName: u.lastName,
    },
  };
}

export async function invalidateSession(db: PrismaClient, sessionId: string) {
  await db.session.deleteMany({ where: { id: sessionId } });
}

export async function invalidateAllSessions(db: PrismaClient, userId: string, exceptSessionId?: string) {
  await db.session.deleteMany({ where: { userId, ...(exceptSessionId ? { id: { not: exceptSessionId } } : {}) } });
}

export function sessionCookieOptions(expiresAt: Date) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: process.env.NODE_ENV === 'production' && process.env.COOKIE_SECURE !== 'false',
    expires: expiresAt,
  };
}
