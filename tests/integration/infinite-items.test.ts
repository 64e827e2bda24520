// Infinite items (docs/rules/infinite-items.md): the tracked/infinite switch keeps the books balanced, and a
// tier without inventory.track_quantities runs batches that record usage and post no stock.
import { describe, expect, it } from 'vitest';
import { useTestEnv } from '../helpers/db.ts';
import { expectBooksBalance, makeInventoryOrg, makeItem } from '../helpers/inventory.ts';
import { makeRecipe } from '../helpers/production.ts';
import { applyMovement } from '../../src/lib/server/domain/inventory/apply-movement.ts';
import { setItemTracking } from '../../src/lib/server/domain/inventory/infinite.ts';
import { getItem, listItemHistory } from '../../src/lib/server/domain/inventory/queries.ts';
import { reverseMovement } from '../../src/lib/server/domain/inventory/reverse-movement.ts';
import { verifyInventory } from '../../src/lib/server/domain/inventory/verify.ts';
import { startBatch } from '../../src/lib/server/domain/batches/start-batch.ts';
import { requestCompletion } from '../../src/lib/server/domain/batches/finish.ts';
import { completeBatch } from '../../src/lib/server/domain/batches/complete-batch.ts';
import { getBatch } from '../../src/lib/server/domain/batches/queries.ts';

const env = useTestEnv();

const lotsOf = (itemId: string) => env.db.inventoryLot.findMany({ where: { itemId }, orderBy: { receivedAt: 'asc' } });
const sumEvents = async (itemId: string) =>
  (
    await env.db.inventoryEvent.aggregate({ where: { itemId }, _sum: { quantityDelta: true } })
  )._sum.quantityDelta!.toString();

/** The same organization's context on a tier without the given switches (the tier ceiling, not the role). */
function withoutTier(ctx: any, ...perms: string[]) {
  return { ...ctx, tierPermissions: new Set([...ctx.tierPermissions].filter((p: string) => !perms.includes(p))) };
}

describe('switching an item between tracked and infinite', () => {
  it('restock 80, switch to infinite, use 25, switch back, switch again: the books stay consistent', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const item = await makeItem(db, ctx, { name: 'Shea Butter', cost: '0.5' });
    await applyMovement(db, ctx, { itemId: item.id, changeType: 'restock', quantity: '50', unitCost: '0.5' });
    env.clock.advance(1000);
    await applyMovement(db, ctx, { itemId: item.id, changeType: 'restock', quantity: '30', unitCost: '1' });
    expect((await getItem(db, ctx, { itemId: item.id })).quantity).toBe('80');

    // To infinite asks for confirmation first, and changes nothing without it.
    await expect(setItemTracking(db, ctx, { itemId: item.id, tracked: false })).rejects.toThrow(
      'Switching to infinite sets every open lot to 0 and records it in the ledger. Confirm to continue.',
    );
    expect((await getItem(db, ctx, { itemId: item.id })).isTracked).toBe(true);

    const drained = await setItemTracking(db, ctx, { itemId: item.id, tracked: false, confirmDrain: true });
    expect(drained.drained).toBe('80');
    const drain = await env.db.inventoryMovement.findUniqueOrThrow({
      where: { id: drained.movementId! },
      include: { events: { orderBy: { quantityDelta: 'asc' } } },
    });
    // One movement, one event per open lot, each at the lot's value: 50 × $0.50 and 30 × $1.
    expect([drain.changeType, drain.quantityDelta.toString()]).toEqual(['toggle_infinite_drain', '-80']);
    expect(drain.events.map((e) => [e.quantityDelta.toString(), e.value.toString()])).toEqual([
      ['-50', '-25'],
      ['-30', '-30'],
    ]);
    expect((await lotsOf(item.id)).map((l) => [l.remainingQuantity.toString(), l.remainingValue.toString()])).toEqual([
      ['0', '0'],
      ['0', '0'],
    ]);
    await expectBooksBalance(env, org.id);

    // Use 25 while infinite: recorded at the item's cost, quantity unchanged.
    const use = await applyMovement(db, ctx, { itemId: item.id, changeType: 'use', quantity: '25' });
    expect(use.message).toBe('Shea Butter: 25 gram recorded (infinite item: quantity unchanged)');
    expect(use.events.map((e) => [e.lotId, e.quantityDelta, e.memoQuantity])).toEqual([[null, '0', '-25']]);
    expect(use.item.quantity).toBe('0');
    await expect(
      reverseMovement(db, ctx, { movementId: drained.movementId!, reason: 'undo the switch' }),
    ).rejects.toThrow('Switching to infinite is undone by switching back to tracked and restocking.');

    // Back to tracked starts at 0; a restock of 10 then counts from there.
    await setItemTracking(db, ctx, { itemId: item.id, tracked: true });
    expect((await getItem(db, ctx, { itemId: item.id })).quantity).toBe('0');
    await applyMovement(db, ctx, { itemId: item.id, changeType: 'restock', quantity: '10', unitCost: '2' });
    expect((await getItem(db, ctx, { itemId: item.id })).quantity).toBe('10');
    await expectBooksBalance(env, org.id);

    // And again to infinite: the 10 are drained by a second recorded movement.
    const again = await setItemTracking(db, ctx, { itemId: item.id, tracked: false, confirmDrain: true });
    expect(again.drained).toBe('10');
    expect(await sumEvents(item.id)).toBe('0');
    expect(
      await env.db.inventoryMovement.count({ where: { itemId: item.id, changeType: 'toggle_infinite_drain' } }),
    ).toBe(2);
    const got = await getItem(db, ctx, { itemId: item.id });
    expect([got.quantity, got.isTracked, got.lots.length]).toEqual(['0', false, 0]);
    await expectBooksBalance(env, org.id);
    expect((await verifyInventory(env.db, { organizationId: org.id })).driftingItems).toBe(0);
  });

  it('an infinite item shows 0 on hand even when old data says otherwise', async () => {
    const { db, ctx } = await makeInventoryOrg(env);
    const item = await makeItem(db, ctx, { name: 'Tap water', isTracked: false });
    await env.db.inventoryItem.update({ where: { id: item.id }, data: { quantity: '42' } });
    expect((await getItem(db, ctx, { itemId: item.id })).quantity).toBe('0');
    const r = await applyMovement(db, ctx, { itemId: item.id, changeType: 'use', quantity: '5' });
    expect(r.item.quantity).toBe('0');
    expect((await env.db.inventoryItem.findUniqueOrThrow({ where: { id: item.id } })).quantity.toString()).toBe('0');
  });

  it('switching to tracked needs the tier to track quantities', async () => {
    const { db, ctx } = await makeInventoryOrg(env);
    const item = await makeItem(db, ctx, { isTracked: false });
    await expect(
      setItemTracking(db, withoutTier(ctx, 'inventory.track_quantities'), { itemId: item.id, tracked: true }),
    ).rejects.toThrow('Tracking quantities is locked on your current tier. Upgrade to enable this feature.');
  });
});

describe('a tier without inventory.track_quantities', () => {
  it('records usage of every item as infinite, at the item cost, and refuses recounts', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env, 'free');
    const item = await makeItem(db, ctx, { name: 'Olive Oil', openingQuantity: '10', cost: '0.02' });
    const got = await getItem(db, ctx, { itemId: item.id });
    expect([got.isTracked, got.quantity]).toEqual([false, '0']);
    const use = await applyMovement(db, ctx, { itemId: item.id, changeType: 'use', quantity: '250' });
    expect(use.message).toBe('Olive Oil: 250 gram recorded (infinite item: quantity unchanged)');
    expect(use.events.map((e) => [e.quantityDelta, e.memoQuantity, e.unitCost])).toEqual([['0', '-250', '0.02']]);
    await expect(
      applyMovement(db, ctx, { itemId: item.id, changeType: 'recount', targetQuantity: '5' }),
    ).rejects.toThrow(
      'Inventory quantity adjustments are locked on your current tier. Upgrade to enable this feature.',
    );
    await expectBooksBalance(env, org.id);
  });

  it('a tracked item with lots, after a downgrade, behaves as infinite and keeps its lots', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const item = await makeItem(db, ctx, { name: 'Beeswax', openingQuantity: '100', cost: '0.03' });
    const down = withoutTier(ctx, 'inventory.track_quantities');
    const use = await applyMovement(db, down, { itemId: item.id, changeType: 'use', quantity: '40' });
    expect(use.events.map((e) => [e.lotId, e.memoQuantity])).toEqual([[null, '-40']]);
    expect((await lotsOf(item.id)).map((l) => l.remainingQuantity.toString())).toEqual(['100']);
    expect(use.item.quantity).toBe('100');
    await expectBooksBalance(env, org.id);
  });

  it('a batch records usage and posts no stock; the product batch starts untracked; the ledger shows the batch', async () => {
    const { org, db, ctx: full } = await makeInventoryOrg(env);
    const oil = await makeItem(db, full, { name: 'Coconut Oil', openingQuantity: '500', cost: '0.01' });
    const lye = await makeItem(db, full, { name: 'Lye', cost: '0.004', isTracked: false });
    const ctx = withoutTier(full, 'inventory.track_quantities', 'batches.track_inventory_outputs');
    const recipe = await makeRecipe(env, org.id, {
      name: 'Coconut Bar',
      prefix: 'COCO',
      yield: '1000',
      lines: [
        { itemId: oil.id, quantity: '700', unit: 'gram' },
        { itemId: lye.id, quantity: '300', unit: 'gram' },
      ],
    });
    const movementsBefore = await env.db.inventoryMovement.count();
    // 700 g of oil are asked for while the lots hold 500: no shortfall on a tier that does not count.
    const started = await startBatch(db, ctx, { recipeId: recipe.id, batchType: 'product' });
    expect([started.label, started.batchType, started.skipped]).toEqual(['COCO1-2026-001', 'untracked', 0]);
    const batch = await getBatch(db, ctx, { batchId: started.batchId });
    // Charged at each item's cost: 700 × $0.01 + 300 × $0.004.
    expect(batch.lines.map((l: any) => [l.itemName ?? l.itemId, l.itemQuantity, l.totalCost])).toEqual([
      [expect.anything(), '700', '7'],
      [expect.anything(), '300', '1.2'],
    ]);
    expect(await env.db.inventoryMovement.count()).toBe(movementsBefore + 2);
    expect((await lotsOf(oil.id)).map((l) => l.remainingQuantity.toString())).toEqual(['500']);
    // Traceability: the item's ledger shows the usage under the batch's label.
    const history = await listItemHistory(db, ctx, { itemId: lye.id });
    expect(history.rows.map((r) => [r.changeType, r.batchId, r.events[0]!.code, r.events[0]!.memoQuantity])).toEqual([
      ['batch', started.batchId, 'COCO1-2026-001', '-300'],
    ]);

    await requestCompletion(db, ctx, { batchId: started.batchId, finalQuantity: '950', outputUnit: 'gram' });
    const done = await completeBatch(env.db, env.services, { organizationId: org.id, batchId: started.batchId });
    expect(done).toMatchObject({ completed: true });
    // No stock is posted for an untracked batch.
    expect(await env.db.inventoryLot.count({ where: { batchId: started.batchId } })).toBe(0);
    await expectBooksBalance(env, org.id);
  });
});
