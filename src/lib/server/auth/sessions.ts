// Lucia-style sessions: the cookie holds a random token; the database holds only sha256(token).
// A stolen database therefore yields no usable session. Sessions last 30 days and slide while in use.
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import type { PrismaClient } from '../db/client.ts';
import { billingStanding, type BillingStanding } from './billing-standing.ts';
import { ACCESS_KEY_SQL } from './access-stamps.ts';

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
  /**
   * The access stamps read with the session (docs/rules/access.md): the access check reuses the access it
   * computed for the same stamps. Absent on a session not read by validateSessionToken: computed afresh.
   */
  accessKey?: string;
};

/** Row of the one statement that validates a session (see SESSION_SQL in validateSessionToken). */
type SessionRow = {
  expiresAt: Date;
  viewAsOrgId: string | null;
  userId: string;
  username: string;
  email: string;
  userType: string;
  organizationId: string | null;
  firstName: string | null;
  lastName: string | null;
  isActive: boolean;
  isDeleted: boolean;
  mustChangePassword: boolean;
  orgIsActive: boolean | null;
  billingStatus: string | null;
  billingProvider: string | null;
  tierBillingProvider: string | null;
  accessKey: string;
};

/**
 * Returns the session and its user, or nulls. A session is dead when expired, when its user is inactive
 * or deleted, or when a customer's organization is inactive (docs/rules/tenancy-and-auth.md, Sessions:
 * rejected at load time).
 *
 * One statement reads the session, its user, the user's organization with what its billing standing needs,
 * and the access stamps of the organization the request acts in (docs/rules/access.md). A write follows only
 * to end a dead session or to slide the expiry, which happens at most once per 15 days of a session's use.
 */
export async function validateSessionToken(
  db: PrismaClient,
  token: string,
  now: Date,
): Promise<{ session: ValidSession | null; user: SessionUser | null; lockedOut?: boolean }> {
  const id = hashToken(token);
  const rows = await db.$queryRaw<SessionRow[]>`
    SELECT s.expires_at AS "expiresAt", s.view_as_org_id AS "viewAsOrgId",
           u.id AS "userId", u.username, u.email, u.user_type AS "userType", u.organization_id AS "organizationId",
           u.first_name AS "firstName", u.last_name AS "lastName", u.is_active AS "isActive",
           u.is_deleted AS "isDeleted", u.must_change_password AS "mustChangePassword",
           o.is_active AS "orgIsActive", o.billing_status AS "billingStatus",
           o.billing_provider AS "billingProvider", ot.billing_provider AS "tierBillingProvider",
           ${ACCESS_KEY_SQL} AS "accessKey"
      FROM sessions s
      JOIN users u ON u.id = s.user_id
      LEFT JOIN organizations o ON o.id = u.organization_id
      LEFT JOIN subscription_tiers ot ON ot.id = o.subscription_tier_id
      LEFT JOIN organizations ao
             ON ao.id = CASE WHEN u.user_type = 'developer' THEN s.view_as_org_id ELSE u.organization_id END
      LEFT JOIN subscription_tiers aot ON aot.id = ao.subscription_tier_id
     WHERE s.id = ${id}`;
  const row = rows[0];
  if (!row) return { session: null, user: null };
  const standing: BillingStanding =
    row.userType !== 'customer'
      ? 'ok'
      : row.orgIsActive === null
        ? 'hard_lock'
        : billingStanding({
            isActive: row.orgIsActive,
            billingStatus: row.billingStatus!,
            billingProvider: row.billingProvider!,
            tierBillingProvider: row.tierBillingProvider!,
          });
  // A hard-locked organization's sessions end on their next request (docs/rules/billing.md, Billing standing).
  const lockedOut = standing === 'hard_lock';
  if (now.getTime() >= row.expiresAt.getTime() || !row.isActive || row.isDeleted || lockedOut) {
    await db.session.deleteMany({ where: { id } });
    return { session: null, user: null, lockedOut };
  }
  let expiresAt = row.expiresAt;
  if (expiresAt.getTime() - now.getTime() < SLIDE_WHEN_LEFT_MS) {
    expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
    await db.session.update({ where: { id }, data: { expiresAt } });
  }
  return {
    session: {
      id,
      expiresAt,
      viewAsOrgId: row.viewAsOrgId,
      standing,
      mustChangePassword: row.mustChangePassword,
      accessKey: row.accessKey,
    },
    user: {
      id: row.userId,
      username: row.username,
      email: row.email,
      userType: row.userType === 'developer' ? 'developer' : 'customer',
      organizationId: row.organizationId,
      firstName: row.firstName,
      lastName: row.lastName,
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
