// The billing access policy of docs/rules/billing.md (Billing standing), in one pure function that every
// surface asks: the permission check (authorize.ts), sign-in, the session check of each request, and the
// page layout. Exempt organizations skip payment checks; only deactivating them locks them.
export type BillingStanding = 'ok' | 'hard_lock' | 'require_upgrade';

export type StandingInput = {
  isActive: boolean;
  billingStatus: string;
  /** The organization's own billing provider (stripe | exempt | none). */
  billingProvider: string;
  /** The tier's billing provider (stripe | exempt). */
  tierBillingProvider: string;
};

const HARD_LOCK = new Set(['suspended', 'canceled', 'cancelled']);
const NEEDS_PAYMENT = new Set(['payment_failed', 'past_due']);

export const INACTIVE_ORG_MESSAGE = 'Your organization is currently inactive. Please contact support immediately.';
export const BILLING_REQUIRED_MESSAGE = 'Your subscription payment needs attention. Update billing to continue.';
/** Where an organization that must settle its billing is sent, and the only pages it may still open. */
export const UPGRADE_URL = '/billing/upgrade';
export const BILLING_PATH_PREFIX = '/billing';

export function billingStanding(org: StandingInput): BillingStanding {
  if (!org.isActive) return 'hard_lock';
  if (org.tierBillingProvider === 'exempt' || org.billingProvider === 'exempt') return 'ok';
  if (HARD_LOCK.has(org.billingStatus)) return 'hard_lock';
  if (NEEDS_PAYMENT.has(org.billingStatus)) return 'require_upgrade';
  return 'ok';
}

/** Pages a require-upgrade organization may still open: the billing pages and signing out. */
export function isBillingExemptPath(pathname: string): boolean {
  return pathname === BILLING_PATH_PREFIX || pathname.startsWith(`${BILLING_PATH_PREFIX}/`);
}
