// Many people at once: stock changes lock the item row, so the books add up under contention.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useTestEnv } from '../helpers/db.ts';
import { expectBooksBalance, makeInventoryOrg, makeItem } from '../helpers/inventory.ts';
import { applyMovement } from '../../src/lib/server/domain/inventory/apply-movement.ts';
import { reverseMovement } from '../../src/lib/server/domain/inventory/reverse-movement.ts';
import { findInventoryDrift } from '../../src/lib/server/domain/inventory/verify.ts';
import { AppError } from '../../src/lib/server/errors.ts';

const env = useTestEnv();

describe('concurrency', () => {
  it('20 concurrent deductions of 10 g against 150 g: 15 succeed, 5 clean "insufficient", 0 g left', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const item = await makeItem(db, ctx, { name: 'Shea Butter', openingQuantity: '50', cost: '1' });
    await applyMovement(db, ctx, { itemId: item.id, changeType: 'restock', quantity: '50', unitCost: '2' });
    await applyMovement(db, ctx, { itemId: item.id, changeType: 'restock', quantity: '50', unitCost: '3' });
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => applyMovement(db, ctx, { itemId: item.id, changeType: 'use', quantity: '10' })),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(15);
    expect(failed).toHaveLength(5);
    for (const f of failed) {
      expect(f.reason).toBeInstanceOf(AppError);
      expect(f.reason).toMatchObject({
        code: 'INSUFFICIENT_STOCK',
        message: 'Insufficient inventory for Shea Butter: need 10 gram, have 0 gram',
      });
    }
    const row = await env.db.inventoryItem.findUniqueOrThrow({ where: { id: item.id } });
    expect(row.quantity.toString()).toBe('0');
    // 50 g × $1 + 50 g × $2 + 50 g × $3 consumed, exactly once each
    const used = await env.db.inventoryEvent.findMany({ where: { itemId: item.id, changeType: 'use' } });
    const value = used.reduce((s, e) => s + Number(e.quantityDelta) * Number(e.unitCost), 0);
    expect(value).toBe(-300);
    await expectBooksBalance(env, org.id);
  });
});

type Op =
  | { kind: 'restock'; qty: number; cost: number }
  | { kind: 'use' | 'spoil'; qty: number }
  | { kind: 'recount'; target: number }
  | { kind: 'reverse-last' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('restock' as const),
    qty: fc.integer({ min: 1, max: 500 }),
    cost: fc.integer({ min: 0, max: 1000 }),
  }),
  fc.record({ kind: fc.constantFrom('use' as const, 'spoil' as const), qty: fc.integer({ min: 1, max: 400 }) }),
  fc.record({ kind: fc.constant('recount' as const), target: fc.integer({ min: 0, max: 800 }) }),
  fc.constant({ kind: 'reverse-last' as const }),
);

describe('property: random operation sequences keep the invariant', () => {
  it('on-hand = sum of lots = sum of ledger after every operation, whatever succeeds or is refused', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 12 }), async (ops) => {
        const item = await makeItem(db, ctx, { isPerishable: true, shelfLifeDays: 3 });
        const movements: string[] = [];
        for (const op of ops) {
          env.clock.advance(3_600_000 * 7);
          try {
            if (op.kind === 'restock') {
              const r = await applyMovement(db, ctx, {
                itemId: item.id,
                changeType: 'restock',
                quantity: String(op.qty / 100),
                unitCost: String(op.cost / 100),
              });
              movements.push(r.movementId!);
            } else if (op.kind === 'recount') {
              const r = await applyMovement(db, ctx, {
                itemId: item.id,
                changeType: 'recount',
                targetQuantity: String(op.target / 100),
              });
              if (r.movementId) movements.push(r.movementId);
            } else if (op.kind === 'reverse-last') {
              const last = movements.pop();
              if (last) await reverseMovement(db, ctx, { movementId: last, reason: 'property test' });
            } else {
              const r = await applyMovement(db, ctx, {
                itemId: item.id,
                changeType: op.kind,
                quantity: String(op.qty / 100),
              });
              movements.push(r.movementId!);
            }
          } catch (e) {
            if (!(e instanceof AppError)) throw e;
          }
          const lots = await env.db.inventoryLot.aggregate({
            where: { itemId: item.id },
            _sum: { remainingQuantity: true },
          });
          const row = await env.db.inventoryItem.findUniqueOrThrow({ where: { id: item.id } });
          const expected = Number(row.quantity);
          expect(Number(lots._sum.remainingQuantity ?? 0)).toBe(expected);
          expect(expected).toBeGreaterThanOrEqual(0);
          expect(await findInventoryDrift(env.db, org.id)).toEqual([]);
        }
      }),
      { numRuns: 25, seed: 20261121 },
    );
  });
});
