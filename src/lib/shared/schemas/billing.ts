import { z } from 'zod';
import { PageNumber, PageSize, Text } from './primitives.ts';

// Billing inputs (docs/rules/billing.md): the organization's billing pages and the developer console's.
const Key = (label: string) => Text().min(1, `Choose a ${label}`).max(60);

export const CompleteSignupInputSchema = z.object({ sessionId: Text().min(1).max(255) });

export const ChangePlanInputSchema = z.object({
  tierKey: Key('plan'),
  /** Going below the recipe limit: exactly the recipes to keep (the rest are archived). */
  keepRecipeIds: z.array(z.uuid()).max(10_000).optional(),
});
export type ChangePlanInput = z.infer<typeof ChangePlanInputSchema>;

export const AddonCheckoutInputSchema = z.object({ addonKey: Key('add-on') });

export const CheckoutReturnInputSchema = z.object({ sessionId: Text().min(1).max(255) });

export const STRIPE_EVENT_STATUSES = ['received', 'processed', 'failed', 'ignored'] as const;

export const ListStripeEventsInputSchema = z.object({
  status: z.enum(STRIPE_EVENT_STATUSES).optional(),
  search: Text().max(100).optional(),
  organizationId: z.uuid().optional(),
  page: PageNumber().default(1),
  pageSize: PageSize(100).default(25),
});

export const StripeEventRefInputSchema = z.object({ id: z.uuid() });

export const SyncTierPriceInputSchema = z.object({ tierKey: Key('tier') });

export const AssignTierInputSchema = z.object({ organizationId: z.uuid(), tierKey: Key('tier') });
