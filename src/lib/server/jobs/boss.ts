import { PgBoss } from 'pg-boss';
import { JOB_TYPES, JOB_NAMES, deadLetterQueue } from './job-types.ts';

function createBoss(url: string, opts: { producerOnly?: boolean } = {}): PgBoss {
  // A producer (the web process) only sends: no maintenance, no schedules. The worker does both.
  const boss = new PgBoss(
    opts.producerOnly
      ? { connectionString: url, max: 2, supervise: false, schedule: false }
      : { connectionString: url, max: 4 },
  );
  boss.on('error', (e) => console.error('[pg-boss]', e));
  return boss;
}

/** Creates every registry queue and its dead-letter queue, with a short-lived instance. Idempotent. */
export async function ensureQueues(url: string): Promise<void> {
  const setup = createBoss(url, { producerOnly: true });
  await setup.start();
  try {
    for (const name of JOB_NAMES) {
      const def = JOB_TYPES[name];
      await setup.createQueue(deadLetterQueue(name), { retentionSeconds: 14 * 24 * 3600 });
      await setup.createQueue(name, { ...def.queue, deadLetter: deadLetterQueue(name) });
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
