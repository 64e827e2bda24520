// `npm start`: build if needed, migrate, seed the catalogue and a demo organization, then serve the web
// app and the worker. Without DATABASE_URL it runs an embedded PostgreSQL (scripts/embedded-postgres.ts)
// on 127.0.0.1:$EMBEDDED_PG_PORT (default 5433) with its data in $EMBEDDED_PG_DIR (default .data/postgres).
//
// Stopping (SIGINT, SIGTERM, SIGHUP): the web server and the worker first, SIGKILL for whichever is still
// running after 5 s (a hung request, a long job), then the database; all of it within 10 s. A second
// signal forces the stop at once.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEMO_ACCOUNTS, DEMO_DEVELOPER, DEMO_PASSWORD } from '../src/lib/server/seed/seed-demo.ts';
import { BODY_SIZE_LIMIT_BYTES } from '../src/lib/shared/limits.ts';
import { EmbeddedServer } from './embedded-postgres.ts';
import { ensurePortFree } from './ports.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
process.chdir(ROOT);
const PORT = process.env.PORT ?? '3000';
const HOST = process.env.HOST ?? '127.0.0.1';
const ORIGIN = process.env.ORIGIN ?? `http://${HOST === '0.0.0.0' ? 'localhost' : HOST}:${PORT}`;
const PROBE_URL = `http://${HOST === '0.0.0.0' || HOST === '::' ? '127.0.0.1' : HOST.includes(':') ? `[${HOST}]` : HOST}:${PORT}/`;

const CHILD_GRACE_MS = 5000; // web server and worker: SIGTERM, then SIGKILL
const DB_GRACE_MS = 3000; // embedded PostgreSQL: fast shutdown, then immediate shutdown
const HARD_DEADLINE_MS = 9500; // whatever still runs then is killed: the stop is promised within 10 s
// A Ctrl+C under `npm start` arrives twice at once, from the terminal and forwarded by npm: one signal.
const SAME_SIGNAL_MS = 500;

const children = new Map<ChildProcess, string>();
let database: EmbeddedServer | undefined;
let stopping = false;
let firstSignalAt = 0;

function runChild(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, ipc = false): ChildProcess {
  const child = spawn(command, args, { env, stdio: ipc ? ['inherit', 'inherit', 'inherit', 'ipc'] : 'inherit' });
  children.set(child, name);
  child.once('exit', () => children.delete(child));
  return child;
}

const exitCode = (child: ChildProcess) =>
  new Promise<number>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode ?? 1);
    else child.once('exit', (code) => resolve(code ?? 1));
  });

/** Runs a step to completion; a failed step stops everything. */
async function step(name: string, command: string, args: string[], env: NodeJS.ProcessEnv) {
  if (stopping) throw new Error('stopped');
  const code = await exitCode(runChild(name, command, args, env));
  if (code !== 0) throw new Error(`${name} failed (exit code ${code})`);
}

async function main() {
  await ensurePortFree(HOST, Number(PORT), 'PORT');
  let url = process.env.DATABASE_URL;
  if (!url) {
    const port = Number(process.env.EMBEDDED_PG_PORT ?? 5433);
    const dir = path.resolve(process.env.EMBEDDED_PG_DIR ?? '.data/postgres');
    database = new EmbeddedServer({ dir, port, database: 'batchtrack', log: (l) => console.log(l) });
    await database.start();
    void database.whenExited().then(() => {
      if (!stopping) fail(new Error(`the embedded PostgreSQL exited; see ${database!.logFile}`));
    });
    url = database.url;
    console.log(`[start] DATABASE_URL is unset: embedded PostgreSQL on 127.0.0.1:${port}, data in ${dir}`);
  }
  // BODY_SIZE_LIMIT: the largest CSV import as a request (src/lib/shared/limits.ts), not adapter-node's 512 KiB.
  const env = {
    ...process.env,
    DATABASE_URL: url,
    PORT,
    HOST,
    ORIGIN,
    NODE_ENV: 'production',
    BODY_SIZE_LIMIT: String(BODY_SIZE_LIMIT_BYTES),
  };

  if (!existsSync('build/index.js') || process.env.REBUILD === '1') {
    console.log('[start] building the app (first run)…');
    await step('the build', 'npm', ['run', '-s', 'build'], env);
  }
  await step('the migration', process.execPath, ['scripts/db.ts', 'migrate'], env);
  await step('the seed', process.execPath, ['scripts/seed.ts', '--demo'], env);
  if (stopping) return;

  // adapter-node waits SHUTDOWN_TIMEOUT seconds (default 30) for open requests before closing them.
  // With an IPC channel and exit-with-parent.ts, they also stop when start is killed outright.
  const watchParent = ['--import', pathToFileURL(path.join(ROOT, 'scripts/exit-with-parent.ts')).href];
  const serve = (name: string, args: string[], extra: NodeJS.ProcessEnv = {}) =>
    void exitCode(runChild(name, process.execPath, [...watchParent, ...args], { ...extra, ...env }, true)).then(
      (code) => {
        if (!stopping) fail(new Error(`${name} exited (code ${code})`));
      },
    );
  // WEB_CONCURRENCY web processes on one port (scripts/serve.ts) and WORKER_CONCURRENCY workers (default 1
  // each): any number of both can share the database (docs/deploy.md).
  serve('the web server', ['scripts/serve.ts'], { SHUTDOWN_TIMEOUT: '3' });
  const workers = Math.max(1, Number(process.env.WORKER_CONCURRENCY ?? 1) || 1);
  for (let i = 1; i <= workers; i++) serve(workers > 1 ? `worker ${i}` : 'the worker', ['worker/index.ts']);

  while (!stopping) {
    try {
      await fetch(PROBE_URL, { redirect: 'manual', signal: AbortSignal.timeout(2000) });
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  if (stopping) return;
  console.log(`
BatchTrack is running at ${ORIGIN}
  Demo organization "Demo Soap Co." (Team plan), password for every demo account: ${DEMO_PASSWORD}
    ${DEMO_ACCOUNTS.map((a) => `${a.username} (${a.role})`).join(', ')}
  Developer dashboard: ${ORIGIN}/dev  as ${DEMO_DEVELOPER.username} / ${DEMO_PASSWORD}
  Data: ${database ? `embedded PostgreSQL in ${database.dir} (log ${database.logFile})` : 'the database at DATABASE_URL'}
  Billing: ${process.env.STRIPE_SECRET_KEY?.trim() ? `on, through Stripe${process.env.STRIPE_WEBHOOK_SECRET?.trim() ? '' : ' (STRIPE_WEBHOOK_SECRET unset: webhooks are refused)'}` : 'off (no STRIPE_SECRET_KEY): every plan is granted without payment'}
Press Ctrl+C to stop.
`);
}

/** One line, no stack trace: what failed is named by the message (a taken port names its variable). */
function fail(e: unknown) {
  if (stopping) return;
  console.error(`[start] ${e instanceof Error ? e.message : String(e)}`);
  void stop(1);
}

async function waitExited(list: ChildProcess[], ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((r) => (timer = setTimeout(() => r(false), ms)));
  const done = await Promise.race([Promise.all(list.map(exitCode)).then(() => true as const), timeout]);
  clearTimeout(timer);
  return done;
}

async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  setTimeout(() => void forceStop(code), HARD_DEADLINE_MS);
  const running = [...children.keys()];
  if (running.length) console.log('[start] stopping the web server and the worker…');
  for (const child of running) child.kill('SIGTERM');
  if (!(await waitExited(running, CHILD_GRACE_MS))) {
    for (const [child, name] of children) {
      console.log(`[start] ${name} did not stop within ${CHILD_GRACE_MS / 1000} s: killing it`);
      child.kill('SIGKILL');
    }
    await waitExited(running, 1000);
  }
  if (database?.isRunning()) console.log('[start] stopping the embedded PostgreSQL…');
  await database?.stop(DB_GRACE_MS);
  process.exit(code);
}

async function forceStop(code: number) {
  const running = [...children.keys()];
  for (const child of running) child.kill('SIGKILL');
  await database?.kill();
  await waitExited(running, 1000);
  process.exit(code || 1);
}

function onSignal(signal: NodeJS.Signals) {
  if (!stopping) {
    firstSignalAt = Date.now();
    console.log(`[start] ${signal}: stopping (send it again to force)`);
    void stop(0);
  } else if (Date.now() - firstSignalAt > SAME_SIGNAL_MS) {
    console.log(`[start] ${signal} again: forcing the stop`);
    void forceStop(1);
  }
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, onSignal);

main().catch(fail);
