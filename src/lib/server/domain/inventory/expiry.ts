import type { PrismaClient } from '../../db/client.ts';
import type { TenantDb } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { AppError } from '../../errors.ts';
import { applyMovement } from './apply-movement.ts';
import { fmt } from './rules.ts';

/** Disposes every expired open lot of an item (change type `expired`; disposal may take expired lots). */
export async function disposeExpired(db: TenantDb, ctx: OrgCtx, input: { itemId: string; notes?: string }) {
  const now = ctx.now();
  const item = await db.inventoryItem.findUnique({
    where: { id: input.itemId },
    select: { isPerishable: true, name: true },
  });
  if (!item) throw new AppError('NOT_FOUND', 'Inventory item not found.');
  const expired = await db.inventoryLot.aggregate({
    where: { itemId: input.itemId, isOpen: true, expiresAt: { lte: now } },
    _sum: { remainingQuantity: true },
  });
  const qty = expired._sum.remainingQuantity;
  if (!qty || qty.lte(0)) throw new AppError('INVALID_STATE', `${item.name} has no expired stock.`);
  if (!item.isPerishable)
    throw new AppError('INVALID_STATE', `${item.name} is not perishable; dispose its lots with a spoil adjustment.`);
  // FEFO puts expired lots first, so taking exactly their total takes exactly them.
  return applyMovement(db, ctx, {
    itemId: input.itemId,
    changeType: 'expired',
    quantity: fmt(qty),
    notes: input.notes ?? 'Expired stock disposal',
  });
}

/**
 * The daily inventory.expiry-digest job: per organization, what has expired, what expires within its
 * window, and what is low or out. Upserted per day, so a rerun replaces the same row.
 */
export async function buildExpiryDigest(db: PrismaClient, input: { organizationId: string | '*'; now: Date }) {
  const orgs = await db.organization.findMany({
    where: input.organizationId === '*' ? {} : { id: input.organizationId },
    select: { id: true, expiringSoonDays: true },
  });
  const day = input.now.toISOString().slice(0, 10);
  const out = [];
  for (const org of orgs) {
    const until = new Date(input.now.getTime() + org.expiringSoonDays * 86_400_000);
    const [expired, soon, low] = await Promise.all([
      db.inventoryLot.count({ where: { organizationId: org.id, isOpen: true, expiresAt: { lte: input.now } } }),
      db.inventoryLot.count({
        where: { organizationId: org.id, isOpen: true, expiresAt: { gt: input.now, lte: until } },
      }),
      db.$queryRaw<{ low: bigint; out: bigint }[]>`
        SELECT count(*) FILTER (WHERE low_stock_threshold IS NOT NULL AND quantity <= low_stock_threshold AND quantity > 0) AS low,
               count(*) FILTER (WHERE quantity <= 0) AS out
          FROM inventory_items WHERE organization_id = ${org.id} AND is_tracked AND NOT is_archived`,
    ]);
    const summary = {
      day,
      expiredLots: expired,
      expiringSoonLots: soon,
      windowDays: org.expiringSoonDays,
      lowStockItems: Number(low[0]!.low),
      outOfStockItems: Number(low[0]!.out),
    };
    await db.inventoryDigest.upsert({
      where: { organizationId_day: { organizationId: org.id, day } },
      create: { organizationId: org.id, day, summary },
      update: { summary },
    });
    out.push({ organizationId: org.id, ...summary });
  }
  return { organizations: out.length, digests: out };
}

export async function latestDigest(db: TenantDb) {
  const d = await db.inventoryDigest.findFirst({ orderBy: { day: 'desc' } });
  return d ? { day: d.day, summary: d.summary, createdAt: d.createdAt } : null;
}
