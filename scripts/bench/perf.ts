// The performance bench of issue 14: `node scripts/bench/perf.ts [--quick]` (in `npm run bench`). Needs a
// built app (`npm run build`: build/index.js), Postgres on 127.0.0.1:5432 with pgbench, and, for the
// statement count, the server's log readable (PG_LOG, else the newest file in /var/log/postgresql).
// Prints one line per figure, `name value unit`, and asserts nothing. --quick runs each timed phase 3 s.
//
//   pgbench.tpcb_noupdates.c8          pgbench -N -c 8 on a database of its own, in the same run
//   inproc.adjust.*                    applyMovement called in process (3 g from 100 lots of 1 kg), 1 and 8 clients;
//                                      latency behind 100 vs 100,000 lots of history
//   http.adjust.c1 / .c8.items16 / .c8.item1
//                                      inventory.adjust through the built app under autocannon: requests/s,
//                                      p50, p99, then the check: acknowledged (HTTP 200) vs on-hand drop vs
//                                      ledger (findInventoryDrift): lost writes and drifting items
//   http.adjust.c8.items16.web2        the same on two web processes (scripts/serve.ts, WEB_CONCURRENCY=2)
//   ratio.*                            those throughputs divided by pgbench's
//   sql.statements.per_http_adjust     statements Postgres logged (log_statement = all on the bench database,
//                                      a fresh server process) for one warm request; .cold for the first
//   batch.*, trace.*                   scripts/bench/production.ts
//   inventory.list.p50.items10k        the first page by name of an organization with 10,000 items
//   worker.jobs_per_s                  scripts/bench/worker.ts: a backlog of inventory.log-movement jobs drained by
//                                      the worker process (bounded), and the movements it logged per second
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { applyMovement } from '../../src/lib/server/domain/inventory/apply-movement.ts';
import { createItem } from '../../src/lib/server/domain/inventory/create-item.ts';
import { findInventoryDrift } from '../../src/lib/server/domain/inventory/verify.ts';
import { listItems } from '../../src/lib/server/domain/inventory/queries.ts';
import {
  benchOrg,
  connect,
  figure,
  pct,
  PGBASE,
  prepareDatabase,
  ROOT,
  run,
  signIn,
  sleep,
  startWeb,
} from './setup.ts';
import { productionFigures } from './production.ts';
import { workerDrain } from './worker.ts';

const QUICK = process.argv.includes('--quick');
// --profile: the web server runs under --cpu-prof during the HTTP load; its CPU time is summed by package.
const PROFILE = process.argv.includes('--profile');
const SECONDS = Number(process.env.BENCH_SECONDS ?? (QUICK ? 3 : 8));
const DB_NAME = 'batchtrack_perf_test';
const PGBENCH_DB = 'batchtrack_pgbench_test';
const PORT = Number(process.env.BENCH_PORT ?? 4198);
const T0 = Date.now();
const note = (s: string) => console.log(`# [${((Date.now() - T0) / 1000).toFixed(0)}s] ${s}`);

note(`perf bench${QUICK ? ' (quick)' : ''}: ${SECONDS} s per phase; preparing ${DB_NAME}`);
if (!existsSync(path.join(ROOT, 'build/index.js'))) throw new Error('no build/index.js: run `npm run build` first');
const url = prepareDatabase(DB_NAME);
const b = await connect(url, 12);
const { db } = b;
const org = await benchOrg(b, 'bench');
const { orgId, ctx, tdb } = org;

// --- pgbench -N, 8 clients, on its own database of the same server ---------------------------------------
let pgbenchTps = NaN;
try {
  const pg = { PGPASSWORD: new URL(PGBASE).password || 'postgres' };
  const conn = ['-h', new URL(PGBASE).hostname, '-p', new URL(PGBASE).port || '5432', '-U', 'postgres'];
  spawnSync('dropdb', [...conn, '--if-exists', PGBENCH_DB], { env: { ...process.env, ...pg } });
  run('createdb', [...conn, PGBENCH_DB], pg);
  run('pgbench', [...conn, '-i', '-s', '8', '-q', PGBENCH_DB], pg);
  const out = run('pgbench', [...conn, '-N', '-c', '8', '-j', '2', '-T', String(SECONDS), PGBENCH_DB], pg);
  pgbenchTps = Number(out.match(/tps = ([\d.]+)/)?.[1]);
} catch (e) {
  note(`pgbench unavailable: ${(e as Error).message.split('\n')[0]}`);
}
figure('pgbench.tpcb_noupdates.c8', pgbenchTps, 'tps');

// --- In process -------------------------------------------------------------------------------------------
/** An item holding `lots` open lots of `size` g (behind `depleted` empty ones), inserted in bulk with their events. */
async function itemWithLots(name: string, lots: number, depleted = 0, size = 1) {
  const item = await createItem(tdb, ctx, { name, unit: 'gram' });
  await db.$executeRawUnsafe(
    `
    WITH l AS (
      INSERT INTO inventory_lots (id, organization_id, item_id, code, original_quantity, remaining_quantity, unit_cost, received_at, source_type, is_open)
      SELECT gen_random_uuid(), $1, $2, 'B' || substr(md5($2 || g::text), 1, 12), $5::numeric, CASE WHEN g <= $4 THEN 0 ELSE $5::numeric END, 1 + (g % 3),
             now() - interval '1 day' + g * interval '1 millisecond', 'restock', g > $4
        FROM generate_series(1, $3::int + $4::int) g RETURNING id, remaining_quantity
    ), m AS (
      INSERT INTO inventory_movements (id, organization_id, item_id, change_type, quantity_delta) VALUES (gen_random_uuid(), $1, $2, 'restock', $3::numeric * $5::numeric) RETURNING id
    )
    INSERT INTO inventory_events (id, organization_id, item_id, lot_id, movement_id, code, change_type, quantity_delta, unit_cost, valuation_method)
    SELECT gen_random_uuid(), $1, $2, l.id, m.id, 'BENCH', 'restock', l.remaining_quantity, 1, 'fifo' FROM l, m`,
    orgId,
    item.id,
    lots,
    depleted,
    size,
  );
  await db.$executeRawUnsafe(`UPDATE inventory_items SET quantity = $2::numeric WHERE id = $1`, item.id, lots * size);
  return item.id;
}
/** Deducts 3 g at a time from `items` in turn for `seconds`; returns the count. */
async function deductLoop(items: string[], seconds: number, latencies: number[]) {
  const end = Date.now() + seconds * 1000;
  let n = 0;
  while (Date.now() < end) {
    const t = performance.now();
    await applyMovement(tdb, ctx, { itemId: items[n % items.length]!, changeType: 'use', quantity: '3' });
    latencies.push(performance.now() - t);
    n++;
  }
  return n;
}
// 100 open lots of 1 kg per item: a deduction takes from one lot (two where a lot runs out).
const single = await itemWithLots('single', 100, 0, 1000);
const lat1: number[] = [];
const inproc1 = (await deductLoop([single], SECONDS, lat1)) / SECONDS;
figure('inproc.adjust.c1', inproc1, 'ops/s');
figure('inproc.adjust.c1.p50', pct(lat1, 50), 'ms');
const items16: string[] = [];
for (let i = 0; i < 16; i++) items16.push(await itemWithLots(`c${i}`, 100, 0, 1000));
const lat8: number[] = [];
const inproc8 =
  (
    await Promise.all(Array.from({ length: 8 }, (_, c) => deductLoop([items16[c]!, items16[c + 8]!], SECONDS, lat8)))
  ).reduce((a, n) => a + n, 0) / SECONDS;
figure('inproc.adjust.c8.items16', inproc8, 'ops/s');
figure('inproc.adjust.c8.items16.p50', pct(lat8, 50), 'ms');
figure('inproc.adjust.c8.items16.p99', pct(lat8, 99), 'ms');
figure('ratio.inproc.adjust.c8_to_pgbench', inproc8 / pgbenchTps, 'x');
const small = await itemWithLots('hundred', 100);
const big = await itemWithLots('hundred-thousand', 100, 99_900);
// A database that holds 100,000 lots has statistics that say so (autovacuum analyzes a table as it grows;
// production.ts does the same after its history). Without them the ledger function's plans, cached by
// the pool's sessions while the table held the few thousand lots above, keep scanning it: 40-150 ms here.
await db.$executeRawUnsafe('ANALYZE inventory_lots');
async function latencyOf(itemId: string, count: number) {
  const xs: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    await applyMovement(tdb, ctx, { itemId, changeType: 'use', quantity: '3' });
    xs.push(performance.now() - t);
  }
  return xs;
}
await latencyOf(small, 5);
await latencyOf(big, 5);
figure('inproc.adjust.p50.lots100', pct(await latencyOf(small, 25), 50), 'ms');
figure('inproc.adjust.p50.lots100k', pct(await latencyOf(big, 25), 50), 'ms');
note('in-process done');

// --- HTTP under load --------------------------------------------------------------------------------------
const profileDir = PROFILE ? mkdtempSync(path.join(tmpdir(), 'bt-perf-prof-')) : '';
const web = await startWeb(
  url,
  PORT,
  PROFILE ? { entry: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, 'build/index.js'] } : {},
);
const { base } = web;
const cookie = await signIn(base, org.username, org.password);
const httpItems: string[] = [];
for (let i = 0; i < 16; i++)
  httpItems.push(
    (await createItem(tdb, ctx, { name: `http ${i}`, unit: 'gram', openingQuantity: '10000000', cost: '1' })).id,
  );
const onHand = async (ids: string[]) =>
  (await db.inventoryItem.findMany({ where: { id: { in: ids } }, select: { quantity: true } })).reduce(
    (a, r) => a + Number(r.quantity),
    0,
  );
type Load = { rps: number; p50: number; p99: number; non2xx: number; errors: number; acknowledged: number };
async function load(name: string, connections: number, items: string[]): Promise<Load> {
  let acknowledged = 0;
  let next = 0;
  const body = (itemId: string) => JSON.stringify({ json: { itemId, changeType: 'use', quantity: '1' } });
  const before = await onHand(items);
  const result = (await autocannon({
    url: `${base}/api/trpc/inventory.adjust`,
    method: 'POST',
    connections,
    duration: SECONDS,
    headers: { 'content-type': 'application/json', origin: base, cookie },
    requests: [{ setupRequest: (req: object) => ({ ...req, body: body(items[next++ % items.length]!) }) }],
    setupClient: (client: { on(e: string, cb: (status: number) => void): void }) =>
      client.on('response', (status) => {
        if (status === 200) acknowledged++;
      }),
  })) as { requests: { average: number }; latency: { p50: number; p99: number }; non2xx: number; errors: number };
  await sleep(200); // a request cut off by the end of the run may still commit
  const dropped = before - (await onHand(items));
  const drift = (await findInventoryDrift(db, orgId)).filter((d) => items.includes(d.itemId));
  figure(name, result.requests.average, 'req/s');
  figure(`${name}.p50`, result.latency.p50, 'ms');
  figure(`${name}.p99`, result.latency.p99, 'ms');
  figure(`${name}.acknowledged`, acknowledged, 'writes');
  // Lost = acknowledged (HTTP 200) but not in the books; the opposite is a request cut off by the stop.
  figure(`${name}.lost`, Math.max(0, acknowledged - dropped), 'writes');
  figure(`${name}.unacknowledged_applied`, Math.max(0, dropped - acknowledged), 'writes');
  figure(`${name}.drift`, drift.length, 'items');
  figure(`${name}.failed`, result.non2xx + result.errors, 'requests');
  return {
    ...result.latency,
    rps: result.requests.average,
    non2xx: result.non2xx,
    errors: result.errors,
    acknowledged,
  };
}
// Warm the server's code paths (and its pools) before measuring.
const warmUp = () =>
  autocannon({
    url: `${base}/api/trpc/inventory.adjust`,
    method: 'POST',
    connections: 8,
    duration: 1,
    headers: { 'content-type': 'application/json', origin: base, cookie },
    body: JSON.stringify({ json: { itemId: httpItems[15], changeType: 'use', quantity: '1' } }),
  });
await warmUp();
const c1 = await load('http.adjust.c1', 1, [httpItems[0]!]);
const c8many = await load('http.adjust.c8.items16', 8, httpItems);
const c8one = await load('http.adjust.c8.item1', 8, [httpItems[1]!]);
figure('ratio.http.adjust.c1_to_pgbench', c1.rps / pgbenchTps, 'x');
figure('ratio.http.adjust.c8.items16_to_pgbench', c8many.rps / pgbenchTps, 'x');
figure('ratio.http.adjust.c8.item1_to_pgbench', c8one.rps / pgbenchTps, 'x');
await web.stop();
// The same load on two web processes sharing the port (scripts/serve.ts, WEB_CONCURRENCY=2).
const two = await startWeb(url, PORT, { entry: ['scripts/serve.ts'], env: { WEB_CONCURRENCY: '2' } });
await warmUp();
await load('http.adjust.c8.items16.web2', 8, httpItems);
await two.stop();
note('http load done');
if (PROFILE) summarizeProfile(profileDir, c1.acknowledged + c8many.acknowledged + c8one.acknowledged);

/** `@scope/name` or `name` of the last node_modules segment of a script URL. */
function packageOf(u: string): string {
  const rest = u.split('node_modules/').pop()!.split('/');
  return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
}

/** Where a frame's code lives: a package under node_modules, the app's build, node itself, or V8's own. */
function categoryOf(u: string, functionName: string): string {
  if (u.includes('node_modules/')) return packageOf(u);
  if (u.includes('/build/')) return 'app build (SvelteKit, tRPC, superjson, zod, domain code)';
  if (u.startsWith('node:')) return 'node internals';
  if (functionName.startsWith('(')) return functionName;
  return u || '(native)';
}

/**
 * The web process's CPU time per request: by where the running code lives (self time), and charged to the
 * nearest package on the stack, so the native and node-internal time (socket writes, parsing) lands on the
 * library that asked for it. Startup is included; it is small next to the load.
 */
function summarizeProfile(dir: string, requests: number) {
  type Node = { id: number; callFrame: { functionName: string; url: string }; children?: number[] };
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) return note('no CPU profile written');
  const prof = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as {
    nodes: Node[];
    samples: number[];
    timeDeltas: number[];
  };
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map<number, number>();
  prof.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0)));
  const bySelf = new Map<string, number>();
  const byCaller = new Map<string, number>();
  const byFn = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, us: number) => m.set(k, (m.get(k) ?? 0) + us);
  let busy = 0;
  for (const n of prof.nodes) {
    const us = selfUs.get(n.id) ?? 0;
    const { url: u, functionName } = n.callFrame;
    if (!us || functionName === '(idle)') continue;
    busy += us;
    const self = categoryOf(u, functionName);
    add(bySelf, self, us);
    add(byFn, `${functionName || '(anonymous)'} ${u.split('/').slice(-2).join('/')}`, us);
    // The nearest frame up the stack that belongs to a package or to the app's build.
    let caller = self;
    for (let id: number | undefined = n.id; id !== undefined; id = parent.get(id)) {
      const f = byId.get(id)!.callFrame;
      if (f.url.includes('node_modules/') || f.url.includes('/build/')) {
        caller = categoryOf(f.url, f.functionName);
        break;
      }
    }
    add(byCaller, caller, us);
  }
  const perRequest = (us: number) => (us / 1000 / Math.max(1, requests)).toFixed(2);
  const top = (m: Map<string, number>, k = 10) => [...m].sort((x, y) => y[1] - x[1]).slice(0, k);
  figure('http.adjust.web_cpu_per_request', busy / 1000 / Math.max(1, requests), 'ms');
  for (const [k, us] of top(bySelf)) console.log(`# profile self ${perRequest(us)} ms/request ${k}`);
  for (const [k, us] of top(byCaller)) console.log(`# profile charged ${perRequest(us)} ms/request ${k}`);
  for (const [k, us] of top(byFn)) console.log(`# profile fn ${((100 * us) / busy).toFixed(1)}% ${k}`);
}

// --- Statements per HTTP deduction, from Postgres's own log ----------------------------------------------
function serverLog(): string | null {
  if (process.env.PG_LOG) return process.env.PG_LOG;
  const dir = '/var/log/postgresql';
  try {
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.log'))
      .map((f) => path.join(dir, f))
      .sort((x, y) => statSync(y).mtimeMs - statSync(x).mtimeMs);
    return files[0] ?? null;
  } catch {
    return null;
  }
}
function readFrom(file: string, offset: number): string {
  const size = statSync(file).size;
  const buf = Buffer.alloc(Math.max(0, size - offset));
  const fd = openSync(file, 'r');
  readSync(fd, buf, 0, buf.length, offset);
  closeSync(fd);
  return buf.toString('utf8');
}
const logFile = serverLog();
if (!logFile) note('no Postgres server log found (set PG_LOG): statement count skipped');
else {
  // A new session reads log_statement from the database's settings: a fresh server process, then one
  // cold request (nothing cached in the process) and warm ones, each counted from the log's growth.
  await db.$executeRawUnsafe(`ALTER DATABASE ${DB_NAME} SET log_statement = 'all'`);
  const logged = await startWeb(url, PORT);
  const marker = new RegExp(`@${DB_NAME} LOG:\\s+(statement|execute [^:]*): (.*)$`, 's');
  const counts: { n: number; lines: string[] }[] = [];
  for (let i = 0; i < 3; i++) {
    await sleep(300);
    const offset = statSync(logFile).size;
    const res = await fetch(`${logged.base}/api/trpc/inventory.adjust`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: logged.base, cookie },
      body: JSON.stringify({ json: { itemId: httpItems[2], changeType: 'use', quantity: '1' } }),
    });
    if (!res.ok) throw new Error(`inventory.adjust: HTTP ${res.status} ${await res.text()}`);
    await sleep(300);
    // One entry per logged line; a multi-line statement continues on lines that start with a tab.
    const lines = readFrom(logFile, offset)
      .split(/\n(?!\t)/)
      .map((l) => l.replace(/\n\t/g, ' ').match(marker))
      .filter((m) => m !== null)
      .map((m) => m[2]!.replace(/\s+/g, ' ').slice(0, 110));
    counts.push({ n: lines.length, lines });
  }
  await db.$executeRawUnsafe(`ALTER DATABASE ${DB_NAME} RESET log_statement`);
  await logged.stop();
  figure('sql.statements.per_http_adjust', counts[2]!.n, 'statements');
  figure('sql.statements.per_http_adjust.cold', counts[0]!.n, 'statements');
  counts[2]!.lines.forEach((l, i) => console.log(`#   ${i + 1}. ${l}`));
  console.log('# cold:');
  counts[0]!.lines.forEach((l, i) => console.log(`#   ${i + 1}. ${l}`));
}

// --- The inventory list at 10,000 items ------------------------------------------------------------------
const listOrg = await benchOrg(b, 'benchlist');
await db.$executeRawUnsafe(
  `
  INSERT INTO inventory_items (id, organization_id, name, item_type, unit, quantity, cost_per_unit, low_stock_threshold, updated_at)
  SELECT gen_random_uuid(), $1, 'Bulk item ' || lpad(g::text, 5, '0'), (ARRAY['ingredient','container','consumable','packaging'])[1 + g % 4],
         'gram', 0, 1, CASE WHEN g % 10 = 0 THEN 5 END, now()
    FROM generate_series(1, 10000) g`,
  listOrg.orgId,
);
await db.$executeRawUnsafe('ANALYZE inventory_items');
const listTimes: number[] = [];
for (let i = 0; i < 25; i++) {
  const t = performance.now();
  await listItems(listOrg.tdb, listOrg.ctx, { sort: 'name', pageSize: 50 });
  if (i >= 5) listTimes.push(performance.now() - t);
}
figure('inventory.list.p50.items10k', pct(listTimes, 50), 'ms');

// --- Batches and trace (scripts/bench/production.ts) ------------------------------------------------------
const prod = await productionFigures(b, QUICK ? 10 : 20, QUICK ? 10 : 20);
figure('batch.start.p50', pct(prod.starts, 50), 'ms');
figure('batch.finish.p50', pct(prod.finishes, 50), 'ms');
figure('trace.backward.p50.lots100k', pct(prod.back, 50), 'ms');
figure('trace.forward.p50.lots100k', pct(prod.fwd, 50), 'ms');
note('production done');

// --- The worker (scripts/bench/worker.ts) ----------------------------------------------------------------
const drain = await workerDrain(b, QUICK ? 5000 : 20_000, QUICK ? 10 : 30);
figure('worker.jobs_per_s', drain.jobsPerSecond, 'jobs/s');
figure('worker.movements_logged_per_s', drain.movementsLoggedPerSecond, 'movements/s');
figure('worker.counted_once', drain.countedOnce ? 1 : 0, 'bool');

await b.close();
note('done');
process.exit(0);
