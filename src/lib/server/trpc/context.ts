import type { PgBoss } from 'pg-boss';
import type { PrismaClient } from '../db/client.ts';
import type { SessionUser, ValidSession } from '../auth/sessions.ts';
import type { Services } from '../domain/context.ts';

/** Per-request context. `db` is the unscoped client: only middleware and platform procedures touch it. */
export type TrpcContext = {
  db: PrismaClient;
  services: Services;
  boss: () => Promise<PgBoss>;
  user: SessionUser | null;
  session: ValidSession | null;
  /** This request's session was just ended because its organization is hard-locked (auth/billing-standing.ts). */
  lockedOut?: boolean;
  /** Sets or clears the session cookie of the current response. */
  setSessionCookie: (token: string, expiresAt: Date) => void;
  clearSessionCookie: () => void;
  /** The id the request's errors are logged and answered under (hooks.server.ts); absent in tests. */
  requestId?: string;
  /** The client's address (sign-in counts attempts per account and address); absent when unknown. */
  clientAddress?: string;
};
