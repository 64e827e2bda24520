// The production side of the dashboard (docs/rules/dashboard.md): batches in progress with their running
// timers, and the cost per unit of finished batches over time for the recipes made most often.
import { Prisma } from '../../db/client.ts';
import type { TenantDb } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { describeTimer } from '../batches/timers.ts';

const DAY = 86_400_000;
/** Recipes in the cost chart, and the span it covers. */
export const TOP_RECIPES = 3;
export const TREND_DAYS = 180;

export async function batchesInProgress(db: TenantDb, ctx: OrgCtx) {
  const now = ctx.now();
  const withTimers = ctx.actor.permissions.has('timers.view');
  const rows = await db.batch.findMany({
    where: { status: 'in_progress' },
    orderBy: { startedAt: 'asc' },
    take: 20,
    select: {
      id: true,
      label: true,
      startedAt: true,
      projectedYield: true,
      yieldUnit: true,
      recipe: { select: { name: true } },
      timers: withTimers
        ? {
            where: { status: { in: ['active', 'paused', 'expired'] } },
            orderBy: { startedAt: 'asc' },
            select: {
              id: true,
              name: true,
              durationSeconds: true,
              status: true,
              accumulatedSeconds: true,
              runningSince: true,
              startedAt: true,
              endedAt: true,
              batchId: true,
            },
          }
        : false,
    },
  });
  return {
    now,
    batches: rows.map((b) => ({
      id: b.id,
      label: b.label,
      recipeName: b.recipe.name,
      startedAt: b.startedAt,
      elapsedSeconds: Math.max(0, Math.floor((now.getTime() - b.startedAt.getTime()) / 1000)),
      projectedYield: b.projectedYield?.toString() ?? null,
      yieldUnit: b.yieldUnit,
      timers: (b.timers ?? []).map((t) => {
        const d = describeTimer(t, now);
        return {
          id: t.id,
          name: t.name,
          status: d.isExpired ? 'expired' : t.status,
          running: t.status === 'active' && !d.isExpired,
          remainingSeconds: d.remainingSeconds,
          durationSeconds: t.durationSeconds,
        };
      }),
    })),
  };
}

/**
 * Cost per unit of each completed batch (total cost ÷ final quantity, in its output unit) over the last
 * 180 days, for the three recipes (recipe groups: every version counts) with the most such batches.
 */
export async function batchCostTrend(db: TenantDb, ctx: OrgCtx) {
  const since = new Date(ctx.now().getTime() - TREND_DAYS * DAY);
  const rows = await db.batch.findMany({
    where: { status: 'completed', completedAt: { gte: since }, totalCost: { not: null }, finalQuantity: { gt: 0 } },
    orderBy: { completedAt: 'asc' },
    take: 2000,
    select: {
      id: true,
      label: true,
      completedAt: true,
      totalCost: true,
      finalQuantity: true,
      outputUnit: true,
      yieldUnit: true,
      recipe: { select: { groupId: true, group: { select: { name: true } } } },
    },
  });
  const groups = new Map<string, { name: string; rows: typeof rows }>();
  for (const r of rows) {
    const g = groups.get(r.recipe.groupId) ?? { name: r.recipe.group.name, rows: [] };
    g.rows.push(r);
    groups.set(r.recipe.groupId, g);
  }
  const top = [...groups.values()]
    .sort((a, b) => b.rows.length - a.rows.length || a.name.localeCompare(b.name))
    .slice(0, TOP_RECIPES);
  return {
    recipes: top.map((g) => ({
      name: g.name,
      unit: g.rows.at(-1)!.outputUnit ?? g.rows.at(-1)!.yieldUnit,
      points: g.rows.map((r) => ({
        batchId: r.id,
        label: r.label,
        at: r.completedAt!,
        costPerUnit: r.totalCost!.div(r.finalQuantity!).toDecimalPlaces(6, Prisma.Decimal.ROUND_HALF_UP).toString(),
      })),
    })),
  };
}
