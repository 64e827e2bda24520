// The webhook dispatcher (docs/webhooks.md, Delivery): the webhooks.dispatch job. Two steps, each taking
// its rows with FOR UPDATE SKIP LOCKED so two runs never hold the same row:
//  1. fan-out: undelivered events become one delivery per matching active endpoint, and are marked processed;
//  2. delivery: due pending deliveries are POSTed, signed; a failure waits 30 s, 1, 2, 4, 8 min; the 6th is dead.
// A worker that dies mid-POST never commits, so the delivery stays pending and is sent again: receivers
// dedupe by the event id.
import type { PrismaClient } from '../../db/client.ts';
import { EVENT_TYPES, isEventName } from '../../events/event-types.ts';
import { SIGNATURE_HEADER, signPayload } from './signature.ts';
import { encryptLegacyWebhookSecrets, openWebhookSecret } from './secret-store.ts';

export const MAX_ATTEMPTS = 6;
export const FIRST_RETRY_SECONDS = 30;
const FAN_OUT_BATCH = 100;
const DELIVERY_BATCH = 20;
const TIMEOUT_MS = 5_000;

type Deps = { now: () => Date; fetch?: typeof fetch };

export function retryDelaySeconds(attempts: number): number {
  return FIRST_RETRY_SECONDS * 2 ** (attempts - 1);
}

export async function dispatchWebhooks(db: PrismaClient, deps: Deps, input: { organizationId: string }) {
  await encryptLegacyWebhookSecrets(db);
  let fannedOut = 0;
  for (;;) {
    const n = await fanOut(db, deps.now(), input.organizationId);
    fannedOut += n;
    if (n < FAN_OUT_BATCH) break;
  }
  const tally = { delivered: 0, failed: 0, dead: 0 };
  for (;;) {
    const r = await deliverDue(db, deps, input.organizationId);
    tally.delivered += r.delivered;
    tally.failed += r.failed;
    tally.dead += r.dead;
    if (r.taken < DELIVERY_BATCH) break;
  }
  return { fannedOut, ...tally };
}

async function fanOut(db: PrismaClient, now: Date, organizationId: string): Promise<number> {
  return db.$transaction(async (tx) => {
    const events = await tx.$queryRaw<
      { id: string; organization_id: string; event_name: string; entity_id: string | null }[]
    >`
      SELECT id, organization_id, event_name, entity_id FROM domain_events
       WHERE NOT is_processed AND (${organizationId} = '*' OR organization_id = ${organizationId})
       ORDER BY occurred_at, id
       LIMIT ${FAN_OUT_BATCH}
       FOR UPDATE SKIP LOCKED`;
    if (!events.length) return 0;
    const orgIds = [...new Set(events.map((e) => e.organization_id))];
    const endpoints = await tx.webhookEndpoint.findMany({
      where: { organizationId: { in: orgIds }, isActive: true },
      select: { id: true, organizationId: true, eventTypes: true },
    });
    const rows = events.flatMap((e) =>
      endpoints
        .filter((ep) => ep.organizationId === e.organization_id)
        // A test event goes to the endpoint it was sent to only.
        .filter((ep) => (e.event_name === 'webhook_test' ? ep.id === e.entity_id : true))
        .filter(
          (ep) => e.event_name === 'webhook_test' || !ep.eventTypes.length || ep.eventTypes.includes(e.event_name),
        )
        .map((ep) => ({ organizationId: e.organization_id, endpointId: ep.id, eventId: e.id, nextAttemptAt: now })),
    );
    if (rows.length) await tx.webhookDelivery.createMany({ data: rows, skipDuplicates: true });
    await tx.domainEvent.updateMany({
      where: { id: { in: events.map((e) => e.id) } },
      data: { isProcessed: true, processedAt: now },
    });
    return events.length;
  });
}

type Due = {
  id: string;
  attempts: number;
  url: string;
  secret: string;
  event_id: string;
  event_name: string;
  occurred_at: Date;
  organization_id: string;
  user_id: string | null;
  entity_type: string | null;
  entity_id: string | null;
  schema_version: number;
  properties: unknown;
};

async function deliverDue(db: PrismaClient, deps: Deps, organizationId: string) {
  const now = deps.now();
  return db.$transaction(
    async (tx) => {
      const due = await tx.$queryRaw<Due[]>`
        SELECT d.id, d.attempts, w.url, w.secret, e.id AS event_id, e.event_name, e.occurred_at, e.organization_id,
               e.user_id, e.entity_type, e.entity_id, e.schema_version, e.properties
          FROM webhook_deliveries d
          JOIN webhook_endpoints w ON w.id = d.endpoint_id
          JOIN domain_events e ON e.id = d.event_id
         WHERE d.status = 'pending' AND d.next_attempt_at <= ${now}
           AND (${organizationId} = '*' OR d.organization_id = ${organizationId})
         ORDER BY d.next_attempt_at, d.id
         LIMIT ${DELIVERY_BATCH}
         FOR UPDATE OF d SKIP LOCKED`;
      const tally = { taken: due.length, delivered: 0, failed: 0, dead: 0 };
      for (const d of due) {
        const body = JSON.stringify(payloadOf(d));
        const result = await post(deps.fetch ?? fetch, d, body, deps.now());
        const attempts = d.attempts + 1;
        if (result.ok) {
          await tx.webhookDelivery.update({
            where: { id: d.id },
            data: {
              status: 'delivered',
              attempts,
              deliveredAt: deps.now(),
              lastStatusCode: result.status,
              lastError: null,
            },
          });
          tally.delivered++;
        } else if (attempts >= MAX_ATTEMPTS) {
          await tx.webhookDelivery.update({
            where: { id: d.id },
            data: { status: 'dead', attempts, lastError: result.error, lastStatusCode: result.status },
          });
          tally.dead++;
        } else {
          await tx.webhookDelivery.update({
            where: { id: d.id },
            data: {
              attempts,
              lastError: result.error,
              lastStatusCode: result.status,
              nextAttemptAt: new Date(deps.now().getTime() + retryDelaySeconds(attempts) * 1000),
            },
          });
          tally.failed++;
        }
        await tx.domainEvent.update({ where: { id: d.event_id }, data: { deliveryAttempts: { increment: 1 } } });
      }
      return tally;
    },
    { timeout: DELIVERY_BATCH * (TIMEOUT_MS + 1_000) + 10_000, maxWait: 10_000 },
  );
}

/** The JSON body receivers get (docs/webhooks.md, Payload). */
export function payloadOf(d: Due) {
  return {
    id: d.event_id,
    type: d.event_name,
    label: isEventName(d.event_name) ? EVENT_TYPES[d.event_name].label : d.event_name,
    schemaVersion: d.schema_version,
    occurredAt: d.occurred_at.toISOString(),
    organizationId: d.organization_id,
    userId: d.user_id,
    entity: { type: d.entity_type, id: d.entity_id },
    properties: d.properties,
  };
}

async function post(f: typeof fetch, d: Due, body: string, now: Date) {
  try {
    const res = await f(d.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'BatchTrack-Webhooks/1',
        [SIGNATURE_HEADER]: signPayload(openWebhookSecret(d.secret), body, now),
        'X-BatchTrack-Event-Id': d.event_id,
        'X-BatchTrack-Delivery-Id': d.id,
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await res.body?.cancel().catch(() => {});
    if (res.status >= 200 && res.status < 300) return { ok: true as const, status: res.status, error: null };
    return { ok: false as const, status: res.status, error: `HTTP ${res.status}` };
  } catch (e) {
    // fetch wraps the network error ("fetch failed"): name its code (ECONNREFUSED, ENOTFOUND, …) instead.
    const err = e as Error & { cause?: { code?: string; message?: string; errors?: { code?: string }[] } };
    const cause = err.cause?.code ?? err.cause?.errors?.[0]?.code ?? err.cause?.message;
    const error = err.name === 'TimeoutError' ? 'Timed out after 5 s' : (cause ?? err.message).slice(0, 300);
    return { ok: false as const, status: null, error };
  }
}
