// `npm start`: build if needed, migrate, seed the catalogue and a demo organization, then serve the web
// app and the worker. Without DATABASE_URL an embedded PGlite is served on 127.0.0.1:$PGLITE_PORT
// (default 5433) with its data in ./.data/pglite: fine for a demo, never used for tests.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { DEMO_ACCOUNTS, DEMO_DEVELOPER, DEMO_PASSWORD } from '../src/lib/server/seed/seed-demo.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
process.chdir(ROOT);
const PORT = process.env.PORT ?? '3000';
const HOST = process.env.HOST ?? '127.0.0.1';
const ORIGIN = process.env.ORIGIN ?? `http://${HOST === '0.0.0.0' ? 'localhost' : HOST}:${PORT}`;

if (!existsSync('build/index.js') || process.env.REBUILD === '1') {
  console.log('[start] building the app (first run)…');
  const r = spawnSync('npm', ['run', '-s', 'build'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

let url = process.env.DATABASE_URL;
let stopEmbedded: (() => Promise<void>) | undefined;
if (!url) {
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const port = Number(process.env.PGLITE_PORT ?? 5433);
  const dir = path.resolve(process.env.PGLITE_DIR ?? '.data/pglite');
  mkdirSync(path.dirname(dir), { recursive: true });
  const pglite = await PGlite.create(dir);
  const server = new PGLiteSocketServer({ db: pglite, port, host: '127.0.0.1', maxConnections: 30 });
  await server.start();
  url = `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`;
  stopEmbedded = async () => {
    await server.stop();
    await pglite.close();
  };
  console.log(`[start] DATABASE_URL is unset: embedded PGlite at ${url}, data kept in ${dir}`);
}
// PGlite serves every connection through one session: keep pools small there.
const env = {
  ...process.env,
  DATABASE_URL: url,
  PORT,
  HOST,
  ORIGIN,
  NODE_ENV: 'production',
  ...(stopEmbedded ? { DB_POOL_MAX: '3' } : {}),
};

const run = (args: string[]) =>
  new Promise<number>((res) => spawn(process.execPath, args, { env, stdio: 'inherit' }).on('exit', (c) => res(c ?? 1)));
if ((await run(['scripts/db.ts', 'migrate'])) !== 0) process.exit(1);
if ((await run(['scripts/seed.ts', '--demo'])) !== 0) process.exit(1);

const children: ChildProcess[] = [
  spawn(process.execPath, ['build/index.js'], { env, stdio: 'inherit' }),
  spawn(process.execPath, ['worker/index.ts'], { env, stdio: 'inherit' }),
];
console.log(`
BatchTrack is running at ${ORIGIN}
  Demo organization "Demo Soap Co." (Team plan), password for every demo account: ${DEMO_PASSWORD}
    ${DEMO_ACCOUNTS.map((a) => `${a.username} (${a.role})`).join(', ')}
  Developer dashboard: ${ORIGIN}/dev  as ${DEMO_DEVELOPER.username} / ${DEMO_PASSWORD}
Press Ctrl+C to stop.
`);
let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.on('exit', r)) : null)));
  await stopEmbedded?.();
  process.exit(code);
}
for (const c of children) c.on('exit', (code) => void stop(code ?? 1));
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
