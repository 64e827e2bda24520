// Scale-out check (run by `npm test`, scripts/test-all.sh, after the build): two web processes
// (scripts/serve.ts, WEB_CONCURRENCY=2) and two workers, all connected through Debian's PgBouncer in
// transaction-pooling mode, started here with a generated configuration on a free port. A concurrent load
// of adjustments, batch starts and batch finishes goes over HTTP; then:
//   - every job ran exactly once: each finished batch has one batch.complete job, completed on its first
//     attempt; no job failed or was retried; no scheduled job was sent twice for the same minute;
//   - the books balance: findInventoryDrift is empty and the adjusted items moved by exactly what was
//     acknowledged;
//   - no process (PgBouncer, web, worker) printed a prepared-statement or advisory-lock error.
// Migrations and the seed run against Postgres directly, as they would in production (docs/deploy.md).
// Needs Postgres on 127.0.0.1:5432, a built app (build/index.js) and `pgbouncer` (apt-get install pgbouncer).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findInventoryDrift } from '../src/lib/server/domain/inventory/verify.ts';
import { createItem } from '../src/lib/server/domain/inventory/create-item.ts';
import { benchOrg, connect, mutate, PGBASE, prepareDatabase, ROOT, signIn, sleep, startWeb } from './bench/setup.ts';
import { benchRecipe } from './bench/production.ts';

const DB_NAME = 'batchtrack_scale_test';
const LOAD_SECONDS = Number(process.env.SCALE_LOAD_SECONDS ?? 8);
const T0 = Date.now();
const say = (s: string) => console.log(`[scale ${((Date.now() - T0) / 1000).toFixed(0)}s] ${s}`);
const problems: string[] = [];
const children: { name: string; child: ChildProcess; out: () => string }[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}
function pgbouncerBinary(): string | null {
  for (const p of [process.env.PGBOUNCER, '/usr/sbin/pgbouncer', '/usr/bin/pgbouncer'])
    if (p && existsSync(p)) return p;
  const r = spawnSync('sh', ['-c', 'command -v pgbouncer'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}
function track(name: string, child: ChildProcess) {
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  children.push({ name, child, out: () => out });
  return () => out;
}
async function stopChild(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 8000);
  await exited;
  clearTimeout(timer);
}

const bouncerBin = pgbouncerBinary();
if (!bouncerBin) {
  console.error('[scale] pgbouncer is not installed (apt-get install pgbouncer)');
  process.exit(1);
}
if (!existsSync(path.join(ROOT, 'build/index.js'))) {
  console.error('[scale] no build/index.js: run `npm run build` first');
  process.exit(1);
}

// --- The database, directly: migrate, seed, an organization with a recipe and items ---------------------
const direct = prepareDatabase(DB_NAME);
const b = await connect(direct, 6);
const org = await benchOrg(b, 'scale');
// 20 lots of 10 kg per ingredient: the load runs out of time, never out of stock (150 g per batch).
const { recipe, jar, product, variant } = await benchRecipe(b, org, 20, '10000');
const adjustItems: string[] = [];
for (let i = 0; i < 4; i++)
  adjustItems.push(
    (await createItem(org.tdb, org.ctx, { name: `Scale ${i}`, unit: 'gram', openingQuantity: '100000', cost: '1' })).id,
  );
say('database ready');

// --- PgBouncer, transaction pooling, on a free port ------------------------------------------------------
const bouncerPort = await freePort();
const dir = mkdtempSync(path.join(tmpdir(), 'bt-pgbouncer-'));
chmodSync(dir, 0o755);
const pg = new URL(PGBASE);
const user = decodeURIComponent(pg.username || 'postgres');
const password = decodeURIComponent(pg.password || 'postgres');
writeFileSync(path.join(dir, 'userlist.txt'), `"${user}" "${password}"\n`, { mode: 0o644 });
writeFileSync(
  path.join(dir, 'pgbouncer.ini'),
  `[databases]
${DB_NAME} = host=${pg.hostname} port=${pg.port || 5432} dbname=${DB_NAME}

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = ${bouncerPort}
unix_socket_dir =
auth_type = md5
auth_file = ${path.join(dir, 'userlist.txt')}
pool_mode = transaction
default_pool_size = 20
max_client_conn = 200
ignore_startup_parameters = extra_float_digits,options
`,
  { mode: 0o644 },
);
// PgBouncer refuses to run as root; it switches to the postgres user itself when asked.
const asRoot = process.getuid?.() === 0;
const bouncer = spawn(bouncerBin, [...(asRoot ? ['-u', 'postgres'] : []), path.join(dir, 'pgbouncer.ini')], {
  stdio: ['ignore', 'pipe', 'pipe'],
});
const bouncerOut = track('pgbouncer', bouncer);
const pooled = `postgresql://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${bouncerPort}/${DB_NAME}`;
for (let i = 0; ; i++) {
  const r = spawnSync('psql', [pooled, '-Atc', 'SELECT 1'], { encoding: 'utf8' });
  if (r.status === 0) break;
  if (i > 50 || bouncer.exitCode !== null) {
    console.error(`[scale] pgbouncer did not start:\n${bouncerOut()}\n${r.stderr}`);
    process.exit(1);
  }
  await sleep(100);
}
say(`pgbouncer on 127.0.0.1:${bouncerPort} (transaction pooling)`);

let exitCode = 1;
try {
  // --- Two web processes (one port) and two workers, all through PgBouncer -------------------------------
  const webPort = await freePort();
  const web = await startWeb(pooled, webPort, {
    entry: ['scripts/serve.ts'],
    env: { WEB_CONCURRENCY: '2', SHUTDOWN_TIMEOUT: '3' },
  });
  children.push({ name: 'web', child: web.child, out: web.output });
  for (let i = 1; i <= 2; i++) {
    const w = spawn(process.execPath, ['worker/index.ts'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: pooled, WORKER_POLL_SECONDS: '0.5' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out = track(`worker ${i}`, w);
    for (let t = 0; !out().includes('[worker] ready'); t++) {
      if (w.exitCode !== null || t > 300) throw new Error(`worker ${i} did not start:\n${out()}`);
      await sleep(100);
    }
  }
  const webPids = new Set([...web.output().matchAll(/\[serve\] web process (\d+)/g)].map((m) => m[1]));
  if (webPids.size !== 2) problems.push(`expected 2 web processes, saw ${webPids.size}:\n${web.output()}`);
  say(`2 web processes (${[...webPids].join(', ')}) on :${webPort}, 2 workers`);

  // --- The load ----------------------------------------------------------------------------------------
  const cookie = await signIn(web.base, org.username, org.password);
  const before = new Map<string, number>();
  for (const r of await b.db.inventoryItem.findMany({ where: { id: { in: adjustItems } } }))
    before.set(r.id, Number(r.quantity));
  const acknowledged = new Map<string, number>(adjustItems.map((id) => [id, 0]));
  const finished: string[] = [];
  let adjustments = 0;
  let failures = 0;
  const end = Date.now() + LOAD_SECONDS * 1000;
  const adjusters = Array.from({ length: 6 }, async (_, c) => {
    for (let i = 0; Date.now() < end; i++) {
      const itemId = adjustItems[(c + i) % adjustItems.length]!;
      const restock = i % 3 === 0;
      try {
        await mutate(web.base, cookie, 'inventory.adjust', {
          itemId,
          changeType: restock ? 'restock' : 'use',
          quantity: restock ? '5' : '2',
          ...(restock ? { unitCost: '1' } : {}),
        });
        acknowledged.set(itemId, acknowledged.get(itemId)! + (restock ? 5 : -2));
        adjustments++;
      } catch (e) {
        failures++;
        problems.push(`inventory.adjust: ${(e as Error).message}`);
      }
    }
  });
  const producers = Array.from({ length: 2 }, async () => {
    while (Date.now() < end) {
      try {
        const { batchId } = await mutate<{ batchId: string }>(web.base, cookie, 'batches.start', {
          recipeId: recipe.id,
          batchType: 'product',
          containers: [{ itemId: jar.id, quantity: 10 }],
        });
        await mutate(web.base, cookie, 'batches.complete', {
          batchId,
          finalQuantity: '1500',
          outputUnit: 'gram',
          productId: product.id,
          variantId: variant.id,
          containerCounts: { [jar.id]: 10 },
        });
        finished.push(batchId);
      } catch (e) {
        failures++;
        problems.push(`batch start/finish: ${(e as Error).message}`);
      }
    }
  });
  await Promise.all([...adjusters, ...producers]);
  say(`load done: ${adjustments} adjustments, ${finished.length} batches started and finished, ${failures} failures`);
  if (finished.length === 0) problems.push('no batch was started and finished');

  // --- The workers finish every completion --------------------------------------------------------------
  const deadline = Date.now() + 45_000;
  let open = finished.length;
  while (Date.now() < deadline) {
    open = await b.db.batch.count({ where: { id: { in: finished }, status: { not: 'completed' } } });
    const queued = await b.db.$queryRawUnsafe<{ n: bigint }[]>(
      `SELECT count(*) n FROM pgboss.job WHERE state IN ('created', 'retry', 'active') AND name = 'batch.complete'`,
    );
    if (open === 0 && Number(queued[0]!.n) === 0) break;
    await sleep(250);
  }
  if (open) problems.push(`${open} finished batches were not completed by the workers within 45 s`);

  // --- Checks --------------------------------------------------------------------------------------------
  // Each finished batch: exactly one batch.complete job, completed, on its first attempt.
  const perBatch = await b.db.$queryRawUnsafe<{ key: string; jobs: bigint; state: string; retries: number }[]>(
    `SELECT singleton_key AS key, count(*) AS jobs, min(state::text) AS state, max(retry_count) AS retries
       FROM pgboss.job WHERE name = 'batch.complete' GROUP BY singleton_key`,
  );
  const byBatch = new Map(perBatch.map((r) => [r.key, r]));
  for (const id of finished) {
    const r = byBatch.get(id);
    if (!r) problems.push(`batch ${id}: no batch.complete job`);
    else if (Number(r.jobs) !== 1 || r.state !== 'completed' || Number(r.retries) !== 0)
      problems.push(`batch ${id}: ${r.jobs} jobs, state ${r.state}, retries ${r.retries}`);
  }
  const bad = await b.db.$queryRawUnsafe<{ name: string; state: string; retries: number; n: bigint }[]>(
    `SELECT name, state::text AS state, max(retry_count) AS retries, count(*) AS n FROM pgboss.job
      WHERE state IN ('failed', 'retry') OR retry_count > 0 GROUP BY 1, 2`,
  );
  for (const r of bad) problems.push(`jobs of ${r.name}: ${r.n} ${r.state} (retries up to ${r.retries})`);
  // Both workers schedule the same crons; pg-boss sends each (its schedule's data) at most once a minute.
  const twice = await b.db.$queryRawUnsafe<{ name: string; n: bigint }[]>(
    `SELECT j.name, count(*) AS n FROM pgboss.job j JOIN pgboss.schedule s ON s.name = j.name AND s.data = j.data
      GROUP BY j.name, date_trunc('minute', j.created_on) HAVING count(*) > 1`,
  );
  for (const r of twice) problems.push(`scheduled job ${r.name} sent ${r.n} times in one minute`);
  // The books.
  const drift = await findInventoryDrift(b.db, org.orgId);
  for (const d of drift) problems.push(`drift: ${JSON.stringify(d)}`);
  for (const r of await b.db.inventoryItem.findMany({ where: { id: { in: adjustItems } } })) {
    const moved = Number(r.quantity) - before.get(r.id)!;
    if (moved !== acknowledged.get(r.id))
      problems.push(`${r.name}: on hand moved by ${moved}, acknowledged ${acknowledged.get(r.id)}`);
  }
  const batchJobs = perBatch.length;
  say(`${batchJobs} batch.complete jobs, ${drift.length} drifting items`);

  await web.stop();
  for (const c of children) if (c.name.startsWith('worker')) await stopChild(c.child);
  exitCode = 0;
} catch (e) {
  problems.push(`the check itself failed: ${(e as Error).stack ?? e}`);
} finally {
  for (const c of children) await stopChild(c.child);
  await b.close();
  rmSync(dir, { recursive: true, force: true });
}

// No pooling incompatibility in any process's output.
const forbidden = /prepared statement|advisory.lock|unnamed portal|bind message|unsupported startup parameter/i;
for (const c of children)
  for (const line of c.out().split('\n'))
    if (forbidden.test(line)) problems.push(`${c.name}: ${line.trim().slice(0, 300)}`);

if (problems.length || exitCode) {
  console.error(`[scale] FAILED:\n- ${problems.join('\n- ')}`);
  for (const c of children) console.error(`--- ${c.name} output (tail):\n${c.out().slice(-3000)}`);
  process.exit(1);
}
say('ok: every job ran once, the books balance, no pooling errors');
process.exit(0);
