// Stock value on the dashboard (docs/rules/dashboard.md, Stock value): what the open lots are worth, in
// total and per item type, and the total at the end of each of the last 90 days.
import { Prisma } from '../../db/client.ts';
import type { TenantDb } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';

type D = Prisma.Decimal;
const D = (v: string | number | D) => new Prisma.Decimal(v);
const DAY = 86_400_000;
export const HISTORY_DAYS = 90;

/** yyyy-mm-dd of a UTC day. */
const dayKey = (t: number) => new Date(t).toISOString().slice(0, 10);

/**
 * The value today is the open lots' remaining value. The value at the end of an earlier day is today's
 * value less every event value booked after that day: events carry the value they moved into or out of a
 * lot, so the books give the past exactly, without snapshots.
 */
export async function stockValue(db: TenantDb, ctx: OrgCtx) {
  const now = ctx.now();
  const todayStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const since = new Date(todayStart - (HISTORY_DAYS - 1) * DAY);
  const [byType, moves] = await Promise.all([
    db.$queryRaw<{ item_type: string; value: string }[]>`
      SELECT i.item_type, sum(l.remaining_value)::text AS value
        FROM inventory_lots l JOIN inventory_items i ON i.id = l.item_id
       WHERE l.organization_id = ${ctx.organizationId} AND l.is_open
       GROUP BY i.item_type ORDER BY i.item_type`,
    db.$queryRaw<{ day: string; value: string }[]>`
      SELECT to_char(date_trunc('day', created_at), 'YYYY-MM-DD') AS day, sum(value)::text AS value
        FROM inventory_events
       WHERE organization_id = ${ctx.organizationId} AND created_at >= ${since} AND value <> 0
       GROUP BY 1`,
  ]);
  const total = byType.reduce((s, r) => s.plus(r.value), D(0));
  const movedOn = new Map(moves.map((m) => [m.day, D(m.value)]));
  // Walk back from today: the end of yesterday is today's end less what today moved, and so on.
  const history: { day: string; value: string }[] = [];
  let value = total;
  for (let i = 0; i < HISTORY_DAYS; i++) {
    const day = dayKey(todayStart - i * DAY);
    history.push({ day, value: value.toString() });
    value = value.minus(movedOn.get(day) ?? 0);
  }
  return {
    totalValue: total.toString(),
    byType: byType.map((r) => ({ itemType: r.item_type, value: D(r.value).toString() })),
    history: history.reverse(),
  };
}
