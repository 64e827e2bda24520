// The developer side of billing (docs/rules/billing.md, Developer side): the Stripe events list with retry
// for failed events, "Sync prices" for a tier, assigning any tier, and cancelling an organization's Stripe
// subscriptions before it (or its last user) is deleted.
import type { PrismaClient } from '../../db/client.ts';
import { Prisma } from '../../db/client.ts';
import { withTransaction } from '../../db/transaction.ts';
import { createTenantDb } from '../../db/tenant.ts';
import { AppError } from '../../errors.ts';
import type { Services } from '../context.ts';
import type { StripeGateway } from '../../integrations/stripe.ts';
import { callStripe } from './organization-checkout.ts';
import { restoreRecipesToLimit } from './recipe-limit.ts';
import type { z } from 'zod';
import type { ListStripeEventsInputSchema } from '../../../shared/schemas/billing.ts';

export async function listStripeEvents(db: PrismaClient, input: z.output<typeof ListStripeEventsInputSchema>) {
  const where: Prisma.StripeEventWhereInput = {
    ...(input.status ? { status: input.status } : {}),
    ...(input.organizationId ? { relatedOrgId: input.organizationId } : {}),
    ...(input.search
      ? {
          OR: [
            { type: { contains: input.search, mode: 'insensitive' } },
            { eventId: { contains: input.search, mode: 'insensitive' } },
          ],
        }
      : {}),
  };
  const [total, rows] = await Promise.all([
    db.stripeEvent.count({ where }),
    db.stripeEvent.findMany({
      where,
      orderBy: { receivedAt: 'desc' },
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
      select: {
        id: true,
        eventId: true,
        type: true,
        status: true,
        error: true,
        attempts: true,
        relatedOrgId: true,
        eventCreatedAt: true,
        receivedAt: true,
        processedAt: true,
      },
    }),
  ]);
  return { total, page: input.page, pageSize: input.pageSize, rows };
}

/** Puts a failed event back to received and enqueues its job again. */
export async function retryStripeEvent(db: PrismaClient, ctx: Pick<Services, 'jobs'>, input: { id: string }) {
  return withTransaction(db, async (tx) => {
    const ev = await tx.stripeEvent.findUnique({ where: { id: input.id } });
    if (!ev) throw new AppError('NOT_FOUND', 'Stripe event not found.');
    if (ev.status !== 'failed')
      throw new AppError('INVALID_STATE', `Only failed events are retried (this one is ${ev.status}).`);
    await tx.stripeEvent.update({ where: { id: ev.id }, data: { status: 'received', error: null } });
    await ctx.jobs.enqueue(tx, 'billing.process-stripe-event', { organizationId: '*', stripeEventId: ev.id });
    return { id: ev.id, status: 'received' as const };
  });
}

/** Pulls the live price for the tier's lookup key and stores it on the tier (exact cents). */
export async function syncTierPrice(
  db: PrismaClient,
  ctx: Pick<Services, 'now'> & { stripe: StripeGateway | null },
  input: { tierKey: string },
) {
  if (!ctx.stripe)
    throw new AppError('INVALID_STATE', 'Billing is off on this server: there are no Stripe prices to sync.');
  const tier = await db.subscriptionTier.findUnique({ where: { key: input.tierKey } });
  if (!tier) throw new AppError('NOT_FOUND', 'Tier not found.');
  if (!tier.stripeLookupKey) throw new AppError('INVALID_STATE', `${tier.name} has no Stripe lookup key.`);
  ctx.stripe.forgetPrice(tier.stripeLookupKey);
  const price = await callStripe(() => ctx.stripe!.resolvePrice(tier.stripeLookupKey!, ctx.now()));
  if (!price) throw new AppError('NOT_FOUND', `Stripe has no price for lookup key ${tier.stripeLookupKey}.`);
  return db.subscriptionTier.update({
    where: { id: tier.id },
    data: {
      priceCents: price.unitAmountCents,
      priceCurrency: price.currency,
      priceInterval: price.interval,
      stripePriceId: price.id,
      pricesSyncedAt: ctx.now(),
    },
    select: {
      key: true,
      priceCents: true,
      priceCurrency: true,
      priceInterval: true,
      stripePriceId: true,
      pricesSyncedAt: true,
    },
  });
}

/**
 * A developer assigns any tier (a billing override): an exempt tier makes the organization exempt; a paid
 * tier without a Stripe subscription is granted unpaid (billing provider none). Archived recipes come back
 * up to the new limit.
 */
export async function assignTier(db: PrismaClient, input: { organizationId: string; tierKey: string }) {
  const tier = await db.subscriptionTier.findUnique({ where: { key: input.tierKey } });
  if (!tier) throw new AppError('NOT_FOUND', 'Tier not found.', { field: 'tierKey' });
  const org = await db.organization.findUnique({
    where: { id: input.organizationId },
    select: { id: true, stripeSubscriptionId: true, billingProvider: true },
  });
  if (!org) throw new AppError('NOT_FOUND', 'Organization not found.');
  const exempt = tier.billingProvider === 'exempt';
  await db.organization.update({
    where: { id: org.id },
    data: {
      subscriptionTierId: tier.id,
      billingProvider: exempt ? 'exempt' : org.stripeSubscriptionId ? 'stripe' : 'none',
      ...(exempt ? { billingStatus: 'active' } : {}),
    },
  });
  const { restored } = await restoreRecipesToLimit(createTenantDb(db, org.id), tier.maxRecipes);
  return { tierKey: tier.key, restored };
}

/**
 * Before an organization (or its last customer user) is deleted: cancel every live Stripe subscription of
 * its customer. Throws (and the deletion must abort) when Stripe refuses or cannot be reached. Without
 * Stripe configured, nothing is cancelled and the answer says so.
 */
export async function cancelOrganizationSubscriptions(
  db: PrismaClient,
  ctx: { stripe: StripeGateway | null },
  input: { organizationId: string },
): Promise<{ cancelled: string[]; note: string | null }> {
  const org = await db.organization.findUnique({
    where: { id: input.organizationId },
    select: { stripeCustomerId: true },
  });
  if (!org?.stripeCustomerId) return { cancelled: [], note: null };
  if (!ctx.stripe)
    return { cancelled: [], note: 'Billing is off on this server: no Stripe subscription was cancelled.' };
  const subs = await callStripe(() =>
    ctx.stripe!.sdk.subscriptions.list({ customer: org.stripeCustomerId!, status: 'all', limit: 100 }),
  );
  const cancelled: string[] = [];
  for (const s of subs.data) {
    if (s.status === 'canceled' || s.status === 'incomplete_expired') continue;
    await callStripe(() => ctx.stripe!.sdk.subscriptions.cancel(s.id));
    cancelled.push(s.id);
  }
  return { cancelled, note: null };
}
