// Dashboard alerts (docs/rules/dashboard.md, Alerts): what needs doing, most urgent first, each with its
// fix; a user dismisses an alert for themselves and chooses how many to see.
import type { z } from 'zod';
import { Prisma } from '../../db/client.ts';
import type { TenantDb } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { AppError } from '../../errors.ts';
import { AlertPreferencesSchema, DismissAlertSchema } from '../../../shared/schemas/dashboard.ts';
import { describeTimer } from '../batches/timers.ts';

export type AlertPriority = 'critical' | 'high' | 'medium';
export type AlertKind = 'expired' | 'out_of_stock' | 'stuck_batch' | 'low_stock' | 'expiring' | 'timer_expired';
export type Alert = {
  /** Stable per subject (the item, lot or batch), so a dismissal holds while the condition lasts. */
  key: string;
  kind: AlertKind;
  priority: AlertPriority;
  title: string;
  detail: string;
  fix: { label: string; href: string };
};

const RANK: Record<AlertPriority, number> = { critical: 0, high: 1, medium: 2 };
/** A batch in progress this long is stuck (domain: more than 24 hours). */
export const STUCK_AFTER_MS = 24 * 3_600_000;
export const DEFAULT_MAX_ALERTS = 3;
const fmt = (d: Prisma.Decimal) => d.toDecimalPlaces(3).toString();
const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** Every alert the actor may see (each kind needs the permission of what it is about), most urgent first. */
export async function activeAlerts(db: TenantDb, ctx: OrgCtx): Promise<Alert[]> {
  const can = (p: string) => ctx.actor.permissions.has(p);
  const now = ctx.now();
  const out: Alert[] = [];
  if (can('inventory.view')) {
    const org = await db.organization.findUniqueOrThrow({
      where: { id: ctx.organizationId },
      select: { expiringSoonDays: true },
    });
    const soon = new Date(now.getTime() + org.expiringSoonDays * 86_400_000);
    const [stock, expiring] = await Promise.all([
      db.inventoryItem.findMany({
        where: {
          isArchived: false,
          isTracked: true,
          OR: [{ lowStockThreshold: { not: null } }, { itemType: 'product', quantity: { lte: 0 } }],
        },
        select: { id: true, name: true, unit: true, quantity: true, lowStockThreshold: true },
        orderBy: { name: 'asc' },
      }),
      db.inventoryLot.groupBy({
        by: ['itemId'],
        where: { isOpen: true, remainingQuantity: { gt: 0 }, expiresAt: { not: null, lte: soon } },
        _count: { _all: true },
        _min: { expiresAt: true },
      }),
    ]);
    for (const i of stock) {
      if (i.quantity.lte(0))
        out.push({
          key: `out_of_stock:${i.id}`,
          kind: 'out_of_stock',
          priority: 'critical',
          title: `${i.name} is out of stock`,
          detail: i.lowStockThreshold ? `Restock below ${fmt(i.lowStockThreshold)} ${i.unit}.` : 'None on hand.',
          fix: { label: 'Restock', href: `/inventory/${i.id}` },
        });
      else if (i.lowStockThreshold && i.quantity.lte(i.lowStockThreshold))
        out.push({
          key: `low_stock:${i.id}`,
          kind: 'low_stock',
          priority: 'high',
          title: `${i.name} is low`,
          detail: `${fmt(i.quantity)} ${i.unit} left; restock at ${fmt(i.lowStockThreshold)} ${i.unit}.`,
          fix: { label: 'Restock', href: `/inventory/${i.id}` },
        });
    }
    if (expiring.length) {
      const [expired, names] = await Promise.all([
        db.inventoryLot.groupBy({
          by: ['itemId'],
          where: { isOpen: true, remainingQuantity: { gt: 0 }, expiresAt: { lte: now } },
          _count: { _all: true },
        }),
        db.inventoryItem.findMany({
          where: { id: { in: expiring.map((e) => e.itemId) } },
          select: { id: true, name: true },
        }),
      ]);
      const nameOf = new Map(names.map((n) => [n.id, n.name]));
      const expiredOf = new Map(expired.map((e) => [e.itemId, e._count._all]));
      for (const e of expiring) {
        const name = nameOf.get(e.itemId) ?? 'An item';
        const gone = expiredOf.get(e.itemId) ?? 0;
        if (gone)
          out.push({
            key: `expired:${e.itemId}`,
            kind: 'expired',
            priority: 'critical',
            title: `${name}: ${plural(gone, 'expired lot')}`,
            detail: 'Expired lots are never used in batches or sales. Dispose of them to keep the books true.',
            fix: { label: 'Dispose', href: `/inventory/${e.itemId}` },
          });
        const left = e._count._all - gone;
        if (left > 0)
          out.push({
            key: `expiring:${e.itemId}`,
            kind: 'expiring',
            priority: 'high',
            title: `${name}: ${plural(left, 'lot')} expiring soon`,
            detail: `Within ${org.expiringSoonDays} days. Use ${left === 1 ? 'it' : 'them'} first.`,
            fix: { label: 'See expiring', href: '/expiring' },
          });
      }
    }
  }
  if (can('batches.view')) {
    const running = await db.batch.findMany({
      where: { status: 'in_progress' },
      select: {
        id: true,
        label: true,
        startedAt: true,
        timers: can('timers.view')
          ? {
              where: { status: { in: ['active', 'expired'] } },
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
      orderBy: { startedAt: 'asc' },
    });
    for (const b of running) {
      const hours = Math.floor((now.getTime() - b.startedAt.getTime()) / 3_600_000);
      if (now.getTime() - b.startedAt.getTime() > STUCK_AFTER_MS)
        out.push({
          key: `stuck_batch:${b.id}`,
          kind: 'stuck_batch',
          priority: 'critical',
          title: `Batch ${b.label} has been in progress for ${hours} hours`,
          detail: 'Finish it, or cancel it to return its stock.',
          fix: { label: 'Finish', href: `/batches/${b.id}` },
        });
      for (const t of b.timers ?? []) {
        const d = describeTimer(t, now);
        if (d.isExpired || t.status === 'expired')
          out.push({
            key: `timer_expired:${t.id}`,
            kind: 'timer_expired',
            priority: 'high',
            title: `Timer "${t.name}" of ${b.label} is up`,
            detail: 'Check the batch, then complete the timer.',
            fix: { label: 'Open batch', href: `/batches/${b.id}` },
          });
      }
    }
  }
  return out.sort((a, b) => RANK[a.priority] - RANK[b.priority]);
}

async function preferences(db: TenantDb, ctx: OrgCtx) {
  const p = await db.userPreferences.findUnique({
    where: { userId: ctx.actor.userId },
    select: { maxDashboardAlerts: true, dismissedAlerts: true },
  });
  return {
    max: p?.maxDashboardAlerts && p.maxDashboardAlerts > 0 ? p.maxDashboardAlerts : DEFAULT_MAX_ALERTS,
    dismissed: (p?.dismissedAlerts ?? {}) as Record<string, string>,
  };
}

/** The alerts the user has not dismissed, at most their preferred number; says how many more there are. */
export async function dashboardAlerts(db: TenantDb, ctx: OrgCtx) {
  const [all, prefs] = await Promise.all([activeAlerts(db, ctx), preferences(db, ctx)]);
  const open = all.filter((a) => !(a.key in prefs.dismissed));
  // A dismissal lasts while its condition does: once the alert is gone, forget it, so it alerts again.
  const active = new Set(all.map((a) => a.key));
  const stale = Object.keys(prefs.dismissed).filter((k) => !active.has(k));
  if (stale.length && ctx.actor.userType === 'customer') {
    const kept = Object.fromEntries(Object.entries(prefs.dismissed).filter(([k]) => active.has(k)));
    await db.userPreferences.updateMany({
      where: { userId: ctx.actor.userId },
      data: { dismissedAlerts: kept as Prisma.InputJsonValue },
    });
  }
  return {
    alerts: open.slice(0, prefs.max),
    more: Math.max(0, open.length - prefs.max),
    dismissed: all.length - open.length,
    maxAlerts: prefs.max,
  };
}

/** Members keep their own dismissals; a developer viewing the organization has no preferences here. */
async function ownPreferences(db: TenantDb, ctx: OrgCtx) {
  if (ctx.actor.userType !== 'customer')
    throw new AppError('FORBIDDEN', 'Alerts are dismissed by the members of the organization.');
  return db.userPreferences.upsert({
    where: { userId: ctx.actor.userId },
    create: { userId: ctx.actor.userId, organizationId: ctx.organizationId },
    update: {},
    select: { dismissedAlerts: true },
  });
}

/**
 * Hides an alert for this user. A dismissal lasts while its condition does: dismissals of alerts that are
 * no longer active are dropped here, so the same item running low again alerts again.
 */
export async function dismissAlert(db: TenantDb, ctx: OrgCtx, raw: z.input<typeof DismissAlertSchema>) {
  const input = DismissAlertSchema.parse(raw);
  const [prefs, all] = await Promise.all([ownPreferences(db, ctx), activeAlerts(db, ctx)]);
  const active = new Set(all.map((a) => a.key));
  if (!active.has(input.key)) throw new AppError('NOT_FOUND', 'That alert is no longer active.');
  const kept = Object.fromEntries(
    Object.entries((prefs.dismissedAlerts ?? {}) as Record<string, string>).filter(([k]) => active.has(k)),
  );
  kept[input.key] = ctx.now().toISOString();
  await db.userPreferences.update({
    where: { userId: ctx.actor.userId },
    data: { dismissedAlerts: kept as Prisma.InputJsonValue },
  });
  return { dismissed: input.key };
}

/** Brings every dismissed alert back. */
export async function restoreAlerts(db: TenantDb, ctx: OrgCtx) {
  await ownPreferences(db, ctx);
  await db.userPreferences.update({ where: { userId: ctx.actor.userId }, data: { dismissedAlerts: {} } });
  return { restored: true };
}

/** How many alerts the dashboard shows this user (domain.md §2.17: the user's preference, else 3). */
export async function setAlertPreferences(db: TenantDb, ctx: OrgCtx, raw: z.input<typeof AlertPreferencesSchema>) {
  const input = AlertPreferencesSchema.parse(raw);
  await ownPreferences(db, ctx);
  await db.userPreferences.update({
    where: { userId: ctx.actor.userId },
    data: { maxDashboardAlerts: input.maxAlerts },
  });
  return { maxAlerts: input.maxAlerts };
}
