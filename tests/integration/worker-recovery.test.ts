// Jobs recover in seconds (issue 9): a worker process is killed (SIGKILL) in the middle of a job, a new
// worker process finishes it within 60 s through pg-boss's heartbeat (jobs/job-types.ts), and its effects
// exist exactly once. The job is a CSV import of many rows: one transaction, so the kill rolls back the
// rows written so far, and the retry writes each row once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, resetData, type TestEnv } from '../helpers/db.ts';
import { callerFor, makeOrg } from '../helpers/factories.ts';
import { startWorker, stopWorkers, until } from '../helpers/worker.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
  await resetData(env.db);
});
afterAll(async () => {
  await stopWorkers();
  await env.close();
});

describe('a worker killed mid-job', () => {
  it('is replaced by another that finishes the job within 60 s, with its effects exactly once', async () => {
    const org = await makeOrg(env);
    const owner = await callerFor(env, org.owner.id);
    const ROWS = 600;
    const csv = [
      'name,opening_quantity,cost_per_unit',
      ...Array.from({ length: ROWS }, (_, i) => `Recovered item ${i},2,1`),
    ];
    const { importId } = await owner.inventory.importStart({ csv: csv.join('\n') });
    const jobOf = async () =>
      (
        await env.db.$queryRawUnsafe<{ id: string; state: string; retry_count: number }[]>(
          `SELECT id::text, state::text, retry_count FROM pgboss.job WHERE name = 'inventory.import-items' AND data->>'importId' = $1`,
          importId,
        )
      )[0];

    const first = (await startWorker()).child;
    // Mid-job: the import is running and has written rows (uncommitted, in its one transaction).
    const progress = await until(
      'the import to be under way',
      async () => {
        const imp = await env.db.inventoryImport.findUniqueOrThrow({ where: { id: importId } });
        return imp.status === 'running' && imp.processedRows > 0 && imp.processedRows < ROWS && imp.processedRows;
      },
      30_000,
    );
    first.kill('SIGKILL');
    const killedAt = Date.now();
    await new Promise((r) => first.once('exit', r));
    expect((await jobOf())!.state).toBe('active'); // the dead worker's claim, until its heartbeat is missed

    await startWorker();
    const retriedAt = await until(
      'the dead worker’s job to be retried',
      async () => (await jobOf())?.retry_count === 1 && Date.now(),
      60_000,
    );
    const done = await until(
      'the import to complete',
      async () => {
        const imp = await env.db.inventoryImport.findUniqueOrThrow({ where: { id: importId } });
        return imp.status === 'completed' && imp;
      },
      90_000,
    );
    const recoverySeconds = (Date.now() - killedAt) / 1000;
    console.log(
      `[worker-recovery] killed at ${progress}/${ROWS} rows; the job was running again ${((retriedAt - killedAt) / 1000).toFixed(1)} s ` +
        `after the kill and the new worker completed it ${recoverySeconds.toFixed(1)} s after the kill`,
    );
    expect(recoverySeconds).toBeLessThan(60);
    expect(done.processedRows).toBe(ROWS);
    const items = await env.db.inventoryItem.findMany({
      where: { organizationId: org.id, name: { startsWith: 'Recovered item ' } },
      select: { name: true, quantity: true, _count: { select: { lots: true } } },
    });
    expect(items.length).toBe(ROWS);
    expect(new Set(items.map((i) => i.name)).size).toBe(ROWS);
    expect(items.every((i) => i.quantity.toString() === '2' && i._count.lots === 1)).toBe(true);
    const job = await until(
      'the job to be completed',
      async () => (await jobOf())?.state === 'completed' && jobOf(),
      10_000,
    );
    expect(job).toMatchObject({ state: 'completed', retry_count: 1 });
  }, 150_000);
});
