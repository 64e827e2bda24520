// Worker throughput benchmark: `node scripts/bench/worker.ts` (needs Postgres on 127.0.0.1:5432).
// Prints figures; asserts nothing.
//   1. inventory.log-movement jobs per second the way the worker used to take them: one job per fetch,
//      polling every 0.5 s (an in-process consumer with batchSize 1, as worker/index.ts had)
//   2. the same jobs through the real worker process (`node worker/index.ts`): a backlog of N drained
//      in batches; jobs per second, and that every movement was counted exactly once
//   3. a sustained load of about 100 movements per second through the ledger for a while, with the worker
//      running: the largest backlog seen and how long after the load it was empty
// scripts/bench/perf.ts imports workerDrain for its worker.jobs_per_s figure.
import { spawn, type ChildProcess } from 'node:child_process';
import { PgBoss } from 'pg-boss';
import { runJob } from '../../src/lib/server/jobs/run-job.ts';
import { applyMovement } from '../../src/lib/server/domain/inventory/apply-movement.ts';
import { createItem } from '../../src/lib/server/domain/inventory/create-item.ts';
import { benchOrg, connect, prepareDatabase, ROOT, sleep, type Bench } from './setup.ts';

const QUEUE = 'inventory.log-movement';

/** `n` unlogged movements of `itemId` and one log job each, written in bulk. */
async function backlogOf(b: Bench, orgId: string, itemId: string, n: number): Promise<void> {
  const ids = await b.db.$queryRawUnsafe<{ id: string }[]>(
    `INSERT INTO inventory_movements (id, organization_id, item_id, change_type, quantity_delta, created_at)
     SELECT gen_random_uuid()::text, $1, $2, 'restock', 1, now() AT TIME ZONE 'UTC' FROM generate_series(1, $3::int) RETURNING id`,
    orgId,
    itemId,
    n,
  );
  for (let i = 0; i < ids.length; i += 5000)
    await b.boss.insert(
      QUEUE,
      ids.slice(i, i + 5000).map((r) => ({ data: { organizationId: orgId, movementId: r.id } })),
    );
}
async function pending(b: Bench): Promise<number> {
  const r = await b.db.$queryRawUnsafe<{ n: bigint }[]>(
    `SELECT count(*) n FROM pgboss.job WHERE name = $1 AND state IN ('created', 'retry', 'active')`,
    QUEUE,
  );
  return Number(r[0]!.n);
}
async function counted(b: Bench, orgId: string): Promise<number> {
  const r = await b.db.$queryRawUnsafe<{ n: bigint | null }[]>(
    `SELECT sum(movements) n FROM inventory_activity_daily WHERE organization_id = $1`,
    orgId,
  );
  return Number(r[0]!.n ?? 0);
}

/** The worker process (`node worker/index.ts`, schedules off), ready. */
export function startWorker(url: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['worker/index.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url, WORKER_SCHEDULES: 'off' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('[worker] ready')) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`worker exited (${code}):\n${out}`)));
  });
}

/**
 * A backlog of `n` unlogged movements and one inventory.log-movement job each, in a new organization, then a
 * fresh worker process, for at most `maxSeconds`: jobs completed per second (from the worker's start until
 * the queue is empty or the time is up), movements logged per second (until every one is counted), and
 * whether each movement was counted exactly once. Bounded, because a queue the worker fetches one job at a
 * time drains at its polling pace.
 */
export async function workerDrain(
  b: Bench,
  n: number,
  maxSeconds = 60,
): Promise<{ jobsPerSecond: number; movementsLoggedPerSecond: number; countedOnce: boolean }> {
  const { orgId, ctx, tdb } = await benchOrg(b, `wbench${Date.now() % 100000}`);
  const item = await createItem(tdb, ctx, { name: 'Bench oil', unit: 'gram' });
  await backlogOf(b, orgId, item.id, n);
  const worker = await startWorker(b.url);
  const t = Date.now();
  let loggedAt = NaN;
  const checkLogged = async () => {
    if (Number.isNaN(loggedAt) && (await counted(b, orgId)) >= n) loggedAt = Date.now();
  };
  while (Date.now() - t < maxSeconds * 1000) {
    await checkLogged();
    if ((await pending(b)) === 0) break;
    await sleep(50);
  }
  const elapsed = (Date.now() - t) / 1000;
  const done = n - (await pending(b));
  await checkLogged();
  const countedOnce = (await counted(b, orgId)) === n;
  worker.kill('SIGTERM');
  await new Promise((r) => worker.once('exit', r));
  return { jobsPerSecond: done / elapsed, movementsLoggedPerSecond: n / ((loggedAt - t) / 1000), countedOnce };
}

if (import.meta.main) {
  const BACKLOG = Number(process.env.BENCH_BACKLOG ?? 20_000);
  const OLD_SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
  const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 15);
  const LOAD_RATE = 100;
  const url = prepareDatabase('batchtrack_bench_worker_test');
  console.log('# worker bench: preparing', url);
  const b = await connect(url, 12);
  const { db, services } = b;

  // 1. The old way: one job per fetch, a poll every 0.5 s.
  const first = await benchOrg(b, 'wbench');
  const oldItem = await createItem(first.tdb, first.ctx, { name: 'Bench oil', unit: 'gram' });
  await backlogOf(b, first.orgId, oldItem.id, 2_000);
  const old = new PgBoss({ connectionString: url, max: 4, supervise: false, schedule: false });
  await old.start();
  const deps = { db, boss: old, now: () => new Date(), log: () => {}, services };
  let oldDone = 0;
  const oldStart = Date.now();
  const oldWorker = await old.work(QUEUE, { pollingIntervalSeconds: 0.5, batchSize: 1 }, async ([job]) => {
    await runJob(deps, QUEUE, job!);
    oldDone++;
  });
  await sleep(OLD_SECONDS * 1000);
  await old.offWork(QUEUE, { id: oldWorker, wait: true });
  const oldRate = oldDone / ((Date.now() - oldStart) / 1000);
  await old.stop({ graceful: false });
  // Start phase 2 from nothing: the rest of phase 1's backlog is dropped and marked done.
  await db.$executeRawUnsafe(`DELETE FROM pgboss.job WHERE name = $1`, QUEUE);
  await db.$executeRawUnsafe(`UPDATE inventory_movements SET logged_at = now()`);

  // 2. The worker process, on a backlog (in an organization of its own).
  const drain = await workerDrain(b, BACKLOG);

  // 3. Sustained load through the ledger, with the worker running.
  const { orgId, ctx, tdb } = await benchOrg(b, 'wbenchload');
  const item = await createItem(tdb, ctx, { name: 'Bench oil', unit: 'gram' });
  const worker = await startWorker(url);
  let produced = 0;
  let maxBacklog = 0;
  const loadEnd = Date.now() + LOAD_SECONDS * 1000;
  const producers = Array.from({ length: 4 }, async (_, p) => {
    for (let i = 0; Date.now() < loadEnd; i++) {
      const due = loadEnd - LOAD_SECONDS * 1000 + ((i * 4 + p) * 1000) / LOAD_RATE;
      if (due > Date.now()) await sleep(due - Date.now());
      await applyMovement(tdb, ctx, { itemId: item.id, changeType: 'restock', quantity: '1', unitCost: '1' });
      produced++;
    }
  });
  const watcher = (async () => {
    while (Date.now() < loadEnd) {
      maxBacklog = Math.max(maxBacklog, await pending(b));
      await sleep(200);
    }
  })();
  await Promise.all([...producers, watcher]);
  // No job is enqueued per movement: the scheduled rollup (every minute; schedules are off here) finds the
  // unlogged ones. One run of it, as the schedule sends, must count every movement of the load once.
  const loadStop = Date.now();
  const total = await db.inventoryMovement.count({ where: { organizationId: orgId } });
  await b.boss.send(QUEUE, { organizationId: '*' });
  while ((await counted(b, orgId)) < total && Date.now() - loadStop < 30_000) await sleep(50);
  while ((await pending(b)) > 0) await sleep(50);
  const catchUp = (Date.now() - loadStop) / 1000;
  const sustainedOnce = (await counted(b, orgId)) === total;
  worker.kill('SIGTERM');
  await new Promise((r) => worker.once('exit', r));
  await b.close();

  console.log(`
## worker throughput (${QUEUE})
- before (one job per fetch, polling every 0.5 s): ${oldRate.toFixed(1)} jobs/s
- worker process, a backlog of ${BACKLOG}: ${drain.jobsPerSecond.toFixed(0)} jobs/s, ${drain.movementsLoggedPerSecond.toFixed(0)} movements logged/s (${(drain.jobsPerSecond / oldRate).toFixed(0)}×); each movement counted once: ${drain.countedOnce}
- ${LOAD_SECONDS} s of ${(produced / LOAD_SECONDS).toFixed(0)} movements/s through the ledger: largest backlog ${maxBacklog} jobs (none is enqueued per movement), all rolled up by one scheduled run ${catchUp.toFixed(1)} s after the load; each counted once: ${sustainedOnce}
`);
  process.exit(0);
}
