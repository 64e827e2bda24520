// A lot's value is exact (docs/rules/lot-value.md): the ledger keeps what each lot cost and what is
// left of it, and derives the unit cost, so no unit or rounding of a unit cost changes the books.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { useTestEnv } from '../helpers/db.ts';
import { expectBooksBalance, makeInventoryOrg, makeItem } from '../helpers/inventory.ts';
import { applyMovement } from '../../src/lib/server/domain/inventory/apply-movement.ts';
import { reverseMovement } from '../../src/lib/server/domain/inventory/reverse-movement.ts';
import { getItem } from '../../src/lib/server/domain/inventory/queries.ts';
import { AppError } from '../../src/lib/server/errors.ts';
import { findInventoryDrift } from '../../src/lib/server/domain/inventory/verify.ts';

const env = useTestEnv();

const lotsOf = (itemId: string) => env.db.inventoryLot.findMany({ where: { itemId }, orderBy: { receivedAt: 'asc' } });

describe('exact lot values', () => {
  it('10 lb bought for $28.50 is worth $28.50 in a gram item, whether entered as a total or per lb', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const wax = await makeItem(db, ctx, { name: 'Soy wax', unit: 'gram' });
    await applyMovement(db, ctx, {
      itemId: wax.id,
      changeType: 'restock',
      quantity: '10',
      unit: 'lb',
      totalCost: '28.50',
    });
    env.clock.advance(1000);
    await applyMovement(db, ctx, {
      itemId: wax.id,
      changeType: 'restock',
      quantity: '10',
      unit: 'pound',
      unitCost: '2.85',
    });
    const lots = await lotsOf(wax.id);
    expect(
      lots.map((l) => [l.originalQuantity.toString(), l.originalValue.toString(), l.remainingValue.toString()]),
    ).toEqual([
      ['4535.9237', '28.5', '28.5'],
      ['4535.9237', '28.5', '28.5'],
    ]);
    // The derived unit cost is only a view of the value: $0.006283174472/g (the old 6-place $0.006283 made it $28.4992).
    expect(lots[0]!.unitCost.toString()).toBe('0.006283174472');
    const item = await getItem(db, ctx, { itemId: wax.id });
    expect(item.lots.map((l) => l.value)).toEqual(['28.5', '28.5']);
    // Using the first lot in three takes charges exactly $28.50 in all.
    const taken = [];
    for (const q of ['1000', '1000', '2535.9237'])
      taken.push((await applyMovement(db, ctx, { itemId: wax.id, changeType: 'use', quantity: q })).events[0]!.value);
    expect(taken).toEqual(['-6.283174', '-6.283175', '-15.933651']);
    expect((await lotsOf(wax.id))[0]!.remainingValue.toString()).toBe('0');
    await expectBooksBalance(env, org.id);
  });

  it('100,000 mg for $5.99 is worth $5.99, not $6.00', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const mica = await makeItem(db, ctx, {
      name: 'Mica',
      unit: 'mg',
      openingQuantity: '100000',
      costEntry: 'total',
      cost: '5.99',
    });
    const [lot] = await lotsOf(mica.id);
    expect([lot!.originalValue.toString(), lot!.unitCost.toString()]).toEqual(['5.99', '0.0000599']);
    const r = await applyMovement(db, ctx, { itemId: mica.id, changeType: 'use', quantity: '100', unit: 'gram' });
    expect(r.events[0]!.value).toBe('-5.99');
    await expectBooksBalance(env, org.id);
  });
});

type Op =
  | { kind: 'restock'; qty: number; unit: 'gram' | 'kg' | 'oz' | 'lb'; cents: number; total: boolean }
  | { kind: 'use' | 'returned'; qty: number }
  | { kind: 'recount'; target: number }
  | { kind: 'reverse-last' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('restock' as const),
    qty: fc.integer({ min: 1, max: 5000 }),
    unit: fc.constantFrom('gram' as const, 'kg' as const, 'oz' as const, 'lb' as const),
    cents: fc.integer({ min: 0, max: 10_000 }),
    total: fc.boolean(),
  }),
  fc.record({ kind: fc.constantFrom('use' as const, 'returned' as const), qty: fc.integer({ min: 1, max: 300_000 }) }),
  fc.record({ kind: fc.constant('recount' as const), target: fc.integer({ min: 0, max: 400_000 }) }),
  fc.constant({ kind: 'reverse-last' as const }),
);

describe('property: values stay exact through any sequence of movements', () => {
  it('received value = remaining value + value taken out, per lot and in total, after every step', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 10 }), async (ops) => {
        const item = await makeItem(db, ctx, { unit: 'gram' });
        const done: string[] = [];
        for (const op of ops) {
          env.clock.advance(60_000);
          try {
            const r =
              op.kind === 'restock'
                ? await applyMovement(db, ctx, {
                    itemId: item.id,
                    changeType: 'restock',
                    quantity: String(op.qty / 10),
                    unit: op.unit,
                    ...(op.total ? { totalCost: String(op.cents / 100) } : { unitCost: String(op.cents / 100) }),
                  })
                : op.kind === 'recount'
                  ? await applyMovement(db, ctx, {
                      itemId: item.id,
                      changeType: 'recount',
                      targetQuantity: String(op.target / 100),
                    })
                  : op.kind === 'reverse-last'
                    ? done.length
                      ? await reverseMovement(db, ctx, { movementId: done.pop()!, reason: 'property test' })
                      : null
                    : await applyMovement(db, ctx, {
                        itemId: item.id,
                        changeType: op.kind,
                        quantity: String(op.qty / 100),
                      });
            if (r?.movementId && op.kind !== 'reverse-last') done.push(r.movementId);
          } catch (e) {
            if (!(e instanceof AppError)) throw e;
          }
          expect(await findInventoryDrift(env.db, org.id)).toEqual([]);
        }
        const [lots, events] = await Promise.all([
          env.db.inventoryLot.findMany({ where: { itemId: item.id } }),
          env.db.inventoryEvent.findMany({ where: { itemId: item.id, lotId: { not: null } } }),
        ]);
        const sum = (xs: { toString(): string }[]) => xs.reduce((s: number, x) => s + Number(x.toString()) * 1e6, 0);
        // Every micro-dollar is accounted for: what the lots hold is the sum of everything posted to them.
        expect(Math.round(sum(lots.map((l) => l.remainingValue)))).toBe(Math.round(sum(events.map((e) => e.value))));
        for (const l of lots) if (l.remainingQuantity.isZero()) expect(l.remainingValue.toString()).toBe('0');
      }),
      { numRuns: 15, seed: 1616 },
    );
  });
});
