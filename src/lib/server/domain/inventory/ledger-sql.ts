// The ledger's hot path in one round trip (docs/rules/inventory.md, The ledger in SQL): a movement that
// creates a lot (restock and the like) or deducts (use, spoil, batch, sale...) from a tracked item is one
// call of bt_apply_movement_v1 (installed by prisma/migrations/*_ledger_sql_function), which locks the
// item, allocates, updates the lots, writes the movement, its events and the item's totals. TypeScript
// keeps what is not row arithmetic: the change type's group, the codes, unit conversion, a paid restock's
// value and every message. The function answers with a status when TypeScript has to act instead: an
// infinite item (apply-movement.ts and infinite.ts handle it), another unit (converted here, then called
// again) or a refusal (thrown here, with the same messages as the TypeScript path).
// The TypeScript path stays the reference: tests/integration/ledger-sql-property.test.ts runs random
// sequences through both and requires the same lots, events and totals.
import type { z } from 'zod';
import { Prisma } from '../../db/client.ts';
import type { TenantDb, TenantTx } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { AppError } from '../../errors.ts';
import type { MovementInputSchema } from '../../../shared/schemas/inventory.ts';
import { eventCode, groupOf, lotCode, prefixFor } from '../../../shared/change-types.ts';
import { EVENT_TYPES } from '../../events/event-types.ts';
import { fmt, roundQuantity, roundValue } from './rules.ts';
import { toItemUnit } from './units-for-item.ts';
import type { LockedItem } from './lock-item.ts';
import type { MovementResult } from './movement-writes.ts';
import { rememberRows } from '../../db/tenant-references.ts';

type D = Prisma.Decimal;
const D = (v: string | number | D) => new Prisma.Decimal(v);
type Parsed = z.output<typeof MovementInputSchema>;
type Runner = Pick<TenantTx, '$queryRaw'> | Pick<TenantDb, '$queryRaw'>;
type Params = Record<string, unknown> & { quantity: string; unit: string | null; group: string };
/** What bt_apply_movement_v1 answers; numbers come as text, so nothing passes through a float. */
type Answer = {
  status: 'ok' | 'typescript' | 'convert' | 'not_found' | 'archived' | 'insufficient' | 'code_taken';
  movement_id?: string;
  id?: string;
  name?: string;
  unit?: string;
  lot_code?: string | null;
  quantity?: string;
  cost_per_unit?: string;
  density?: string | null;
  category_density?: string | null;
  available?: string;
  curing?: string | null;
  curing_first?: string | null;
  code?: string;
  events?: { lot_id: string; code: string; delta: string; unit_cost: string; value: string }[];
};

/** Change types that sell or reserve stock: they wait for curing lots to be ready (apply-movement.ts). */
const SELLING = new Set<string>(['sale', 'reserved']);

/**
 * The function's parameter for a movement, or null when the TypeScript path takes it: recounts, credits,
 * cost overrides, a tier without quantity tracking (every item behaves infinite there) and a missing
 * quantity (whose message the TypeScript path gives).
 */
function paramsFor(ctx: OrgCtx, input: Parsed): Params | null {
  if (!ctx.tierPermissions.has('inventory.track_quantities')) return null;
  const group = groupOf(input.changeType);
  if (group !== 'create' && group !== 'consume' && group !== 'dispose') return null;
  if (input.quantity === undefined) return null;
  const now = ctx.now();
  const base = {
    org: ctx.organizationId,
    actor: ctx.actor.userId,
    now: now.toISOString(),
    item_id: input.itemId,
    change_type: input.changeType,
    group,
    quantity: D(input.quantity).toString(),
    unit: input.unit ?? null,
    notes: input.notes ?? null,
    batch_id: input.batchId ?? null,
    order_id: input.orderId ?? null,
  };
  if (group !== 'create') {
    return {
      ...base,
      wait_curing: SELLING.has(input.changeType),
      valuation: input.valuationMethod ?? null,
      event_code: input.eventCode ?? eventCode(prefixFor(input.changeType), input.itemId, now),
    };
  }
  // A new lot's value (docs/rules/lot-value.md): what was paid, exactly, or the unit cost times the quantity
  // as entered; null lets the function take the item's cost times the quantity in the item's unit.
  const value =
    input.totalCost !== undefined
      ? D(input.totalCost)
      : input.unitCost !== undefined
        ? roundValue(D(input.unitCost).times(D(input.quantity)))
        : null;
  return {
    ...base,
    lot_code: input.eventCode ?? lotCode(now),
    value: value?.toString() ?? null,
    received_at: input.receivedAt?.toISOString() ?? null,
    expires_at: input.expiresAt?.toISOString() ?? null,
    supplier: input.supplier ?? null,
  };
}

async function call(db: Runner, p: Params): Promise<Answer> {
  const rows = await (db as Pick<TenantTx, '$queryRaw'>).$queryRaw<{ r: Answer | string }[]>`
    SELECT bt_apply_movement_v1(${JSON.stringify(p)}::jsonb) AS r`;
  const r = rows[0]!.r;
  return typeof r === 'string' ? (JSON.parse(r) as Answer) : r;
}

/**
 * A quantity in another unit than the item's: converted here (toItemUnit, rounded to 6 places once, as
 * apply-movement.ts does), with the item's density from the function's answer.
 */
async function converted(db: Runner, ctx: OrgCtx, a: Answer, p: Params): Promise<Params> {
  const item = {
    id: a.id!,
    name: a.name!,
    unit: a.unit!,
    density: a.density == null ? null : D(a.density),
    categoryDensity: a.category_density == null ? null : D(a.category_density),
  } as LockedItem;
  const q = D(p.quantity);
  const qty = roundQuantity(await toItemUnit(db as TenantTx, ctx, item, q, p.unit!));
  if (qty.isZero() && !q.isZero()) {
    throw new AppError(
      'VALIDATION',
      `${fmt(q)} ${p.unit} is less than the smallest amount of ${item.name} recorded (0.000001 ${item.unit}).`,
      { field: 'quantity' },
    );
  }
  if (qty.lte(0)) throw new AppError('VALIDATION', 'Quantity must be greater than 0.', { field: 'quantity' });
  return { ...p, quantity: qty.toString(), unit: item.unit };
}

/** A refusal, with the TypeScript path's message. */
function refusal(a: Answer, p: Params): AppError {
  if (a.status === 'not_found') return new AppError('NOT_FOUND', 'Inventory item not found.');
  if (a.status === 'archived')
    return new AppError('INVALID_STATE', `${a.name} is archived. Restore it before changing its stock.`);
  if (a.status === 'code_taken')
    return new AppError('CONFLICT', `Lot code ${a.code} is already used in this organization`, { field: 'code' });
  const qty = D(p.quantity);
  const available = D(a.available!);
  const curing =
    a.curing && a.curing_first
      ? ` (${fmt(D(a.curing))} more ${a.unit} still curing, the first ready on ${a.curing_first})`
      : '';
  return new AppError(
    'INSUFFICIENT_STOCK',
    `Insufficient inventory for ${a.name}: need ${fmt(qty)} ${a.unit}, have ${fmt(available)} ${a.unit}${curing}`,
    { itemId: p.item_id, needed: fmt(qty), available: fmt(available), unit: a.unit },
  );
}

function resultOf(input: Parsed, p: Params, a: Answer): MovementResult {
  const qty = D(p.quantity);
  const events = a.events ?? [];
  return {
    movementId: a.movement_id!,
    changeType: input.changeType,
    quantityDelta: fmt(p.group === 'create' ? qty : qty.neg()),
    message:
      p.group === 'create'
        ? `${fmt(qty)} ${a.unit} of ${a.name} received as ${a.lot_code}`
        : `${fmt(qty)} ${a.unit} of ${a.name} taken from ${events.length} lot(s)`,
    events: events.map((e) => ({
      lotId: e.lot_id,
      code: e.code,
      quantityDelta: fmt(D(e.delta)),
      unitCost: D(e.unit_cost).toString(),
      value: D(e.value).toString(),
    })),
    item: { id: input.itemId, quantity: fmt(D(a.quantity!)), costPerUnit: D(a.cost_per_unit!).toString() },
  };
}

/** Settles an answer: the result, null for the TypeScript path, or a thrown refusal. */
async function settle(db: Runner, ctx: OrgCtx, input: Parsed, p: Params, a: Answer): Promise<MovementResult | null> {
  // Another unit: convert, then once more in the item's unit (which answers ok, typescript or a refusal,
  // unless the item's unit changed in between: then the TypeScript path takes it under the lock).
  if (a.status === 'convert') {
    p = await converted(db, ctx, a, p);
    a = await call(db, p);
    if (a.status === 'convert') return null;
  }
  if (a.status === 'typescript') return null;
  if (a.status !== 'ok') throw refusal(a, p);
  return resultOf(input, p, a);
}

/** One movement inside the caller's transaction; null when the TypeScript path takes it. */
export async function applyMovementSql(tx: TenantTx, ctx: OrgCtx, input: Parsed): Promise<MovementResult | null> {
  const p = paramsFor(ctx, input);
  if (!p) return null;
  return settle(tx, ctx, input, p, await call(tx, p));
}

/**
 * A manual adjustment (applyMovement) outside any transaction: one statement, which is its own
 * transaction, writing the `inventory_adjusted` domain event with the movement. A refusal writes nothing.
 */
export async function applyMovementAlone(db: TenantDb, ctx: OrgCtx, input: Parsed): Promise<MovementResult | null> {
  const p = paramsFor(ctx, input);
  if (!p) return null;
  const def = EVENT_TYPES.inventory_adjusted;
  const properties = { changeType: input.changeType, unit: input.unit ?? '' };
  def.properties.parse({ ...properties, quantity: '0' });
  p.domain_event = {
    name: 'inventory_adjusted',
    entity_type: def.entityType,
    schema_version: def.schemaVersion,
    properties,
  };
  return settle(db, ctx, input, p, await call(db, p));
}

/** A lot a movement took from, with what the batch's freshness needs of it and of its item (reports). */
export type LotFacts = {
  code: string;
  receivedAt: Date;
  expiresAt: Date | null;
  item: { name: string; unit: string; isPerishable: boolean; shelfLifeDays: number | null };
};
type LotFactsRow = {
  id: string;
  code: string;
  received_at: string;
  expires_at: string | null;
  name: string;
  unit: string;
  perishable: boolean;
  shelf_life_days: number | null;
};
// timestamp(3) columns hold UTC (as Prisma reads them); jsonb renders them without a zone.
const utc = (s: string) => new Date(`${s}Z`);

/**
 * Several movements in order, in one round trip when the function takes them all (a batch start's lines):
 * calls of bt_apply_movements_v2, which stops at the first movement it does not apply. That one is settled
 * here (converted and applied, a refusal thrown, or the TypeScript path through `fallback`) before the rest
 * is sent again, so every movement runs in its order. The caller's transaction rolls back on a refusal.
 * `lotFacts`, when given, receives the dates of the lots the function took from, read in the same
 * statement (they never change, so the statement's snapshot sees them as the function did).
 */
export async function applyMovementsSql(
  tx: TenantTx,
  ctx: OrgCtx,
  inputs: Parsed[],
  fallback: (input: Parsed) => Promise<MovementResult>,
  lotFacts?: Map<string, LotFacts>,
): Promise<MovementResult[]> {
  const results: MovementResult[] = [];
  let i = 0;
  while (i < inputs.length) {
    const params: Params[] = [];
    for (let j = i; j < inputs.length; j++) {
      const p = paramsFor(ctx, inputs[j]!);
      if (!p) break;
      params.push(p);
    }
    if (!params.length) {
      results.push(await fallback(inputs[i]!));
      i++;
      continue;
    }
    const json = JSON.stringify(params);
    const rows = lotFacts
      ? await tx.$queryRaw<{ r: Answer[] | string; lots: LotFactsRow[] | null }[]>`
          WITH a AS (SELECT bt_apply_movements_v2(${json}::jsonb) AS r)
          SELECT a.r, (
            SELECT jsonb_agg(jsonb_build_object('id', l.id, 'code', l.code, 'received_at', l.received_at,
                     'expires_at', l.expires_at, 'name', it.name, 'unit', it.unit, 'perishable', it.is_perishable,
                     'shelf_life_days', it.shelf_life_days))
              FROM inventory_lots l JOIN inventory_items it ON it.id = l.item_id
             WHERE l.organization_id = ${ctx.organizationId}
               AND l.id IN (SELECT e->>'lot_id' FROM jsonb_array_elements(a.r) m, jsonb_array_elements(m->'events') e)
          ) AS lots FROM a`
      : await tx.$queryRaw<{ r: Answer[] | string; lots?: null }[]>`
          SELECT bt_apply_movements_v2(${json}::jsonb) AS r`;
    const raw = rows[0]!.r;
    const answers = typeof raw === 'string' ? (JSON.parse(raw) as Answer[]) : raw;
    for (const l of rows[0]!.lots ?? [])
      lotFacts!.set(l.id, {
        code: l.code,
        receivedAt: utc(l.received_at),
        expiresAt: l.expires_at ? utc(l.expires_at) : null,
        item: { name: l.name, unit: l.unit, isPerishable: l.perishable, shelfLifeDays: l.shelf_life_days },
      });
    for (const [k, a] of answers.entries()) {
      const input = inputs[i]!;
      if (a.status === 'ok') {
        results.push(resultOf(input, params[k]!, a));
        // The function wrote this movement in the organization: a batch line may point at it unchecked.
        rememberRows(ctx.organizationId, { id: a.movement_id });
      } else results.push((await settle(tx, ctx, input, params[k]!, a)) ?? (await fallback(input)));
      i++;
    }
  }
  return results;
}
