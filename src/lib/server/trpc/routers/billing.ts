import { z } from 'zod';
import { orgProcedure, router } from '../procedures.ts';
import { stripeGateway } from '../../integrations/stripe.ts';
import type { OrgCtx } from '../../domain/context.ts';
import type { OrgBillingCtx } from '../../domain/billing/context.ts';
import { getBillingOverview } from '../../domain/billing/overview.ts';
import { changePlan } from '../../domain/billing/change-plan.ts';
import {
  applyCheckoutReturn,
  openCustomerPortal,
  setCancelAtPeriodEnd,
  startAddonCheckout,
} from '../../domain/billing/subscription-actions.ts';
import {
  AddonCheckoutInputSchema,
  ChangePlanInputSchema,
  CheckoutReturnInputSchema,
} from '../../../shared/schemas/billing.ts';

// Billing procedures stay usable while the organization must settle its billing (billingExempt).
const billing = orgProcedure.meta({ permission: 'organization.manage_billing', billingExempt: true });
const withStripe = (ctx: { orgCtx: OrgCtx }): OrgBillingCtx => ({ ...ctx.orgCtx, stripe: stripeGateway() });

export const billingRouter = router({
  overview: billing.query(({ ctx }) => getBillingOverview(ctx.tdb, withStripe(ctx))),
  changePlan: billing
    .input(ChangePlanInputSchema)
    .mutation(({ ctx, input }) => changePlan(ctx.tdb, withStripe(ctx), input)),
  portal: billing.mutation(({ ctx }) => openCustomerPortal(ctx.tdb, withStripe(ctx))),
  setCancelAtPeriodEnd: billing
    .input(z.object({ cancel: z.boolean() }))
    .mutation(({ ctx, input }) => setCancelAtPeriodEnd(ctx.tdb, withStripe(ctx), input)),
  addonCheckout: billing
    .input(AddonCheckoutInputSchema)
    .mutation(({ ctx, input }) => startAddonCheckout(ctx.tdb, withStripe(ctx), input)),
  /** Back from Checkout: applies the purchase now (the webhook applies the same). */
  checkoutReturn: billing
    .input(CheckoutReturnInputSchema)
    .mutation(({ ctx, input }) => applyCheckoutReturn(ctx.db, withStripe(ctx), input)),
});
