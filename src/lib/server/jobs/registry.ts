// THE JOB REGISTRY: every job type of job-types.ts with its handler, each a call of one domain
// function. The worker builds its queues and workers from this list and refuses to start when an
// entry has no handler; producers enqueue by name through enqueue.ts (which needs only job-types.ts).
import type { PgBoss } from 'pg-boss';
import type { PrismaClient } from '../db/client.ts';
import { rollupOrganizationStats } from '../domain/stats/rollup-organization-stats.ts';
import { sweepRetention } from '../domain/retention/sweep-retention.ts';
import { logMovements } from '../domain/inventory/log-movement.ts';
import { verifyInventory } from '../domain/inventory/verify.ts';
import { buildExpiryDigest } from '../domain/inventory/expiry.ts';
import { runImport } from '../domain/inventory/import-items.ts';
import type { Services } from '../domain/context.ts';
import { completeBatch } from '../domain/batches/complete-batch.ts';
import { expireTimers } from '../domain/batches/expire-timers-job.ts';
import { snapshotFreshness } from '../domain/reports/freshness-snapshot.ts';
import { dispatchWebhooks } from '../domain/webhooks/dispatch.ts';
import { expireReservations } from '../domain/orders/expire-reservations.ts';
import { processShopifyDelivery } from '../domain/orders/shopify/process-delivery.ts';
import { processStripeEvent } from '../domain/billing/stripe-events.ts';
import { stripeGateway } from '../integrations/stripe.ts';
import { JOB_TYPES, type JobData, type JobName } from './job-types.ts';

export type JobDeps = {
  db: PrismaClient;
  boss: PgBoss;
  now: () => Date;
  log: (msg: string, extra?: object) => void;
  /** What domain functions called from a handler need (enqueueing follow-up jobs, mail). */
  services: Services;
};

type Handler<N extends JobName> = (deps: JobDeps, payload: JobData<N>) => Promise<object>;
type BatchHandler<N extends JobName> = (deps: JobDeps, payloads: JobData<N>[]) => Promise<object>;
export type JobDefinition<N extends JobName = JobName> = (typeof JOB_TYPES)[N] & {
  handler: Handler<N>;
  /** For entries with a batchSize: handles the fetched jobs together (all succeed or all are retried). */
  batchHandler?: BatchHandler<N>;
};

const HANDLERS: { [N in JobName]: Handler<N> } = {
  'stats.rollup': (deps, p) => rollupOrganizationStats(deps.db, { organizationId: p.organizationId, now: deps.now() }),
  'retention.sweep': (deps, p) =>
    sweepRetention(deps.db, deps.services, { organizationId: p.organizationId, now: deps.now(), log: deps.log }),
  'batches.expire-timers': (deps, p) => expireTimers(deps.db, deps.services, p),
  'webhooks.dispatch': (deps, p) => dispatchWebhooks(deps.db, { now: deps.now }, p),
  'inventory.log-movement': (deps, p) => logMovements(deps.db, p),
  'inventory.verify': (deps, p) => verifyInventory(deps.db, p),
  'inventory.expiry-digest': (deps, p) =>
    buildExpiryDigest(deps.db, { organizationId: p.organizationId, now: deps.now() }),
  'inventory.freshness-snapshot': (deps, p) =>
    snapshotFreshness(deps.db, { organizationId: p.organizationId, now: deps.now() }),
  'inventory.import-items': (deps, p) => runImport(deps.db, deps.services, p),
  'batch.complete': (deps, p) => completeBatch(deps.db, deps.services, p),
  'orders.expire-reservations': (deps, p) => expireReservations(deps.db, deps.services, p),
  'orders.process-shopify-event': (deps, p) => processShopifyDelivery(deps.db, deps.services, p),
  'billing.process-stripe-event': (deps, p) =>
    processStripeEvent(deps.db, { ...deps.services, stripe: stripeGateway() }, p),
};

const BATCH_HANDLERS: { [N in JobName]?: BatchHandler<N> } = {};

export const JOBS = Object.fromEntries(
  (Object.keys(JOB_TYPES) as JobName[]).map((name) => [
    name,
    { ...JOB_TYPES[name], handler: HANDLERS[name], batchHandler: BATCH_HANDLERS[name] },
  ]),
) as unknown as { [N in JobName]: JobDefinition<N> };

/** Registry entries without a handler (or, with a batchSize, a batch handler); the worker refuses to start while this is not empty. */
export function missingHandlers(
  jobs: Record<string, { handler: unknown; batchSize?: number; batchHandler?: unknown }>,
): string[] {
  return Object.entries(jobs)
    .filter(([, def]) => typeof def.handler !== 'function' || (def.batchSize && typeof def.batchHandler !== 'function'))
    .map(([name]) => name);
}
