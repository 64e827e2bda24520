// The dashboard's parts (docs/rules/dashboard.md): stock value and its 90 days, alerts with their fixes,
// per-user dismissals and the number shown, batches in progress, recent activity with who, the batch cost
// trend and what a plan cannot do. Each behind its permission; values hidden without the cost permission.
import { describe, expect, it } from 'vitest';
import { useTestEnv } from '../helpers/db.ts';
import { callerFor, makeMember, makeOrg } from '../helpers/factories.ts';
import { makeRecipe } from '../helpers/production.ts';

const env = useTestEnv();

const DAY = 86_400_000;
const HOUR = 3_600_000;

describe('stock value', () => {
  it('totals the open lots per item type, and walks the 90 days back through the books', async () => {
    const org = await makeOrg(env);
    const owner = await callerFor(env, org.owner.id);
    const oil = await owner.inventory.create({ name: 'Olive Oil', openingQuantity: '100', cost: '0.01' });
    await owner.inventory.create({
      name: 'Jar',
      itemType: 'container',
      unit: 'count',
      openingQuantity: '10',
      cost: '0.5',
    });
    env.clock.advance(DAY);
    await owner.inventory.adjust({ itemId: oil.id, changeType: 'use', quantity: '50' });
    env.clock.advance(DAY);
    await owner.inventory.adjust({ itemId: oil.id, changeType: 'restock', quantity: '100', unitCost: '0.03' });
    const v = await owner.dashboard.stockValue();
    // $0.50 + $3 of oil, $5 of jars
    expect(v.totalValue).toBe('8.5');
    expect(v.byType).toEqual([
      { itemType: 'container', value: '5' },
      { itemType: 'ingredient', value: '3.5' },
    ]);
    expect(v.history).toHaveLength(90);
    expect(v.history.slice(-4).map((h) => h.value)).toEqual(['0', '6', '5.5', '8.5']);
    const today = new Date(env.clock.now()).toISOString().slice(0, 10);
    expect(v.history.at(-1)!.day).toBe(today);
  });

  it('is hidden (null) from a role without inventory.view_costs', async () => {
    const org = await makeOrg(env);
    const owner = await callerFor(env, org.owner.id);
    await owner.inventory.create({ name: 'Olive Oil', openingQuantity: '100', cost: '0.01' });
    const prod = await callerFor(env, (await makeMember(env, org.id, 'production')).id);
    const v = await prod.dashboard.stockValue();
    expect(v.totalValue).toBeNull();
    expect(v.byType.map((t) => t.value)).toEqual([null]);
    expect(v.history.every((h) => h.value === null)).toBe(true);
  });
});

describe('alerts', () => {
  async function setup() {
    const org = await makeOrg(env);
    const owner = await callerFor(env, org.owner.id);
    const wax = await owner.inventory.create({
      name: 'Soy Wax',
      openingQuantity: '5',
      cost: '1',
      lowStockThreshold: '10',
    });
    const lye = await owner.inventory.create({ name: 'Lye', openingQuantity: '0', lowStockThreshold: '100' });
    const milk = await owner.inventory.create({ name: 'Goat Milk', isPerishable: true, shelfLifeDays: 2 });
    await owner.inventory.adjust({ itemId: milk.id, changeType: 'restock', quantity: '500', unitCost: '0.01' });
    env.clock.advance(3 * DAY);
    // a lot expiring in 5 days, within the 7-day window
    await owner.inventory.adjust({ itemId: milk.id, changeType: 'restock', quantity: '100', unitCost: '0.01' });
    await env.db.inventoryLot.updateMany({
      where: { itemId: milk.id, remainingQuantity: 100 },
      data: { expiresAt: new Date(env.clock.now().getTime() + 5 * DAY) },
    });
    const oil = await owner.inventory.create({ name: 'Oil', openingQuantity: '1000', cost: '0.01' });
    const recipe = await makeRecipe(env, org.id, {
      name: 'Castile',
      yield: '100',
      lines: [{ itemId: oil.id, quantity: '100', unit: 'gram' }],
    });
    const batch = await owner.batches.start({ recipeId: recipe.id });
    await owner.batches.startTimer({ batchId: batch.batchId, durationSeconds: 600 });
    env.clock.advance(25 * HOUR);
    return { org, owner, wax, lye, milk, batch };
  }

  it('are prioritised, each with its fix, three by default', async () => {
    const { owner, wax, lye, milk, batch } = await setup();
    const all = await owner.dashboard.setAlertPreferences({ maxAlerts: 20 }).then(() => owner.dashboard.alerts());
    expect(all.alerts.map((a) => [a.priority, a.kind, a.title, a.fix.label, a.fix.href])).toEqual([
      ['critical', 'out_of_stock', 'Lye is out of stock', 'Restock', `/inventory/${lye.id}`],
      ['critical', 'expired', 'Goat Milk: 1 expired lot', 'Dispose', `/inventory/${milk.id}`],
      [
        'critical',
        'stuck_batch',
        `Batch ${batch.label} has been in progress for 25 hours`,
        'Finish',
        `/batches/${batch.batchId}`,
      ],
      ['high', 'low_stock', 'Soy Wax is low', 'Restock', `/inventory/${wax.id}`],
      ['high', 'expiring', 'Goat Milk: 1 lot expiring soon', 'See expiring', '/expiring'],
      ['high', 'timer_expired', `Timer "Timer" of ${batch.label} is up`, 'Open batch', `/batches/${batch.batchId}`],
    ]);
    expect(all.alerts[3]!.detail).toBe('5 gram left; restock at 10 gram.');
    await owner.dashboard.setAlertPreferences({ maxAlerts: 3 });
    const three = await owner.dashboard.alerts();
    expect([three.alerts.length, three.more, three.maxAlerts]).toEqual([3, 3, 3]);
    await expect(owner.dashboard.setAlertPreferences({ maxAlerts: 0 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('a dismissal is per user and lasts while its condition does', async () => {
    const { org, owner, wax } = await setup();
    const admin = await callerFor(env, (await makeMember(env, org.id, 'admin')).id);
    await owner.dashboard.dismissAlert({ key: `low_stock:${wax.id}` });
    const mine = await owner.dashboard.setAlertPreferences({ maxAlerts: 20 }).then(() => owner.dashboard.alerts());
    expect(mine.alerts.map((a) => a.kind)).not.toContain('low_stock');
    expect(mine.dismissed).toBe(1);
    await admin.dashboard.setAlertPreferences({ maxAlerts: 20 });
    expect((await admin.dashboard.alerts()).alerts.map((a) => a.kind)).toContain('low_stock');
    await expect(owner.dashboard.dismissAlert({ key: 'low_stock:gone' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'That alert is no longer active.',
    });
    // restocked above the threshold: the alert is gone and its dismissal forgotten …
    await owner.inventory.adjust({ itemId: wax.id, changeType: 'restock', quantity: '20' });
    expect((await owner.dashboard.alerts()).dismissed).toBe(0);
    // … so running low again alerts again
    await owner.inventory.adjust({ itemId: wax.id, changeType: 'use', quantity: '20' });
    expect((await owner.dashboard.alerts()).alerts.map((a) => a.kind)).toContain('low_stock');
  });

  it('a production user sees the batch alerts and stock alerts, and no costs anywhere', async () => {
    const { org } = await setup();
    const prod = await callerFor(env, (await makeMember(env, org.id, 'production')).id);
    await prod.dashboard.setAlertPreferences({ maxAlerts: 20 });
    expect((await prod.dashboard.alerts()).alerts).toHaveLength(6);
    const warehouse = await callerFor(env, (await makeMember(env, org.id, 'warehouse')).id);
    await warehouse.dashboard.setAlertPreferences({ maxAlerts: 20 });
    // no batches.view: no stuck batch, no timer
    expect((await warehouse.dashboard.alerts()).alerts.map((a) => a.kind)).toEqual([
      'out_of_stock',
      'expired',
      'low_stock',
      'expiring',
    ]);
    await expect(warehouse.dashboard.inProgress()).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('production and activity', () => {
  it('batches in progress with elapsed time and timers; activity says who; the cost trend per recipe', async () => {
    const org = await makeOrg(env);
    const owner = await callerFor(env, org.owner.id);
    const oil = await owner.inventory.create({ name: 'Oil', openingQuantity: '1000', cost: '0.01' });
    const recipe = await makeRecipe(env, org.id, {
      name: 'Castile',
      yield: '100',
      lines: [{ itemId: oil.id, quantity: '100', unit: 'gram' }],
    });
    const first = await owner.batches.start({ recipeId: recipe.id });
    // finished (the finish itself is the worker's job, tested in batches.test.ts): $1 of oil made 80 g
    await env.db.batch.update({
      where: { id: first.batchId },
      data: { status: 'completed', completedAt: env.clock.now(), totalCost: 1, finalQuantity: 80, outputUnit: 'gram' },
    });
    env.clock.advance(DAY);
    const second = await owner.batches.start({ recipeId: recipe.id });
    await owner.batches.startTimer({ batchId: second.batchId, durationSeconds: 3600, name: 'Cure check' });
    env.clock.advance(90 * 60_000);
    const inProgress = await owner.dashboard.inProgress();
    expect(inProgress.batches.map((b) => [b.label, b.recipeName, b.elapsedSeconds])).toEqual([
      [second.label, 'Castile', 5400],
    ]);
    expect(inProgress.batches[0]!.timers).toEqual([
      expect.objectContaining({ name: 'Cure check', status: 'expired', remainingSeconds: 0 }),
    ]);
    const activity = await owner.dashboard.activity();
    expect(activity.rows[0]).toMatchObject({
      kind: 'batch',
      action: 'batch started',
      who: expect.stringMatching(/^Owner /),
    });
    expect(activity.rows.find((r) => r.kind === 'movement' && r.action === 'batch')).toMatchObject({
      subject: 'Oil',
      quantity: '-100',
      who: expect.stringMatching(/^Owner /),
    });
    // $1 of oil over 80 g
    expect((await owner.dashboard.batchCosts()).recipes).toEqual([
      {
        name: 'Castile',
        unit: 'gram',
        points: [expect.objectContaining({ label: first.label, costPerUnit: '0.0125' })],
      },
    ]);
    const prod = await callerFor(env, (await makeMember(env, org.id, 'production')).id);
    expect((await prod.dashboard.batchCosts()).recipes[0]!.points[0]!.costPerUnit).toBeNull();
  });

  it('says what a Free Tools plan cannot do, with the plans that can', async () => {
    const org = await makeOrg(env, { tierKey: 'free' });
    const owner = await callerFor(env, org.owner.id);
    const gaps = await owner.dashboard.planGaps();
    expect(gaps.message).toBe('Free Tools: recipes only. Upgrade to run batches and make products.');
    expect(gaps.upgrades[0]).toBe('Solo');
    const team = await callerFor(env, (await makeOrg(env)).owner.id);
    expect(await team.dashboard.planGaps()).toEqual({ message: null, upgrades: [] });
  });
});
