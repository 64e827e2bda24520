// Producers enqueue through here only. The job row is written through the caller's transaction
// (pg-boss `db` option with the Prisma adapter), so a rolled-back write leaves no job behind.
import { fromPrisma, type PgBoss } from 'pg-boss';
import type { Tx } from '../db/transaction.ts';
import { JOB_TYPES, type JobName, type JobPayload } from './job-types.ts';

type RawCapable = Pick<Tx, '$queryRawUnsafe'>;

export type Enqueuer = {
  /** Returns the job id, or null when an identical singleton job is already queued or running. */
  enqueue<N extends JobName>(tx: RawCapable, name: N, payload: JobPayload<N>): Promise<string | null>;
};

export function createEnqueuer(boss: () => Promise<PgBoss> | PgBoss): Enqueuer {
  return {
    async enqueue(tx, name, payload) {
      const def = JOB_TYPES[name];
      const data = def.payload.parse(payload) as object;
      const singletonKey = def.singletonKey?.(data as never);
      return (await boss()).send(name, data, {
        db: fromPrisma(tx as never),
        ...(singletonKey ? { singletonKey } : {}),
      });
    },
  };
}
