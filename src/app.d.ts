import type { SessionUser, ValidSession } from '#lib/server/auth/sessions.ts';

declare global {
  namespace App {
    interface Locals {
      user: SessionUser | null;
      session: ValidSession | null;
      /** The request's session was ended because its organization is hard-locked (auth/billing-standing.ts). */
      lockedOut: boolean;
      /** Set first thing by hooks.server.ts: errors are logged and answered under it (X-Request-Id). */
      requestId: string;
    }
    interface PageState {
      /** A message the previous page leaves for the next one (e.g. "added to the existing item"). */
      notice?: string;
    }
    interface Error {
      message: string;
      reason?: string;
      permission?: string;
      upgradeTiers?: string[];
      /** The request id an unexpected error was logged under. */
      errorId?: string;
    }
  }
}
export {};
