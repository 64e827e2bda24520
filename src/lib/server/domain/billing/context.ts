// What billing use cases receive: the usual services plus the Stripe gateway, which is null when billing
// is off on this server (integrations/stripe.ts). Built by the router, the worker and tests.
import type { StripeGateway } from '../../integrations/stripe.ts';
import type { OrgCtx, Services } from '../context.ts';

export type BillingCtx = Pick<Services, 'now' | 'jobs' | 'appUrl'> & { stripe: StripeGateway | null };
export type OrgBillingCtx = OrgCtx & { stripe: StripeGateway | null };

export const BILLING_OFF_MESSAGE = 'Billing is off on this server: plans are granted without payment.';
export const PAYMENT_UNAVAILABLE_MESSAGE = 'Payment system temporarily unavailable. Please try again later.';
