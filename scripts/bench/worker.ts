// Worker throughput benchmark: `node scripts/bench/worker.ts` (needs Postgres on 127.0.0.1:5432).
// Prints figures; asserts nothing.
//   1. inventory.log-movement jobs per second the way the worker used to take them: one job per fetch,
//      polling every 0.5 s (an in-process consumer with batchSize 1, as worker/index.ts had)
//   2. the same jobs through the real worker process (`node worker/index.ts`): a backlog of N drained
//      in batches; jobs per second, and that every movement was counted exactly once
//   3. a sustained load of about 100 movements per second through the ledger for a while, with the worker
//      running: the largest backlog seen and how long after the load it was empty
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { PgBoss } from 'pg-boss';
import { createPrisma } from '../../src/lib/server/db/client.ts';
import { startBoss } from '../../src/lib/server/jobs/boss.ts';
import { createEnqueuer } from '../../src/lib/server/jobs/enqueue.ts';
import { createMailer } from '../../src/lib/server/integrations/mailer.ts';
import { runJob } from '../../src/lib/server/jobs/run-job.ts';
import { createOrganizationWithOwner } from '../../src/lib/server/domain/orgs/create-organization.ts';
import { createTenantDb } from '../../src/lib/server/db/tenant.ts';
import { orgContextFor } from '../../src/lib/server/domain/orgs/context-for.ts';
import { applyMovement } from '../../src/lib/server/domain/inventory/apply-movement.ts';
import { createItem } from '../../src/lib/server/domain/inventory/create-item.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BASE = process.env.PGBASE ?? 'postgresql://postgres:postgres@127.0.0.1:5432';
const URL_ = `${BASE}/batchtrack_bench_worker_test`;
const BACKLOG = Number(process.env.BENCH_BACKLOG ?? 20_000);
const OLD_SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 15);
const LOAD_RATE = 100;
const QUEUE = 'inventory.log-movement';
const env = { ...process.env, DATABASE_URL: URL_ };

function run(args: string[]) {
  const r = spawnSync('node', args, { cwd: ROOT, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

console.log('# worker bench: preparing', URL_);
run(['scripts/db.ts', 'createdb']);
run(['scripts/db.ts', 'reset']);
run(['scripts/seed.ts']);

const db = createPrisma(URL_, 12);
const boss = await startBoss(URL_, { producerOnly: true });
const services = {
  now: () => new Date(),
  jobs: createEnqueuer(() => boss),
  mailer: createMailer(db),
  appUrl: 'http://bench',
};
const created = await createOrganizationWithOwner(db, services, {
  organizationName: 'Worker Bench Co',
  tierKey: 'enterprise',
  owner: {
    email: 'worker-bench@example.com',
    username: 'wbench',
    password: 'bench-password',
    firstName: 'W',
    lastName: 'B',
  },
});
const orgId = created.organization.id;
const ctx = await orgContextFor(db, services, orgId, created.user.id);
const tdb = createTenantDb(db, orgId);
const item = await createItem(tdb, ctx, { name: 'Bench oil', unit: 'gram' });

/** `n` unlogged movements and one log job each, written in bulk. */
async function backlogOf(n: number): Promise<void> {
  const ids = await db.$queryRawUnsafe<{ id: string }[]>(
    `INSERT INTO inventory_movements (id, organization_id, item_id, change_type, quantity_delta, created_at)
     SELECT gen_random_uuid()::text, $1, $2, 'restock', 1, now() AT TIME ZONE 'UTC' FROM generate_series(1, $3::int) RETURNING id`,
    orgId,
    item.id,
    n,
  );
  for (let i = 0; i < ids.length; i += 5000)
    await boss.insert(
      QUEUE,
      ids.slice(i, i + 5000).map((r) => ({ data: { organizationId: orgId, movementId: r.id } })),
    );
}
async function pending(): Promise<number> {
  const r = await db.$queryRawUnsafe<{ n: bigint }[]>(
    `SELECT count(*) n FROM pgboss.job WHERE name = $1 AND state IN ('created', 'retry', 'active')`,
    QUEUE,
  );
  return Number(r[0]!.n);
}
async function counted(): Promise<number> {
  const r = await db.$queryRawUnsafe<{ n: bigint | null }[]>(
    `SELECT sum(movements) n FROM inventory_activity_daily WHERE organization_id = $1`,
    orgId,
  );
  return Number(r[0]!.n ?? 0);
}
async function movements(): Promise<number> {
  return db.inventoryMovement.count({ where: { organizationId: orgId } });
}

// 1. The old way: one job per fetch, a poll every 0.5 s.
await backlogOf(2_000);
const old = new PgBoss({ connectionString: URL_, max: 4, supervise: false, schedule: false });
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
await db.$executeRawUnsafe(`UPDATE inventory_movements SET logged_at = now() WHERE organization_id = $1`, orgId);
await db.$executeRawUnsafe(`DELETE FROM inventory_activity_daily WHERE organization_id = $1`, orgId);
const alreadyLogged = await movements();

// 2. The worker process, on a backlog.
function startWorker(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['worker/index.ts'], {
    cwd: ROOT,
    env: { ...env, WORKER_SCHEDULES: 'off' },
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
await backlogOf(BACKLOG);
const worker = await startWorker();
const drainStart = Date.now();
while ((await pending()) > 0) await sleep(50);
const drainSeconds = (Date.now() - drainStart) / 1000;
const newRate = BACKLOG / drainSeconds;
const countedOnce = (await counted()) === BACKLOG;

// 3. Sustained load through the ledger, with the worker running.
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
    maxBacklog = Math.max(maxBacklog, await pending());
    await sleep(200);
  }
})();
await Promise.all([...producers, watcher]);
const loadStop = Date.now();
while ((await pending()) > 0) await sleep(50);
const catchUp = (Date.now() - loadStop) / 1000;
const total = (await movements()) - alreadyLogged;
const sustainedOnce = (await counted()) === total;

worker.kill('SIGTERM');
await new Promise((r) => worker.once('exit', r));
await boss.stop({ graceful: false });
await db.$disconnect();

console.log(`
## worker throughput (${QUEUE})
- before (one job per fetch, polling every 0.5 s): ${oldRate.toFixed(1)} jobs/s
- worker process, a backlog of ${BACKLOG}: drained in ${drainSeconds.toFixed(1)} s = ${newRate.toFixed(0)} jobs/s (${(newRate / oldRate).toFixed(0)}×); each movement counted once: ${countedOnce}
- ${LOAD_SECONDS} s of ${(produced / LOAD_SECONDS).toFixed(0)} movements/s through the ledger: largest backlog ${maxBacklog} jobs, empty ${catchUp.toFixed(1)} s after the load; each counted once: ${sustainedOnce}
`);
process.exit(0);
