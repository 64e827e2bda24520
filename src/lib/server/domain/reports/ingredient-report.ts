// The per-ingredient report (docs/rules/reports.md, Per ingredient): usage over time, spoilage and
// disposal with their quantity and value, and days of cover at the last 30 days' usage rate.
import type { z } from 'zod';
import { Prisma } from '../../db/client.ts';
import type { TenantDb } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { AppError } from '../../errors.ts';
import { CONSUMPTION, DISPOSAL, LOT_CREDITING } from '../../../shared/change-types.ts';
import { IngredientReportInputSchema } from '../../../shared/schemas/reports.ts';

const DAY = 86_400_000;
/** Usage: what consumption took, net of what came back to it (a cancelled batch, a released reservation, a return). */
const USAGE_TYPES = [...CONSUMPTION, ...LOT_CREDITING];
/** Spoilage is stock that went off; disposal is everything else thrown away. */
const SPOILAGE = new Set(['spoil', 'expired']);
export const COVER_WINDOW_DAYS = 30;

const dayOf = (d: Date) => d.toISOString().slice(0, 10);

export async function ingredientReport(db: TenantDb, ctx: OrgCtx, raw: z.input<typeof IngredientReportInputSchema>) {
  const { itemId, days } = IngredientReportInputSchema.parse(raw);
  const item = await db.inventoryItem.findUnique({
    where: { id: itemId },
    select: { id: true, name: true, unit: true, quantity: true, isTracked: true, itemType: true },
  });
  if (!item) throw new AppError('NOT_FOUND', 'Inventory item not found');
  const now = ctx.now();
  // The window starts at a UTC midnight so every bar of the chart is a whole day.
  const today = new Date(`${dayOf(now)}T00:00:00.000Z`);
  const from = new Date(today.getTime() - (days - 1) * DAY);
  const coverFrom = new Date(now.getTime() - COVER_WINDOW_DAYS * DAY);
  const org = ctx.organizationId;
  const [daily, cover, disposal] = await Promise.all([
    db.$queryRaw<{ day: string; used: string }[]>`
      SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, (-sum(quantity_delta))::text AS used
        FROM inventory_movements
       WHERE organization_id = ${org} AND item_id = ${itemId} AND created_at >= ${from} AND created_at <= ${now}
         AND change_type = ANY(${USAGE_TYPES}::text[])
       GROUP BY 1 ORDER BY 1`,
    db.$queryRaw<{ used: string | null }[]>`
      SELECT (-sum(quantity_delta))::text AS used
        FROM inventory_movements
       WHERE organization_id = ${org} AND item_id = ${itemId} AND created_at > ${coverFrom} AND created_at <= ${now}
         AND change_type = ANY(${USAGE_TYPES}::text[])`,
    db.$queryRaw<{ change_type: string; quantity: string; value: string }[]>`
      SELECT change_type, (-sum(quantity_delta))::text AS quantity, (-sum(value))::text AS value
        FROM inventory_events
       WHERE organization_id = ${org} AND item_id = ${itemId} AND created_at >= ${from} AND created_at <= ${now}
         AND change_type = ANY(${[...DISPOSAL]}::text[])
       GROUP BY change_type ORDER BY change_type`,
  ]);
  const byDay = new Map(daily.map((r) => [r.day, new Prisma.Decimal(r.used)]));
  const usage = Array.from({ length: days }, (_, i) => {
    const day = dayOf(new Date(from.getTime() + i * DAY));
    return { day, quantity: (byDay.get(day) ?? new Prisma.Decimal(0)).toString() };
  });
  const used = usage.reduce((s, u) => s.plus(u.quantity), new Prisma.Decimal(0));
  const used30 = new Prisma.Decimal(cover[0]?.used ?? 0);
  // Days of cover = on hand ÷ (used in the last 30 days ÷ 30), one decimal; none without usage.
  const daysOfCover =
    item.isTracked && used30.gt(0)
      ? item.quantity.div(used30.div(COVER_WINDOW_DAYS)).toDecimalPlaces(1, Prisma.Decimal.ROUND_HALF_UP).toString()
      : null;
  const sum = (rows: typeof disposal, key: 'quantity' | 'value') =>
    rows.reduce((s, r) => s.plus(r[key]), new Prisma.Decimal(0)).toString();
  const spoiled = disposal.filter((r) => SPOILAGE.has(r.change_type));
  const disposed = disposal.filter((r) => !SPOILAGE.has(r.change_type));
  return {
    item: { id: item.id, name: item.name, unit: item.unit, onHand: item.quantity.toString(), isTracked: item.isTracked },
    window: { from, to: now, days },
    usage,
    used: used.toString(),
    usedLast30Days: used30.toString(),
    dailyUsageRate: used30.div(COVER_WINDOW_DAYS).toDecimalPlaces(6).toString(),
    daysOfCover,
    spoilage: { quantity: sum(spoiled, 'quantity'), lossValue: sum(spoiled, 'value') },
    disposal: { quantity: sum(disposed, 'quantity'), lossValue: sum(disposed, 'value') },
    byChangeType: disposal.map((r) => ({
      changeType: r.change_type,
      quantity: new Prisma.Decimal(r.quantity).toString(),
      lossValue: new Prisma.Decimal(r.value).toString(),
    })),
  };
}
