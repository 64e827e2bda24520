import { describe, expect, it } from 'vitest';
import { Prisma } from '../../src/lib/server/db/client.ts';
import { containmentPercent, suggestContainers } from '../../src/lib/server/domain/planning/containers.ts';
import { batchLabel } from '../../src/lib/server/domain/batches/labels.ts';
import { elapsedSeconds, formatDuration } from '../../src/lib/server/domain/batches/timers.ts';

const D = (v: string | number) => new Prisma.Decimal(v);

describe('container suggestion', () => {
  it('12 fl oz into 4 fl oz jars gives 3 jars at 100% containment', () => {
    const plan = suggestContainers(
      [{ itemId: 'jar4', name: '4 oz jar', capacity: D(4), available: 10 }],
      D(12),
      'floz',
    );
    expect(plan.picks.map((p) => [p.itemId, p.quantity])).toEqual([['jar4', 3]]);
    expect(plan.containmentPercent).toBe(100);
    expect(plan.warnings).toEqual([]);
  });
  it('fills largest first and warns about a partly filled last container', () => {
    const plan = suggestContainers(
      [
        { itemId: 'j4', name: '4 oz jar', capacity: D(4), available: 10 },
        { itemId: 'j8', name: '8 oz jar', capacity: D(8), available: 1 },
      ],
      D(15),
      'floz',
    );
    expect(plan.picks.map((p) => [p.itemId, p.quantity])).toEqual([
      ['j8', 1],
      ['j4', 2],
    ]);
    expect(plan.warnings).toEqual(['Last container partially filled to 75%']);
    const small = suggestContainers([{ itemId: 'j4', name: '4 oz jar', capacity: D(4), available: 10 }], D(9), 'floz');
    expect(small.warnings).toEqual(['Partial fill warning: the last 4 oz jar would be 25% full']);
  });
  it('short on containers is one error, not a warning, and never says 100%', () => {
    const plan = suggestContainers([{ itemId: 'j4', name: '4 oz jar', capacity: D(4), available: 2 }], D(12), 'floz');
    expect(plan.error).toBe(
      'Not enough containers: 4 fl oz of the 12 fl oz would have no container. Restock containers or choose others.',
    );
    expect(plan.warnings).toEqual([]);
    expect(plan.containmentPercent).toBe(66.6);
    const almost = suggestContainers(
      [{ itemId: 'j4', name: '4 oz jar', capacity: D('3.9'), available: 3 }],
      D(12),
      'floz',
    );
    expect([almost.containmentPercent, almost.error !== null, almost.warnings]).toEqual([97.5, true, []]);
  });
  it('shows containment as 100 only when everything fits', () => {
    expect(containmentPercent(D(100), D(100))).toBe(100);
    expect(containmentPercent(D(150), D(100))).toBe(100);
    expect(containmentPercent(D('99.99'), D(100))).toBe(99.9);
    expect(containmentPercent(D(97), D(100))).toBe(97);
  });
});

describe('batch labels', () => {
  it('formats master, variation and test labels', () => {
    expect(
      batchLabel('soap', 1, { isMaster: true, versionNumber: 1, variationPrefix: null, testSequence: null }, 2026, 1),
    ).toBe('SOAP1-2026-001');
    expect(
      batchLabel('SOAP', 2, { isMaster: false, versionNumber: 1, variationPrefix: 'lav', testSequence: 1 }, 2026, 14),
    ).toBe('SOAP2-LAV1-T1-2026-014');
  });
});

describe('timers', () => {
  it('pausing stops the clock', () => {
    const start = new Date('2026-03-01T10:00:00Z');
    expect(elapsedSeconds({ accumulatedSeconds: 0, runningSince: start }, new Date('2026-03-01T10:01:30Z'))).toBe(90);
    // paused after 90 s: no clock runs however long it stays paused
    expect(elapsedSeconds({ accumulatedSeconds: 90, runningSince: null }, new Date('2026-03-01T12:00:00Z'))).toBe(90);
    expect(formatDuration(90)).toBe('01:30');
    expect(formatDuration(3725)).toBe('01:02:05');
  });
});
