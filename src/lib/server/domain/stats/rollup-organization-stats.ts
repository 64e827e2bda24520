// The statistics rollup (docs/rules/reports.md, Statistics): OrganizationStats, one UserStats row per user
// and the leaderboard, recomputed from the source rows. Idempotent: every row is rewritten from counts read
// now, never incremented, so running it twice leaves the same rows.
import type { PrismaClient } from '../../db/client.ts';
import { Prisma } from '../../db/client.ts';
import { createTenantDb } from '../../db/tenant.ts';
import { fillEfficiencies, meanPercent } from './fill-efficiency.ts';

type Input = { organizationId: string | '*'; now: Date };
export type OrgCounts = { userCount: number; itemCount: number; recipeCount: number; batchCount: number };

export async function rollupOrganizationStats(db: PrismaClient, input: Input) {
  const orgIds =
    input.organizationId === '*'
      ? (await db.organization.findMany({ select: { id: true }, orderBy: { createdAt: 'asc' } })).map((o) => o.id)
      : [input.organizationId];
  const results: ({ organizationId: string } & OrgCounts & Record<string, unknown>)[] = [];
  for (const organizationId of orgIds) {
    const counts = await countEntities(db, organizationId);
    const { org, users } = await computeProduction(db, organizationId);
    const computedAt = input.now;
    // One transaction: a reader sees the old rows or the new ones, never half of each.
    await db.$transaction([
      db.userStats.deleteMany({ where: { organizationId } }),
      db.userStats.createMany({ data: users.map((u) => ({ organizationId, ...u, computedAt })) }),
      db.organizationStats.upsert({
        where: { organizationId },
        create: { organizationId, ...counts, ...org, computedAt },
        update: { ...counts, ...org, computedAt },
      }),
    ]);
    results.push({
      organizationId,
      ...counts,
      batchesCompleted: org.batchesCompleted,
      users: users.length,
      topProducerUserId: org.topProducerUserId,
    });
  }
  return { organizations: results.length, results };
}

export async function countEntities(db: PrismaClient, organizationId: string): Promise<OrgCounts> {
  const [userCount, itemCount, recipeCount, batchCount] = await Promise.all([
    db.user.count({ where: { organizationId, isDeleted: false, userType: 'customer' } }),
    db.inventoryItem.count({ where: { organizationId, isArchived: false } }),
    db.recipe.count({ where: { organizationId, isArchived: false, testSequence: null } }),
    db.batch.count({ where: { organizationId } }),
  ]);
  return { userCount, itemCount, recipeCount, batchCount };
}

const STATUSES = ['in_progress', 'completed', 'failed', 'cancelled'] as const;
type UserRow = {
  userId: string;
  batchesTotal: number;
  batchesInProgress: number;
  batchesCompleted: number;
  batchesFailed: number;
  batchesCancelled: number;
  recipesMaster: number;
  recipesVariation: number;
  recipesTest: number;
  itemsCreated: number;
  adjustments: number;
  averageFillEfficiency: Prisma.Decimal | null;
};

/** Batches by status, recipes by kind, items created and hand adjustments per user, and the organization's totals. */
async function computeProduction(db: PrismaClient, organizationId: string) {
  const [members, batches, recipes, items, adjustments, tests, products, fills] = await Promise.all([
    db.user.findMany({ where: { organizationId, userType: 'customer' }, select: { id: true } }),
    db.batch.groupBy({ by: ['startedById', 'status'], where: { organizationId }, _count: { _all: true } }),
    db.$queryRaw<{ user_id: string; master: number; variation: number; test: number }[]>`
      SELECT created_by_id AS user_id,
             count(*) FILTER (WHERE test_sequence IS NULL AND is_master)::int AS master,
             count(*) FILTER (WHERE test_sequence IS NULL AND NOT is_master)::int AS variation,
             count(*) FILTER (WHERE test_sequence IS NOT NULL)::int AS test
        FROM recipes WHERE organization_id = ${organizationId} AND created_by_id IS NOT NULL GROUP BY 1`,
    db.inventoryItem.groupBy({ by: ['createdById'], where: { organizationId }, _count: { _all: true } }),
    // A hand adjustment: a movement a user posted, not one a batch or an order made, nor an item's opening stock.
    db.inventoryMovement.groupBy({
      by: ['actorId'],
      where: {
        organizationId,
        batchId: null,
        orderId: null,
        reservationId: null,
        actorId: { not: null },
        changeType: { not: 'initial_stock' },
      },
      _count: { _all: true },
    }),
    db.recipe.count({ where: { organizationId, isArchived: false, testSequence: { not: null } } }),
    db.product.count({ where: { organizationId } }),
    fillEfficiencies(createTenantDb(db, organizationId)),
  ]);
  const rows = new Map<string, UserRow>();
  const row = (userId: string) => {
    let r = rows.get(userId);
    if (!r) {
      r = {
        userId,
        batchesTotal: 0,
        batchesInProgress: 0,
        batchesCompleted: 0,
        batchesFailed: 0,
        batchesCancelled: 0,
        recipesMaster: 0,
        recipesVariation: 0,
        recipesTest: 0,
        itemsCreated: 0,
        adjustments: 0,
        averageFillEfficiency: null,
      };
      rows.set(userId, r);
    }
    return r;
  };
  for (const m of members) row(m.id);
  const byStatus = { in_progress: 0, completed: 0, failed: 0, cancelled: 0 };
  for (const b of batches) {
    const n = b._count._all;
    if ((STATUSES as readonly string[]).includes(b.status)) byStatus[b.status as keyof typeof byStatus] += n;
    if (!b.startedById) continue;
    const r = row(b.startedById);
    r.batchesTotal += n;
    if (b.status === 'in_progress') r.batchesInProgress += n;
    if (b.status === 'completed') r.batchesCompleted += n;
    if (b.status === 'failed') r.batchesFailed += n;
    if (b.status === 'cancelled') r.batchesCancelled += n;
  }
  for (const x of recipes)
    Object.assign(row(x.user_id), { recipesMaster: x.master, recipesVariation: x.variation, recipesTest: x.test });
  for (const x of items) if (x.createdById) row(x.createdById).itemsCreated = x._count._all;
  for (const x of adjustments) if (x.actorId) row(x.actorId).adjustments = x._count._all;
  for (const [userId, list] of groupBy(fills, (f) => f.startedById))
    if (userId) row(userId).averageFillEfficiency = meanPercent(list.map((f) => f.efficiency));

  const users = [...rows.values()].sort((a, b) => (a.userId < b.userId ? -1 : 1));
  // The leaderboard: most completed batches and most recipe tests; ties go to the lower user id, so a rerun
  // names the same user.
  const top = (key: 'batchesCompleted' | 'recipesTest') =>
    users.reduce<UserRow | null>((best, u) => (u[key] > 0 && (!best || u[key] > best[key]) ? u : best), null);
  const producer = top('batchesCompleted');
  const tester = top('recipesTest');
  const decided = byStatus.completed + byStatus.failed;
  return {
    users,
    org: {
      batchesInProgress: byStatus.in_progress,
      batchesCompleted: byStatus.completed,
      batchesFailed: byStatus.failed,
      batchesCancelled: byStatus.cancelled,
      testCount: tests,
      productCount: products,
      successRate: decided
        ? new Prisma.Decimal(byStatus.completed)
            .div(decided)
            .times(100)
            .toDecimalPlaces(2, Prisma.Decimal.ROUND_HALF_UP)
        : null,
      averageFillEfficiency: meanPercent(fills.map((f) => f.efficiency)),
      topProducerUserId: producer?.userId ?? null,
      topProducerBatches: producer?.batchesCompleted ?? 0,
      topTesterUserId: tester?.userId ?? null,
      topTesterTests: tester?.recipesTest ?? 0,
    },
  };
}

function groupBy<T, K>(list: T[], key: (t: T) => K): Map<K, T[]> {
  const m = new Map<K, T[]>();
  for (const t of list) m.set(key(t), [...(m.get(key(t)) ?? []), t]);
  return m;
}
