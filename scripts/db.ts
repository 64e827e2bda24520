// Offline database tooling. Run with Node >= 22.18 (type stripping): `node scripts/db.ts <command>`.
//
//   migrate   apply pending prisma/migrations/*/migration.sql, recording them in _prisma_migrations
//             exactly as `prisma migrate deploy` does (same table, sha256 checksum, advisory lock).
//   status    like `prisma migrate status`: exit 1 if a migration is pending, failed or edited.
//   new NAME  write prisma/migrations/<timestamp>_NAME/migration.sql = diff(migrations -> schema.prisma)
//             using Prisma 6's wasm schema engine (tools/prisma-wasm); nothing is downloaded.
//   check     exit 1 if prisma/migrations do not reproduce prisma/schema.prisma (forgotten `new`).
//   createdb  create the database named in DATABASE_URL if missing.
//   reset     drop and recreate the public (and pgboss) schema, then migrate. Refuses unless the
//             database name ends in _test or _dev, or FORCE_RESET=1.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import pg from 'pg';

const ROOT = path.resolve(import.meta.dirname, '..');
const MIGRATIONS = path.join(ROOT, 'prisma/migrations');
const SCHEMA = path.join(ROOT, 'prisma/schema.prisma');
const TOOLS = path.join(ROOT, 'tools/prisma-wasm');
const DEFAULT_URL = 'postgresql://postgres:postgres@127.0.0.1:5432/batchtrack_dev';
const url = process.env.DATABASE_URL ?? DEFAULT_URL;
// Same lock id as Prisma's schema engine, so our runner and `prisma migrate deploy` exclude each other.
const ADVISORY_LOCK_ID = 72707369;

// Prisma's own DDL for the bookkeeping table (schema-engine sql-migration-connector, postgres flavour).
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
);`;

type LocalMigration = { name: string; sql: string; checksum: string };
type AppliedRow = {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  logs: string | null;
};

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

async function localMigrations(): Promise<LocalMigration[]> {
  if (!existsSync(MIGRATIONS)) return [];
  const dirs = (await readdir(MIGRATIONS, { withFileTypes: true }))
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  const out: LocalMigration[] = [];
  for (const name of dirs) {
    const file = path.join(MIGRATIONS, name, 'migration.sql');
    if (!existsSync(file)) continue;
    const sql = await readFile(file, 'utf8');
    out.push({ name, sql, checksum: sha256(sql) });
  }
  return out;
}

function client(connectionString = url) {
  return new pg.Client({ connectionString });
}

async function appliedRows(c: pg.Client): Promise<AppliedRow[]> {
  const exists = await c.query(`SELECT to_regclass('"_prisma_migrations"') AS t`);
  if (!exists.rows[0].t) return [];
  const r = await c.query<AppliedRow>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at, logs
       FROM "_prisma_migrations" ORDER BY started_at`,
  );
  return r.rows;
}

type Status = { pending: string[]; failed: string[]; edited: string[]; unknown: string[] };

function compare(local: LocalMigration[], rows: AppliedRow[]): Status {
  const live = rows.filter((r) => r.rolled_back_at === null);
  const done = new Map(live.filter((r) => r.finished_at).map((r) => [r.migration_name, r]));
  const localNames = new Set(local.map((m) => m.name));
  return {
    pending: local.filter((m) => !done.has(m.name)).map((m) => m.name),
    failed: live.filter((r) => !r.finished_at).map((r) => r.migration_name),
    edited: local.filter((m) => done.has(m.name) && done.get(m.name)!.checksum !== m.checksum).map((m) => m.name),
    unknown: [...done.keys()].filter((n) => !localNames.has(n)),
  };
}

async function migrate() {
  const local = await localMigrations();
  const c = client();
  await c.connect();
  try {
    await c.query('SELECT pg_advisory_lock($1)', [ADVISORY_LOCK_ID]);
    await c.query(CREATE_MIGRATIONS_TABLE);
    const st = compare(local, await appliedRows(c));
    if (st.failed.length)
      throw new Error(`failed migration(s) in the database: ${st.failed.join(', ')} (fix, then mark rolled back)`);
    if (st.edited.length) throw new Error(`migration(s) edited after being applied: ${st.edited.join(', ')}`);
    if (st.unknown.length) console.warn(`warning: applied migration(s) missing locally: ${st.unknown.join(', ')}`);
    for (const name of st.pending) {
      const m = local.find((l) => l.name === name)!;
      const id = randomUUID();
      await c.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
         VALUES ($1, $2, $3, now(), 0)`,
        [id, m.checksum, m.name],
      );
      try {
        // Simple-query protocol: the whole script runs as one implicit transaction, like Prisma.
        await c.query(m.sql);
      } catch (e) {
        await c.query(`UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1`, [id, String(e)]);
        throw new Error(`migration ${m.name} failed: ${(e as Error).message}`, { cause: e });
      }
      await c.query(`UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`, [id]);
      console.log(`applied ${m.name}`);
    }
    if (!st.pending.length) console.log(`${local.length} migration(s), database is up to date`);
  } finally {
    await c.query('SELECT pg_advisory_unlock($1)', [ADVISORY_LOCK_ID]).catch(() => {});
    await c.end();
  }
}

async function status(): Promise<number> {
  const c = client();
  await c.connect();
  try {
    const st = compare(await localMigrations(), await appliedRows(c));
    for (const [k, v] of Object.entries(st)) if (v.length) console.log(`${k}: ${v.join(', ')}`);
    const bad = st.pending.length + st.failed.length + st.edited.length;
    console.log(bad ? 'database is NOT up to date' : 'database is up to date');
    return bad ? 1 : 0;
  } finally {
    await c.end();
  }
}

async function createdb() {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.slice(1));
  u.pathname = '/postgres';
  const c = client(u.toString());
  await c.connect();
  try {
    const r = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (r.rowCount) console.log(`database ${name} exists`);
    else {
      await c.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
      console.log(`created database ${name}`);
    }
  } finally {
    await c.end();
  }
}

async function reset() {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!/_(test|dev)$/.test(name) && process.env.FORCE_RESET !== '1') {
    throw new Error(`refusing to reset ${name}; set FORCE_RESET=1`);
  }
  const c = client();
  await c.connect();
  try {
    await c.query('DROP SCHEMA IF EXISTS pgboss CASCADE; DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;');
  } finally {
    await c.end();
  }
  await migrate();
}

// ---- Prisma 6 wasm schema engine (tools/prisma-wasm) -------------------------------------------

async function prismaWasm(args: string[]) {
  const cli = path.join(TOOLS, 'node_modules/prisma/build/index.js');
  if (!existsSync(cli)) {
    const r = spawnSync('npm', ['ci', '--prefix', TOOLS, '--no-audit', '--no-fund'], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('npm ci in tools/prisma-wasm failed');
  }
  // Prisma 6 needs `url` in the datasource block, Prisma 7 forbids it: feed Prisma 6 a copy.
  const schema = await readFile(SCHEMA, 'utf8');
  const withUrl = schema.replace(
    /(datasource\s+\w+\s*\{[^}]*?provider\s*=\s*"postgresql")/,
    '$1\n  url      = env("DATABASE_URL")',
  );
  if (withUrl === schema) throw new Error('could not find datasource { provider = "postgresql" } in schema.prisma');
  const schemaCopy = path.join(TOOLS, '.schema.prisma');
  await writeFile(schemaCopy, withUrl);
  return spawnSync(process.execPath, [cli, ...args.map((a) => (a === '$SCHEMA' ? schemaCopy : a))], {
    cwd: TOOLS,
    encoding: 'utf8',
    env: {
      ...process.env,
      DATABASE_URL: url, // only used to CREATE/DROP a temporary shadow database on this server
      CHECKPOINT_DISABLE: '1',
      PRISMA_HIDE_UPDATE_MESSAGE: '1',
      // The CLI insists on locating native engines it never uses in engine: 'js' mode.
      PRISMA_QUERY_ENGINE_LIBRARY: process.env.PRISMA_QUERY_ENGINE_LIBRARY ?? '/bin/false',
      PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? '/bin/false',
    },
  });
}

function diffArgs(exitCode: boolean) {
  const a = ['migrate', 'diff', '--to-schema-datamodel', '$SCHEMA', '--script'];
  const hasMigrations = existsSync(MIGRATIONS) && existsSync(path.join(MIGRATIONS, 'migration_lock.toml'));
  a.push(...(hasMigrations ? ['--from-migrations', MIGRATIONS] : ['--from-empty']));
  if (exitCode) a.push('--exit-code');
  return a;
}

async function newMigration(name: string | undefined) {
  if (!name || !/^[a-z0-9_]+$/.test(name)) throw new Error('usage: db.ts new <snake_case_name>');
  const r = await prismaWasm(diffArgs(false));
  if (r.status !== 0) throw new Error(`prisma migrate diff failed:\n${r.stderr}\n${r.stdout}`);
  const sql = r.stdout;
  if (!sql.trim() || /^-- This is an empty migration\.?\s*$/.test(sql.trim())) {
    console.log('schema.prisma matches prisma/migrations: nothing to do');
    return;
  }
  const ts = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const dir = path.join(MIGRATIONS, `${ts}_${name}`);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'migration.sql'), sql);
  const lock = path.join(MIGRATIONS, 'migration_lock.toml');
  if (!existsSync(lock)) {
    await writeFile(
      lock,
      '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
    );
  }
  console.log(`wrote ${path.relative(ROOT, dir)}/migration.sql:\n${sql}`);
}

async function check(): Promise<number> {
  const r = await prismaWasm(diffArgs(true));
  if (r.status === 0) {
    console.log('prisma/migrations reproduce schema.prisma');
    return 0;
  }
  if (r.status === 2)
    console.error(`schema.prisma has changes without a migration; run \`npm run db:new -- <name>\`:\n${r.stdout}`);
  else console.error(r.stderr || r.stdout);
  return 1;
}

const [cmd, arg] = process.argv.slice(2);
let code = 0;
switch (cmd) {
  case 'migrate':
    await migrate();
    break;
  case 'status':
    code = await status();
    break;
  case 'new':
    await newMigration(arg);
    break;
  case 'check':
    code = await check();
    break;
  case 'createdb':
    await createdb();
    break;
  case 'reset':
    await reset();
    break;
  default:
    console.error('usage: node scripts/db.ts migrate|status|new <name>|check|createdb|reset');
    code = 2;
}
process.exitCode = code;
