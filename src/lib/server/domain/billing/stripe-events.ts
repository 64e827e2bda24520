// Stripe webhooks as jobs (docs/rules/billing.md, Webhooks as jobs). The endpoint verifies the signature and,
// in one transaction, stores the event (its id unique: a replay does nothing) and enqueues
// billing.process-stripe-event. The job applies the event and marks it processed in one transaction, so a
// worker killed halfway applies it again from the start, never twice.
import type Stripe from 'stripe';
import type { PrismaClient } from '../../db/client.ts';
import { Prisma } from '../../db/client.ts';
import { withTransaction, type Tx } from '../../db/transaction.ts';
import { createTenantDb } from '../../db/tenant.ts';
import { AppError } from '../../errors.ts';
import type { Services } from '../context.ts';
import type { StripeGateway } from '../../integrations/stripe.ts';
import {
  applyInvoice,
  applyOrganizationCheckout,
  applySubscription,
  type Applied,
  type CheckoutSession,
} from './subscription-state.ts';
import {
  pendingSignupIdOf,
  provisionSignupInTx,
  recordProvisioningFailure,
  tagStripeCustomer,
} from './provision-signup.ts';
import { restoreRecipesToLimit } from './recipe-limit.ts';

export const HANDLED_EVENT_TYPES = [
  'checkout.session.completed',
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
  'invoice.payment_succeeded',
  'invoice.payment_failed',
] as const;

export class WebhookSignatureError extends Error {}

/** Verifies and stores one delivery. Returns whether it was new (a replayed event id is not). */
export async function receiveStripeWebhook(
  db: PrismaClient,
  ctx: Pick<Services, 'jobs'> & { stripe: StripeGateway },
  rawBody: string,
  signature: string | null,
): Promise<{ duplicate: boolean; eventId: string; type: string }> {
  const secret = ctx.stripe.webhookSecret;
  if (!secret) throw new AppError('INVALID_STATE', 'STRIPE_WEBHOOK_SECRET is not set');
  let event: Stripe.Event;
  try {
    event = ctx.stripe.sdk.webhooks.constructEvent(rawBody, signature ?? '', secret);
  } catch (e) {
    throw new WebhookSignatureError(e instanceof Error ? e.message : 'bad signature');
  }
  return withTransaction(db, async (tx) => {
    const inserted = await tx.stripeEvent.createManyAndReturn({
      data: [
        {
          eventId: event.id,
          type: event.type,
          payload: JSON.parse(rawBody) as Prisma.InputJsonValue,
          eventCreatedAt: new Date(event.created * 1000),
        },
      ],
      skipDuplicates: true,
      select: { id: true },
    });
    if (!inserted.length) return { duplicate: true, eventId: event.id, type: event.type };
    await ctx.jobs.enqueue(tx, 'billing.process-stripe-event', { organizationId: '*', stripeEventId: inserted[0]!.id });
    return { duplicate: false, eventId: event.id, type: event.type };
  });
}

type ProcessCtx = Pick<Services, 'jobs' | 'now'> & { stripe: StripeGateway | null };

/** The job: apply one stored event. Already processed or ignored → nothing. A failure is recorded and rethrown for the retry. */
export async function processStripeEvent(db: PrismaClient, ctx: ProcessCtx, input: { stripeEventId: string }) {
  const row = await db.stripeEvent.findUnique({ where: { id: input.stripeEventId } });
  if (!row) return { skipped: 'unknown event' };
  if (row.status === 'processed' || row.status === 'ignored') return { skipped: row.status };
  const event = row.payload as unknown as Stripe.Event;
  let provisionedCustomer: { customerId: string | null; organizationId: string } | null = null;
  try {
    const applied = await withTransaction(db, async (tx) => {
      // Lock the row and re-read its status in one statement: a concurrent run may have applied it.
      const [fresh] = await tx.$queryRaw<{ status: string }[]>`
        SELECT status::text AS status FROM stripe_events WHERE id = ${row.id} FOR UPDATE`;
      if (!fresh || fresh.status === 'processed' || fresh.status === 'ignored') return null;
      const result = await applyEvent(tx, ctx, event, (p) => (provisionedCustomer = p));
      await tx.stripeEvent.update({
        where: { id: row.id },
        data: {
          status: result.outcome === 'applied' ? 'processed' : 'ignored',
          error: result.outcome === 'ignored' ? result.note : null,
          relatedOrgId: result.organizationId,
          attempts: { increment: 1 },
          processedAt: ctx.now(),
        },
      });
      return result;
    });
    if (!applied) return { skipped: 'already processed' };
    const tagged = provisionedCustomer as { customerId: string | null; organizationId: string } | null;
    if (tagged) await tagStripeCustomer(ctx.stripe, tagged.customerId, { organizationId: tagged.organizationId });
    if (applied.tierChangedTo && applied.organizationId) {
      await restoreRecipesToLimit(createTenantDb(db, applied.organizationId), applied.tierChangedTo.maxRecipes);
    }
    return { outcome: applied.outcome, note: applied.note };
  } catch (e) {
    await db.stripeEvent.update({
      where: { id: row.id },
      data: {
        status: 'failed',
        error: (e instanceof Error ? e.message : String(e)).slice(0, 1000),
        attempts: { increment: 1 },
      },
    });
    if (event.type === 'checkout.session.completed') {
      await recordProvisioningFailure(db, pendingSignupIdOf(event.data.object as CheckoutSession), e);
    }
    throw e;
  }
}

async function applyEvent(
  tx: Tx,
  ctx: ProcessCtx,
  event: Stripe.Event,
  onProvisioned: (p: { customerId: string | null; organizationId: string }) => void,
): Promise<Applied> {
  const at = new Date(event.created * 1000);
  switch (event.type) {
    case 'checkout.session.completed': {
      const session = event.data.object as CheckoutSession;
      if (
        session.metadata?.purpose === 'signup' ||
        (pendingSignupIdOf(session) && !session.metadata?.organization_id)
      ) {
        const p = await provisionSignupInTx(tx, ctx, session);
        if (p.created) {
          const customer = session.customer;
          onProvisioned({
            customerId: typeof customer === 'string' ? customer : (customer?.id ?? null),
            organizationId: p.organizationId,
          });
        }
        return {
          outcome: 'applied',
          note: p.created ? 'sign-up provisioned' : 'sign-up already provisioned',
          organizationId: p.organizationId,
        };
      }
      return applyOrganizationCheckout(tx, session, at);
    }
    case 'customer.subscription.created':
    case 'customer.subscription.updated':
      return applySubscription(tx, event.data.object, at, false);
    case 'customer.subscription.deleted':
      return applySubscription(tx, event.data.object, at, true);
    case 'invoice.payment_succeeded':
      return applyInvoice(tx, event.data.object, at, true);
    case 'invoice.payment_failed':
      return applyInvoice(tx, event.data.object, at, false);
    default:
      return { outcome: 'ignored', note: `event type ${event.type} is not handled`, organizationId: null };
  }
}
