import type { PrismaClient } from '../../db/client.ts';

type Input = { organizationId: string | '*'; now: Date };
export type OrgCounts = { userCount: number; itemCount: number; recipeCount: number; batchCount: number };

/**
 * Recomputes OrganizationStats from the source tables. Idempotent: it overwrites the row with
 * counts read now, so running it twice leaves the same row.
 */
export async function rollupOrganizationStats(db: PrismaClient, input: Input) {
  const orgIds =
    input.organizationId === '*'
      ? (await db.organization.findMany({ select: { id: true }, orderBy: { createdAt: 'asc' } })).map((o) => o.id)
      : [input.organizationId];
  const results: ({ organizationId: string } & OrgCounts)[] = [];
  for (const organizationId of orgIds) {
    const counts = await countEntities(db, organizationId);
    await db.organizationStats.upsert({
      where: { organizationId },
      create: { organizationId, ...counts, computedAt: input.now },
      update: { ...counts, computedAt: input.now },
    });
    results.push({ organizationId, ...counts });
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
