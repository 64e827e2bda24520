// The production web entry: `node scripts/serve.ts` (npm start runs it too). Serves the built app
// (build/index.js) from WEB_CONCURRENCY processes on one port (default 1): Node's cluster module hands the
// listening socket to every process, each accepts connections itself. The web processes keep no state of
// their own between requests (sessions and access are read from Postgres, docs/deploy.md), so any of them
// can serve any request.
//
// The primary only supervises: a web process that dies is started again (at most once a second), and
// SIGTERM/SIGINT are passed on to every web process, which finish their open requests (adapter-node's
// SHUTDOWN_TIMEOUT) and close their pools; the primary exits when the last one has.
import cluster, { type Worker } from 'node:cluster';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BODY_SIZE_LIMIT_BYTES } from '../src/lib/shared/limits.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const ENTRY = pathToFileURL(path.join(ROOT, 'build/index.js')).href;
// adapter-node's default body limit is 512 KiB; the largest CSV import is larger (src/lib/shared/limits.ts).
process.env.BODY_SIZE_LIMIT ??= String(BODY_SIZE_LIMIT_BYTES);

const requested = Number(process.env.WEB_CONCURRENCY ?? 1);
const count = Number.isInteger(requested) && requested >= 1 ? requested : 1;

if (count === 1 || cluster.isWorker) {
  if (cluster.isWorker) console.log(`[serve] web process ${process.pid} (${cluster.worker!.id} of ${count})`);
  await import(ENTRY);
} else {
  let stopping = false;
  const lastStart = new Map<number, number>();
  const fork = (slot: number) => {
    lastStart.set(slot, Date.now());
    const worker = cluster.fork({ WEB_PROCESS_SLOT: String(slot) });
    worker.once('exit', (code, signal) => onExit(worker, slot, code, signal));
  };
  const onExit = (worker: Worker, slot: number, code: number | null, signal: string | null) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    console.error(`[serve] web process ${worker.process.pid} exited (${signal ?? code}): starting another`);
    const wait = Math.max(0, 1000 - (Date.now() - (lastStart.get(slot) ?? 0)));
    setTimeout(() => fork(slot), wait);
  };
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`[serve] ${signal}: stopping ${count} web processes`);
    const workers = Object.values(cluster.workers ?? {});
    if (workers.length === 0) process.exit(0);
    for (const w of workers) w?.process.kill('SIGTERM');
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => stop(signal));
  console.log(`[serve] ${count} web processes (WEB_CONCURRENCY) on port ${process.env.PORT ?? 3000}`);
  for (let slot = 1; slot <= count; slot++) fork(slot);
}
