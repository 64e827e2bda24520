// The real worker process for integration tests: `node worker/index.ts` on the test database, with the
// schedules off and a short poll, resolved once it prints that it is ready. Every test file that needs the
// worker starts it here, and stops the ones it started with `stopWorkers` in its afterAll.
import { spawn, type ChildProcess } from 'node:child_process';
import { TEST_DATABASE_URL } from './env.ts';

export interface TestWorker {
  child: ChildProcess;
  /** Everything the worker printed so far (stdout and stderr). */
  log(): string;
}

const started: ChildProcess[] = [];

export function startWorker(env: Record<string, string> = {}): Promise<TestWorker> {
  const child = spawn(process.execPath, ['worker/index.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: TEST_DATABASE_URL,
      WORKER_SCHEDULES: 'off',
      WORKER_POLL_SECONDS: '0.5',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let log = '';
  const worker: TestWorker = { child, log: () => log };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker not ready after 30 s:\n${log}`)), 30_000);
    child.stdout!.on('data', (c: Buffer) => {
      log += c.toString();
      if (log.includes('[worker] ready')) {
        clearTimeout(timer);
        resolve(worker);
      }
    });
    child.stderr!.on('data', (c: Buffer) => (log += c.toString()));
    child.on('exit', (code) => reject(new Error(`worker exited (${code}) before it was ready:\n${log}`)));
  });
}

/** Stops every worker this file started: SIGTERM (a graceful stop) or SIGKILL, and waits for each to exit. */
export async function stopWorkers(signal: 'SIGTERM' | 'SIGKILL' = 'SIGKILL'): Promise<void> {
  const alive = started.filter((w) => w.exitCode === null && w.signalCode === null);
  await Promise.all(
    alive.map((w) => {
      const exited = new Promise((r) => w.once('exit', r));
      w.kill(signal);
      return exited;
    }),
  );
  started.length = 0;
}

/** Polls `probe` every 50 ms until it returns something truthy, or fails after `ms` naming `what`. */
export async function until<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  ms: number,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
