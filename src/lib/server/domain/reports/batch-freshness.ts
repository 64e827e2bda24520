// A batch's "FIFO insight" (domain.md 2.8; docs/rules/reports.md, Freshness): the freshness of the lots
// its start consumed, at the moment they were taken. Read from the ledger rows of the batch's planned
// (non-extra) lines, so it can be recorded right after the start and recomputed identically later.
import type { z } from 'zod';
import { Prisma } from '../../db/client.ts';
import type { TenantDb, TenantTx } from '../../db/tenant.ts';
import type { LotFacts, MovementResult } from '../inventory/apply-movement.ts';
import type { OrgCtx } from '../context.ts';
import { AppError } from '../../errors.ts';
import { BatchFreshnessInputSchema } from '../../../shared/schemas/reports.ts';
import { ageInDays, expiryOf, lotFreshness, weightedFreshness } from './freshness-rules.ts';

const D = (v: string | number | Prisma.Decimal) => new Prisma.Decimal(v);

type LotUse = {
  lotId: string;
  code: string;
  quantity: string;
  ageDays: number;
  lifeLeftPercent: string | null;
  unitCost: string;
};
type ItemFreshness = { itemId: string; name: string; unit: string; freshnessPercent: string | null; lots: LotUse[] };

/** One ledger event of a start's take, with its lot and item (the fields the freshness reads). */
export type TakenEvent = {
  id: string;
  itemId: string;
  quantityDelta: Prisma.Decimal;
  value: Prisma.Decimal;
  unitCost: Prisma.Decimal;
  createdAt: Date;
  lot: { id: string; code: string; receivedAt: Date; expiresAt: Date | null };
  item: { name: string; unit: string; isPerishable: boolean; shelfLifeDays: number | null };
};

export async function computeBatchFreshness(db: TenantDb | TenantTx, batchId: string) {
  const lines = await db.batchLine.findMany({
    where: { batchId, isExtra: false, movementId: { not: null } },
    select: { movementId: true },
  });
  const events = await db.inventoryEvent.findMany({
    where: { movementId: { in: lines.map((l) => l.movementId!) }, lotId: { not: null }, quantityDelta: { lt: 0 } },
    select: {
      id: true,
      itemId: true,
      quantityDelta: true,
      value: true,
      unitCost: true,
      createdAt: true,
      lot: { select: { id: true, code: true, receivedAt: true, expiresAt: true } },
      item: { select: { name: true, unit: true, isPerishable: true, shelfLifeDays: true } },
    },
    // The order they were taken in: one movement's events share a time, so FEFO/FIFO order (expiry, then
    // receipt) decides within it; the random id alone made the order of an item's lots vary.
    orderBy: [
      { itemId: 'asc' },
      { createdAt: 'asc' },
      { lot: { expiresAt: 'asc' } },
      { lot: { receivedAt: 'asc' } },
      { id: 'asc' },
    ],
  });
  return freshnessOf(events.map((e) => ({ ...e, lot: e.lot! })));
}

/** computeBatchFreshness's order, for events held in memory (ids and codes compare as the database's). */
function takenOrder(a: TakenEvent, b: TakenEvent): number {
  const cmp = (x: string | number, y: string | number) => (x < y ? -1 : x > y ? 1 : 0);
  // Ascending puts a lot without expiry after every dated one, as Postgres does.
  const expiry = (e: TakenEvent) => e.lot.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY;
  return (
    cmp(a.itemId, b.itemId) ||
    cmp(a.createdAt.getTime(), b.createdAt.getTime()) ||
    cmp(expiry(a), expiry(b)) ||
    cmp(a.lot.receivedAt.getTime(), b.lot.receivedAt.getTime()) ||
    cmp(a.id, b.id)
  );
}

/** The freshness of the takes, from their events in the order they were taken. */
function freshnessOf(events: TakenEvent[]) {
  const byItem = new Map<string, typeof events>();
  for (const e of events) byItem.set(e.itemId, [...(byItem.get(e.itemId) ?? []), e]);
  const items: ItemFreshness[] = [];
  const across: { freshness: Prisma.Decimal; weight: Prisma.Decimal }[] = [];
  for (const [itemId, evs] of byItem) {
    const within: { freshness: Prisma.Decimal; weight: Prisma.Decimal }[] = [];
    let value = D(0);
    const lots = evs.map((e) => {
      const lot = e.lot!;
      const expiry = expiryOf(lot, e.item);
      const f = expiry ? lotFreshness(lot.receivedAt, expiry, e.createdAt) : null;
      if (f) {
        within.push({ freshness: f, weight: e.quantityDelta.neg() });
        value = value.plus(e.value.neg());
      }
      return {
        lotId: lot.id,
        code: lot.code,
        quantity: e.quantityDelta.neg().toString(),
        ageDays: ageInDays(lot.receivedAt, e.createdAt),
        lifeLeftPercent: f?.toString() ?? null,
        unitCost: e.unitCost.toString(),
      };
    });
    // Per item by quantity (one unit within an item); across items by the value consumed (units differ).
    const itemF = weightedFreshness(within);
    if (itemF) across.push({ freshness: itemF, weight: value });
    items.push({ itemId, name: evs[0]!.item.name, unit: evs[0]!.item.unit, freshnessPercent: itemF?.toString() ?? null, lots });
  }
  // Lots taken at no value still count: then every item weighs the same.
  const overall =
    weightedFreshness(across) ?? weightedFreshness(across.map((a) => ({ freshness: a.freshness, weight: D(1) })));
  return { freshnessPercent: overall, items };
}

/**
 * The consumed-lot freshness of a batch being started, in the start's transaction, from the movements it
 * just wrote: their events and the lots' dates the ledger call read (`lotFacts`); the dates of lots a
 * movement took outside that call (another unit, the TypeScript path) are read here, in one statement.
 * The same figures as computeBatchFreshness reading the ledger afterwards. The start writes the row
 * (batch_freshness) with its batch lines, in one statement.
 */
export async function startFreshness(
  tx: TenantTx,
  /** The start's moment, at which every movement of the start was written. */
  at: Date,
  movements: MovementResult[],
  lotFacts: Map<string, LotFacts>,
) {
  const taken = movements.flatMap((m) =>
    m.events
      .filter((e) => e.lotId && D(e.quantityDelta).lt(0))
      .map((e, n) => ({ m, e, key: `${m.movementId}:${n}` })),
  );
  const missing = [...new Set(taken.map((t) => t.e.lotId!).filter((id) => !lotFacts.has(id)))];
  if (missing.length) {
    const lots = await tx.inventoryLot.findMany({
      where: { id: { in: missing } },
      select: {
        id: true,
        code: true,
        receivedAt: true,
        expiresAt: true,
        item: { select: { name: true, unit: true, isPerishable: true, shelfLifeDays: true } },
      },
    });
    for (const l of lots) lotFacts.set(l.id, l);
  }
  const events: TakenEvent[] = taken.map(({ m, e, key }) => {
    const facts = lotFacts.get(e.lotId!)!;
    return {
      id: key,
      itemId: m.item.id,
      quantityDelta: D(e.quantityDelta),
      value: D(e.value),
      unitCost: D(e.unitCost),
      createdAt: at,
      lot: { id: e.lotId!, code: facts.code, receivedAt: facts.receivedAt, expiresAt: facts.expiresAt },
      item: facts.item,
    };
  });
  return freshnessOf(events.sort(takenOrder));
}

/** The recorded freshness of the batch; a batch started before it was recorded is computed the same way. */
export async function getBatchFreshness(db: TenantDb, _ctx: OrgCtx, raw: z.input<typeof BatchFreshnessInputSchema>) {
  const { batchId } = BatchFreshnessInputSchema.parse(raw);
  const batch = await db.batch.findUnique({ where: { id: batchId }, select: { id: true } });
  if (!batch) throw new AppError('NOT_FOUND', 'Batch not found');
  const row = await db.batchFreshness.findUnique({ where: { batchId } });
  if (row)
    return {
      batchId,
      recorded: true,
      freshnessPercent: row.freshnessPercent?.toString() ?? null,
      items: row.items as unknown as ItemFreshness[],
    };
  const f = await computeBatchFreshness(db, batchId);
  return { batchId, recorded: false, freshnessPercent: f.freshnessPercent?.toString() ?? null, items: f.items };
}
