// Developer job console: queue counts, recent jobs, trigger, retry and delete, read straight from
// pg-boss's own tables so the figures are the queue's truth, not a copy.
import type { z } from 'zod';
import {
  JOB_STATES,
  JobRefInputSchema,
  ListJobsInputSchema,
  TriggerRollupInputSchema,
  type JobState,
} from '../../../shared/schemas/dev.ts';
import type { PgBoss } from 'pg-boss';
import type { PrismaClient } from '../../db/client.ts';
import { withTransaction } from '../../db/transaction.ts';
import { AppError } from '../../errors.ts';
import { JOB_NAMES, deadLetterQueue, isJobName } from '../../jobs/job-types.ts';
import type { Enqueuer } from '../../jobs/enqueue.ts';

export async function listQueueCounts(db: PrismaClient) {
  const names = JOB_NAMES.flatMap((n) => [n, deadLetterQueue(n)]);
  const rows = await db.$queryRawUnsafe<{ name: string; state: JobState; n: bigint }[]>(
    `SELECT name, state::text AS state, count(*) AS n FROM pgboss.job WHERE name = ANY($1) GROUP BY name, state`,
    names,
  );
  return names.map((name) => {
    const counts = Object.fromEntries(JOB_STATES.map((s) => [s, 0])) as Record<JobState, number>;
    for (const r of rows) if (r.name === name) counts[r.state] = Number(r.n);
    return { name, deadLetter: name.endsWith('.dead'), ...counts };
  });
}

export async function listJobs(db: PrismaClient, raw: z.input<typeof ListJobsInputSchema>) {
  const input = ListJobsInputSchema.parse(raw);
  const names = input.queue ? [input.queue] : JOB_NAMES.flatMap((n) => [n, deadLetterQueue(n)]);
  const rows = await db.$queryRawUnsafe<
    {
      id: string;
      name: string;
      state: string;
      data: unknown;
      output: unknown;
      retry_count: number;
      created_on: Date;
      started_on: Date | null;
      completed_on: Date | null;
      total: bigint;
    }[]
  >(
    `SELECT id::text, name, state::text, data, output, retry_count, created_on, started_on, completed_on, count(*) OVER () AS total
       FROM pgboss.job
      WHERE name = ANY($1) AND ($2::text IS NULL OR state::text = $2) AND ($3::text IS NULL OR data->>'organizationId' = $3)
      ORDER BY created_on DESC, id
      LIMIT $4 OFFSET $5`,
    names,
    input.state ?? null,
    input.organizationId ?? null,
    input.pageSize,
    (input.page - 1) * input.pageSize,
  );
  return {
    total: Number(rows[0]?.total ?? 0),
    page: input.page,
    pageSize: input.pageSize,
    rows: rows.map(({ total: _t, retry_count, created_on, started_on, completed_on, ...r }) => ({
      ...r,
      retryCount: retry_count,
      createdOn: created_on,
      startedOn: started_on,
      completedOn: completed_on,
    })),
  };
}

/** Enqueues stats.rollup for one organization or all ('*'). Null id: the same rollup is already queued. */
export async function triggerStatsRollup(
  db: PrismaClient,
  jobs: Enqueuer,
  raw: z.input<typeof TriggerRollupInputSchema>,
) {
  const input = TriggerRollupInputSchema.parse(raw);
  if (input.organizationId !== '*') {
    const org = await db.organization.findUnique({ where: { id: input.organizationId }, select: { id: true } });
    if (!org) throw new AppError('NOT_FOUND', 'Organization not found');
  }
  const jobId = await withTransaction(db, (tx) =>
    jobs.enqueue(tx, 'stats.rollup', { organizationId: input.organizationId }),
  );
  return { jobId, alreadyQueued: jobId === null };
}

async function assertFailed(db: PrismaClient, queue: string, jobId: string) {
  const base = queue.replace(/\.dead$/, '');
  if (!isJobName(base)) throw new AppError('NOT_FOUND', 'Unknown queue');
  const rows = await db.$queryRawUnsafe<{ state: string }[]>(
    `SELECT state::text FROM pgboss.job WHERE name = $1 AND id = $2::uuid`,
    queue,
    jobId,
  );
  if (!rows[0]) throw new AppError('NOT_FOUND', 'Job not found');
  if (rows[0].state !== 'failed')
    throw new AppError('INVALID_STATE', `Only failed jobs can be retried or deleted; this one is ${rows[0].state}.`);
}

/**
 * Retries a failed job, unless the same work is already queued or running (docs/rules/jobs.md, Job console):
 * a job with the same singleton key, or with the same payload when it has none, in created, retry or
 * active. Retrying then would only queue a second run behind it.
 */
export async function retryFailedJob(db: PrismaClient, boss: PgBoss, raw: z.input<typeof JobRefInputSchema>) {
  const input = JobRefInputSchema.parse(raw);
  await assertFailed(db, input.queue, input.jobId);
  const twins = await db.$queryRawUnsafe<{ id: string; state: string }[]>(
    `SELECT o.id::text, o.state::text FROM pgboss.job f
       JOIN pgboss.job o ON o.name = f.name AND o.id <> f.id AND o.state IN ('created', 'retry', 'active')
        AND (o.singleton_key = f.singleton_key OR (f.singleton_key IS NULL AND o.data = f.data))
      WHERE f.name = $1 AND f.id = $2::uuid
      LIMIT 1`,
    input.queue,
    input.jobId,
  );
  if (twins[0]) {
    throw new AppError(
      'CONFLICT',
      `The same job is already ${twins[0].state === 'active' ? 'running' : 'queued'} (${twins[0].id}); retrying would run it twice, so nothing was added.`,
    );
  }
  await boss.retry(input.queue, input.jobId);
  return { ok: true };
}

export async function deleteFailedJob(db: PrismaClient, boss: PgBoss, raw: z.input<typeof JobRefInputSchema>) {
  const input = JobRefInputSchema.parse(raw);
  await assertFailed(db, input.queue, input.jobId);
  await boss.deleteJob(input.queue, input.jobId);
  return { ok: true };
}
