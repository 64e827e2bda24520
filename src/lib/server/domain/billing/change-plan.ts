// Plan changes of an existing organization (docs/rules/billing.md, Existing organizations; decisions: a
// paid upgrade or downgrade changes the tier). With billing off the change applies at once. With billing
// on: no subscription yet → Checkout; a subscription → the subscription's price is swapped (prorated) and
// the tier follows the new price; a free tier → the subscription is cancelled at period end and the
// organization moves to the free tier when it ends. Going below the recipe limit archives exactly the
// recipes not picked; going up restores archived recipes up to the new limit.
import type { TenantDb } from '../../db/tenant.ts';
import { AppError } from '../../errors.ts';
import { ChangePlanInputSchema, type ChangePlanInput } from '../../../shared/schemas/billing.ts';
import { archiveRecipesNotKept, assertKeepChoice, restoreRecipesToLimit } from './recipe-limit.ts';
import { PAYMENT_UNAVAILABLE_MESSAGE, type OrgBillingCtx } from './context.ts';
import { callStripe, organizationCheckoutUrl } from './organization-checkout.ts';

export type PlanChange =
  | { kind: 'changed'; tierKey: string; archived: number; restored: number }
  | { kind: 'scheduled'; tierKey: string; at: Date | null; archived: number }
  | { kind: 'checkout'; checkoutUrl: string };

async function loadPlanContext(db: TenantDb, ctx: OrgBillingCtx, tierKey: string) {
  const org = await db.organization.findUniqueOrThrow({
    where: { id: ctx.organizationId },
    select: {
      id: true,
      contactEmail: true,
      stripeCustomerId: true,
      stripeSubscriptionId: true,
      nextBillingDate: true,
      tier: { select: { id: true, key: true } },
    },
  });
  const target = await db.subscriptionTier.findUnique({ where: { key: tierKey } });
  if (!target || !target.isCustomerFacing) {
    throw new AppError('VALIDATION', 'Invalid subscription plan selected', { field: 'tierKey' });
  }
  if (target.id === org.tier.id)
    throw new AppError('VALIDATION', `You are already on ${target.name}.`, { field: 'tierKey' });
  return { org, target };
}

export async function changePlan(db: TenantDb, ctx: OrgBillingCtx, raw: ChangePlanInput): Promise<PlanChange> {
  const input = ChangePlanInputSchema.parse(raw);
  const { org, target } = await loadPlanContext(db, ctx, input.tierKey);
  const keep = input.keepRecipeIds ?? [];
  // The recipe choice is checked before anything is charged or changed.
  await db.$transaction((tx) => assertKeepChoice(tx, target.maxRecipes, keep));

  const free = target.billingProvider === 'exempt';
  if (ctx.stripe && !free && !org.stripeSubscriptionId) {
    const checkoutUrl = await organizationCheckoutUrl(ctx, ctx.stripe, org, target.stripeLookupKey ?? '', {
      purpose: 'plan',
      tier_key: target.key,
      lookup_key: target.stripeLookupKey ?? '',
    });
    return { kind: 'checkout', checkoutUrl };
  }
  if (ctx.stripe && free && org.stripeSubscriptionId) {
    await callStripe(() =>
      ctx.stripe!.sdk.subscriptions.update(org.stripeSubscriptionId!, {
        cancel_at_period_end: true,
        metadata: { downgrade_to: target.key },
      }),
    );
    // The recipes go when the plan does; the choice is applied now so the user sees what stays.
    const { archived } = await applyTier(db, ctx, target, keep, { moveTier: false });
    await db.organization.update({ where: { id: org.id }, data: { cancelAtPeriodEnd: true } });
    return { kind: 'scheduled', tierKey: target.key, at: org.nextBillingDate, archived };
  }
  if (ctx.stripe && !free && org.stripeSubscriptionId) {
    const price = await callStripe(() => ctx.stripe!.resolvePrice(target.stripeLookupKey ?? '', ctx.now()));
    if (!price) throw new AppError('UNAVAILABLE', PAYMENT_UNAVAILABLE_MESSAGE);
    const sub = await callStripe(() => ctx.stripe!.sdk.subscriptions.retrieve(org.stripeSubscriptionId!));
    const item = sub.items.data[0];
    if (!item) throw new AppError('INVALID_STATE', 'The subscription has no item to change.');
    await callStripe(() =>
      ctx.stripe!.sdk.subscriptions.update(sub.id, {
        items: [{ id: item.id, price: price.id }],
        proration_behavior: 'create_prorations',
        cancel_at_period_end: false,
        metadata: { tier_key: target.key, organization_id: org.id, downgrade_to: '' },
      }),
    );
  }
  // Billing off, a move between free tiers, or the subscription's price swapped: the tier changes now.
  const r = await applyTier(db, ctx, target, keep, { moveTier: true });
  return { kind: 'changed', tierKey: target.key, ...r };
}

async function applyTier(
  db: TenantDb,
  ctx: OrgBillingCtx,
  target: { id: string; maxRecipes: number; billingProvider: string },
  keep: string[],
  opts: { moveTier: boolean },
) {
  const { archived } = await db.$transaction(async (tx) => {
    const r = await archiveRecipesNotKept(tx, target.maxRecipes, keep, ctx.now());
    if (opts.moveTier) {
      await tx.organization.update({
        where: { id: ctx.organizationId },
        data: {
          subscriptionTierId: target.id,
          ...(target.billingProvider === 'exempt' ? { billingProvider: 'exempt' } : {}),
          ...(target.billingProvider !== 'exempt' && !ctx.stripe ? { billingProvider: 'none' } : {}),
        },
      });
    }
    return r;
  });
  const { restored } = opts.moveTier ? await restoreRecipesToLimit(db, target.maxRecipes) : { restored: 0 };
  return { archived, restored };
}
