// THE JOB TYPES: one entry per background job. Name (`area.verb-noun`), a zod payload that always
// carries organizationId ('*' = every organization), the queue's retry/backoff/expiry/dead-letter
// options, an optional schedule and a singleton key. This module is a leaf (no domain imports), so
// producers (domain code enqueueing through ctx.jobs) can depend on it without a cycle; the handlers
// are attached in registry.ts, which the worker builds its queues from.
import { z } from 'zod';
import type { Queue } from 'pg-boss';

export const OrgTarget = z.union([z.uuid(), z.literal('*')]);

type QueueOptions = Omit<Queue, 'name' | 'deadLetter'>;

export type JobType<S extends z.ZodType = z.ZodType> = {
  payload: S;
  queue: QueueOptions;
  /** Cron expression (UTC) for jobs the worker schedules itself. */
  schedule?: { cron: string; data: z.input<S> };
  /** Jobs with the same key are deduplicated while one is queued or active. */
  singletonKey?: (payload: z.output<S>) => string;
  /** Jobs the worker fetches at once and hands to the entry's batch handler together (registry.ts). */
  batchSize?: number;
  /**
   * Fetched one at a time. Other jobs are fetched up to SINGLE_JOB_FETCH at once and run in turn, so a job
   * that may run for minutes is fetched alone: nothing waits behind it in a worker's hands.
   */
  fetchAlone?: boolean;
};

/** How many jobs of a queue without a batch handler a worker fetches at once (worker/index.ts). */
export const SINGLE_JOB_FETCH = 10;

function defineJobType<S extends z.ZodType>(def: JobType<S>): JobType<S> {
  return def;
}

/**
 * A running job's worker refreshes its heartbeat every HEARTBEAT_SECONDS / 2; the worker's monitor fails a
 * job whose heartbeat is older than HEARTBEAT_SECONDS (its worker died) into its retry, checking every
 * MONITOR_SECONDS. So a job whose worker died runs again within about 20 + 10 + its retry delay seconds,
 * instead of waiting for the expiry, which stays long for jobs that are merely slow.
 */
export const HEARTBEAT_SECONDS = 20;
export const MONITOR_SECONDS = 10;

const standardRetry = {
  retryLimit: 3,
  retryDelay: 5,
  retryBackoff: true,
  retryDelayMax: 300,
  expireInSeconds: 600,
  heartbeatSeconds: HEARTBEAT_SECONDS,
};

export const JOB_TYPES = {
  'stats.rollup': defineJobType({
    payload: z.object({ organizationId: OrgTarget }),
    queue: { ...standardRetry, policy: 'stately' },
    singletonKey: (p) => p.organizationId,
    schedule: { cron: '17 * * * *', data: { organizationId: '*' } },
  }),
  'retention.sweep': defineJobType({
    payload: z.object({ organizationId: OrgTarget }),
    queue: { ...standardRetry, policy: 'stately' },
    singletonKey: (p) => p.organizationId,
    schedule: { cron: '30 3 * * *', data: { organizationId: '*' } },
  }),
  'batches.expire-timers': defineJobType({
    payload: z.object({ organizationId: OrgTarget }),
    // Idempotent: an expired timer is no longer active (domain/batches/expire-timers-job.ts).
    queue: { ...standardRetry, policy: 'stately' },
    singletonKey: (p) => p.organizationId,
    schedule: { cron: '* * * * *', data: { organizationId: '*' } },
  }),
  'webhooks.dispatch': defineJobType({
    payload: z.object({ organizationId: OrgTarget }),
    // Rows are taken FOR UPDATE SKIP LOCKED and settled in their transaction (domain/webhooks/dispatch.ts).
    queue: { ...standardRetry, policy: 'stately', expireInSeconds: 900 },
    singletonKey: (p) => p.organizationId,
    schedule: { cron: '* * * * *', data: { organizationId: '*' } },
  }),
  'inventory.log-movement': defineJobType({
    // Counts every movement not logged yet, in batches (log-movement.ts): nothing is enqueued per movement.
    // Jobs of the old per-movement payload still parse (the movementId is ignored) and run the same rollup.
    payload: z.object({ organizationId: OrgTarget, batchSize: z.number().int().min(1).max(10_000).optional() }),
    // Runs may overlap (two workers, a slow minute): each batch takes its rows FOR UPDATE SKIP LOCKED.
    queue: { ...standardRetry, policy: 'standard' },
    schedule: { cron: '* * * * *', data: { organizationId: '*' } },
  }),
  'inventory.verify': defineJobType({
    payload: z.object({ organizationId: OrgTarget }),
    queue: { ...standardRetry, policy: 'stately' },
    singletonKey: (p) => p.organizationId,
    schedule: { cron: '45 2 * * *', data: { organizationId: '*' } },
  }),
  'inventory.expiry-digest': defineJobType({
    payload: z.object({ organizationId: OrgTarget }),
    queue: { ...standardRetry, policy: 'stately' },
    singletonKey: (p) => p.organizationId,
    schedule: { cron: '0 6 * * *', data: { organizationId: '*' } },
  }),
  'inventory.freshness-snapshot': defineJobType({
    payload: z.object({ organizationId: OrgTarget }),
    // Idempotent: the day's row is recomputed from the open lots (domain/reports/freshness-snapshot.ts).
    queue: { ...standardRetry, policy: 'stately' },
    singletonKey: (p) => p.organizationId,
    schedule: { cron: '10 5 * * *', data: { organizationId: '*' } },
  }),
  'inventory.import-items': defineJobType({
    payload: z.object({ organizationId: z.uuid(), importId: z.uuid() }),
    // An import runs once; a failure is recorded on the import for the user to see, not retried blindly.
    queue: {
      retryLimit: 1,
      retryDelay: 5,
      expireInSeconds: 900,
      heartbeatSeconds: HEARTBEAT_SECONDS,
      policy: 'standard',
    },
    singletonKey: (p) => p.importId,
    fetchAlone: true,
  }),
  'batch.complete': defineJobType({
    payload: z.object({ organizationId: z.uuid(), batchId: z.uuid() }),
    // One completion per batch at a time; the handler is idempotent, so a retry after a crash is safe.
    queue: { ...standardRetry, policy: 'stately' },
    singletonKey: (p) => p.batchId,
  }),
  'orders.expire-reservations': defineJobType({
    payload: z.object({ organizationId: OrgTarget }),
    // Idempotent: each order is re-checked under its lock (domain/orders/expire-reservations.ts).
    queue: { ...standardRetry, policy: 'stately' },
    singletonKey: (p) => p.organizationId,
    schedule: { cron: '*/5 * * * *', data: { organizationId: '*' } },
  }),
  'orders.process-shopify-event': defineJobType({
    payload: z.object({ organizationId: z.uuid(), deliveryId: z.uuid() }),
    // One run per delivery; applied in one transaction with its status, so a retry after a crash is safe.
    queue: { ...standardRetry, policy: 'standard' },
    singletonKey: (p) => p.deliveryId,
  }),
  'billing.process-stripe-event': defineJobType({
    // A Stripe event names its organization only inside its payload (or not at all, for a sign-up): '*'.
    payload: z.object({ organizationId: z.literal('*'), stripeEventId: z.uuid() }),
    // Applied in one transaction with its status (domain/billing/stripe-events.ts): retries are safe, and an
    // event about a sign-up not provisioned yet waits for it through the backoff.
    queue: {
      retryLimit: 8,
      retryDelay: 5,
      retryBackoff: true,
      retryDelayMax: 600,
      expireInSeconds: 300,
      heartbeatSeconds: HEARTBEAT_SECONDS,
      policy: 'standard',
    },
    singletonKey: (p) => p.stripeEventId,
  }),
} satisfies Record<string, JobType<any>>;

export type JobName = keyof typeof JOB_TYPES;
export type JobPayload<N extends JobName> = z.input<(typeof JOB_TYPES)[N]['payload']>;
export type JobData<N extends JobName> = z.output<(typeof JOB_TYPES)[N]['payload']>;
export const JOB_NAMES = Object.keys(JOB_TYPES) as JobName[];

export function deadLetterQueue(name: string): string {
  return `${name}.dead`;
}

export function isJobName(name: string): name is JobName {
  return name in JOB_TYPES;
}
