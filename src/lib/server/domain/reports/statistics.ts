// The statistics page (docs/rules/reports.md, Statistics): what the last stats.rollup wrote for the
// organization, its users and the leaderboard, and a rollup on demand.
import type { TenantDb } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';

const num = (v: { toString(): string } | null) => (v === null ? null : v.toString());

export async function getStatistics(db: TenantDb, _ctx: OrgCtx) {
  const [org, users] = await Promise.all([
    db.organizationStats.findFirst({}),
    db.userStats.findMany({ orderBy: [{ batchesCompleted: 'desc' }, { userId: 'asc' }] }),
  ]);
  const people = await db.user.findMany({
    where: {
      id: { in: [...users.map((u) => u.userId), org?.topProducerUserId, org?.topTesterUserId].filter((x): x is string => !!x) },
    },
    select: { id: true, username: true, firstName: true, lastName: true },
  });
  const nameOf = (id: string | null) => {
    const p = people.find((x) => x.id === id);
    return p ? [p.firstName, p.lastName].filter(Boolean).join(' ') || p.username : null;
  };
  if (!org) return { computedAt: null, organization: null, leaderboard: null, users: [] };
  return {
    computedAt: org.computedAt,
    organization: {
      users: org.userCount,
      items: org.itemCount,
      recipes: org.recipeCount,
      tests: org.testCount,
      products: org.productCount,
      batches: {
        total: org.batchCount,
        inProgress: org.batchesInProgress,
        completed: org.batchesCompleted,
        failed: org.batchesFailed,
        cancelled: org.batchesCancelled,
      },
      successRate: num(org.successRate),
    },
    leaderboard: {
      mostProductive: org.topProducerUserId
        ? { userId: org.topProducerUserId, name: nameOf(org.topProducerUserId), batches: org.topProducerBatches }
        : null,
      mostTests: org.topTesterUserId
        ? { userId: org.topTesterUserId, name: nameOf(org.topTesterUserId), tests: org.topTesterTests }
        : null,
      averageFillEfficiency: num(org.averageFillEfficiency),
    },
    users: users.map((u) => ({
      userId: u.userId,
      name: nameOf(u.userId),
      batches: {
        total: u.batchesTotal,
        inProgress: u.batchesInProgress,
        completed: u.batchesCompleted,
        failed: u.batchesFailed,
        cancelled: u.batchesCancelled,
      },
      recipes: { master: u.recipesMaster, variation: u.recipesVariation, test: u.recipesTest },
      itemsCreated: u.itemsCreated,
      adjustments: u.adjustments,
      averageFillEfficiency: num(u.averageFillEfficiency),
    })),
  };
}

/** Queues a rollup of this organization now (the hourly schedule does the rest). */
export async function refreshStatistics(db: TenantDb, ctx: OrgCtx) {
  await db.$transaction((tx) => ctx.jobs.enqueue(tx, 'stats.rollup', { organizationId: ctx.organizationId }));
  return { queued: true };
}
