// Statistics rollups through the real worker (docs/rules/reports.md, Statistics): UserStats, the richer
// OrganizationStats and the leaderboard, computed from the source rows, the same rows on a second run; and
// the daily freshness snapshot run by the worker. reports.advanced gates both reports.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestEnv, resetData, type TestEnv } from '../helpers/db.ts';
import { TEST_DATABASE_URL } from '../helpers/env.ts';
import { makeInventoryOrg, makeItem, orgContext } from '../helpers/inventory.ts';
import { callerFor, makeMember } from '../helpers/factories.ts';
import { makeRecipe } from '../helpers/production.ts';
import { applyMovement } from '../../src/lib/server/domain/inventory/apply-movement.ts';
import { withTransaction } from '../../src/lib/server/db/transaction.ts';

let env: TestEnv;
let worker: ChildProcess | undefined;
let log = '';

beforeAll(async () => {
  env = await createTestEnv();
  await resetData(env.db);
  worker = spawn(process.execPath, ['worker/index.ts'], {
    env: { ...process.env, DATABASE_URL: TEST_DATABASE_URL, WORKER_SCHEDULES: 'off', WORKER_POLL_SECONDS: '0.5' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`worker not ready:\n${log}`)), 30_000);
    worker!.stdout!.on('data', (c: Buffer) => {
      log += c.toString();
      if (log.includes('[worker] ready')) {
        clearTimeout(t);
        resolve();
      }
    });
    worker!.stderr!.on('data', (c: Buffer) => (log += c.toString()));
  });
}, 60_000);
beforeEach(() => resetData(env.db));
afterAll(async () => {
  if (worker && worker.exitCode === null) {
    const exited = new Promise((r) => worker!.once('exit', r));
    worker.kill('SIGTERM');
    await exited;
  }
  await env.close();
});

async function drain(ms = 20_000) {
  const end = Date.now() + ms;
  for (;;) {
    const [row] = await env.db.$queryRawUnsafe<{ n: bigint; failed: bigint }[]>(
      `SELECT count(*) FILTER (WHERE state IN ('created','retry','active')) n,
              count(*) FILTER (WHERE state = 'failed') failed FROM pgboss.job`,
    );
    if (Number(row!.failed)) throw new Error(`a job failed\n${log}`);
    if (Number(row!.n) === 0) return;
    if (Date.now() > end) throw new Error(`jobs still pending\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const DAY = 86_400_000;

describe('stats.rollup', () => {
  it('counts per user and for the organization, names the leaders, and a second run writes the same rows', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const ownerId = org.owner.id;
    const member = await makeMember(env, org.id, 'admin');
    const m = await orgContext(env, org.id, member.id);

    // Items and hand adjustments: the owner creates two items and adjusts twice, the member one and once.
    const oil = await makeItem(db, ctx, { name: 'Oil', openingQuantity: '1000' });
    const jar = await makeItem(db, ctx, {
      name: 'Jar',
      itemType: 'container',
      unit: 'count',
      capacity: '100',
      capacityUnit: 'ml',
    });
    await applyMovement(db, ctx, { itemId: oil.id, changeType: 'use', quantity: '10' });
    await applyMovement(db, ctx, { itemId: oil.id, changeType: 'spoil', quantity: '5' });
    await makeItem(m.db, m.ctx, { name: 'Lye' });
    await applyMovement(m.db, m.ctx, { itemId: oil.id, changeType: 'restock', quantity: '20', unitCost: '0.01' });

    // Recipes by kind: the owner a master and a variation, the member two tests.
    const master = await makeRecipe(env, org.id, { name: 'Soap', yieldUnit: 'ml', lines: [] });
    const variation = await makeRecipe(env, org.id, { name: 'Soap lavender', isMaster: false, lines: [] });
    const t1 = await makeRecipe(env, org.id, { name: 'Soap - Test 1', testSequence: 1, lines: [] });
    const t2 = await makeRecipe(env, org.id, { name: 'Soap - Test 2', testSequence: 2, lines: [] });
    await env.db.recipe.updateMany({
      where: { id: { in: [master.id, variation.id] } },
      data: { createdById: ownerId },
    });
    await env.db.recipe.updateMany({ where: { id: { in: [t1.id, t2.id] } }, data: { createdById: member.id } });

    // Batches: the owner 3 completed and 1 failed, the member 1 completed, 1 cancelled, 1 in progress.
    let n = 0;
    const batch = async (startedById: string, status: string, extra: Record<string, unknown> = {}) =>
      env.db.batch.create({
        data: {
          organizationId: org.id,
          recipeId: master.id,
          label: `SOAP-${++n}`,
          batchType: 'product',
          status,
          scale: 1,
          planSnapshot: {},
          costMethod: 'fifo',
          yieldUnit: 'ml',
          startedById,
          startedAt: new Date(),
          ...extra,
        },
      });
    const jars = (batchId: string, count: number, reason: string | null = null) =>
      env.db.batchLine.create({
        data: {
          organizationId: org.id,
          batchId,
          kind: 'container',
          reason,
          isExtra: reason !== null,
          itemId: jar.id,
          quantity: count,
          unit: 'count',
          itemQuantity: count,
          totalCost: 0,
        },
      });
    // 10 jars of 100 ml filled with 950 ml: 95 %. 5 jars taken, 1 returned, 420 ml made: 4 full jars, 100 %.
    const a = await batch(ownerId, 'completed', { finalQuantity: '950', outputUnit: 'ml' });
    await jars(a.id, 10);
    await jars(a.id, 2, 'damaged'); // broken jars hold nothing
    await batch(ownerId, 'completed', { finalQuantity: '500', outputUnit: 'ml' });
    await batch(ownerId, 'completed', { finalQuantity: '500', outputUnit: 'ml' });
    await batch(ownerId, 'failed');
    const b = await batch(member.id, 'completed', { finalQuantity: '420', outputUnit: 'ml' });
    await jars(b.id, 5);
    await jars(b.id, -1, 'returned');
    await batch(member.id, 'cancelled');
    await batch(member.id, 'in_progress');

    const owner = await callerFor(env, ownerId);
    await drain();
    await owner.reports.refreshStatistics();
    await drain();
    const stats = await owner.reports.statistics();
    expect(stats.organization).toEqual({
      users: 2,
      items: 3,
      recipes: 2,
      tests: 2,
      products: 0,
      batches: { total: 7, inProgress: 1, completed: 4, failed: 1, cancelled: 1 },
      successRate: '80',
    });
    expect(stats.leaderboard).toEqual({
      mostProductive: { userId: ownerId, name: expect.any(String), batches: 3 },
      mostTests: { userId: member.id, name: expect.any(String), tests: 2 },
      averageFillEfficiency: '97.5',
    });
    const byUser = Object.fromEntries(stats.users.map((u) => [u.userId, u]));
    expect(byUser[ownerId]).toMatchObject({
      batches: { total: 4, inProgress: 0, completed: 3, failed: 1, cancelled: 0 },
      recipes: { master: 1, variation: 1, test: 0 },
      itemsCreated: 2,
      adjustments: 2,
      averageFillEfficiency: '95',
    });
    expect(byUser[member.id]).toMatchObject({
      batches: { total: 3, inProgress: 1, completed: 1, failed: 0, cancelled: 1 },
      recipes: { master: 0, variation: 0, test: 2 },
      itemsCreated: 1,
      adjustments: 1,
      averageFillEfficiency: '100',
    });

    // Idempotent: a second run rewrites the same rows.
    const rows = async () => ({
      org: {
        ...(await env.db.organizationStats.findUniqueOrThrow({ where: { organizationId: org.id } })),
        computedAt: 0,
      },
      users: (await env.db.userStats.findMany({ where: { organizationId: org.id }, orderBy: { userId: 'asc' } })).map(
        ({ id: _id, computedAt: _at, ...r }) => r,
      ),
    });
    const before = await rows();
    await withTransaction(env.db, (tx) => env.services.jobs.enqueue(tx, 'stats.rollup', { organizationId: org.id }));
    await drain();
    expect(await rows()).toEqual(before);
  }, 60_000);
});

describe('inventory.freshness-snapshot', () => {
  it('the worker records today’s freshness of the open lots, weighted by value', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const now = Date.now();
    const milk = await makeItem(db, ctx, { name: 'Milk' });
    const honey = await makeItem(db, ctx, { name: 'Honey' });
    const restock = (itemId: string, quantity: string, unitCost: string, received: number, expires: number) =>
      applyMovement(db, ctx, {
        itemId,
        changeType: 'restock',
        quantity,
        unitCost,
        receivedAt: new Date(now + received * DAY).toISOString(),
        expiresAt: new Date(now + expires * DAY).toISOString(),
      });
    await restock(milk.id, '100', '0.1', -2, 8); // $10 at 80 %
    await restock(honey.id, '50', '0.6', -30, 10); // $30 at 25 %
    await drain();
    await withTransaction(env.db, (tx) =>
      env.services.jobs.enqueue(tx, 'inventory.freshness-snapshot', { organizationId: org.id }),
    );
    await drain();
    const [row] = await env.db.freshnessSnapshot.findMany({ where: { organizationId: org.id } });
    // (80 × 10 + 25 × 30) ÷ 40 = 38.75 → 38.8 %
    expect(row!.freshnessPercent!.toString()).toBe('38.8');
    expect(row!.day).toBe(new Date().toISOString().slice(0, 10));
    expect(row!.lotCount).toBe(2);
  }, 60_000);
});

describe('reports.advanced', () => {
  it('freshness and statistics need reports.advanced; the per-recipe and per-ingredient reports do not', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const oil = await makeItem(db, ctx, { name: 'Oil' });
    // A role with reports.view only.
    const owner = await callerFor(env, org.owner.id);
    const role = await owner.roles.create({ name: 'analyst', permissions: ['reports.view', 'inventory.view'] });
    const analyst = await makeMember(env, org.id, 'viewer');
    await owner.team.setRole({ userId: analyst.id, roleId: role.id });
    const caller = await callerFor(env, analyst.id);
    await expect(caller.reports.ingredient({ itemId: oil.id })).resolves.toMatchObject({ item: { name: 'Oil' } });
    await expect(caller.reports.freshness({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(caller.reports.statistics()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(caller.reports.refreshStatistics()).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
