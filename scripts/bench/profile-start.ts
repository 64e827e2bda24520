// Profile of one batch start: `node scripts/bench/profile-start.ts` (Postgres on 127.0.0.1:5432). Times every
// statement the pg driver sends during warm starts of the production bench's 10-line recipe and prints
// them in order, with the round trips and the time inside and between statements. Asserts nothing.
import pg from 'pg';
import { startBatch } from '../../src/lib/server/domain/batches/start-batch.ts';
import { benchRecipe } from './production.ts';
import { benchOrg, connect, prepareDatabase } from './setup.ts';

type Entry = { sql: string; ms: number; at: number };
let log: Entry[] | null = null;
const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
const original = proto.query;
proto.query = function (this: unknown, ...args: unknown[]) {
  const first = args[0] as string | { text?: string };
  const sql = typeof first === 'string' ? first : (first?.text ?? '?');
  const t = performance.now();
  const out = original.apply(this, args) as Promise<unknown> | undefined;
  if (log && out && typeof (out as Promise<unknown>).then === 'function') {
    const entry = { sql, ms: 0, at: t };
    log.push(entry);
    (out as Promise<unknown>).then(
      () => (entry.ms = performance.now() - t),
      () => (entry.ms = performance.now() - t),
    );
  }
  return out;
};

const url = prepareDatabase('batchtrack_bench_profile_test');
const b = await connect(url, 4);
const org = await benchOrg(b, `profile${Date.now() % 100000}`);
const { recipe, jar } = await benchRecipe(b, org);
const start = () =>
  startBatch(org.tdb, org.ctx, {
    recipeId: recipe.id,
    batchType: 'product',
    containers: [{ itemId: jar.id, quantity: 10 }],
  });
for (let i = 0; i < 5; i++) await start();
const runs = Number(process.env.RUNS ?? 5);
// CPU=1: a CPU profile of the timed starts, its self time summed by function (top 25).
const session = process.env.CPU ? new (await import('node:inspector/promises')).Session() : null;
if (session) {
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
}
for (let r = 0; r < runs; r++) {
  log = [];
  const t0 = performance.now();
  await start();
  const total = performance.now() - t0;
  const entries = log;
  log = null;
  const inSql = entries.reduce((s, e) => s + e.ms, 0);
  if (r === runs - 1) {
    for (const e of entries)
      console.log(
        `${(e.at - t0).toFixed(1).padStart(6)} +${e.ms.toFixed(2).padStart(6)}  ${e.sql.replace(/\s+/g, ' ').slice(0, 150)}`,
      );
  }
  console.log(
    `start ${total.toFixed(1)} ms: ${entries.length} statements, ${inSql.toFixed(1)} ms in them, ${(total - inSql).toFixed(1)} ms outside`,
  );
}
if (session) {
  type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount: number };
  const { profile } = (await session.post('Profiler.stop')) as unknown as {
    profile: { nodes: Node[]; samples: number[]; timeDeltas: number[] };
  };
  const self = new Map<string, number>();
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  profile.samples.forEach((id, k) => {
    const f = byNode.get(id)!.callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url.replace(/.*node_modules\//, '').replace(/.*\/work\/main\//, '')}:${f.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[k] ?? 0) / 1000);
  });
  const byPkg = new Map<string, number>();
  for (const [k, v] of self) {
    const pkg = k
      .split(' ')[1]!
      .split('/')
      .slice(0, k.includes('@') ? 2 : 1)
      .join('/');
    byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + v);
  }
  const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
  for (const [k, v] of top(byPkg, 15)) console.log(`${(v / runs).toFixed(2).padStart(7)} ms/start  ${k}`);
  for (const [k, v] of top(self, 25)) console.log(`${(v / runs).toFixed(2).padStart(7)} ms/start  ${k}`);
}
await b.close();
process.exit(0);
