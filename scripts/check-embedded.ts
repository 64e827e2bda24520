// The embedded database the way a user meets it: `node scripts/start.ts` with DATABASE_URL unset (a fresh
// data folder in a temp directory, free ports), then over HTTP: sign in, import a CSV of 3 rows, start a
// batch and open it at once; stop it while a job and a request hang, start again, check the data, and so
// on. Needs build/index.js (`npm run build`). Prints PASS/FAIL lines; exits 1 on the first failure.
//
//   node scripts/check-embedded.ts
import { spawn, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { findFreePort, isListening } from './ports.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const STOP_LIMIT_MS = 10_000;
const PASSWORD = 'batchtrack-demo';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

class CheckFailed extends Error {}
let passed = 0;
function pass(what: string) {
  passed++;
  console.log(`PASS ${what}`);
}
function check(ok: unknown, what: string, detail = ''): asserts ok {
  if (!ok) throw new CheckFailed(detail ? `${what}: ${detail}` : what);
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'batchtrack-embedded-'));
chmodSync(tmp, 0o755); // the server runs as the `postgres` user when we are root: it must reach its folder
const pgDir = path.join(tmp, 'postgres');
const pgLog = `${pgDir}.log`;
const webPort = await findFreePort(3100, 3199);
const pgPort = await findFreePort(5500, 5599);
const origin = `http://127.0.0.1:${webPort}`;
const dbUrl = `postgresql://postgres:postgres@127.0.0.1:${pgPort}/batchtrack`;
const logFile = path.join(ROOT, 'reports/check-embedded.log');
mkdirSync(path.dirname(logFile), { recursive: true });
const transcript: string[] = [];

/** One `node scripts/start.ts`, in a process group of its own like a terminal's foreground job. */
class StartRun {
  child: ChildProcess;
  lines: string[] = [];
  exited: Promise<number | null>;
  constructor(label: string, env: NodeJS.ProcessEnv = {}) {
    const base = { ...process.env };
    delete base.DATABASE_URL;
    delete base.ORIGIN;
    this.child = spawn(process.execPath, ['scripts/start.ts'], {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...base,
        HOST: '127.0.0.1',
        PORT: String(webPort),
        EMBEDDED_PG_PORT: String(pgPort),
        EMBEDDED_PG_DIR: pgDir,
        ...env,
      },
    });
    transcript.push(`===== ${label}`);
    const collect = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line) continue;
        this.lines.push(line);
        transcript.push(line);
      }
    };
    this.child.stdout!.on('data', collect);
    this.child.stderr!.on('data', collect);
    this.exited = new Promise((r) => this.child.once('exit', (code) => r(code)));
  }

  get pid() {
    return this.child.pid!;
  }

  alive() {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  async waitForLine(pattern: RegExp, ms: number): Promise<RegExpMatchArray> {
    const end = Date.now() + ms;
    for (;;) {
      for (const line of this.lines) {
        const m = line.match(pattern);
        if (m) return m;
      }
      check(this.alive(), `start exited (code ${this.child.exitCode}) before printing ${pattern}`);
      check(Date.now() < end, `no line ${pattern} within ${seconds(ms)}`);
      await sleep(100);
    }
  }

  /** Every process this run owns: its process group (start, web, worker) and the database server's. */
  processes(): number[] {
    const pids = new Set(groupMembers(this.pid));
    const postmaster = postmasterPid();
    if (postmaster) {
      pids.add(postmaster);
      for (const p of childrenOf(postmaster)) pids.add(p);
    }
    return [...pids];
  }

  /** Sends the signal, then waits until every process is gone and the ports are free. Returns the time taken. */
  async stopWith(how: () => void, label: string): Promise<number> {
    const pids = this.processes();
    check(pids.length >= 4, `${label}: expected start, web, worker and postgres, found pids ${pids.join(', ')}`);
    const t0 = Date.now();
    how();
    while (Date.now() - t0 < STOP_LIMIT_MS + 2000 && (this.alive() || pids.some(alive))) await sleep(50);
    const took = Date.now() - t0;
    const left = pids.filter(alive);
    check(!left.length, `${label}: still running after ${seconds(took)}`, `pids ${left.join(', ')}`);
    check(took <= STOP_LIMIT_MS, `${label}: stopping took ${seconds(took)}, more than 10 s`);
    check(!(await isListening('127.0.0.1', pgPort)), `${label}: something still listens on the database port`);
    check(!(await isListening('127.0.0.1', webPort)), `${label}: something still listens on the web port`);
    return took;
  }
}

/** Running: exists and is not a zombie (a killed child waits to be reaped, it runs nothing). */
function alive(pid: number) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat[stat.lastIndexOf(')') + 2] !== 'Z';
  } catch {
    return false;
  }
}

/** [pid, ppid, pgid] of every process, from /proc. */
function processTable(): [number, number, number][] {
  const rows: [number, number, number][] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const [, ppid, pgid] = stat
        .slice(stat.lastIndexOf(')') + 2)
        .split(' ')
        .map(Number);
      rows.push([Number(name), ppid!, pgid!]);
    } catch {
      // exited meanwhile
    }
  }
  return rows;
}
const groupMembers = (pgid: number) => processTable().flatMap(([pid, , g]) => (g === pgid ? [pid] : []));
const childrenOf = (parent: number) => processTable().flatMap(([pid, ppid]) => (ppid === parent ? [pid] : []));
function postmasterPid(): number | null {
  const file = path.join(pgDir, 'postmaster.pid');
  return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) || null : null;
}
const logSize = () => (existsSync(pgLog) ? statSync(pgLog).size : 0);
const logSince = (offset: number) => (existsSync(pgLog) ? readFileSync(pgLog).subarray(offset).toString('utf8') : '');

/** A signed-in browser, reduced to what it sends: the session cookie and the Origin header. */
class Client {
  cookie = '';
  private async call(method: 'GET' | 'POST', procedure: string, input: unknown) {
    const query =
      method === 'GET' && input !== undefined ? `?input=${encodeURIComponent(JSON.stringify({ json: input }))}` : '';
    const res = await fetch(`${origin}/api/trpc/${procedure}${query}`, {
      method,
      headers: { origin, 'content-type': 'application/json', cookie: this.cookie },
      body: method === 'POST' ? JSON.stringify({ json: input }) : undefined,
      signal: AbortSignal.timeout(20_000),
    });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('bt_session='));
    if (cookie) this.cookie = cookie.split(';')[0]!;
    const body = (await res.json()) as { result?: { data: { json: unknown } }; error?: { json: { message: string } } };
    check(res.ok && body.result, `${procedure} answered ${res.status}`, body.error?.json.message ?? '');
    return body.result.data.json;
  }
  mutate = <T>(procedure: string, input: unknown) => this.call('POST', procedure, input) as Promise<T>;
  query = <T>(procedure: string, input?: unknown) => this.call('GET', procedure, input) as Promise<T>;
  async page(pathname: string) {
    const res = await fetch(`${origin}${pathname}`, {
      headers: { cookie: this.cookie },
      redirect: 'manual',
      signal: AbortSignal.timeout(20_000),
    });
    await res.text();
    return res.status;
  }
}

type Item = { id: string; name: string; quantity: string | number };
async function listChecked(client: Client): Promise<Item[]> {
  const list = await client.query<{ rows: Item[] }>('inventory.list', {
    search: 'Check ',
    pageSize: 100,
  });
  return list.rows.map((i) => ({ id: i.id, name: i.name, quantity: String(i.quantity) }));
}

async function waitImport(client: Client, importId: string, until: string[], ms: number) {
  const end = Date.now() + ms;
  for (;;) {
    const s = await client.query<{ status: string; errors: unknown }>('inventory.importStatus', { importId });
    if (until.includes(s.status)) return s.status;
    check(s.status !== 'failed', 'the import failed', JSON.stringify(s.errors));
    check(Date.now() < end, `the import is still "${s.status}" after ${seconds(ms)}`);
    await sleep(150);
  }
}

/** Holds a lock that makes every insert into inventory_items wait: a job and a request that hang. */
async function holdInsertLock() {
  const lock = new pg.Client({ connectionString: dbUrl });
  lock.on('error', () => {}); // the server ends this session when it stops
  await lock.connect();
  await lock.query('BEGIN');
  await lock.query('LOCK TABLE inventory_items IN EXCLUSIVE MODE');
  return lock;
}

/** A port taken by someone else: start must say which one and which variable moves it, in one line. */
async function portInUse(port: number, variable: string) {
  const blocker = createServer();
  await new Promise<void>((r) => blocker.listen({ host: '127.0.0.1', port }, () => r()));
  try {
    const run = new StartRun(`port ${port} taken`);
    const code = await Promise.race([run.exited, sleep(20_000).then(() => 'timeout' as const)]);
    if (code === 'timeout') process.kill(-run.pid, 'SIGKILL');
    const errors = run.lines.filter((l) => l.startsWith('[start]'));
    check(code !== 'timeout' && code !== 0, `${variable} taken: start should exit non-zero`, `exit ${code}`);
    check(
      errors.some((l) => l.includes(`port ${port}`) && l.includes(variable)),
      `${variable} taken: no line naming port ${port} and ${variable}`,
      run.lines.join(' | '),
    );
    check(!run.lines.some((l) => /^\s+at /.test(l)), `${variable} taken: start printed a stack trace`);
    pass(`port ${port} in use: start exits ${code} with "${errors.at(-1)}"`);
  } finally {
    blocker.close();
  }
}

let current: StartRun | undefined;
const started = Date.now();
try {
  check(existsSync(path.join(ROOT, 'build/index.js')), 'build/index.js is missing: run `npm run build` first');
  console.log(`check-embedded: data in ${pgDir}, web port ${webPort}, database port ${pgPort}`);

  await portInUse(webPort, 'PORT');
  await portInUse(pgPort, 'EMBEDDED_PG_PORT');

  // ---- First start: initialise, migrate, seed; import, start a batch, open it.
  let t0 = Date.now();
  current = new StartRun('first start');
  const [, url] = await current.waitForLine(/BatchTrack is running at (\S+)/, 120_000);
  const firstStart = Date.now() - t0;
  check(url === origin, `the printed URL is ${url}, expected ${origin}`);
  check((await fetch(origin, { redirect: 'manual' })).status > 0, 'the server does not answer at the printed URL');
  check(existsSync(path.join(pgDir, 'PG_VERSION')), `${pgDir} was not initialised`);
  check(
    current.lines.some((l) => l.includes(pgDir)),
    'start does not say where the data lives',
  );
  pass(`first start (initdb, migrate, seed) printed the URL after ${seconds(firstStart)}, and it answers`);

  const owner = new Client();
  await owner.mutate('auth.signIn', { identifier: 'owner', password: PASSWORD });
  check(owner.cookie, 'signing in as owner set no session cookie');
  pass('signed in as the demo owner over HTTP');

  t0 = Date.now();
  const csv = [
    'name,type,unit,opening_quantity,cost_per_unit',
    'Check Olive Oil,ingredient,gram,1000,0.01',
    'Check Coconut Oil,ingredient,gram,800,0.02',
    'Check Shea Butter,ingredient,gram,500,0.03',
  ].join('\n');
  const preview = await owner.mutate<{ validCount: number }>('inventory.importPreview', { csv });
  check(preview.validCount === 3, `the preview found ${preview.validCount} valid rows, expected 3`);
  const { importId } = await owner.mutate<{ importId: string }>('inventory.importStart', { csv });
  await waitImport(owner, importId, ['completed'], 30_000);
  check((await owner.page('/dashboard')) === 200, 'the dashboard does not load after the import');
  const imported = await listChecked(owner);
  check(imported.length === 3, `found ${imported.length} imported items, expected 3`, JSON.stringify(imported));
  pass(`CSV import of 3 rows finished by the worker in ${seconds(Date.now() - t0)}; pages still load`);

  const byName = Object.fromEntries(imported.map((i) => [i.name, i.id]));
  const recipe = await owner.mutate<{ id: string }>('recipes.create', {
    name: 'Check Soap',
    status: 'published',
    predictedYield: '300',
    yieldUnit: 'gram',
    lines: ['Check Olive Oil', 'Check Coconut Oil', 'Check Shea Butter'].map((n) => ({
      kind: 'ingredient',
      itemId: byName[n],
      quantity: '100',
      unit: 'gram',
    })),
  });
  await owner.query('batches.plan', { recipeId: recipe.id, batchType: 'ingredient' });
  const { batchId } = await owner.mutate<{ batchId: string }>('batches.start', {
    recipeId: recipe.id,
    batchType: 'ingredient',
  });
  const pageStatus = await owner.page(`/batches/${batchId}`);
  const batch = await owner.query<{ id: string; status: string }>('batches.get', { batchId });
  check(pageStatus === 200, `GET /batches/${batchId} answered ${pageStatus}`);
  check(batch.id === batchId && batch.status === 'in_progress', 'the new batch is not found', JSON.stringify(batch));
  const afterBatch = await listChecked(owner);
  pass('planned and started a batch, and opened it right away (page and batches.get)');

  // ---- Ctrl+C (SIGINT to the whole process group) while a job and a request hang on a lock.
  const lock = await holdInsertLock();
  const second = await owner.mutate<{ importId: string }>('inventory.importStart', {
    csv: 'name,unit,opening_quantity\nCheck Beeswax,gram,100\nCheck Cocoa Butter,gram,100',
  });
  await waitImport(owner, second.importId, ['running'], 15_000);
  let hungSettled = false;
  void owner
    .mutate('inventory.create', { name: 'Check Hanging', itemType: 'ingredient', unit: 'gram', openingQuantity: '1' })
    .catch(() => {})
    .finally(() => (hungSettled = true));
  await sleep(500);
  check(!hungSettled, 'the request meant to hang on the lock did not hang');
  let took = await current.stopWith(() => process.kill(-current!.pid, 'SIGINT'), 'Ctrl+C');
  await lock.end().catch(() => {});
  check((await current.exited) === 0, `start exited ${current.child.exitCode} after Ctrl+C, expected 0`);
  check(!existsSync(path.join(pgDir, 'postmaster.pid')), 'postmaster.pid left behind: not a clean shutdown');
  pass(`Ctrl+C while an import job and a request hang: every process gone in ${seconds(took)}, clean shutdown`);

  // ---- Restart: the data is there, and the database was shut down cleanly.
  const offset = logSize();
  t0 = Date.now();
  current = new StartRun('restart');
  await current.waitForLine(/BatchTrack is running at/, 60_000);
  const restart = Date.now() - t0;
  const log2 = logSince(offset);
  check(/database system was shut down at/.test(log2), 'the server did not find a clean shutdown', log2);
  check(!/not properly shut down|interrupted/.test(log2), 'the server had to recover', log2);
  pass(`restart printed the URL after ${seconds(restart)}; the last shutdown was clean`);

  const intact = async (label: string) => {
    // The session cookie from the first run still works: sessions live in the database too.
    const items = (await listChecked(owner)).filter((i) => i.name in byName);
    check(
      JSON.stringify(items) === JSON.stringify(afterBatch),
      `${label}: the imported items changed`,
      `${JSON.stringify(items)} != ${JSON.stringify(afterBatch)}`,
    );
    const again = await owner.query<{ id: string; status: string }>('batches.get', { batchId });
    check(again.status === 'in_progress', `${label}: the batch is ${again.status}`);
    check((await owner.page(`/batches/${batchId}`)) === 200, `${label}: the batch page does not load`);
    const names = (await listChecked(owner)).map((i) => i.name);
    const interrupted = names.filter((n) => n === 'Check Beeswax' || n === 'Check Cocoa Butter').length;
    check(interrupted === 0 || interrupted === 2, `${label}: the interrupted import is half applied`, names.join());
    pass(`${label}: the session, the 3 imported items with their stock, and the batch are intact`);
  };
  await intact('after the restart');

  // ---- A second signal forces the stop (both to the start process alone, as `kill <pid>` sends them).
  const lock2 = await holdInsertLock();
  void owner
    .mutate('inventory.create', { name: 'Check Hanging 2', itemType: 'ingredient', unit: 'gram', openingQuantity: '1' })
    .catch(() => {});
  await sleep(300);
  took = await current.stopWith(() => {
    process.kill(current!.pid, 'SIGTERM');
    setTimeout(() => process.kill(current!.pid, 'SIGTERM'), 1000);
  }, 'a second SIGTERM');
  await lock2.end().catch(() => {});
  check(took < 3000, `a second SIGTERM should force the stop, but it took ${seconds(took)}`);
  check(
    current.lines.some((l) => l.includes('forcing the stop')),
    'start did not say it forces the stop',
  );
  pass(`SIGTERM, then SIGTERM again 1 s later, to the start process alone: forced, all gone in ${seconds(took)}`);

  // ---- After a forced stop, the next start recovers and the data is still there.
  t0 = Date.now();
  current = new StartRun('start after a forced stop');
  await current.waitForLine(/BatchTrack is running at/, 60_000);
  pass(`start after the forced stop printed the URL after ${seconds(Date.now() - t0)}`);
  await intact('after the forced stop');

  // ---- start killed outright: the web server and the worker stop by themselves; the database server, in
  // its own process group, stays until the next start stops it.
  const servers = groupMembers(current.pid).filter((p) => p !== current!.pid);
  check(servers.length === 2, `expected the web server and the worker, found pids ${servers.join(', ')}`);
  t0 = Date.now();
  process.kill(current.pid, 'SIGKILL');
  while (Date.now() - t0 < STOP_LIMIT_MS && servers.some(alive)) await sleep(50);
  check(!servers.some(alive), 'after SIGKILL to start, the web server or the worker is still running');
  pass(`SIGKILL to start: the web server and the worker stopped by themselves in ${seconds(Date.now() - t0)}`);
  t0 = Date.now();
  current = new StartRun('start after SIGKILL');
  await current.waitForLine(/BatchTrack is running at/, 60_000);
  check(
    current.lines.some((l) => l.includes('that an earlier start left running')),
    'start did not stop the database server left behind',
  );
  pass(
    `start after SIGKILL stopped the leftover database server and printed the URL after ${seconds(Date.now() - t0)}`,
  );
  await intact('after SIGKILL');

  // ---- SIGINT to the start process alone (what npm forwards, or `kill -INT <pid>`).
  took = await current.stopWith(() => process.kill(current!.pid, 'SIGINT'), 'SIGINT to start alone');
  check((await current.exited) === 0, `start exited ${current.child.exitCode} after SIGINT, expected 0`);
  check(!existsSync(path.join(pgDir, 'postmaster.pid')), 'postmaster.pid left behind: not a clean shutdown');
  pass(`SIGINT to the start process alone: every process gone in ${seconds(took)}, clean shutdown`);
  current = undefined;

  console.log(`check-embedded: ${passed} passed, 0 failed (${seconds(Date.now() - started)})`);
  rmSync(tmp, { recursive: true, force: true });
} catch (e) {
  console.log(`FAIL ${e instanceof CheckFailed ? e.message : e instanceof Error ? (e.stack ?? e.message) : e}`);
  console.log(`---- last lines of the start output (all of it in ${path.relative(ROOT, logFile)}):`);
  console.log(transcript.slice(-40).join('\n'));
  console.log(`check-embedded: ${passed} passed, 1 failed; data kept in ${tmp}`);
  process.exitCode = 1;
} finally {
  // Leave nothing running, whatever happened.
  if (current?.alive()) process.kill(-current.pid, 'SIGKILL');
  const postmaster = postmasterPid();
  if (postmaster && alive(postmaster)) process.kill(postmaster, 'SIGQUIT');
  writeFileSync(logFile, transcript.join('\n') + '\n');
}
