// Inventory ledger benchmark: `node scripts/bench/inventory.ts` (needs Postgres on 127.0.0.1:5432,
// pgbench, and a built app: `npm run build`). Prints figures; asserts nothing.
//   1. deductions per second, each touching 3 lots: 1 client, and 8 clients on 8 items
//   2. the same database's `pgbench -N` TPS (8 clients) and our ratio to it
//   3. deduction latency with 100 lots vs 100,000 lots of history on the item
//   4. SQL statements per deduction
//   5. HTTP inventory.adjust of the built app under autocannon at 1 and 8 connections on one item:
//      requests/s, p50/p99, then the invariant and that no acknowledged write was lost.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import autocannon from 'autocannon';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../../src/lib/server/db/generated/client.ts';
import { startBoss } from '../../src/lib/server/jobs/boss.ts';
import { createEnqueuer } from '../../src/lib/server/jobs/enqueue.ts';
import { createMailer } from '../../src/lib/server/integrations/mailer.ts';
import { createOrganizationWithOwner } from '../../src/lib/server/domain/orgs/create-organization.ts';
import { createTenantDb } from '../../src/lib/server/db/tenant.ts';
import { loadAccess } from '../../src/lib/server/auth/access.ts';
import { effectivePermissions } from '../../src/lib/server/auth/authorize.ts';
import { applyMovement } from '../../src/lib/server/domain/inventory/apply-movement.ts';
import { createItem } from '../../src/lib/server/domain/inventory/create-item.ts';
import { findInventoryDrift } from '../../src/lib/server/domain/inventory/verify.ts';
import { listItems } from '../../src/lib/server/domain/inventory/queries.ts';
import type { OrgCtx } from '../../src/lib/server/domain/context.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BASE = process.env.PGBASE ?? 'postgresql://postgres:postgres@127.0.0.1:5432';
const URL_ = `${BASE}/batchtrack_bench_test`;
const PGBENCH_DB = 'batchtrack_pgbench_test';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const env = { ...process.env, DATABASE_URL: URL_ };

function run(cmd: string, args: string[], extra: Record<string, string> = {}) {
  const r = spawnSync(cmd, args, { cwd: ROOT, env: { ...env, ...extra }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const ms = (n: number) => `${n.toFixed(2)} ms`;

console.log('# inventory bench: preparing', URL_);
run('node', ['scripts/db.ts', 'createdb']);
run('node', ['scripts/db.ts', 'reset']);
run('node', ['scripts/seed.ts']);

let statements = 0;
let statementLog: string[] = [];
const db = new PrismaClient({
  adapter: new PrismaPg({ connectionString: URL_, max: 12 }),
  log: [{ emit: 'event', level: 'query' }],
});
(db as unknown as { $on(e: 'query', cb: (e: { query: string }) => void): void }).$on('query', (e) => {
  statements++;
  statementLog.push(e.query.replace(/\s+/g, ' ').slice(0, 70));
});
const boss = await startBoss(URL_, { producerOnly: true });
const services = {
  now: () => new Date(),
  jobs: createEnqueuer(() => boss),
  mailer: createMailer(db, { VITEST: '1' }),
  appUrl: 'http://bench',
};
const created = await createOrganizationWithOwner(db, services, {
  organizationName: 'Bench Co',
  tierKey: 'enterprise',
  owner: { email: 'bench@example.com', username: 'bench', password: 'bench-password', firstName: 'B', lastName: 'C' },
});
const orgId = created.organization.id;
const access = await loadAccess(
  db,
  {
    id: created.user.id,
    username: 'bench',
    email: 'bench@example.com',
    userType: 'customer',
    organizationId: orgId,
    firstName: null,
    lastName: null,
  },
  null,
);
const ctx: OrgCtx = {
  ...services,
  organizationId: orgId,
  tierPermissions: access.tierPermissions,
  actor: {
    userId: created.user.id,
    userType: 'customer',
    isOwner: true,
    permissions: new Set(effectivePermissions(access)),
  },
};
const tdb = createTenantDb(db, orgId);

/** An item holding `lots` open lots of 1 g each, inserted in bulk (with their ledger events). */
async function itemWithLots(name: string, lots: number, depleted = 0) {
  const item = await createItem(tdb, ctx, { name, unit: 'gram' });
  await db.$executeRawUnsafe(
    `
    WITH l AS (
      INSERT INTO inventory_lots (id, organization_id, item_id, code, original_quantity, remaining_quantity, unit_cost, received_at, source_type, is_open)
      SELECT gen_random_uuid(), $1, $2, 'B' || substr(md5($2 || g::text), 1, 12), 1, CASE WHEN g <= $4 THEN 0 ELSE 1 END, 1 + (g % 3),
             now() - interval '1 day' + g * interval '1 millisecond', 'restock', g > $4
        FROM generate_series(1, $3::int + $4::int) g RETURNING id, remaining_quantity
    ), m AS (
      INSERT INTO inventory_movements (id, organization_id, item_id, change_type, quantity_delta) VALUES (gen_random_uuid(), $1, $2, 'restock', $3) RETURNING id
    )
    INSERT INTO inventory_events (id, organization_id, item_id, lot_id, movement_id, code, change_type, quantity_delta, unit_cost, valuation_method)
    SELECT gen_random_uuid(), $1, $2, l.id, m.id, 'BENCH', 'restock', l.remaining_quantity, 1, 'fifo' FROM l, m`,
    orgId,
    item.id,
    lots,
    depleted,
  );
  await db.$executeRawUnsafe(`UPDATE inventory_items SET quantity = $2 WHERE id = $1`, item.id, lots);
  return item.id;
}

async function deductLoop(itemId: string, seconds: number, latencies: number[]) {
  const end = Date.now() + seconds * 1000;
  let n = 0;
  while (Date.now() < end) {
    const t = performance.now();
    await applyMovement(tdb, ctx, { itemId, changeType: 'use', quantity: '3' });
    latencies.push(performance.now() - t);
    n++;
  }
  return n;
}

// 1. Throughput
const lotsNeeded = 3 * 2000 * Math.ceil(SECONDS / 4);
const single = await itemWithLots('single', lotsNeeded);
const lat1: number[] = [];
const n1 = await deductLoop(single, SECONDS, lat1);
const tps1 = n1 / SECONDS;
const items8 = await Promise.all(Array.from({ length: 8 }, (_, i) => itemWithLots(`c${i}`, lotsNeeded / 2)));
const lat8: number[] = [];
const n8 = (await Promise.all(items8.map((id) => deductLoop(id, SECONDS, lat8)))).reduce((a, b) => a + b, 0);
const tps8 = n8 / SECONDS;

// 2. pgbench -N on the same server
let pgbenchTps = NaN;
try {
  spawnSync('dropdb', ['-h', '127.0.0.1', '-U', 'postgres', '--if-exists', PGBENCH_DB], {
    env: { ...process.env, PGPASSWORD: 'postgres' },
  });
  run('createdb', ['-h', '127.0.0.1', '-U', 'postgres', PGBENCH_DB], { PGPASSWORD: 'postgres' });
  run('pgbench', ['-h', '127.0.0.1', '-U', 'postgres', '-i', '-s', '8', '-q', PGBENCH_DB], { PGPASSWORD: 'postgres' });
  const out = run(
    'pgbench',
    ['-h', '127.0.0.1', '-U', 'postgres', '-N', '-c', '8', '-j', '2', '-T', String(SECONDS), PGBENCH_DB],
    { PGPASSWORD: 'postgres' },
  );
  pgbenchTps = Number(out.match(/tps = ([\d.]+)/)?.[1]);
} catch (e) {
  console.log(`pgbench unavailable: ${(e as Error).message.split('\n')[0]}`);
}

// 3. Latency: 100 open lots vs 100 open lots behind 99,900 depleted ones
async function latencyOf(itemId: string, count: number) {
  const xs: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    await applyMovement(tdb, ctx, { itemId, changeType: 'use', quantity: '3' });
    xs.push(performance.now() - t);
  }
  return xs;
}
const small = await itemWithLots('hundred', 100);
const big = await itemWithLots('hundred-thousand', 100, 99_900);
await latencyOf(small, 5);
await latencyOf(big, 5);
const latSmall = await latencyOf(small, 25);
const latBig = await latencyOf(big, 25);

// 4. Statements per deduction (Prisma's query log: every SQL statement sent, BEGIN/COMMIT included)
statements = 0;
statementLog = [];
await applyMovement(tdb, ctx, { itemId: small, changeType: 'use', quantity: '3' });
const perDeduction = statements;
const perDeductionLog = statementLog.map((q, i) => `  ${i + 1}. ${q}`).join('\n');

// 4b. The inventory list with 10,000 items: first page by name, a search, the low-stock filter
await db.$executeRawUnsafe(
  `
  INSERT INTO inventory_items (id, organization_id, name, item_type, unit, quantity, cost_per_unit, low_stock_threshold, updated_at)
  SELECT gen_random_uuid(), $1, 'Bulk item ' || lpad(g::text, 5, '0'), (ARRAY['ingredient','container','consumable','packaging'])[1 + g % 4],
         'gram', 0, 1, CASE WHEN g % 10 = 0 THEN 5 END, now()
    FROM generate_series(1, 10000) g`,
  orgId,
);
async function timeList(input: Parameters<typeof listItems>[2]) {
  const xs: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    await listItems(tdb, ctx, input);
    xs.push(performance.now() - t);
  }
  return pct(xs, 50);
}
const listByName = await timeList({ sort: 'name', pageSize: 50 });
const listSearch = await timeList({ search: 'item 0421', pageSize: 50 });
const listLow = await timeList({ filter: 'low_stock', pageSize: 50 });
const listByQty = await timeList({
  itemType: 'container',
  sort: 'quantity',
  direction: 'desc',
  page: 20,
  pageSize: 50,
});

// 5. HTTP under load
const PORT = 4199;
const server = spawn(process.execPath, ['build/index.js'], {
  cwd: ROOT,
  env: {
    ...env,
    PORT: String(PORT),
    HOST: '127.0.0.1',
    ORIGIN: `http://127.0.0.1:${PORT}`,
    NODE_ENV: 'production',
    COOKIE_SECURE: 'false',
  },
  stdio: 'ignore',
});
const base = `http://127.0.0.1:${PORT}`;
for (let i = 0; i < 100; i++) {
  try {
    if ((await fetch(`${base}/login`)).ok) break;
  } catch {
    /* starting */
  }
  await new Promise((r) => setTimeout(r, 200));
}
// tRPC mutations must carry the app's Origin (src/lib/server/http/hardening.ts), as a browser's do.
const signIn = await fetch(`${base}/api/trpc/auth.signIn`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', origin: base },
  body: JSON.stringify({ json: { identifier: 'bench', password: 'bench-password' } }),
});
const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
const httpItem = (await createItem(tdb, ctx, { name: 'http', unit: 'gram', openingQuantity: '10000000', cost: '1' }))
  .id;
async function load(connections: number) {
  let acknowledged = 0;
  const result = (await autocannon({
    url: `${base}/api/trpc/inventory.adjust`,
    method: 'POST',
    connections,
    duration: SECONDS,
    headers: { 'content-type': 'application/json', origin: base, cookie },
    body: JSON.stringify({ json: { itemId: httpItem, changeType: 'use', quantity: '1' } }),
    setupClient: (client: any) =>
      client.on('response', (status: number) => {
        if (status === 200) acknowledged++;
      }),
  } as never)) as unknown as {
    requests: { average: number };
    latency: { p50: number; p99: number };
    non2xx: number;
    errors: number;
  };
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    acknowledged,
  };
}
const before = Number((await db.inventoryItem.findUniqueOrThrow({ where: { id: httpItem } })).quantity);
const h1 = await load(1);
const h8 = await load(8);
server.kill('SIGTERM');
const after = Number((await db.inventoryItem.findUniqueOrThrow({ where: { id: httpItem } })).quantity);
const drift = await findInventoryDrift(db, orgId);
const acked = h1.acknowledged + h8.acknowledged;
const dropped = before - after;
// Lost = acknowledged (HTTP 200) but not in the books. The opposite (applied, response not counted) is a
// request still in flight when the load generator stopped.
const lost = Math.max(0, acked - dropped);
const inFlight = Math.max(0, dropped - acked);

console.log(`
## Inventory ledger benchmark (${SECONDS}s per phase, 2-core machine)
deductions/s, 3 lots each, 1 client:        ${tps1.toFixed(1)}  (p50 ${ms(pct(lat1, 50))}, p99 ${ms(pct(lat1, 99))})
deductions/s, 3 lots each, 8 clients:       ${tps8.toFixed(1)}  (p50 ${ms(pct(lat8, 50))}, p99 ${ms(pct(lat8, 99))})
pgbench -N TPS, 8 clients, same server:      ${pgbenchTps.toFixed(1)}
ratio deductions(8 clients) / pgbench -N:    ${(tps8 / pgbenchTps).toFixed(3)}
latency, 100 lots on the item:               p50 ${ms(pct(latSmall, 50))}, p99 ${ms(pct(latSmall, 99))}
latency, 100,000 lots (99,900 depleted):     p50 ${ms(pct(latBig, 50))}, p99 ${ms(pct(latBig, 99))}
SQL statements per deduction:                ${perDeduction} (as logged by Prisma, the job enqueue included):
${perDeductionLog}
inventory list, 10,000 items (p50 of 20):   by name ${ms(listByName)}, search ${ms(listSearch)}, low stock ${ms(listLow)}, type+qty page 20 ${ms(listByQty)}
HTTP inventory.adjust, 1 connection:         ${h1.rps.toFixed(1)} req/s, p50 ${h1.p50} ms, p99 ${h1.p99} ms, non-2xx ${h1.non2xx}, errors ${h1.errors}
HTTP inventory.adjust, 8 connections:        ${h8.rps.toFixed(1)} req/s, p50 ${h8.p50} ms, p99 ${h8.p99} ms, non-2xx ${h8.non2xx}, errors ${h8.errors}
after load: acknowledged ${acked}, on-hand dropped by ${dropped}, acknowledged writes lost: ${lost}, applied but cut off before the response: ${inFlight}, items drifting: ${drift.length}
`);
await boss.stop({ graceful: false });
await db.$disconnect();
process.exit(0);
