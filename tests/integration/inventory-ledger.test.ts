import { describe, expect, it } from 'vitest';
import { useTestEnv } from '../helpers/db.ts';
import { expectBooksBalance, makeInventoryOrg, makeItem } from '../helpers/inventory.ts';
import { applyMovement } from '../../src/lib/server/domain/inventory/apply-movement.ts';
import { reverseMovement } from '../../src/lib/server/domain/inventory/reverse-movement.ts';
import { getItem, listItemHistory } from '../../src/lib/server/domain/inventory/queries.ts';
import { disposeExpired } from '../../src/lib/server/domain/inventory/expiry.ts';
import { createItem } from '../../src/lib/server/domain/inventory/create-item.ts';

const env = useTestEnv();

const DAY = 86_400_000;
const lotsOf = (db: any, itemId: string) =>
  db.inventoryLot.findMany({ where: { itemId }, orderBy: [{ receivedAt: 'asc' }, { id: 'asc' }] });

describe('FIFO costing', () => {
  it('100 g @ $1 + 100 g @ $3, use 150 g: events at 100 g × $1 and 50 g × $3, 50 g left at $3', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const item = await makeItem(db, ctx, { name: 'Olive Oil', openingQuantity: '100', cost: '1' });
    env.clock.advance(60_000);
    const restock = await applyMovement(db, ctx, {
      itemId: item.id,
      changeType: 'restock',
      quantity: '100',
      unitCost: '3',
    });
    expect(restock.item).toEqual({ id: item.id, quantity: '200', costPerUnit: '2' });
    const use = await applyMovement(db, ctx, { itemId: item.id, changeType: 'use', quantity: '150' });
    expect(use.events.map((e) => [e.quantityDelta, e.unitCost])).toEqual([
      ['-100', '1'],
      ['-50', '3'],
    ]);
    expect(use.events[0]!.code).toMatch(/^USE-[0-9A-Z]{8}$/);
    const lots = await lotsOf(db, item.id);
    expect(lots.map((l: any) => [l.remainingQuantity.toString(), l.unitCost.toString(), l.isOpen])).toEqual([
      ['0', '1', false],
      ['50', '3', true],
    ]);
    expect(use.item.quantity).toBe('50');
    // FIFO: the item's cost is what the remaining lots are worth ÷ on-hand: 50 g at $3 (docs/rules/lot-value.md)
    expect(use.item.costPerUnit).toBe('3');
    const emptied = await applyMovement(db, ctx, { itemId: item.id, changeType: 'use', quantity: '50' });
    // nothing left on hand: the last cost stays, for estimates
    expect([emptied.item.quantity, emptied.item.costPerUnit]).toEqual(['0', '3']);
    await expectBooksBalance(env, org.id);
  });

  it('values events at the moving average when the organization uses average costing', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    await env.db.organization.update({ where: { id: org.id }, data: { inventoryCostMethod: 'average' } });
    const item = await makeItem(db, ctx, { openingQuantity: '100', cost: '1' });
    env.clock.advance(1000);
    await applyMovement(db, ctx, { itemId: item.id, changeType: 'restock', quantity: '100', unitCost: '3' });
    const use = await applyMovement(db, ctx, { itemId: item.id, changeType: 'use', quantity: '150' });
    expect(use.events.map((e) => [e.quantityDelta, e.unitCost])).toEqual([
      ['-100', '2'],
      ['-50', '2'],
    ]);
    // the moving average moves on restocks only
    expect(use.item.costPerUnit).toBe('2');
  });

  it('takes a total cost as cost per unit (total ÷ quantity)', async () => {
    const { db, ctx } = await makeInventoryOrg(env);
    const item = await makeItem(db, ctx, { openingQuantity: '3', costEntry: 'total', cost: '10' });
    // The lot keeps the $10 paid; the unit cost is derived from it (docs/rules/lot-value.md).
    const got = await getItem(db, ctx, { itemId: item.id });
    expect([got.costPerUnit, got.lots[0]!.value]).toEqual(['3.333333333333', '10']);
    await expect(makeItem(db, ctx, { openingQuantity: '0', costEntry: 'total', cost: '10' })).rejects.toThrow(
      'Total cost entry requires a positive quantity when using total cost mode.',
    );
  });

  it('converts a restock given in another unit, with its cost: 1 lb of honey at $10.89/lb', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const item = await makeItem(db, ctx, { name: 'Honey' });
    const r = await applyMovement(db, ctx, {
      itemId: item.id,
      changeType: 'restock',
      quantity: '1',
      unit: 'lb',
      unitCost: '10.89',
    });
    // 1 lb = 453.59237 g exactly; the lot keeps the $10.89 paid, its unit cost is derived from it.
    expect(r.item.quantity).toBe('453.59237');
    expect(r.events[0]!.value).toBe('10.89');
    expect(r.item.costPerUnit).toBe('0.024008340352');
    // 50 g of it costs $1.20 (10.89 × 50 ÷ 453.59237 = 1.2004170...)
    const use = await applyMovement(db, ctx, { itemId: item.id, changeType: 'use', quantity: '50' });
    expect(use.events[0]!.value).toBe('-1.200417');
    await expectBooksBalance(env, org.id);
  });
});

describe('FEFO and expiry', () => {
  it('picks a later-received lot that expires sooner, for perishable items', async () => {
    const { db, ctx } = await makeInventoryOrg(env);
    const item = await makeItem(db, ctx, { name: 'Milk', isPerishable: true, shelfLifeDays: 30 });
    const first = await applyMovement(db, ctx, {
      itemId: item.id,
      changeType: 'restock',
      quantity: '10',
      unitCost: '1',
      expiresAt: new Date(env.clock.now().getTime() + 20 * DAY),
    });
    env.clock.advance(DAY);
    const second = await applyMovement(db, ctx, {
      itemId: item.id,
      changeType: 'restock',
      quantity: '10',
      unitCost: '2',
      expiresAt: new Date(env.clock.now().getTime() + 5 * DAY),
    });
    const use = await applyMovement(db, ctx, { itemId: item.id, changeType: 'use', quantity: '4' });
    expect(use.events.map((e) => [e.lotId, e.quantityDelta])).toEqual([[second.events[0]!.lotId, '-4']]);
    expect(first.events[0]!.lotId).not.toBe(second.events[0]!.lotId);
  });

  it('gives perishable lots their expiry from the shelf life, or a custom date', async () => {
    const { db, ctx } = await makeInventoryOrg(env);
    const item = await makeItem(db, ctx, { isPerishable: true, shelfLifeDays: 10, openingQuantity: '5' });
    const custom = new Date('2026-12-31T00:00:00Z');
    await applyMovement(db, ctx, { itemId: item.id, changeType: 'restock', quantity: '5', expiresAt: custom });
    const lots = await lotsOf(db, item.id);
    expect(lots.map((l: any) => l.expiresAt?.toISOString()).sort()).toEqual(
      [new Date(env.clock.now().getTime() + 10 * DAY).toISOString(), custom.toISOString()].sort(),
    );
  });

  it('skips an expired lot for use but takes it for spoil', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const item = await makeItem(db, ctx, {
      name: 'Cream',
      isPerishable: true,
      shelfLifeDays: 2,
      openingQuantity: '30',
      cost: '1',
    });
    env.clock.advance(3 * DAY); // the opening lot has expired
    await applyMovement(db, ctx, { itemId: item.id, changeType: 'restock', quantity: '20', unitCost: '2' });
    await expect(applyMovement(db, ctx, { itemId: item.id, changeType: 'use', quantity: '25' })).rejects.toMatchObject({
      code: 'INSUFFICIENT_STOCK',
      message: 'Insufficient inventory for Cream: need 25 gram, have 20 gram',
    });
    const use = await applyMovement(db, ctx, { itemId: item.id, changeType: 'use', quantity: '5' });
    expect(use.events.map((e) => e.unitCost)).toEqual(['2']);
    const spoil = await applyMovement(db, ctx, { itemId: item.id, changeType: 'spoil', quantity: '10' });
    expect(spoil.events.map((e) => [e.unitCost, e.quantityDelta])).toEqual([['1', '-10']]);
    const disposed = await disposeExpired(db, ctx, { itemId: item.id });
    expect(disposed.quantityDelta).toBe('-20');
    expect((await getItem(db, ctx, { itemId: item.id })).quantity).toBe('15');
    await expectBooksBalance(env, org.id);
  });
});

describe('insufficient stock', () => {
  it('fails as a whole and changes nothing', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const item = await makeItem(db, ctx, { name: 'Lye', openingQuantity: '320' });
    await expect(applyMovement(db, ctx, { itemId: item.id, changeType: 'use', quantity: '500' })).rejects.toMatchObject(
      {
        code: 'INSUFFICIENT_STOCK',
        message: 'Insufficient inventory for Lye: need 500 gram, have 320 gram',
      },
    );
    expect((await getItem(db, ctx, { itemId: item.id })).quantity).toBe('320');
    expect(await env.db.inventoryMovement.count({ where: { itemId: item.id } })).toBe(1);
    await expectBooksBalance(env, org.id);
  });
});

describe('recount', () => {
  it('down: drains oldest first with RCN events', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const item = await makeItem(db, ctx, { openingQuantity: '100', cost: '1' });
    env.clock.advance(1000);
    await applyMovement(db, ctx, { itemId: item.id, changeType: 'restock', quantity: '100', unitCost: '3' });
    const r = await applyMovement(db, ctx, { itemId: item.id, changeType: 'recount', targetQuantity: '80' });
    expect(r.quantityDelta).toBe('-120');
    expect(r.events.map((e) => [e.quantityDelta, e.unitCost])).toEqual([
      ['-100', '1'],
      ['-20', '3'],
    ]);
    expect(r.events[0]!.code).toMatch(/^RCN-/);
    await expectBooksBalance(env, org.id);
  });

  it('up: refills partly used lots newest first, then a new recount lot at the item cost', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const item = await makeItem(db, ctx, { openingQuantity: '100', cost: '1' });
    env.clock.advance(1000);
    await applyMovement(db, ctx, { itemId: item.id, changeType: 'restock', quantity: '100', unitCost: '3' });
    await applyMovement(db, ctx, { itemId: item.id, changeType: 'trash', quantity: '150' }); // lot1 0/100, lot2 50/100
    env.clock.advance(1000);
    const r = await applyMovement(db, ctx, { itemId: item.id, changeType: 'recount', targetQuantity: '260' }); // +210
    expect(r.events.map((e) => [e.quantityDelta, e.unitCost])).toEqual([
      ['50', '3'],
      ['100', '1'],
      ['60', '3'], // the item's cost after the trash: the 50 g left at $3 (FIFO)
    ]);
    const lots = await lotsOf(db, item.id);
    expect(lots.map((l: any) => [l.remainingQuantity.toString(), l.sourceType])).toEqual([
      ['100', 'initial_stock'],
      ['100', 'restock'],
      ['60', 'recount'],
    ]);
    const same = await applyMovement(db, ctx, { itemId: item.id, changeType: 'recount', targetQuantity: '260' });
    expect([same.movementId, same.message]).toEqual([null, 'Inventory verified at 260 gram']);
    await expectBooksBalance(env, org.id);
  });
});

describe('cost override, credits and reversal', () => {
  it('a cost override sets the cost and writes a zero-quantity CST event', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const item = await makeItem(db, ctx, { openingQuantity: '10', cost: '1' });
    const r = await applyMovement(db, ctx, { itemId: item.id, changeType: 'cost_override', unitCost: '4.5' });
    expect(r.events).toEqual([
      { lotId: null, code: expect.stringMatching(/^CST-/), quantityDelta: '0', unitCost: '4.5', value: '0' },
    ]);
    expect(r.item.costPerUnit).toBe('4.5');
    await expectBooksBalance(env, org.id);
  });

  it('a return credits partly consumed lots oldest first, overflow becomes a new lot', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const item = await makeItem(db, ctx, { openingQuantity: '10', cost: '1' });
    await applyMovement(db, ctx, { itemId: item.id, changeType: 'use', quantity: '4' });
    const r = await applyMovement(db, ctx, { itemId: item.id, changeType: 'returned', quantity: '6' });
    expect(r.events.map((e) => e.quantityDelta)).toEqual(['4', '2']);
    expect(r.item.quantity).toBe('12');
    await expectBooksBalance(env, org.id);
  });

  it('a reversal posts the opposite movement against the same lots, once, with its reason', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const item = await makeItem(db, ctx, { openingQuantity: '100', cost: '1' });
    env.clock.advance(1000);
    await applyMovement(db, ctx, { itemId: item.id, changeType: 'restock', quantity: '100', unitCost: '3' });
    const use = await applyMovement(db, ctx, { itemId: item.id, changeType: 'use', quantity: '150' });
    await expect(reverseMovement(db, ctx, { movementId: use.movementId!, reason: '' })).rejects.toThrow(
      'Give a reason for the reversal',
    );
    env.clock.advance(1000);
    const rev = await reverseMovement(db, ctx, { movementId: use.movementId!, reason: 'typed 150 instead of 15' });
    expect(rev.events.map((e) => [e.lotId, e.quantityDelta, e.unitCost])).toEqual(
      use.events.map((e) => [e.lotId, e.quantityDelta.replace('-', ''), e.unitCost]),
    );
    expect(rev.item.quantity).toBe('200');
    const lots = await lotsOf(db, item.id);
    expect(lots.map((l: any) => l.remainingQuantity.toString())).toEqual(['100', '100']);
    await expect(reverseMovement(db, ctx, { movementId: use.movementId!, reason: 'again please' })).rejects.toThrow(
      'This movement has already been reversed.',
    );
    const history = await listItemHistory(db, ctx, { itemId: item.id });
    expect(history.rows[0]).toMatchObject({
      isReversal: true,
      notes: expect.stringContaining('typed 150 instead of 15'),
    });
    expect(history.rows.find((r) => r.id === use.movementId)!.reversed).toBe(true);
    // history is never edited: the original events are still there
    expect(await env.db.inventoryEvent.count({ where: { movementId: use.movementId! } })).toBe(2);
    await expectBooksBalance(env, org.id);
  });

  it('refuses to reverse a restock whose stock has since been used', async () => {
    const { db, ctx } = await makeInventoryOrg(env);
    const item = await makeItem(db, ctx);
    const restock = await applyMovement(db, ctx, {
      itemId: item.id,
      changeType: 'restock',
      quantity: '10',
      unitCost: '1',
    });
    await applyMovement(db, ctx, { itemId: item.id, changeType: 'use', quantity: '8' });
    await expect(
      reverseMovement(db, ctx, { movementId: restock.movementId!, reason: 'wrong supplier' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});

describe('tracking switch and infinite items', () => {
  it('records usage of an untracked item without limiting or counting it', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const item = await makeItem(db, ctx, { name: 'Tap water', isTracked: false, cost: '0.001' });
    const r = await applyMovement(db, ctx, { itemId: item.id, changeType: 'use', quantity: '5000' });
    expect(r.message).toBe('Tap water: 5000 gram recorded (infinite item: quantity unchanged)');
    expect(r.item.quantity).toBe('0');
    await expectBooksBalance(env, org.id);
  });

  it('without inventory.track_quantities items are untracked and a restock is only recorded (infinite-items.md)', async () => {
    const { db, ctx } = await makeInventoryOrg(env, 'free');
    const item = await makeItem(db, ctx, { openingQuantity: '10' });
    expect((await getItem(db, ctx, { itemId: item.id })).isTracked).toBe(false);
    const r = await applyMovement(db, ctx, { itemId: item.id, changeType: 'restock', quantity: '1' });
    expect([r.item.quantity, r.events[0]!.memoQuantity]).toEqual(['0', '1']);
  });
});

describe('containers and categories', () => {
  it('names a container from its attributes and reuses an identical one instead of duplicating it', async () => {
    const { db, ctx } = await makeInventoryOrg(env);
    const jar = {
      itemType: 'container',
      containerColor: 'amber',
      containerMaterial: 'glass',
      containerType: 'jar',
      capacity: '4',
      capacityUnit: 'floz',
      openingQuantity: '24',
      cost: '0.8',
    };
    // Names show "fl oz", never the squashed key "floz" (docs/rules/units-exact.md).
    const first = await makeItem(db, ctx, { ...jar, name: '' });
    expect(first).toMatchObject({ name: 'Amber Glass Jar - 4 fl oz', unit: 'count', matchedExisting: false });
    const stored = await env.db.inventoryItem.findUniqueOrThrow({ where: { id: first.id } });
    expect(stored.capacityUnit).toBe('floz');
    const spelled = await makeItem(db, ctx, { ...jar, name: '', capacityUnit: 'fl. oz', openingQuantity: '0' });
    expect(spelled).toMatchObject({ id: first.id, matchedExisting: true });
    const again = await makeItem(db, ctx, { ...jar, name: '', containerColor: 'AMBER', openingQuantity: '0' });
    expect(again).toMatchObject({ id: first.id, matchedExisting: true });
    const other = await makeItem(db, ctx, { ...jar, name: '', capacity: '8' });
    expect(other.id).not.toBe(first.id);
  });

  it('adds the opening stock of an identical container to it as a new lot, even when 30 are created at once', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const jar = {
      itemType: 'container' as const,
      name: '',
      containerColor: 'amber',
      containerMaterial: 'glass',
      containerType: 'jar',
      capacity: '4',
      capacityUnit: 'floz',
    };
    const first = await makeItem(db, ctx, { ...jar, openingQuantity: '10', cost: '0.5' });
    const again = await makeItem(db, ctx, { ...jar, containerColor: 'Amber', openingQuantity: '10', cost: '0.7' });
    expect(again).toEqual({
      id: first.id,
      name: 'Amber Glass Jar - 4 fl oz',
      unit: 'count',
      matchedExisting: true,
      addedQuantity: '10',
      message: '"Amber Glass Jar - 4 fl oz" already exists: the 10 you entered were added to it as a new lot.',
    });
    const lots = await env.db.inventoryLot.findMany({ where: { itemId: first.id }, orderBy: { receivedAt: 'asc' } });
    expect(lots.map((l) => [l.remainingQuantity.toString(), l.unitCost.toString()])).toEqual([
      ['10', '0.5'],
      ['10', '0.7'],
    ]);
    // 30 creates of 10 of a new container at once: one item, 30 lots, 300 on hand.
    const bigger = { ...jar, capacity: '8' };
    const results = await Promise.all(
      Array.from({ length: 30 }, () => createItem(db, ctx, { ...bigger, openingQuantity: '10', cost: '1' })),
    );
    const ids = [...new Set(results.map((r) => r.id))];
    expect(ids).toHaveLength(1);
    expect(results.filter((r) => !r.matchedExisting)).toHaveLength(1);
    const item = await env.db.inventoryItem.findUniqueOrThrow({ where: { id: ids[0]! }, include: { lots: true } });
    expect([item.quantity.toString(), item.lots.length]).toEqual(['300', 30]);
    await expectBooksBalance(env, org.id);
  });

  it('filters the list by an inventory category', async () => {
    const { db, ctx } = await makeInventoryOrg(env);
    const { createInventoryCategory } = await import('../../src/lib/server/domain/inventory/categories-manage.ts');
    const { listItems } = await import('../../src/lib/server/domain/inventory/queries.ts');
    const oils = await createInventoryCategory(db, ctx, { name: 'Oils', itemType: 'ingredient' });
    await expect(createInventoryCategory(db, ctx, { name: 'oils', itemType: 'ingredient' })).rejects.toThrow(
      'A ingredient category named "oils" already exists',
    );
    await makeItem(db, ctx, { name: 'Castor', inventoryCategoryId: oils.id });
    await makeItem(db, ctx, { name: 'Lye' });
    const r = await listItems(db, ctx, { categoryId: oils.id });
    expect(r.rows.map((x) => [x.name, x.category])).toEqual([['Castor', 'Oils']]);
  });
});

describe('containers without attributes', () => {
  it('are never merged with each other', async () => {
    const { db, ctx } = await makeInventoryOrg(env);
    const a = await makeItem(db, ctx, { itemType: 'container', name: 'Tin' });
    const b = await makeItem(db, ctx, { itemType: 'container', name: 'Pouch' });
    expect(a.id).not.toBe(b.id);
  });
});
