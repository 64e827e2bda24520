// THE LEDGER ENTRY POINT. Every stock change of every item goes through applyMovement: it locks the
// item row (so concurrent movements of one item run one after another and two users never both take
// the last 100 g), takes from or credits real lots, writes one immutable event per lot touched,
// keeps on-hand = sum of open lots = sum of events. All or nothing: any refusal leaves no trace.
// Restocks and deductions of tracked items run as one SQL call (ledger-sql.ts, docs/rules/inventory.md,
// The ledger in SQL); the TypeScript path below stays the reference and takes every other movement. The
// daily activity rollup finds new movements itself (log-movement.ts): nothing is enqueued per movement.
import type { z } from 'zod';
import { Prisma } from '../../db/client.ts';
import type { TenantDb, TenantTx } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { AppError } from '../../errors.ts';
import { MovementInputSchema, type MovementInput } from '../../../shared/schemas/inventory.ts';
import { eventCode, groupOf, lotCode, prefixFor } from '../../../shared/change-types.ts';
import {
  allocate,
  creditValue,
  fmt,
  lotExpiry,
  planCredit,
  roundQuantity,
  roundValue,
  takeFromLots,
  takeValue,
  unitCostOf,
  type OpenLot,
  type Take,
} from './rules.ts';
import { toItemUnit } from './units-for-item.ts';
import { lockItem, type LockedItem } from './lock-item.ts';
import { emitEvent } from '../../events/emit.ts';
import { finishMovement as finish, moveLots, lotMoves, type EventRow, type MovementResult } from './movement-writes.ts';
import { applyMovementAlone, applyMovementSql, applyMovementsSql, type LotFacts } from './ledger-sql.ts';
import { behavesInfinite, recordInfiniteMovement, tierTracksQuantities } from './infinite.ts';

type D = Prisma.Decimal;
const D = (v: string | number | D) => new Prisma.Decimal(v);

export const TRACKING_LOCKED =
  'Inventory quantity adjustments are locked on your current tier. Upgrade to enable this feature.';

/** Applies one movement in its own transaction. */
export async function applyMovement(db: TenantDb, ctx: OrgCtx, raw: MovementInput): Promise<MovementResult> {
  const input = MovementInputSchema.parse(raw);
  // The hot path: one statement, its own transaction, the domain event included.
  const alone = await applyMovementAlone(db, ctx, input);
  if (alone) return alone;
  return db.$transaction(
    async (tx) => {
      const result = await applyMovementTs(tx, ctx, input);
      // A manual adjustment is the event; batch deductions and sales are covered by their own events.
      await emitEvent(tx, ctx, 'inventory_adjusted', input.itemId, {
        changeType: result.changeType,
        quantity: result.quantityDelta,
        unit: input.unit ?? '',
      });
      return result;
    },
    { timeout: 20_000, maxWait: 15_000 },
  );
}

/** Applies one movement inside the caller's transaction: one SQL call when it can, else the TypeScript path. */
export async function applyMovementInTx(
  tx: TenantTx,
  ctx: OrgCtx,
  parsed: z.output<typeof MovementInputSchema>,
): Promise<MovementResult> {
  return (await applyMovementSql(tx, ctx, parsed)) ?? applyMovementTs(tx, ctx, parsed);
}

/**
 * Several movements inside the caller's transaction, in order, in one round trip (a batch start's lines);
 * `lotFacts` receives the dates of the lots taken, read in that round trip (ledger-sql.ts).
 */
export async function applyMovementsInTx(
  tx: TenantTx,
  ctx: OrgCtx,
  inputs: z.output<typeof MovementInputSchema>[],
  lotFacts?: Map<string, LotFacts>,
): Promise<MovementResult[]> {
  return applyMovementsSql(tx, ctx, inputs, (input) => applyMovementTs(tx, ctx, input), lotFacts);
}

/**
 * The TypeScript ledger: the reference the SQL function is tested against
 * (tests/integration/ledger-sql-property.test.ts), and the path of every movement the function leaves to it.
 */
export async function applyMovementTs(
  tx: TenantTx,
  ctx: OrgCtx,
  parsed: z.output<typeof MovementInputSchema>,
): Promise<MovementResult> {
  const input = parsed;
  const item = await lockItem(tx, ctx.organizationId, input.itemId);
  if (item.isArchived)
    throw new AppError('INVALID_STATE', `${item.name} is archived. Restore it before changing its stock.`);
  // Infinite items hook (docs/rules/infinite-items.md, logic in infinite.ts): untracked items, and every
  // item of a tier without inventory.track_quantities, record their use without moving stock.
  const infinite = behavesInfinite(item, ctx);
  const group = groupOf(input.changeType);
  const now = ctx.now();
  const unit = input.unit ?? item.unit;

  if (group === 'cost_override') {
    if (input.unitCost === undefined)
      throw new AppError('VALIDATION', 'Enter the new cost per unit', { field: 'unitCost' });
    const cost = await toItemCost(tx, ctx, item, D(input.unitCost), unit);
    const ev: EventRow = {
      lotId: null,
      code: eventCode('CST', item.id, now),
      delta: D(0),
      memo: null,
      unitCost: cost,
      value: D(0),
      valuation: 'fifo',
    };
    return finish(
      tx,
      ctx,
      item,
      input,
      [ev],
      D(0),
      { costPerUnit: cost },
      `Cost of ${item.name} set to ${fmt(cost)} per ${item.unit}`,
    );
  }

  if (group === 'recount') {
    if (input.targetQuantity === undefined)
      throw new AppError('VALIDATION', 'Recount target quantity must be zero or greater', { field: 'targetQuantity' });
    if (!tierTracksQuantities(ctx)) throw new AppError('FORBIDDEN', TRACKING_LOCKED);
    if (infinite) throw new AppError('INVALID_STATE', `${item.name} is not tracked; there is nothing to count.`);
    return recount(tx, ctx, item, input, await toItemQuantity(tx, ctx, item, D(input.targetQuantity), unit));
  }

  if (input.quantity === undefined)
    throw new AppError('VALIDATION', 'Quantity must be greater than 0.', { field: 'quantity' });
  const qty = await toItemQuantity(tx, ctx, item, D(input.quantity), unit);
  if (qty.lte(0)) throw new AppError('VALIDATION', 'Quantity must be greater than 0.', { field: 'quantity' });

  if (infinite) {
    const sign = group === 'create' || group === 'credit' ? 1 : -1;
    return recordInfiniteMovement(tx, ctx, item, input, qty, sign, prefixFor(input.changeType));
  }

  if (group === 'create') {
    const value = lotValue(item, input, qty);
    return createLot(tx, ctx, item, input, qty, value, input.changeType, input.eventCode);
  }
  if (group === 'credit') return credit(tx, ctx, item, input, qty);
  return deduct(tx, ctx, item, input, qty, group === 'consume');
}

/** A quantity in the item's unit, rounded to the quantity scale once (rules.ts, roundQuantity). */
async function toItemQuantity(tx: TenantTx, ctx: OrgCtx, item: LockedItem, q: D, unit: string): Promise<D> {
  if (unit === item.unit) return q;
  const converted = roundQuantity(await toItemUnit(tx, ctx, item, q, unit));
  if (converted.isZero() && !q.isZero()) {
    throw new AppError(
      'VALIDATION',
      `${fmt(q)} ${unit} is less than the smallest amount of ${item.name} recorded (0.000001 ${item.unit}).`,
      { field: 'quantity' },
    );
  }
  return converted;
}

/** A cost given per `unit` becomes a cost per item unit: cost per lb → per g is cost × (lb per g). */
async function toItemCost(tx: TenantTx, ctx: OrgCtx, item: LockedItem, cost: D, unit: string): Promise<D> {
  if (unit === item.unit) return cost;
  const itemUnitsPerInputUnit = await toItemUnit(tx, ctx, item, D(1), unit);
  return unitCostOf(cost, itemUnitsPerInputUnit);
}

/**
 * A new lot's value (docs/rules/lot-value.md): the total paid, exactly; or the unit cost times the
 * quantity *as entered* (10 lb × $2.85 = $28.50 whatever unit the item is kept in); else the item's cost.
 */
function lotValue(item: LockedItem, input: z.output<typeof MovementInputSchema>, qtyInItemUnit: D): D {
  if (input.totalCost !== undefined) return D(input.totalCost);
  if (input.unitCost !== undefined) return roundValue(D(input.unitCost).times(D(input.quantity!)));
  return roundValue(item.costPerUnit.times(qtyInItemUnit));
}

const FIRST_READ = 16;

async function openLots(
  tx: TenantTx,
  ctx: OrgCtx,
  itemId: string,
  order: 'received_asc' | 'received_desc' | 'fefo',
  opts: { limit?: number; skipExpiredAt?: Date | null; readyBy?: Date | null } = {},
): Promise<OpenLot[]> {
  const orderSql =
    order === 'fefo'
      ? Prisma.sql`expires_at ASC NULLS LAST, received_at ASC, id`
      : order === 'received_desc'
        ? Prisma.sql`received_at DESC, id DESC`
        : Prisma.sql`received_at ASC, id`;
  const expiry = opts.skipExpiredAt
    ? Prisma.sql`AND (expires_at IS NULL OR expires_at > ${opts.skipExpiredAt})`
    : Prisma.empty;
  const ready = opts.readyBy ? Prisma.sql`AND (ready_on IS NULL OR ready_on <= ${opts.readyBy})` : Prisma.empty;
  const limit = opts.limit ? Prisma.sql`LIMIT ${opts.limit}` : Prisma.empty;
  const rows = await tx.$queryRaw<any[]>`
    SELECT id, code, remaining_quantity, original_quantity, unit_cost, remaining_value, original_value, received_at, expires_at
      FROM inventory_lots
     WHERE item_id = ${itemId} AND organization_id = ${ctx.organizationId} AND is_open ${expiry} ${ready}
     ORDER BY ${orderSql} ${limit}`;
  return rows.map(toLot);
}

function toLot(r: any): OpenLot {
  return {
    id: r.id,
    code: r.code,
    remaining: D(r.remaining_quantity),
    original: D(r.original_quantity),
    unitCost: D(r.unit_cost),
    value: D(r.remaining_value),
    originalValue: D(r.original_value),
    receivedAt: r.received_at,
    expiresAt: r.expires_at,
  };
}

async function deduct(
  tx: TenantTx,
  ctx: OrgCtx,
  item: LockedItem,
  input: z.output<typeof MovementInputSchema>,
  qty: D,
  consumption: boolean,
) {
  const now = ctx.now();
  const skipExpired = item.isPerishable && consumption;
  // A curing batch output is not sold or reserved before its ready-on date (docs/rules/production-outputs.md).
  const readyBy = SELLING.has(input.changeType) ? now : null;
  // Most deductions touch a handful of lots: read the first few in order, and all of them only if those fall short.
  let lots = await openLots(tx, ctx, item.id, item.isPerishable ? 'fefo' : 'received_asc', {
    limit: FIRST_READ,
    skipExpiredAt: skipExpired ? now : null,
    readyBy,
  });
  if (lots.length === FIRST_READ && lots.reduce((s, l) => s.plus(l.remaining), D(0)).lt(qty)) {
    lots = await openLots(tx, ctx, item.id, item.isPerishable ? 'fefo' : 'received_asc', {
      skipExpiredAt: skipExpired ? now : null,
      readyBy,
    });
  }
  const { takes, available } = takeFromLots(lots, qty, { perishable: item.isPerishable, skipExpired, now });
  if (!takes) {
    const curing = readyBy ? await curingNote(tx, ctx, item, now) : '';
    throw new AppError(
      'INSUFFICIENT_STOCK',
      `Insufficient inventory for ${item.name}: need ${fmt(qty)} ${item.unit}, have ${fmt(available)} ${item.unit}${curing}`,
      {
        itemId: item.id,
        needed: fmt(qty),
        available: fmt(available),
        unit: item.unit,
      },
    );
  }
  const valuation =
    input.valuationMethod ?? (input.changeType === 'sale' && item.itemType === 'product' ? 'average' : item.costMethod);
  const code = input.eventCode ?? eventCode(prefixFor(input.changeType), item.id, now);
  const events = takes.map((t): EventRow => ({
    lotId: t.lot.id,
    code,
    delta: t.quantity.neg(),
    memo: null,
    valuation,
    unitCost: valuation === 'fifo' ? t.lot.unitCost : item.costPerUnit,
    value: t.value.neg(),
  }));
  await moveLots(tx, ctx, lotMoves(events));
  return finish(
    tx,
    ctx,
    item,
    input,
    events,
    qty.neg(),
    {},
    `${fmt(qty)} ${item.unit} of ${item.name} taken from ${takes.length} lot(s)`,
  );
}

async function credit(
  tx: TenantTx,
  ctx: OrgCtx,
  item: LockedItem,
  input: z.output<typeof MovementInputSchema>,
  qty: D,
) {
  const now = ctx.now();
  const rows = await tx.$queryRaw<any[]>`
    SELECT id, code, remaining_quantity, original_quantity, unit_cost, remaining_value, original_value, received_at, expires_at
      FROM inventory_lots
     WHERE item_id = ${item.id} AND organization_id = ${ctx.organizationId} AND remaining_quantity < original_quantity
     ORDER BY received_at ASC, id`;
  const { credits, overflow } = planCredit(rows.map(toLot), qty);
  const code = eventCode(prefixFor(input.changeType), item.id, now);
  const events = creditEvents(credits, code);
  await moveLots(tx, ctx, lotMoves(events));
  if (overflow.gt(0)) events.push(await overflowLot(tx, ctx, item, overflow, input.changeType, input.notes));
  return finish(
    tx,
    ctx,
    item,
    input,
    events,
    qty,
    { recomputeCost: true },
    `${fmt(qty)} ${item.unit} of ${item.name} credited back`,
  );
}

async function recount(
  tx: TenantTx,
  ctx: OrgCtx,
  item: LockedItem,
  input: z.output<typeof MovementInputSchema>,
  target: D,
): Promise<MovementResult> {
  const now = ctx.now();
  const lots = await openLots(tx, ctx, item.id, 'received_asc');
  const onHand = lots.reduce((s, l) => s.plus(l.remaining), D(0));
  const delta = target.minus(onHand);
  if (delta.isZero()) {
    return {
      movementId: null,
      changeType: 'recount' as const,
      quantityDelta: '0',
      message: `Inventory verified at ${fmt(target)} ${item.unit}`,
      events: [],
      item: { id: item.id, quantity: fmt(onHand), costPerUnit: item.costPerUnit.toString() },
    };
  }
  const code = eventCode('RCN', item.id, now);
  if (delta.lt(0)) {
    // Count came in lower: drain oldest first, expired lots included (they are physically there).
    const { takes } = allocate(lots, delta.abs());
    const events = takes!.map((t): EventRow => ({
      lotId: t.lot.id,
      code,
      delta: t.quantity.neg(),
      memo: null,
      unitCost: t.lot.unitCost,
      value: takeValue(t.lot, t.quantity).neg(),
      valuation: 'fifo',
    }));
    await moveLots(tx, ctx, lotMoves(events));
    return finish(
      tx,
      ctx,
      item,
      input,
      events,
      delta,
      {},
      `Recounted ${item.name} to ${fmt(target)} ${item.unit} (${fmt(delta)})`,
    );
  }
  // Count came in higher: refill partly consumed lots newest first, then a new recount lot at the item cost.
  const partly = await tx.$queryRaw<any[]>`
    SELECT id, code, remaining_quantity, original_quantity, unit_cost, remaining_value, original_value, received_at, expires_at
      FROM inventory_lots
     WHERE item_id = ${item.id} AND organization_id = ${ctx.organizationId} AND remaining_quantity < original_quantity
     ORDER BY received_at DESC, id DESC`;
  const { credits, overflow } = planCredit(partly.map(toLot), delta);
  const events = creditEvents(credits, code);
  await moveLots(tx, ctx, lotMoves(events));
  if (overflow.gt(0)) events.push(await overflowLot(tx, ctx, item, overflow, 'recount', input.notes));
  return finish(
    tx,
    ctx,
    item,
    input,
    events,
    delta,
    { recomputeCost: true },
    `Recounted ${item.name} to ${fmt(target)} ${item.unit} (+${fmt(delta)})`,
  );
}

/** Creates a lot and its event. Also used directly by item creation (initial_stock). */
export async function createLot(
  tx: TenantTx,
  ctx: OrgCtx,
  item: LockedItem,
  input: z.output<typeof MovementInputSchema>,
  qty: D,
  value: D,
  sourceType: string,
  codeOverride?: string,
) {
  const receivedAt = input.receivedAt ?? ctx.now();
  const lot = await insertLot(tx, ctx, item, {
    quantity: qty,
    value,
    sourceType,
    receivedAt,
    expiresAt: input.expiresAt,
    notes: input.notes,
    supplier: input.supplier,
    code: codeOverride,
    batchId: input.batchId,
  });
  const ev: EventRow = {
    lotId: lot.id,
    code: lot.code,
    delta: qty,
    memo: null,
    unitCost: unitCostOf(value, qty),
    value,
    valuation: 'fifo',
  };
  return finish(
    tx,
    ctx,
    item,
    input,
    [ev],
    qty,
    { recomputeCost: true },
    `${fmt(qty)} ${item.unit} of ${item.name} received as ${lot.code}`,
  );
}

async function insertLot(
  tx: TenantTx,
  ctx: OrgCtx,
  item: LockedItem,
  l: {
    quantity: D;
    value: D;
    sourceType: string;
    receivedAt: Date;
    expiresAt?: Date;
    notes?: string;
    supplier?: string;
    code?: string;
    batchId?: string;
  },
) {
  const expiresAt = lotExpiry({
    perishable: item.isPerishable || !!l.expiresAt,
    shelfLifeDays: item.shelfLifeDays,
    receivedAt: l.receivedAt,
    customExpiry: l.expiresAt,
  });
  const code = l.code ?? lotCode(ctx.now());
  const clash = await tx.inventoryLot.findFirst({ where: { code }, select: { id: true } });
  if (clash) throw new AppError('CONFLICT', `Lot code ${code} is already used in this organization`, { field: 'code' });
  return tx.inventoryLot.create({
    data: {
      organizationId: ctx.organizationId,
      itemId: item.id,
      code,
      originalQuantity: l.quantity,
      remainingQuantity: l.quantity,
      unitCost: unitCostOf(l.value, l.quantity),
      originalValue: l.value,
      remainingValue: l.value,
      receivedAt: l.receivedAt,
      expiresAt,
      sourceType: l.sourceType,
      sourceNotes: l.notes ?? null,
      supplier: l.supplier ?? null,
      batchId: l.batchId ?? null,
    },
    select: { id: true, code: true },
  });
}

/** Change types that sell or reserve stock: they wait for curing lots to be ready. */
const SELLING = new Set<string>(['sale', 'reserved']);

/** " (12 more are curing, ready 2026-03-15)" when lots not yet ready explain a shortage. */
async function curingNote(tx: TenantTx, ctx: OrgCtx, item: LockedItem, now: Date): Promise<string> {
  const rows = await tx.$queryRaw<{ qty: string | null; first: Date | null }[]>`
    SELECT sum(remaining_quantity)::text AS qty, min(ready_on) AS first FROM inventory_lots
     WHERE item_id = ${item.id} AND organization_id = ${ctx.organizationId} AND is_open AND ready_on > ${now}`;
  const r = rows[0];
  if (!r?.qty || !r.first) return '';
  return ` (${fmt(D(r.qty))} more ${item.unit} still curing, the first ready on ${r.first.toISOString().slice(0, 10)})`;
}

/** Credits into partly used lots: each at its share of what the lot cost (exact when it fills the lot). */
function creditEvents(credits: Take[], code: string): EventRow[] {
  return credits.map((c) => ({
    lotId: c.lot.id,
    code,
    delta: c.quantity,
    memo: null,
    unitCost: c.lot.unitCost,
    value: creditValue(c.lot, c.quantity),
    valuation: 'fifo',
  }));
}

/** What does not fit back into a used lot becomes a new lot at the item's current cost. */
async function overflowLot(tx: TenantTx, ctx: OrgCtx, item: LockedItem, qty: D, sourceType: string, notes?: string) {
  const value = roundValue(item.costPerUnit.times(qty));
  const lot = await insertLot(tx, ctx, item, { quantity: qty, value, sourceType, receivedAt: ctx.now(), notes });
  const ev: EventRow = {
    lotId: lot.id,
    code: lot.code,
    delta: qty,
    memo: null,
    unitCost: unitCostOf(value, qty),
    value,
    valuation: 'fifo',
  };
  return ev;
}

export { finishMovement, lotMoves, moveLots } from './movement-writes.ts';
export type { EventRow, MovementResult } from './movement-writes.ts';
export type { LotFacts } from './ledger-sql.ts';
export type { Take };
