// How the worker takes jobs of a queue without a batch handler (docs/rules/jobs.md, Fetching): up to
// SINGLE_JOB_FETCH per fetch, run in turn and settled one by one, and a full fetch followed by the next at
// once. With a 30 s poll, 12 jobs finish within seconds (one job per poll would take 6 minutes), and the
// one job whose payload is refused fails alone (into its retry): its 11 neighbours complete on their first attempt.
import { afterAll, describe, expect, it } from 'vitest';
import { useTestEnv } from '../helpers/db.ts';
import { startWorker, stopWorkers, until } from '../helpers/worker.ts';

const env = useTestEnv();
afterAll(() => stopWorkers());

describe('the worker fetches several single jobs at once', () => {
  it('drains 12 jobs at a 30 s poll, and one bad payload fails only its own job', async () => {
    const queue = 'inventory.log-movement';
    const jobs = Array.from({ length: 12 }, (_, i) => ({
      data: { organizationId: i === 5 ? 'not-an-organization' : '*' },
    }));
    await env.boss.insert(queue, jobs);

    await startWorker({ WORKER_POLL_SECONDS: '30' });
    const states = await until(
      'the 12 jobs to settle',
      async () => {
        const rows = await env.db.$queryRawUnsafe<{ state: string; retries: number; org: string }[]>(
          `SELECT state::text AS state, retry_count AS retries, data->>'organizationId' AS org FROM pgboss.job WHERE name = $1`,
          queue,
        );
        return rows.length === 12 && rows.every((r) => ['completed', 'retry', 'failed'].includes(r.state)) && rows;
      },
      15_000,
    );
    const completed = states.filter((r) => r.state === 'completed');
    expect(completed).toHaveLength(11);
    expect(completed.every((r) => r.org === '*' && r.retries === 0)).toBe(true);
    // The refused one is failed into its retry (a payload error is not a business error: docs/rules/jobs.md).
    expect(states.filter((r) => r.state !== 'completed').map((r) => [r.org, r.state])).toEqual([
      ['not-an-organization', 'retry'],
    ]);
  });
});
