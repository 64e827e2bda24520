// THE JOB REGISTRY: one entry per background job. Name (`area.verb-noun`), a zod payload that always
// carries organizationId ('*' = every organization), the queue's retry/backoff/expiry/dead-letter
// options, an optional schedule and the handler. The worker builds its queues from this list and
// refuses to start when an entry has no handler; producers can only enqueue names listed here.
import { z } from 'zod';
import type { PgBoss, Queue } from 'pg-boss';
import type { PrismaClient } from '../db/client.ts';
import { rollupOrganizationStats } from '../domain/stats/rollup-organization-stats.ts';
import { sweepRetention } from '../domain/retention/sweep-retention.ts';
import { logMovement } from '../domain/inventory/log-movement.ts';
import { verifyInventory } from '../domain/inventory/verify.ts';
import { buildExpiryDigest } from '../domain/inventory/expiry.ts';
import { runImport } from '../domain/inventory/import-items.ts';
import type { Services } from '../domain/context.ts';
import { completeBatch } from '../domain/batches/complete-batch.ts';

export type JobDeps = {
  db: PrismaClient;
  boss: PgBoss;
  now: () => Date;
  log: (msg: string, extra?: object) => void;
  /** What domain functions called from a handler need (enqueueing follow-up jobs, mail). */
  services: Services;
};

export const OrgTarget = z.union([z.uuid(), z.literal('*')]);

type QueueOptions = Omit<Queue, 'name' | 'deadLetter'>;

export type JobDefinition<S extends z.ZodType = z.ZodType> = {
  payload: S;
  queue: QueueOptions;
  /** Cron expression (UTC) for jobs the worker schedules itself. */
  schedule?: { cron: string; data: z.input<S> };
  /** Jobs with the same key are deduplicated while one is queued or active. */
  singletonKey?: (payload: z.output<S>) => string;
  handler: ((deps: JobDeps, payload: z.output<S>) => Promise<object>) | undefined;
};

function defineJob<S extends z.ZodType>(def: JobDefinition<S>): JobDefinition<S> {
  return def;
}

const standardRetry = { retryLimit: 3, retryDelay: 5, retryBackoff: true, retryDelayMax: 300, expireInSeconds: 600 };

export const JOBS = {
  'stats.rollup': defineJob({
    payload: z.object({ organizationId: OrgTarget }),
    queue: { ...standardRetry, policy: 'stately' },
    singletonKey: (p) => p.organizationId,
    schedule: { cron: '17 * * * *', data: { organizationId: '*' } },
    handler: (deps, p) => rollupOrganizationStats(deps.db, { organizationId: p.organizationId, now: deps.now() }),
  }),
  'retention.sweep': defineJob({
    payload: z.object({ organizationId: OrgTarget }),
    queue: { ...standardRetry, policy: 'stately' },
    singletonKey: (p) => p.organizationId,
    schedule: { cron: '30 3 * * *', data: { organizationId: '*' } },
    handler: (deps, p) => sweepRetention(deps.db, { organizationId: p.organizationId, now: deps.now(), log: deps.log }),
  }),
  'inventory.log-movement': defineJob({
    payload: z.object({ organizationId: z.uuid(), movementId: z.uuid() }),
    queue: { ...standardRetry, policy: 'standard' },
    handler: (deps, p) => logMovement(deps.db, p),
  }),
  'inventory.verify': defineJob({
    payload: z.object({ organizationId: OrgTarget }),
    queue: { ...standardRetry, policy: 'stately' },
    singletonKey: (p) => p.organizationId,
    schedule: { cron: '45 2 * * *', data: { organizationId: '*' } },
    handler: (deps, p) => verifyInventory(deps.db, p),
  }),
  'inventory.expiry-digest': defineJob({
    payload: z.object({ organizationId: OrgTarget }),
    queue: { ...standardRetry, policy: 'stately' },
    singletonKey: (p) => p.organizationId,
    schedule: { cron: '0 6 * * *', data: { organizationId: '*' } },
    handler: (deps, p) => buildExpiryDigest(deps.db, { organizationId: p.organizationId, now: deps.now() }),
  }),
  'inventory.import-items': defineJob({
    payload: z.object({ organizationId: z.uuid(), importId: z.uuid() }),
    // An import runs once; a failure is recorded on the import for the user to see, not retried blindly.
    queue: { retryLimit: 1, retryDelay: 5, expireInSeconds: 900, policy: 'standard' },
    singletonKey: (p) => p.importId,
    handler: (deps, p) => runImport(deps.db, deps.services, p),
  }),
  'batch.complete': defineJob({
    payload: z.object({ organizationId: z.uuid(), batchId: z.uuid() }),
    // One completion per batch at a time; the handler is idempotent, so a retry after a crash is safe.
    queue: { ...standardRetry, policy: 'stately' },
    singletonKey: (p) => p.batchId,
    handler: (deps, p) => completeBatch(deps.db, deps.services, p),
  }),
} satisfies Record<string, JobDefinition<any>>;

export type JobName = keyof typeof JOBS;
export type JobPayload<N extends JobName> = z.input<(typeof JOBS)[N]['payload']>;
export const JOB_NAMES = Object.keys(JOBS) as JobName[];

export function deadLetterQueue(name: string): string {
  return `${name}.dead`;
}

export function isJobName(name: string): name is JobName {
  return name in JOBS;
}

/** Registry entries without a handler; the worker refuses to start while this is not empty. */
export function missingHandlers(jobs: Record<string, { handler: unknown }>): string[] {
  return Object.entries(jobs)
    .filter(([, def]) => typeof def.handler !== 'function')
    .map(([name]) => name);
}
