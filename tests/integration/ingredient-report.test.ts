// The per-ingredient report (docs/rules/reports.md, Per ingredient) with concrete numbers, on a fixed clock.
import { describe, expect, it } from 'vitest';
import { FIXED_NOW, useTestEnv } from '../helpers/db.ts';
import { makeInventoryOrg, makeItem } from '../helpers/inventory.ts';
import { callerFor, makeMember } from '../helpers/factories.ts';
import { applyMovement } from '../../src/lib/server/domain/inventory/apply-movement.ts';

const env = useTestEnv();

const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(FIXED_NOW.getTime() - n * DAY);

describe('ingredient report', () => {
  it('usage over time, spoilage and disposal with their value, and days of cover at the last 30 days’ rate', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const oil = await makeItem(db, ctx, { name: 'Olive oil' });
    const move = async (ago: number, changeType: string, quantity: string, extra: object = {}) => {
      env.clock.set(daysAgo(ago));
      return applyMovement(db, ctx, { itemId: oil.id, changeType, quantity, ...extra } as never);
    };
    await move(60, 'restock', '1000', { unitCost: '0.02' }); // $20.00 for 1,000 g
    await move(45, 'use', '100'); // in the 90-day window, not in the last 30 days
    await move(20, 'use', '200');
    const mistake = await move(10, 'use', '40');
    env.clock.set(daysAgo(9));
    const { reverseMovement } = await import('../../src/lib/server/domain/inventory/reverse-movement.ts');
    await reverseMovement(db, ctx, { movementId: mistake.movementId!, reason: 'typo' });
    await move(5, 'use', '100');
    await move(3, 'spoil', '100');
    await move(2, 'trash', '50');
    env.clock.set(FIXED_NOW);

    const owner = await callerFor(env, org.owner.id);
    const rep = await owner.reports.ingredient({ itemId: oil.id });
    // 1000 − 100 − 200 − 100 − 100 − 50 = 450 g on hand; 300 g used in the last 30 days (the 40 g use was
    // reversed) → 10 g a day → 45 days of cover.
    expect(rep.item.onHand).toBe('450');
    expect(rep.usedLast30Days).toBe('300');
    expect(rep.dailyUsageRate).toBe('10');
    expect(rep.daysOfCover).toBe('45');
    expect(rep.used).toBe('400');
    expect(rep.usage).toHaveLength(90);
    expect(rep.usage.at(-1)!.day).toBe('2026-03-01');
    const day = (n: number) => rep.usage.find((u) => u.day === daysAgo(n).toISOString().slice(0, 10))!.quantity;
    expect([day(45), day(20), day(10), day(9), day(5), day(3)]).toEqual(['100', '200', '40', '-40', '100', '0']);
    // Spoilage: 100 g at $0.02 = $2.00; disposal: 50 g = $1.00.
    expect(rep.spoilage).toEqual({ quantity: '100', lossValue: '2' });
    expect(rep.disposal).toEqual({ quantity: '50', lossValue: '1' });
    expect(rep.byChangeType).toEqual([
      { changeType: 'spoil', quantity: '100', lossValue: '2' },
      { changeType: 'trash', quantity: '50', lossValue: '1' },
    ]);

    // A 30-day window leaves out the use 45 days ago.
    const short = await owner.reports.ingredient({ itemId: oil.id, days: 30 });
    expect(short.used).toBe('300');
    expect(short.usage).toHaveLength(30);

    // Without inventory.view_costs the loss values are hidden, the quantities are not.
    const viewer = await callerFor(env, (await makeMember(env, org.id, 'viewer')).id);
    const hidden = await viewer.reports.ingredient({ itemId: oil.id });
    expect(hidden.spoilage).toEqual({ quantity: '100', lossValue: null });
    expect(hidden.daysOfCover).toBe('45');
  });

  it('no usage in the last 30 days: no days of cover; an unknown item is not found', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const wax = await makeItem(db, ctx, { name: 'Wax', openingQuantity: '500' });
    const owner = await callerFor(env, org.owner.id);
    const rep = await owner.reports.ingredient({ itemId: wax.id });
    expect(rep.daysOfCover).toBeNull();
    expect(rep.used).toBe('0');
    await expect(owner.reports.ingredient({ itemId: '00000000-0000-4000-8000-000000000000' })).rejects.toThrow(
      'Inventory item not found',
    );
  });
});
