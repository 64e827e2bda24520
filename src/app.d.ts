import type { SessionUser, ValidSession } from '#lib/server/auth/sessions.ts';

declare global {
  namespace App {
    interface Locals {
      user: SessionUser | null;
      session: ValidSession | null;
    }
    interface Error {
      message: string;
      reason?: string;
      permission?: string;
      upgradeTiers?: string[];
    }
  }
}
export {};
