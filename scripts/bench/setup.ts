// The preamble every bench shares: a database of its own (created, reset, seeded), the services a domain
// function needs, an organization with its owner and context, and the built app started as a child process.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { PgBoss } from 'pg-boss';
import { createPrisma, type PrismaClient } from '../../src/lib/server/db/client.ts';
import { startBoss } from '../../src/lib/server/jobs/boss.ts';
import { createEnqueuer } from '../../src/lib/server/jobs/enqueue.ts';
import { createMailer } from '../../src/lib/server/integrations/mailer.ts';
import { createOrganizationWithOwner } from '../../src/lib/server/domain/orgs/create-organization.ts';
import { orgContextFor } from '../../src/lib/server/domain/orgs/context-for.ts';
import { createTenantDb } from '../../src/lib/server/db/tenant.ts';
import type { OrgCtx, Services } from '../../src/lib/server/domain/context.ts';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const PGBASE = process.env.PGBASE ?? 'postgresql://postgres:postgres@127.0.0.1:5432';
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs a command in the repository; throws with its output when it fails. */
export function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): string {
  const r = spawnSync(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

export function pct(xs: number[], p: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

/** `name value unit`, the bench's one output format (figures; nothing is asserted). */
export function figure(name: string, value: number | string, unit: string): void {
  const v = typeof value === 'number' ? (Number.isInteger(value) ? String(value) : value.toFixed(2)) : value;
  console.log(`${name} ${v} ${unit}`);
}

/** A fresh database: created if missing, migrated from nothing, catalogue seeded. Returns its URL. */
export function prepareDatabase(name: string, opts: { queues?: boolean } = {}): string {
  const url = `${PGBASE}/${name}`;
  const env = { DATABASE_URL: url };
  run(process.execPath, ['scripts/db.ts', 'createdb'], env);
  run(process.execPath, ['scripts/db.ts', 'reset'], env);
  run(process.execPath, ['scripts/seed.ts'], env);
  if (opts.queues) run(process.execPath, ['tests/setup/install-queues.ts'], env);
  return url;
}

export type Bench = {
  url: string;
  db: PrismaClient;
  boss: PgBoss;
  services: Services;
  close(): Promise<void>;
};

/** A Prisma client and a producer-only pg-boss on `url`, and the services built on them. */
export async function connect(url: string, poolMax = 12): Promise<Bench> {
  const db = createPrisma(url, poolMax);
  const boss = await startBoss(url, { producerOnly: true });
  const services: Services = {
    now: () => new Date(),
    jobs: createEnqueuer(() => boss),
    mailer: createMailer(db, { VITEST: '1' }),
    appUrl: 'http://bench',
  };
  return {
    url,
    db,
    boss,
    services,
    async close() {
      await boss.stop({ graceful: false });
      await db.$disconnect();
    },
  };
}

export type BenchOrg = {
  orgId: string;
  userId: string;
  username: string;
  password: string;
  ctx: OrgCtx;
  tdb: ReturnType<typeof createTenantDb>;
};

/** An Enterprise organization whose owner signs in as `username` / bench-password. */
export async function benchOrg(b: Bench, username: string): Promise<BenchOrg> {
  const password = 'bench-password';
  const created = await createOrganizationWithOwner(b.db, b.services, {
    organizationName: `Bench ${username}`,
    tierKey: 'enterprise',
    owner: { email: `${username}@example.com`, username, password, firstName: 'B', lastName: 'C' },
  });
  const orgId = created.organization.id;
  const ctx = await orgContextFor(b.db, b.services, orgId, created.user.id);
  return { orgId, userId: created.user.id, username, password, ctx, tdb: createTenantDb(b.db, orgId) };
}

export type WebServer = { base: string; child: ChildProcess; output: () => string; stop(): Promise<void> };

/** Starts `node <entry>` (the built app by default) on `port` and waits until it answers. */
export async function startWeb(
  url: string,
  port: number,
  opts: { entry?: string[]; env?: NodeJS.ProcessEnv } = {},
): Promise<WebServer> {
  const base = `http://127.0.0.1:${port}`;
  let out = '';
  const child = spawn(process.execPath, opts.entry ?? ['build/index.js'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: url,
      PORT: String(port),
      HOST: '127.0.0.1',
      ORIGIN: base,
      NODE_ENV: 'production',
      COOKIE_SECURE: 'false',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 8000);
    await exited;
    clearTimeout(timer);
  };
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`the web server exited:\n${out}`);
    try {
      if ((await fetch(`${base}/login`, { signal: AbortSignal.timeout(2000) })).ok) break;
    } catch {
      /* starting */
    }
    if (i > 150) {
      await stop();
      throw new Error(`the web server did not answer within 30 s:\n${out}`);
    }
    await sleep(200);
  }
  return { base, child, output: () => out, stop };
}

/** Signs in over HTTP; returns the session cookie. tRPC mutations carry the app's Origin, as a browser's do. */
export async function signIn(base: string, identifier: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/trpc/auth.signIn`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ json: { identifier, password } }),
  });
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (!res.ok || !cookie) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return cookie;
}

/** Calls a tRPC mutation over HTTP with the session cookie; returns the decoded `json` result. */
export async function mutate<T = unknown>(base: string, cookie: string, proc: string, input: unknown): Promise<T> {
  const res = await fetch(`${base}/api/trpc/${proc}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base, cookie },
    body: JSON.stringify({ json: input }),
  });
  const body = (await res.json()) as { result?: { data?: { json?: T } }; error?: unknown };
  if (!res.ok) throw new Error(`${proc}: HTTP ${res.status} ${JSON.stringify(body.error ?? body)}`);
  return body.result!.data!.json as T;
}
