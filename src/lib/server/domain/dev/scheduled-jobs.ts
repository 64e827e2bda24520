// The scheduled jobs of the registry (jobs/job-types.ts) for the console (docs/rules/platform-console.md,
// Scheduled jobs): schedule, last run and its result, next run, recent history, read from pg-boss's own
// table; "run now" for one organization or all, audited.
import type { PrismaClient } from '../../db/client.ts';
import { withTransaction } from '../../db/transaction.ts';
import { AppError } from '../../errors.ts';
import { JOB_TYPES, type JobName } from '../../jobs/job-types.ts';
import type { Enqueuer } from '../../jobs/enqueue.ts';
import { recordAudit, type ConsoleCtx } from './audit.ts';

/** One cron field matches: `*`, `*\/n`, a number, or a comma list of those. */
function fieldMatches(field: string, value: number): boolean {
  return field.split(',').some((part) => {
    if (part === '*') return true;
    const step = /^\*\/(\d+)$/.exec(part);
    if (step) return value % Number(step[1]) === 0;
    return /^\d+$/.test(part) && Number(part) === value;
  });
}

/** The next minute (UTC) after `from` that the five-field cron expression names; null if none within 8 days. */
export function nextCronRun(cron: string, from: Date): Date | null {
  const [min, hour, dom, month, dow] = cron.trim().split(/\s+/);
  if (!min || !hour || !dom || !month || !dow) return null;
  const t = new Date(Math.floor(from.getTime() / 60_000) * 60_000 + 60_000);
  for (let i = 0; i < 8 * 24 * 60; i++, t.setTime(t.getTime() + 60_000)) {
    if (
      fieldMatches(min, t.getUTCMinutes()) &&
      fieldMatches(hour, t.getUTCHours()) &&
      fieldMatches(dom, t.getUTCDate()) &&
      fieldMatches(month, t.getUTCMonth() + 1) &&
      fieldMatches(dow, t.getUTCDay())
    )
      return new Date(t);
  }
  return null;
}

type Run = {
  id: string;
  state: string;
  created_on: Date;
  completed_on: Date | null;
  output: unknown;
  org: string | null;
};

export async function listScheduledJobs(db: PrismaClient, ctx: { now: () => Date }) {
  const scheduled = (Object.entries(JOB_TYPES) as [JobName, (typeof JOB_TYPES)[JobName]][]).filter(
    ([, t]) => 'schedule' in t && t.schedule,
  );
  const names = scheduled.map(([n]) => n);
  const runs = await db.$queryRawUnsafe<(Run & { name: string })[]>(
    `SELECT * FROM (
       SELECT id::text, name, state::text, created_on, completed_on, output, data->>'organizationId' AS org,
              row_number() OVER (PARTITION BY name ORDER BY created_on DESC) AS rn
         FROM pgboss.job WHERE name = ANY($1)) r
      WHERE rn <= 10 ORDER BY created_on DESC`,
    names,
  );
  return scheduled.map(([name, t]) => {
    const cron = (t as { schedule: { cron: string } }).schedule.cron;
    const history = runs
      .filter((r) => r.name === name)
      .map((r) => ({
        id: r.id,
        state: r.state,
        organizationId: r.org,
        createdOn: r.created_on,
        completedOn: r.completed_on,
        output: r.output,
      }));
    const last = history.find((r) => r.state === 'completed' || r.state === 'failed') ?? null;
    return { name, cron, nextRun: nextCronRun(cron, ctx.now()), lastRun: last, history };
  });
}

export async function runScheduledJobNow(
  db: PrismaClient,
  ctx: ConsoleCtx & { jobs: Enqueuer },
  input: { name: string; organizationId: string },
) {
  const type = (JOB_TYPES as Record<string, (typeof JOB_TYPES)[JobName]>)[input.name];
  if (!type || !('schedule' in type) || !type.schedule) throw new AppError('NOT_FOUND', 'No such scheduled job.');
  if (input.organizationId !== '*') {
    const org = await db.organization.findUnique({ where: { id: input.organizationId }, select: { id: true } });
    if (!org) throw new AppError('NOT_FOUND', 'Organization not found.');
  }
  return withTransaction(db, async (tx) => {
    const jobId = await ctx.jobs.enqueue(tx, input.name as 'stats.rollup', { organizationId: input.organizationId });
    await recordAudit(tx, ctx, {
      action: 'job.run_now',
      targetType: 'job',
      targetKey: input.name,
      targetLabel: input.name,
      targetOrgId: input.organizationId === '*' ? null : input.organizationId,
      after: { organizationId: input.organizationId, jobId },
    });
    return { jobId, alreadyQueued: jobId === null };
  });
}
