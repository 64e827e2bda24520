// The activity rollup through the real worker (docs/rules/jobs.md, inventory.log-movement): no job is
// enqueued per movement; the scheduled rollup finds the unlogged movements itself, in batches, and counts
// each exactly once, also with two workers running it at the same time while movements keep arriving.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, resetData, type TestEnv } from '../helpers/db.ts';
import { makeInventoryOrg, makeItem } from '../helpers/inventory.ts';
import { startWorker, stopWorkers, until } from '../helpers/worker.ts';
import { applyMovement } from '../../src/lib/server/domain/inventory/apply-movement.ts';
import { withTransaction } from '../../src/lib/server/db/transaction.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
  await resetData(env.db);
});
afterAll(async () => {
  await stopWorkers();
  await env.close();
});

async function figures(organizationId: string) {
  const [m] = await env.db.$queryRawUnsafe<{ total: bigint; unlogged: bigint }[]>(
    `SELECT count(*) total, count(*) FILTER (WHERE logged_at IS NULL) unlogged FROM inventory_movements WHERE organization_id = $1`,
    organizationId,
  );
  const [d] = await env.db.$queryRawUnsafe<{ counted: bigint | null; qty: string | null }[]>(
    `SELECT sum(movements) counted, sum(quantity)::text qty FROM inventory_activity_daily WHERE organization_id = $1`,
    organizationId,
  );
  return { total: Number(m!.total), unlogged: Number(m!.unlogged), counted: Number(d!.counted ?? 0), qty: d!.qty };
}

const rollup = (batchSize: number) =>
  withTransaction(env.db, (tx) =>
    env.services.jobs.enqueue(tx, 'inventory.log-movement', { organizationId: '*', batchSize }),
  );

describe('inventory.log-movement in the real worker', () => {
  it('counts every movement exactly once, with two workers rolling up while movements arrive', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const item = await makeItem(db, ctx, { openingQuantity: '1000', cost: '1' });
    const before = await env.db.$queryRawUnsafe<{ n: bigint }[]>(
      `SELECT count(*) n FROM pgboss.job WHERE name = 'inventory.log-movement'`,
    );
    const use = () => applyMovement(db, ctx, { itemId: item.id, changeType: 'use', quantity: '1' });
    for (let i = 0; i < 20; i++) await use();
    // The hot path enqueues nothing: the movements wait, unlogged, for the rollup.
    const after = await env.db.$queryRawUnsafe<{ n: bigint }[]>(
      `SELECT count(*) n FROM pgboss.job WHERE name = 'inventory.log-movement'`,
    );
    expect(Number(after[0]!.n)).toBe(Number(before[0]!.n));
    expect(await figures(org.id)).toMatchObject({ total: 21, unlogged: 21, counted: 0 });

    await startWorker();
    await startWorker();
    // Movements keep arriving while rollups in batches of 7 run on both workers at once.
    const load = (async () => {
      for (let i = 0; i < 12; i++) {
        await Promise.all(Array.from({ length: 10 }, use));
        await Promise.all([rollup(7), rollup(7), rollup(7)]);
      }
    })();
    await load;
    await rollup(7);
    const done = await until(
      'every movement logged',
      async () => {
        const f = await figures(org.id);
        return f.unlogged === 0 && f.counted === f.total ? f : null;
      },
      60_000,
    );
    // 1 opening lot of 1000 + 140 uses of 1.
    expect(done).toEqual({ total: 141, unlogged: 0, counted: 141, qty: '1140.000000' });
    // Running it again adds nothing.
    await Promise.all([rollup(7), rollup(1000)]);
    await until(
      'the extra rollups to finish',
      async () => {
        const r = await env.db.$queryRawUnsafe<{ n: bigint }[]>(
          `SELECT count(*) n FROM pgboss.job WHERE name = 'inventory.log-movement' AND state IN ('created', 'retry', 'active')`,
        );
        return Number(r[0]!.n) === 0;
      },
      30_000,
    );
    expect(await figures(org.id)).toEqual(done);
    const days = await env.db.inventoryActivityDaily.findMany({
      where: { organizationId: org.id },
      select: { changeType: true, movements: true, quantity: true },
      orderBy: { changeType: 'asc' },
    });
    expect(days.map((d) => [d.changeType, d.movements, d.quantity.toString()])).toEqual([
      ['initial_stock', 1, '1000'],
      ['use', 140, '140'],
    ]);
  }, 120_000);
});
