// The freshness report (docs/rules/reports.md, Freshness): the daily snapshots of the last `days` days,
// and the freshness of the open lots now, computed the way the snapshot job computes it.
import type { z } from 'zod';
import type { TenantDb } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { FreshnessReportInputSchema } from '../../../shared/schemas/reports.ts';
import { measureFreshness } from './freshness-snapshot.ts';

const DAY = 86_400_000;

export async function freshnessReport(db: TenantDb, ctx: OrgCtx, raw: z.input<typeof FreshnessReportInputSchema>) {
  const { days } = FreshnessReportInputSchema.parse(raw);
  const now = ctx.now();
  const from = new Date(now.getTime() - (days - 1) * DAY).toISOString().slice(0, 10);
  const [rows, current] = await Promise.all([
    db.freshnessSnapshot.findMany({
      where: { day: { gte: from } },
      select: { day: true, freshnessPercent: true, lotCount: true, totalValue: true, expiredValue: true },
      orderBy: { day: 'asc' },
    }),
    measureFreshness(db, now),
  ]);
  return {
    days,
    current: {
      freshnessPercent: current.freshnessPercent?.toString() ?? null,
      lotCount: current.lotCount,
      totalValue: current.totalValue.toString(),
      expiredValue: current.expiredValue.toString(),
    },
    snapshots: rows.map((r) => ({
      day: r.day,
      freshnessPercent: r.freshnessPercent?.toString() ?? null,
      lotCount: r.lotCount,
      totalValue: r.totalValue.toString(),
      expiredValue: r.expiredValue.toString(),
    })),
  };
}
