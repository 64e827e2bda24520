import type { PrismaClient } from '../../db/client.ts';
import type { TenantDb } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { AppError } from '../../errors.ts';
import { Prisma } from '../../db/client.ts';
import { MovementInputSchema } from '../../../shared/schemas/inventory.ts';
import { emitEvent } from '../../events/emit.ts';
import { applyMovementInTx, type MovementResult } from './apply-movement.ts';
import { fmt } from './rules.ts';

/**
 * "Dispose expired": every expired open lot of a perishable item goes out as one `spoil` movement per lot,
 * noted "Expired lot <code>", all in one transaction (docs/rules/inventory.md, Expired lots). The `expired`
 * change type is kept for a disposal nobody asked for (an automatic one), so the two read differently in
 * the history.
 */
export async function disposeExpired(db: TenantDb, ctx: OrgCtx, input: { itemId: string; notes?: string }) {
  const now = ctx.now();
  const item = await db.inventoryItem.findUnique({
    where: { id: input.itemId },
    select: { isPerishable: true, name: true },
  });
  if (!item) throw new AppError('NOT_FOUND', 'Inventory item not found.');
  return db.$transaction(
    async (tx) => {
      // FEFO takes expired lots first, in this order: each movement of a lot's remainder takes exactly it.
      const lots = await tx.inventoryLot.findMany({
        where: { itemId: input.itemId, isOpen: true, expiresAt: { lte: now }, remainingQuantity: { gt: 0 } },
        orderBy: [{ expiresAt: 'asc' }, { receivedAt: 'asc' }, { id: 'asc' }],
        select: { code: true, remainingQuantity: true },
      });
      if (!lots.length) throw new AppError('INVALID_STATE', `${item.name} has no expired stock.`);
      if (!item.isPerishable)
        throw new AppError(
          'INVALID_STATE',
          `${item.name} is not perishable; dispose its lots with a spoil adjustment.`,
        );
      const results: MovementResult[] = [];
      for (const lot of lots) {
        const notes = `Expired lot ${lot.code}${input.notes ? ` (${input.notes})` : ''}`.slice(0, 500);
        const parsed = MovementInputSchema.parse({
          itemId: input.itemId,
          changeType: 'spoil',
          quantity: fmt(lot.remainingQuantity),
          notes,
        });
        const r = await applyMovementInTx(tx, ctx, parsed);
        await emitEvent(tx, ctx, 'inventory_adjusted', input.itemId, {
          changeType: r.changeType,
          quantity: r.quantityDelta,
          unit: '',
        });
        results.push(r);
      }
      const total = results.reduce((s, r) => s.plus(r.quantityDelta), new Prisma.Decimal(0));
      const last = results.at(-1)!;
      return {
        ...last,
        quantityDelta: fmt(total),
        message: `Disposed ${fmt(total.neg())} of ${item.name} from ${lots.length} expired lot${lots.length === 1 ? '' : 's'}.`,
        events: results.flatMap((r) => r.events),
        movements: results.map((r) => r.movementId),
      };
    },
    { timeout: 20_000, maxWait: 15_000 },
  );
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
