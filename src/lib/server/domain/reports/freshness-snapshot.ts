// The daily freshness snapshot (docs/rules/reports.md, Freshness): per organization, the % of shelf life
// left of its open lots, weighted by their remaining value. Run by inventory.freshness-snapshot; the day's
// row is recomputed from the lots, so a rerun the same day writes the same row.
import type { PrismaClient } from '../../db/client.ts';
import { Prisma } from '../../db/client.ts';
import { createTenantDb, type TenantDb } from '../../db/tenant.ts';
import { expiryOf, lotFreshness, weightedFreshness } from './freshness-rules.ts';

type Input = { organizationId: string | '*'; now: Date };

export async function snapshotFreshness(db: PrismaClient, input: Input) {
  const orgIds =
    input.organizationId === '*'
      ? (await db.organization.findMany({ select: { id: true }, orderBy: { createdAt: 'asc' } })).map((o) => o.id)
      : [input.organizationId];
  const day = input.now.toISOString().slice(0, 10);
  const results = [];
  for (const organizationId of orgIds) {
    const s = await measureFreshness(createTenantDb(db, organizationId), input.now);
    const data = {
      freshnessPercent: s.freshnessPercent,
      lotCount: s.lotCount,
      totalValue: s.totalValue,
      expiredValue: s.expiredValue,
      computedAt: input.now,
    };
    await db.freshnessSnapshot.upsert({
      where: { organizationId_day: { organizationId, day } },
      create: { organizationId, day, ...data },
      update: data,
    });
    results.push({ organizationId, day, freshnessPercent: s.freshnessPercent?.toString() ?? null });
  }
  return { organizations: results.length, results };
}

/** The freshness of the organization's open lots that have an expiry (their own, or from the item's shelf life). */
export async function measureFreshness(db: TenantDb, now: Date) {
  const lots = await db.inventoryLot.findMany({
    where: { isOpen: true, remainingQuantity: { gt: 0 } },
    select: {
      receivedAt: true,
      expiresAt: true,
      remainingValue: true,
      item: { select: { isPerishable: true, shelfLifeDays: true } },
    },
  });
  const parts: { freshness: Prisma.Decimal; weight: Prisma.Decimal }[] = [];
  for (const l of lots) {
    const expiry = expiryOf(l, l.item);
    if (expiry) parts.push({ freshness: lotFreshness(l.receivedAt, expiry, now), weight: l.remainingValue });
  }
  const sum = (ps: typeof parts) => ps.reduce((s, p) => s.plus(p.weight), new Prisma.Decimal(0));
  return {
    lotCount: parts.length,
    freshnessPercent: weightedFreshness(parts),
    totalValue: sum(parts),
    expiredValue: sum(parts.filter((p) => p.freshness.isZero())),
  };
}
