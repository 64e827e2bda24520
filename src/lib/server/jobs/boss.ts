import { PgBoss } from 'pg-boss';
import { JOBS, JOB_NAMES, deadLetterQueue } from './registry.ts';

export function createBoss(url: string, opts: { producerOnly?: boolean } = {}): PgBoss {
  // A producer (the web process) only sends: no maintenance, no schedules. The worker does both.
  const boss = new PgBoss(
    opts.producerOnly
      ? { connectionString: url, max: 2, supervise: false, schedule: false }
      : { connectionString: url, max: 4 },
  );
  boss.on('error', (e) => console.error('[pg-boss]', e));
  return boss;
}

/** Creates every registry queue and its dead-letter queue. Idempotent; safe from web and worker alike. */
export async function ensureQueues(boss: PgBoss): Promise<void> {
  for (const name of JOB_NAMES) {
    const def = JOBS[name];
    await boss.createQueue(deadLetterQueue(name), { retentionSeconds: 14 * 24 * 3600 });
    await boss.createQueue(name, { ...def.queue, deadLetter: deadLetterQueue(name) });
  }
}
