// The worker process: `node worker/index.ts`. Builds pg-boss queues from the job registry, registers
// one handler per job, schedules the recurring ones and shuts down gracefully on SIGTERM/SIGINT.
import { createPrisma, databaseUrl } from '../src/lib/server/db/client.ts';
import { startBoss } from '../src/lib/server/jobs/boss.ts';
import { JOBS, missingHandlers } from '../src/lib/server/jobs/registry.ts';
import { JOB_NAMES, SINGLE_JOB_FETCH } from '../src/lib/server/jobs/job-types.ts';
import { runJobBatch, runJobsInTurn } from '../src/lib/server/jobs/run-job.ts';
import { createEnqueuer } from '../src/lib/server/jobs/enqueue.ts';
import { createMailer } from '../src/lib/server/integrations/mailer.ts';

const missing = missingHandlers(JOBS);
if (missing.length) {
  console.error(`[worker] refusing to start: no handler for ${missing.join(', ')}`);
  process.exit(1);
}

const db = createPrisma(databaseUrl(), 5);
const boss = await startBoss(databaseUrl());
const log = (msg: string, extra?: object) => console.log(`[worker] ${msg}`, extra ? JSON.stringify(extra) : '');
const now = () => new Date();
const services = {
  now,
  jobs: createEnqueuer(() => boss),
  mailer: createMailer(db),
  appUrl: process.env.ORIGIN ?? 'http://localhost:3000',
};
const deps = { db, boss, now, log, services };

const pollingIntervalSeconds = Number(process.env.WORKER_POLL_SECONDS ?? 0.5);
for (const name of JOB_NAMES) {
  const batchSize = JOBS[name].batchSize;
  if (batchSize) {
    // A full batch is fetched again at once: a backlog drains at the handler's pace, not the poll's.
    await boss.work(name, { pollingIntervalSeconds, batchSize, burstWhenBatchFull: true }, (jobs) =>
      runJobBatch(deps, name, jobs),
    );
  } else {
    // Up to SINGLE_JOB_FETCH jobs per fetch, run in turn and settled one by one, and a full fetch is
    // followed by the next at once: a backlog drains at the handlers' pace, not one job per poll.
    const fetch = JOBS[name].fetchAlone ? 1 : SINGLE_JOB_FETCH;
    await boss.work(
      name,
      { pollingIntervalSeconds, batchSize: fetch, burstWhenBatchFull: true, perJobResults: true },
      (jobs) => runJobsInTurn(deps, name, jobs),
    );
  }
  const schedule = JOBS[name].schedule;
  if (schedule && process.env.WORKER_SCHEDULES !== 'off') await boss.schedule(name, schedule.cron, schedule.data);
}
console.log(`[worker] ready: ${JOB_NAMES.join(', ')}`);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`[worker] ${signal}: finishing active jobs`);
  await boss.stop({ graceful: true, timeout: 10_000 });
  await db.$disconnect();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
