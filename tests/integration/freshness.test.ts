// Freshness (docs/rules/reports.md, Freshness) with concrete numbers on a fixed clock: the daily snapshot of
// the open lots weighted by value, the report that reads it, and a batch's consumed-lot freshness.
import { describe, expect, it } from 'vitest';
import { FIXED_NOW, useTestEnv } from '../helpers/db.ts';
import { makeInventoryOrg, makeItem } from '../helpers/inventory.ts';
import { callerFor } from '../helpers/factories.ts';
import { makeRecipe } from '../helpers/production.ts';
import { applyMovement } from '../../src/lib/server/domain/inventory/apply-movement.ts';
import { snapshotFreshness } from '../../src/lib/server/domain/reports/freshness-snapshot.ts';
import { lotFreshness } from '../../src/lib/server/domain/reports/freshness-rules.ts';
import { computeBatchFreshness } from '../../src/lib/server/domain/reports/batch-freshness.ts';

const env = useTestEnv();

const DAY = 86_400_000;
const at = (days: number) => new Date(FIXED_NOW.getTime() + days * DAY);

async function stock() {
  const o = await makeInventoryOrg(env);
  const { db, ctx } = o;
  const restock = async (itemId: string, receivedDaysAgo: number, quantity: string, unitCost: string, extra = {}) => {
    env.clock.set(at(-receivedDaysAgo));
    await applyMovement(db, ctx, { itemId, changeType: 'restock', quantity, unitCost, ...extra } as never);
    env.clock.set(FIXED_NOW);
  };
  const milk = await makeItem(db, ctx, { name: 'Milk', isPerishable: true, shelfLifeDays: 10 });
  const honey = await makeItem(db, ctx, { name: 'Honey' });
  const flour = await makeItem(db, ctx, { name: 'Flour' });
  const cream = await makeItem(db, ctx, { name: 'Cream', isPerishable: true, shelfLifeDays: 5 });
  return { ...o, restock, milk, honey, flour, cream };
}

describe('lot freshness', () => {
  it('is the share of shelf life left, clamped to 0–100, one decimal', () => {
    expect(lotFreshness(at(-2), at(8), FIXED_NOW).toString()).toBe('80');
    expect(lotFreshness(at(-1), at(2), FIXED_NOW).toString()).toBe('66.7');
    expect(lotFreshness(at(-6), at(-1), FIXED_NOW).toString()).toBe('0');
    expect(lotFreshness(at(1), at(11), FIXED_NOW).toString()).toBe('100');
  });
});

describe('freshness snapshot', () => {
  it('weights the open lots with an expiry by their value, and a rerun of the day writes the same row', async () => {
    const { org, restock, milk, honey, flour, cream } = await stock();
    await restock(milk.id, 2, '100', '0.1'); // $10, expires in 8 of 10 days: 80 %
    await restock(honey.id, 30, '50', '0.6', { expiresAt: at(10).toISOString() }); // $30, 10 of 40 days: 25 %
    await restock(flour.id, 40, '1000', '0.05'); // $50, no expiry: not counted
    await restock(cream.id, 6, '100', '0.1'); // $10, expired a day ago: 0 %

    const first = await snapshotFreshness(env.db, { organizationId: org.id, now: FIXED_NOW });
    // (80 × 10 + 25 × 30 + 0 × 10) ÷ 50 = 31 %
    expect(first.results).toEqual([{ organizationId: org.id, day: '2026-03-01', freshnessPercent: '31' }]);
    await snapshotFreshness(env.db, { organizationId: org.id, now: new Date(FIXED_NOW.getTime() + 60_000) });
    const rows = await env.db.freshnessSnapshot.findMany({ where: { organizationId: org.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ day: '2026-03-01', lotCount: 3 });
    expect(rows[0]!.totalValue.toString()).toBe('50');
    expect(rows[0]!.expiredValue.toString()).toBe('10');

    // The report charts the snapshots and shows today's figure (the advanced report: the owner may).
    env.clock.set(at(1));
    await snapshotFreshness(env.db, { organizationId: org.id, now: at(1) });
    const owner = await callerFor(env, org.owner.id);
    const rep = await owner.reports.freshness({ days: 30 });
    // A day later milk has 7 of 10 days left (70 %), honey 9 of 40 (22.5 %): (700 + 675) ÷ 50 = 27.5 %.
    expect(rep.snapshots.map((s) => [s.day, s.freshnessPercent])).toEqual([
      ['2026-03-01', '31'],
      ['2026-03-02', '27.5'],
    ]);
    expect(rep.current).toEqual({ freshnessPercent: '27.5', lotCount: 3, totalValue: '50', expiredValue: '10' });
  });

  it('a batch records the freshness of the lots its start consumed, FEFO, at the moment they were taken', async () => {
    const { org, restock, milk, honey } = await stock();
    await restock(milk.id, 6, '100', '0.1'); // expires in 4 of 10 days: 40 %
    await restock(milk.id, 2, '100', '0.1'); // 80 %
    await restock(honey.id, 30, '50', '0.6', { expiresAt: at(10).toISOString() }); // 25 %
    const recipe = await makeRecipe(env, org.id, {
      name: 'Custard',
      yield: '175',
      yieldUnit: 'gram',
      lines: [
        { itemId: milk.id, quantity: '150', unit: 'gram' },
        { itemId: honey.id, quantity: '25', unit: 'gram' },
      ],
    });
    const owner = await callerFor(env, org.owner.id);
    const { batchId } = await owner.batches.start({ recipeId: recipe.id });
    // Later lots and later days change nothing: what was recorded is the start.
    env.clock.set(at(3));
    const f = await owner.reports.batchFreshness({ batchId });
    expect(f.recorded).toBe(true);
    // Milk: 100 g at 40 % and 50 g at 80 % → 53.3 %, $15; honey 25 g at 25 %, $15 → (53.3 + 25) ÷ 2 = 39.2 %.
    expect(f.freshnessPercent).toBe('39.2');
    const byName = Object.fromEntries(f.items.map((i) => [i.name, i]));
    expect(byName.Milk!.freshnessPercent).toBe('53.3');
    expect(byName.Milk!.lots.map((l) => [l.quantity, l.ageDays, l.lifeLeftPercent])).toEqual([
      ['100', 6, '40'],
      ['50', 2, '80'],
    ]);
    expect(byName.Honey!.lots.map((l) => [l.quantity, l.ageDays, l.lifeLeftPercent])).toEqual([['25', 30, '25']]);
  });

  it('is recorded in the start itself, as the ledger gives it later, also for a line in another unit', async () => {
    const { org, db, restock, milk, honey } = await stock();
    await restock(milk.id, 6, '100', '0.1'); // 40 %
    await restock(milk.id, 2, '100', '0.1'); // 80 %
    await restock(honey.id, 30, '50', '0.6', { expiresAt: at(10).toISOString() }); // 25 %
    const recipe = await makeRecipe(env, org.id, {
      name: 'Custard',
      yield: '175',
      yieldUnit: 'gram',
      lines: [
        // 0.15 kg of an item kept in grams: converted, then taken outside the start's one ledger call.
        { itemId: milk.id, quantity: '0.15', unit: 'kg' },
        { itemId: honey.id, quantity: '25', unit: 'gram' },
      ],
    });
    const owner = await callerFor(env, org.owner.id);
    const { batchId } = await owner.batches.start({ recipeId: recipe.id });
    const row = await env.db.batchFreshness.findUniqueOrThrow({ where: { batchId } });
    expect(row.computedAt).toEqual(FIXED_NOW);
    expect(row.freshnessPercent?.toString()).toBe('39.2');
    const fromLedger = await computeBatchFreshness(db, batchId);
    expect(fromLedger.freshnessPercent?.toString()).toBe('39.2');
    expect(row.items).toEqual(fromLedger.items);
    const items = row.items as { name: string; lots: { quantity: string }[] }[];
    expect(Object.fromEntries(items.map((i) => [i.name, i.lots.map((l) => l.quantity)]))).toEqual({
      Milk: ['100', '50'],
      Honey: ['25'],
    });
  });
});
