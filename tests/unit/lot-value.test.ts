// Lot value rules (docs/rules/lot-value.md): a lot keeps what it cost, takes are shares of what is
// left, and the take that empties a lot takes exactly the rest, so the takes add up to the cost.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Prisma } from '../../src/lib/server/db/client.ts';
import {
  creditValue,
  takeValue,
  unitCostOf,
  weightedAverageCost,
} from '../../src/lib/server/domain/inventory/rules.ts';

const D = (v: string | number) => new Prisma.Decimal(v);

describe('lot value', () => {
  it('10 lb bought for $28.50 into a gram item stays worth $28.50, taken in three goes', () => {
    const qty = D('4535.9237'); // 10 × 453.59237 g
    let lot = { remaining: qty, value: D('28.5') };
    expect(unitCostOf(lot.value, qty).toString()).toBe('0.006283174472');
    const takes: Prisma.Decimal[] = [];
    for (const q of ['1000', '1000', '2535.9237']) {
      const v = takeValue(lot, D(q));
      takes.push(v);
      lot = { remaining: lot.remaining.minus(q), value: lot.value.minus(v) };
    }
    expect(takes.map(String)).toEqual(['6.283174', '6.283175', '15.933651']);
    expect(takes.reduce((s, v) => s.plus(v), D(0)).toString()).toBe('28.5');
    expect([lot.remaining.toString(), lot.value.toString()]).toEqual(['0', '0']);
  });

  it('100,000 mg for $5.99 is worth $5.99 (a 6-place unit cost would have made it $6.00)', () => {
    expect(unitCostOf(D('5.99'), D('100000')).toString()).toBe('0.0000599');
    expect(D('0.00006').times(100000).toString()).toBe('6');
    const half = takeValue({ remaining: D('100000'), value: D('5.99') }, D('50000'));
    expect(half.toString()).toBe('2.995');
    expect(takeValue({ remaining: D('50000'), value: D('5.99').minus(half) }, D('50000')).toString()).toBe('2.995');
  });

  it('a credit that fills a lot back restores exactly what it cost', () => {
    const lot = { remaining: D('1'), original: D('3'), value: D('0.333334'), originalValue: D('1') };
    expect(creditValue(lot, D('1')).toString()).toBe('0.333333');
    expect(creditValue(lot, D('2')).toString()).toBe('0.666666');
  });

  it('the item cost is the remaining value over the remaining quantity', () => {
    expect(
      weightedAverageCost([
        { remaining: D('50'), value: D('150') },
        { remaining: D('100'), value: D('100') },
      ]).toString(),
    ).toBe('1.666666666667');
    expect(weightedAverageCost([]).toString()).toBe('0');
  });

  it('property: any sequence of takes adds up to the lot value exactly, never below zero', () => {
    const cents = fc.integer({ min: 0, max: 10_000_000 });
    const micro = fc.integer({ min: 1, max: 10_000_000_000 });
    fc.assert(
      fc.property(
        cents,
        micro,
        fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 20 }),
        (c, m, parts) => {
          const value = D(c).div(100);
          const qty = D(m).div(1_000_000);
          const total = parts.reduce((a, b) => a + b, 0);
          let lot = { remaining: qty, value };
          let taken = D(0);
          parts.forEach((p, i) => {
            const q =
              i === parts.length - 1
                ? lot.remaining
                : qty.times(p).div(total).toDecimalPlaces(6, Prisma.Decimal.ROUND_DOWN);
            const v = takeValue(lot, Prisma.Decimal.min(q, lot.remaining));
            expect(v.gte(0)).toBe(true);
            taken = taken.plus(v);
            lot = { remaining: lot.remaining.minus(Prisma.Decimal.min(q, lot.remaining)), value: lot.value.minus(v) };
            expect(lot.value.gte(0)).toBe(true);
          });
          expect(lot.remaining.isZero()).toBe(true);
          expect(taken.eq(value)).toBe(true);
        },
      ),
      { numRuns: 300, seed: 16 },
    );
  });
});
