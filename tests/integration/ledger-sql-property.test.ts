// The SQL ledger (bt_apply_movement_v1, ledger-sql.ts) against the TypeScript reference (applyMovementTs):
// random sequences of restocks (paid per unit, in total or at the item's cost; in the item's unit or
// converted from kg, lb or oz; with and without expiry dates, some already past), uses, sales, spoilage,
// curing lots, credits and recounts, with FIFO and average costing, perishable and not, run on two identical
// items: one through the TypeScript path, one through the SQL path. After every step the results, the lots
// and the item's totals are the same, and at the end the movements and events too
// (docs/rules/inventory.md, The ledger in SQL).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createTestEnv, resetData, type TestEnv } from '../helpers/db.ts';
import { expectBooksBalance, makeInventoryOrg, makeItem } from '../helpers/inventory.ts';
import { applyMovementTs, type MovementResult } from '../../src/lib/server/domain/inventory/apply-movement.ts';
import { applyMovementSql } from '../../src/lib/server/domain/inventory/ledger-sql.ts';
import { MovementInputSchema, type MovementInput } from '../../src/lib/shared/schemas/inventory.ts';
import type { TenantDb } from '../../src/lib/server/db/tenant.ts';
import { Prisma } from '../../src/lib/server/db/client.ts';
import type { OrgCtx } from '../../src/lib/server/domain/context.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
  await resetData(env.db);
});
afterAll(() => env.close());

const DAY = 86_400_000;
const qty = fc
  .tuple(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 0, max: 999 }))
  .map(([w, f]) => `${w}.${String(f).padStart(3, '0')}`);
const money = fc
  .tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 9999 }))
  .map(([w, f]) => `${w}.${String(f).padStart(4, '0')}`);

type Step =
  | {
      op: 'restock';
      quantity: string;
      unit: 'gram' | 'kg' | 'lb' | 'oz';
      cost: { kind: 'unit' | 'total'; amount: string } | null;
      expiresInDays: number | null;
      changeType: 'restock' | 'manual_addition';
    }
  | { op: 'take'; quantity: string; unit: 'gram' | 'kg'; changeType: string; valuation: 'fifo' | 'average' | null }
  | { op: 'cure'; days: number }
  | { op: 'credit'; quantity: string }
  | { op: 'recount'; target: string }
  | { op: 'advance'; ms: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('restock' as const),
      quantity: qty,
      unit: fc.constantFrom('gram' as const, 'gram' as const, 'kg' as const, 'lb' as const, 'oz' as const),
      cost: fc.option(fc.record({ kind: fc.constantFrom('unit' as const, 'total' as const), amount: money })),
      expiresInDays: fc.option(fc.integer({ min: -5, max: 30 })),
      changeType: fc.constantFrom('restock' as const, 'manual_addition' as const),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      op: fc.constant('take' as const),
      quantity: qty,
      unit: fc.constantFrom('gram' as const, 'gram' as const, 'gram' as const, 'kg' as const),
      changeType: fc.constantFrom('use', 'batch', 'sale', 'reserved', 'spoil', 'expired', 'damaged', 'gift'),
      valuation: fc.constantFrom(null, null, 'fifo' as const, 'average' as const),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('cure' as const), days: fc.integer({ min: 1, max: 10 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('credit' as const), quantity: qty }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('recount' as const), target: qty }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('advance' as const),
      ms: fc.oneof(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: DAY / 2, max: 4 * DAY })),
    }),
  },
);

const scenario = fc.record({
  costMethod: fc.constantFrom('fifo', 'average'),
  perishable: fc.boolean(),
  shelfLifeDays: fc.option(fc.integer({ min: 1, max: 20 })),
  steps: fc.array(step, { minLength: 4, maxLength: 18 }),
});

/** The movement of a step, for one item. */
function inputOf(s: Step, itemId: string, now: Date): MovementInput | null {
  switch (s.op) {
    case 'restock':
      return {
        itemId,
        changeType: s.changeType,
        quantity: s.quantity,
        unit: s.unit,
        ...(s.cost ? (s.cost.kind === 'unit' ? { unitCost: s.cost.amount } : { totalCost: s.cost.amount }) : {}),
        ...(s.expiresInDays === null ? {} : { expiresAt: new Date(now.getTime() + s.expiresInDays * DAY) }),
        notes: 'restocked',
        supplier: 'Acme',
      };
    case 'take':
      return {
        itemId,
        changeType: s.changeType as never,
        quantity: s.unit === 'kg' ? new Prisma.Decimal(s.quantity).div(1000).toString() : s.quantity,
        unit: s.unit,
        ...(s.valuation ? { valuationMethod: s.valuation } : {}),
        notes: 'taken',
      };
    case 'credit':
      return { itemId, changeType: 'returned', quantity: s.quantity };
    case 'recount':
      return { itemId, changeType: 'recount', targetQuantity: s.target };
    default:
      return null;
  }
}

type Outcome = { ok: MovementResult } | { error: string };

async function apply(db: TenantDb, ctx: OrgCtx, raw: MovementInput, sql: boolean): Promise<Outcome> {
  const input = MovementInputSchema.parse(raw);
  try {
    return {
      ok: await db.$transaction(async (tx) => {
        if (!sql) return applyMovementTs(tx, ctx, input);
        const r = await applyMovementSql(tx, ctx, input);
        // Restocks and deductions must take the SQL path; credits and recounts stay in TypeScript.
        if (!r && !['returned', 'recount'].includes(input.changeType)) throw new Error('not taken by SQL');
        return r ?? applyMovementTs(tx, ctx, input);
      }),
    };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** A result without what differs by design between two items: ids, codes and the item's name. */
function comparable(o: Outcome, name: string) {
  if ('error' in o) return { error: o.error.replaceAll(name, 'ITEM') };
  const r = o.ok;
  return {
    changeType: r.changeType,
    quantityDelta: r.quantityDelta,
    message: r.message.replaceAll(name, 'ITEM').replace(/LOT-[0-9A-Z]+/, 'LOT'),
    events: r.events.map((e) => [e.quantityDelta, e.unitCost, e.value, e.memoQuantity ?? null, e.lotId === null]),
    item: [r.item.quantity, r.item.costPerUnit],
  };
}

async function lotsOf(itemId: string) {
  const lots = await env.db.inventoryLot.findMany({
    where: { itemId },
    orderBy: [{ receivedAt: 'asc' }, { createdAt: 'asc' }],
  });
  return lots.map((l) => [
    l.originalQuantity.toString(),
    l.remainingQuantity.toString(),
    l.unitCost.toString(),
    l.originalValue.toString(),
    l.remainingValue.toString(),
    l.receivedAt.toISOString(),
    l.expiresAt?.toISOString() ?? null,
    l.isOpen,
    l.sourceType,
    l.sourceNotes,
    l.supplier,
    l.readyOn?.toISOString() ?? null,
  ]);
}

async function itemOf(itemId: string) {
  const i = await env.db.inventoryItem.findUniqueOrThrow({ where: { id: itemId } });
  return [i.quantity.toString(), i.costPerUnit.toString()];
}

async function ledgerOf(itemId: string) {
  const movements = await env.db.inventoryMovement.findMany({
    where: { itemId },
    orderBy: [{ createdAt: 'asc' }],
    include: { events: { include: { lot: { select: { receivedAt: true } } } } },
  });
  // Movements of one item never share an instant here (the clock moves between steps).
  return movements.map((m) => ({
    m: [m.changeType, m.quantityDelta.toString(), m.actorId, m.notes, m.createdAt.toISOString(), m.loggedAt],
    events: m.events
      .map((e) => [
        e.changeType,
        e.quantityDelta.toString(),
        e.memoQuantity?.toString() ?? null,
        e.unitCost.toString(),
        e.value.toString(),
        e.valuationMethod,
        e.actorId,
        e.notes,
        e.createdAt.toISOString(),
        e.lot?.receivedAt.toISOString() ?? null,
      ])
      .sort((a, b) => String(a[9]).localeCompare(String(b[9]))),
  }));
}

describe('the SQL ledger and the TypeScript reference', () => {
  it('give the same lots, events and totals for random sequences of movements', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    let n = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async (sc) => {
        n++;
        await env.db.organization.update({ where: { id: org.id }, data: { inventoryCostMethod: sc.costMethod } });
        const opts = {
          isPerishable: sc.perishable,
          ...(sc.shelfLifeDays ? { shelfLifeDays: sc.shelfLifeDays } : {}),
          openingQuantity: '50',
          cost: '2',
        };
        const ts = await makeItem(db, ctx, { ...opts, name: `Reference ${n}` });
        const sql = await makeItem(db, ctx, { ...opts, name: `Sql ${n}` });
        for (const s of sc.steps) {
          env.clock.advance(1);
          const now = ctx.now();
          if (s.op === 'advance') {
            env.clock.advance(s.ms);
            continue;
          }
          if (s.op === 'cure') {
            // A curing batch output (production-outputs.md): the newest open lot of each waits `days`.
            for (const id of [ts.id, sql.id]) {
              const lot = await env.db.inventoryLot.findFirst({
                where: { itemId: id, isOpen: true },
                orderBy: { receivedAt: 'desc' },
              });
              if (lot)
                await env.db.inventoryLot.update({
                  where: { id: lot.id },
                  data: { readyOn: new Date(now.getTime() + s.days * DAY) },
                });
            }
            continue;
          }
          const a = await apply(db, ctx, inputOf(s, ts.id, now)!, false);
          const b = await apply(db, ctx, inputOf(s, sql.id, now)!, true);
          expect(comparable(b, sql.name), JSON.stringify(s)).toEqual(comparable(a, ts.name));
          expect(await lotsOf(sql.id)).toEqual(await lotsOf(ts.id));
          expect(await itemOf(sql.id)).toEqual(await itemOf(ts.id));
        }
        expect(await ledgerOf(sql.id)).toEqual(await ledgerOf(ts.id));
      }),
      {
        numRuns: Number(process.env.LEDGER_PROPERTY_RUNS ?? 30),
        seed: Number(process.env.LEDGER_PROPERTY_SEED ?? 1402),
      },
    );
    await expectBooksBalance(env, org.id);
  }, 240_000);
});
