// Jobs: enqueued inside the caller's transaction, processed by the real worker process.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestEnv, resetData, type TestEnv } from '../helpers/db.ts';
import { startWorker as startTestWorker, stopWorkers, type TestWorker } from '../helpers/worker.ts';
import { callerFor, makeDeveloper, makeMember, makeOrg } from '../helpers/factories.ts';
import { withTransaction } from '../../src/lib/server/db/transaction.ts';
import { rollupOrganizationStats } from '../../src/lib/server/domain/stats/rollup-organization-stats.ts';
import { runJob } from '../../src/lib/server/jobs/run-job.ts';
import { AppError } from '../../src/lib/server/errors.ts';

let env: TestEnv;

/** The one worker of this file, started by the first test that needs it. */
let worker: TestWorker | undefined;
const workerLog = () => worker?.log() ?? '';
async function startWorker() {
  worker = await startTestWorker();
}

async function jobState(id: string): Promise<{ state: string; output: any }> {
  const rows = await env.db.$queryRawUnsafe<{ state: string; output: any }[]>(
    `SELECT state::text, output FROM pgboss.job WHERE id = $1::uuid`,
    id,
  );
  return rows[0]!;
}
/** Waits until no job is waiting or running (e.g. the rollups that creating an organization queues). */
async function drainJobs(ms = 15_000) {
  const end = Date.now() + ms;
  for (;;) {
    const rows = await env.db.$queryRawUnsafe<{ n: bigint }[]>(
      `SELECT count(*) n FROM pgboss.job WHERE state IN ('created','retry','active')`,
    );
    if (Number(rows[0]!.n) === 0) return;
    if (Date.now() > end) throw new Error(`jobs still pending\n${workerLog()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function waitForState(id: string, state: string, ms = 15_000) {
  const end = Date.now() + ms;
  for (;;) {
    const s = await jobState(id);
    if (s?.state === state) return s;
    if (Date.now() > end) throw new Error(`job ${id} is ${s?.state}, wanted ${state}\n${workerLog()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  env = await createTestEnv();
});
beforeEach(() => resetData(env.db));
afterAll(async () => {
  await stopWorkers('SIGTERM');
  await env.close();
});

describe('enqueue in the same transaction', () => {
  it('a rolled-back transaction leaves no job; a committed one leaves exactly one', async () => {
    const org = await makeOrg(env);
    await env.db.$executeRawUnsafe('DELETE FROM pgboss.job');
    await expect(
      withTransaction(env.db, async (tx) => {
        await env.services.jobs.enqueue(tx, 'stats.rollup', { organizationId: org.id });
        await tx.user.update({ where: { id: org.owner.id }, data: { phone: 'rolled back' } });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const count = async () =>
      Number(
        (
          await env.db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) n FROM pgboss.job WHERE name = 'stats.rollup'`)
        )[0]!.n,
      );
    expect(await count()).toBe(0);
    expect((await env.db.user.findUniqueOrThrow({ where: { id: org.owner.id } })).phone).toBeNull();
    await withTransaction(env.db, (tx) => env.services.jobs.enqueue(tx, 'stats.rollup', { organizationId: org.id }));
    expect(await count()).toBe(1);
  });

  it('refuses a payload without organizationId', async () => {
    await expect(
      withTransaction(env.db, (tx) => env.services.jobs.enqueue(tx, 'stats.rollup', {} as never)),
    ).rejects.toThrow();
  });
});

describe('the real worker', () => {
  beforeAll(startWorker, 30_000);

  it('runs stats.rollup into OrganizationStats, and running it twice changes nothing', async () => {
    const org = await makeOrg(env);
    await makeMember(env, org.id, 'viewer');
    await makeMember(env, org.id, 'admin');
    await makeMember(env, org.id, 'admin', { active: true }).then((u) =>
      env.db.user.update({ where: { id: u.id }, data: { isDeleted: true } }),
    );
    const dev = await callerFor(env, (await makeDeveloper(env)).id);
    await drainJobs();
    const first = await dev.dev.triggerRollup({ organizationId: org.id });
    expect(first.jobId).toBeTruthy();
    const done = await waitForState(first.jobId!, 'completed');
    expect(done.output).toMatchObject({
      organizations: 1,
      results: [{ organizationId: org.id, userCount: 3, itemCount: 0, recipeCount: 0, batchCount: 0 }],
    });
    const stats1 = await env.db.organizationStats.findUniqueOrThrow({ where: { organizationId: org.id } });
    expect(stats1.userCount).toBe(3);
    const second = await dev.dev.triggerRollup({ organizationId: org.id });
    await waitForState(second.jobId!, 'completed');
    const stats2 = await env.db.organizationStats.findUniqueOrThrow({ where: { organizationId: org.id } });
    expect({ ...stats2, computedAt: null }).toEqual({ ...stats1, computedAt: null });
    expect(await env.db.organizationStats.count()).toBe(1);
  });

  it("rolls up every organization with '*'", async () => {
    const a = await makeOrg(env);
    const b = await makeOrg(env);
    await makeMember(env, b.id, 'viewer');
    const dev = await callerFor(env, (await makeDeveloper(env)).id);
    await drainJobs();
    const { jobId } = await dev.dev.triggerRollup({ organizationId: '*' });
    await waitForState(jobId!, 'completed');
    const rows = await env.db.organizationStats.findMany();
    expect(Object.fromEntries(rows.map((r) => [r.organizationId, r.userCount]))).toEqual({ [a.id]: 1, [b.id]: 2 });
  });

  it('runs retention.sweep: a recipe queued 15 days ago is deleted (docs/rules/retention.md)', async () => {
    const solo = await makeOrg(env, { tierKey: 'solo' });
    const group = await env.db.recipeGroup.create({ data: { organizationId: solo.id, name: 'Old', prefix: 'OLD' } });
    const recipe = await env.db.recipe.create({
      data: { organizationId: solo.id, groupId: group.id, name: 'Old', createdAt: new Date('2020-01-01T00:00:00Z') },
    });
    await env.db.retentionDeletionQueue.create({
      data: {
        organizationId: solo.id,
        recipeId: recipe.id,
        recipeName: 'Old',
        status: 'queued',
        acknowledgedAt: new Date(Date.now() - 16 * 86_400_000),
        deleteAfterAt: new Date(Date.now() - 86_400_000),
      },
    });
    await drainJobs();
    const id = await withTransaction(env.db, (tx) =>
      env.services.jobs.enqueue(tx, 'retention.sweep', { organizationId: '*' }),
    );
    const done = await waitForState(id!, 'completed');
    expect(done.output).toMatchObject({ deleted: 1, canceled: 0 });
    expect(await env.db.recipe.count({ where: { id: recipe.id } })).toBe(0);
    expect(workerLog()).toContain('retention:');
  });

  it('runs batches.expire-timers: a running timer past its duration is expired', async () => {
    const org = await makeOrg(env);
    const group = await env.db.recipeGroup.create({ data: { organizationId: org.id, name: 'T', prefix: 'TMR' } });
    const recipe = await env.db.recipe.create({ data: { organizationId: org.id, groupId: group.id, name: 'T' } });
    const startedAt = new Date(Date.now() - 3600_000);
    const batch = await env.db.batch.create({
      data: {
        organizationId: org.id,
        recipeId: recipe.id,
        label: 'TMR-1',
        batchType: 'untracked',
        costMethod: 'fifo',
        yieldUnit: 'gram',
        scale: 1,
        planSnapshot: {},
        startedAt,
      },
    });
    const timer = (durationSeconds: number) =>
      env.db.batchTimer.create({
        data: { organizationId: org.id, batchId: batch.id, durationSeconds, startedAt, runningSince: startedAt },
      });
    const overdue = await timer(600);
    const running = await timer(7200);
    await drainJobs();
    const id = await withTransaction(env.db, (tx) =>
      env.services.jobs.enqueue(tx, 'batches.expire-timers', { organizationId: '*' }),
    );
    const done = await waitForState(id!, 'completed');
    expect(done.output).toMatchObject({ organizations: 1, expired: 1 });
    const after = await env.db.batchTimer.findMany({ where: { batchId: batch.id } });
    const byId = Object.fromEntries(after.map((t) => [t.id, [t.status, t.accumulatedSeconds]]));
    expect(byId).toEqual({ [overdue.id]: ['expired', 600], [running.id]: ['active', 0] });
  });
});

describe('job failures', () => {
  it('fails a business error for good, and the dashboard can retry or delete it', async () => {
    const dev = await callerFor(env, (await makeDeveloper(env)).id);
    // A job for an organization that no longer exists: its handler's upsert hits the foreign key.
    const ghost = '00000000-0000-4000-8000-000000000001';
    const id = await withTransaction(env.db, (tx) =>
      env.services.jobs.enqueue(tx, 'stats.rollup', { organizationId: ghost }),
    );
    // retryable errors are retried per the queue; jump to the final attempt to keep the test fast
    await env.db.$executeRawUnsafe(`UPDATE pgboss.job SET retry_limit = 0 WHERE id = $1::uuid`, id);
    await waitForState(id!, 'failed');
    const queues = await dev.dev.queues();
    expect(queues.find((q) => q.name === 'stats.rollup')!.failed).toBe(1);
    await dev.dev.retryJob({ queue: 'stats.rollup', jobId: id! });
    expect(['retry', 'created', 'active', 'failed']).toContain((await jobState(id!)).state);
    await waitForState(id!, 'failed');
    await expect(dev.dev.deleteJob({ queue: 'stats.rollup', jobId: id! })).resolves.toEqual({ ok: true });
    expect(await jobState(id!)).toBeUndefined();
  });

  it('the dashboard does not retry a failed job while the same work is queued or running', async () => {
    const dev = await callerFor(env, (await makeDeveloper(env)).id);
    const org = await makeOrg(env);
    await drainJobs();
    // A failed rollup for the organization, and the same rollup queued again behind it (for later, so the
    // running worker leaves it queued).
    const failed = await withTransaction(env.db, (tx) =>
      env.services.jobs.enqueue(tx, 'stats.rollup', { organizationId: org.id }),
    );
    await env.db.$executeRawUnsafe(
      `UPDATE pgboss.job SET state = 'failed', completed_on = now() WHERE id = $1::uuid`,
      failed,
    );
    const queued = await withTransaction(env.db, (tx) =>
      env.services.jobs.enqueue(tx, 'stats.rollup', { organizationId: org.id }),
    );
    await env.db.$executeRawUnsafe(
      `UPDATE pgboss.job SET start_after = now() + interval '1 hour' WHERE id = $1::uuid`,
      queued,
    );
    await expect(dev.dev.retryJob({ queue: 'stats.rollup', jobId: failed! })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: `The same job is already queued (${queued}); retrying would run it twice, so nothing was added.`,
    });
    expect((await jobState(failed!)).state).toBe('failed');
    // Once the queued one is gone, the retry goes ahead.
    await env.db.$executeRawUnsafe(`DELETE FROM pgboss.job WHERE id = $1::uuid`, queued);
    await expect(dev.dev.retryJob({ queue: 'stats.rollup', jobId: failed! })).resolves.toEqual({ ok: true });
    await waitForState(failed!, 'completed');
  });

  it('a domain AppError is not retried', async () => {
    // Queued for a later time so the running worker does not pick it up first.
    const id = await withTransaction(env.db, (tx) =>
      env.services.jobs.enqueue(tx, 'stats.rollup', { organizationId: '*' }),
    );
    await env.db.$executeRawUnsafe(
      `UPDATE pgboss.job SET retry_limit = 5, retry_count = 1, start_after = now() + interval '1 hour' WHERE id = $1::uuid`,
      id,
    );
    const deps = { db: env.db, boss: env.boss, now: env.clock.now, log: () => {}, services: env.services };
    const failing = {
      ...deps,
      db: new Proxy(env.db, {
        get: (t, k) =>
          k === 'organization'
            ? {
                findMany: () => {
                  throw new AppError('INVALID_STATE', 'nope');
                },
              }
            : (t as any)[k],
      }),
    };
    await expect(runJob(failing as never, 'stats.rollup', { id: id!, data: { organizationId: '*' } })).rejects.toThrow(
      'nope',
    );
    const row = await env.db.$queryRawUnsafe<{ retry_limit: number; retry_count: number }[]>(
      `SELECT retry_limit, retry_count FROM pgboss.job WHERE id = $1::uuid`,
      id,
    );
    expect(row[0]).toEqual({ retry_limit: 1, retry_count: 1 });
  });

  it('the domain function computes the same counts the job stores', async () => {
    const org = await makeOrg(env);
    const r = await rollupOrganizationStats(env.db, { organizationId: org.id, now: env.clock.now() });
    expect(r.results[0]!.userCount).toBe(1);
  });
});
