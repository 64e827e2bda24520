// Webhook endpoints and their deliveries (docs/webhooks.md): add one (its secret shown once), remove it,
// send it a test event, list deliveries and resend one.
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { TenantDb } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { AppError } from '../../errors.ts';
import { emitEvent } from '../../events/emit.ts';
import { EVENT_TYPES, isEventName } from '../../events/event-types.ts';
import { CreateWebhookEndpointSchema, ListDeliveriesInputSchema } from '../../../shared/schemas/webhooks.ts';
import { sealWebhookSecret } from './secret-store.ts';

export const MAX_ENDPOINTS = 10;

export async function createEndpoint(db: TenantDb, ctx: OrgCtx, raw: z.input<typeof CreateWebhookEndpointSchema>) {
  const input = CreateWebhookEndpointSchema.parse(raw);
  const unknown = input.eventTypes.find((t) => !isEventName(t));
  if (unknown) throw new AppError('VALIDATION', `Unknown event type "${unknown}"`, { field: 'eventTypes' });
  if ((await db.webhookEndpoint.count()) >= MAX_ENDPOINTS)
    throw new AppError('INVALID_STATE', `An organization can have at most ${MAX_ENDPOINTS} webhook endpoints.`);
  const secret = `whsec_${randomBytes(24).toString('hex')}`;
  const e = await db.webhookEndpoint.create({
    data: {
      organizationId: ctx.organizationId,
      url: input.url,
      eventTypes: [...new Set(input.eventTypes)],
      // Encrypted at rest; the receiver's copy is the one shown below (secret-store.ts).
      secret: sealWebhookSecret(secret),
      createdById: ctx.actor.userId,
      createdAt: ctx.now(),
    },
    select: { id: true, url: true, eventTypes: true },
  });
  // The secret is returned this once; lists never show it.
  return { ...e, secret };
}

export async function listEndpoints(db: TenantDb) {
  const rows = await db.webhookEndpoint.findMany({
    select: {
      id: true,
      url: true,
      eventTypes: true,
      isActive: true,
      createdAt: true,
      _count: { select: { deliveries: { where: { status: 'dead' } } } },
    },
    orderBy: { createdAt: 'asc' },
  });
  return {
    endpoints: rows.map(({ _count, ...e }) => ({ ...e, deadDeliveries: _count.deliveries })),
    eventTypes: Object.entries(EVENT_TYPES).map(([value, d]) => ({ value, label: d.label })),
  };
}

export async function deleteEndpoint(db: TenantDb, _ctx: OrgCtx, input: { endpointId: string }) {
  const r = await db.webhookEndpoint.deleteMany({ where: { id: input.endpointId } });
  if (!r.count) throw new AppError('NOT_FOUND', 'Webhook endpoint not found');
  return { ok: true };
}

/** A webhook_test event for this endpoint only, delivered by the next dispatcher run (queued now). */
export async function sendTestEvent(db: TenantDb, ctx: OrgCtx, input: { endpointId: string }) {
  return db.$transaction(async (tx) => {
    const e = await tx.webhookEndpoint.findUnique({ where: { id: input.endpointId }, select: { id: true } });
    if (!e) throw new AppError('NOT_FOUND', 'Webhook endpoint not found');
    await emitEvent(tx, ctx, 'webhook_test', e.id, { message: 'A test event from BatchTrack' });
    await ctx.jobs.enqueue(tx, 'webhooks.dispatch', { organizationId: '*' });
    return { ok: true };
  });
}

export async function listDeliveries(db: TenantDb, _ctx: OrgCtx, raw: z.input<typeof ListDeliveriesInputSchema>) {
  const { page, pageSize } = ListDeliveriesInputSchema.parse(raw);
  const [rows, total] = await Promise.all([
    db.webhookDelivery.findMany({
      select: {
        id: true,
        status: true,
        attempts: true,
        nextAttemptAt: true,
        lastError: true,
        lastStatusCode: true,
        deliveredAt: true,
        createdAt: true,
        endpoint: { select: { url: true } },
        event: { select: { id: true, eventName: true, occurredAt: true } },
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: (page - 1) * pageSize,
      take: pageSize,
    }),
    db.webhookDelivery.count(),
  ]);
  return { rows, total, page, pageSize };
}

/** Sends a delivery again from the first attempt (a dead one included). */
export async function resendDelivery(db: TenantDb, ctx: OrgCtx, input: { deliveryId: string }) {
  return db.$transaction(async (tx) => {
    const r = await tx.webhookDelivery.updateMany({
      where: { id: input.deliveryId },
      data: { status: 'pending', attempts: 0, nextAttemptAt: ctx.now(), lastError: null },
    });
    if (!r.count) throw new AppError('NOT_FOUND', 'Delivery not found');
    await ctx.jobs.enqueue(tx, 'webhooks.dispatch', { organizationId: '*' });
    return { ok: true };
  });
}
