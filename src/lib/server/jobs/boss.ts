import { PgBoss } from 'pg-boss';
import { JOB_TYPES, JOB_NAMES, MONITOR_SECONDS, deadLetterQueue } from './job-types.ts';

function createBoss(url: string, opts: { producerOnly?: boolean } = {}): PgBoss {
  // A producer (the web process) only sends: no maintenance, no schedules. The worker does both, and
  // its monitor looks for jobs whose heartbeat stopped every MONITOR_SECONDS (job-types.ts).
  const boss = new PgBoss(
    opts.producerOnly
      ? { connectionString: url, max: 2, supervise: false, schedule: false }
      : {
          connectionString: url,
          max: 4,
          monitorIntervalSeconds: MONITOR_SECONDS,
          superviseIntervalSeconds: MONITOR_SECONDS,
        },
  );
  boss.on('error', (e) => console.error('[pg-boss]', e));
  return boss;
}

/**
 * Creates every registry queue and its dead-letter queue, with a short-lived instance, and brings the
 * options of queues that already exist in line with the registry (createQueue leaves an existing queue
 * as it was; a queue's policy cannot change in place). Idempotent.
 */
export async function ensureQueues(url: string): Promise<void> {
  const setup = createBoss(url, { producerOnly: true });
  await setup.start();
  try {
    for (const name of JOB_NAMES) {
      const { policy: _policy, ...options } = JOB_TYPES[name].queue;
      await setup.createQueue(deadLetterQueue(name), { retentionSeconds: 14 * 24 * 3600 });
      await setup.createQueue(name, { ...JOB_TYPES[name].queue, deadLetter: deadLetterQueue(name) });
      await setup.updateQueue(name, { ...options, deadLetter: deadLetterQueue(name) });
    }
  } finally {
    await setup.stop({ graceful: false });
  }
}

/**
 * Starts pg-boss once the queues exist. pg-boss caches its queue list at start; an instance started
 * before the queues were created looks each one up at its first send, on a connection of its own pool,
 * while the caller's transaction stays open waiting for it (and fails the send if the queue is still
 * missing). Created first, the send inside that transaction is the job insert alone.
 */
export async function startBoss(url: string, opts: { producerOnly?: boolean } = {}): Promise<PgBoss> {
  await ensureQueues(url);
  const boss = createBoss(url, opts);
  await boss.start();
  return boss;
}
