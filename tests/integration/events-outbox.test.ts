// The outbox (docs/rules/events.md): an event row is written in the action's own transaction.
import { describe, expect, it } from 'vitest';
import { FIXED_NOW, useTestEnv } from '../helpers/db.ts';
import { makeInventoryOrg, makeItem } from '../helpers/inventory.ts';
import { emitEvent } from '../../src/lib/server/events/emit.ts';
import { applyMovement } from '../../src/lib/server/domain/inventory/apply-movement.ts';
import { createRecipe } from '../../src/lib/server/domain/recipes/create-recipe.ts';
import { deleteRecipe } from '../../src/lib/server/domain/recipes/manage-recipe.ts';
import { makeSku } from '../helpers/orders.ts';
import { createOrder } from '../../src/lib/server/domain/orders/create-order.ts';
import { reserveOrder } from '../../src/lib/server/domain/orders/reserve-order.ts';
import { fulfilOrder } from '../../src/lib/server/domain/orders/fulfil-order.ts';

const env = useTestEnv();

const eventsOf = (organizationId: string, eventName?: string) =>
  env.db.domainEvent.findMany({ where: { organizationId, eventName }, orderBy: { occurredAt: 'asc' } });

describe('domain events', () => {
  it('sign-up writes account_created and signup_completed with the new organization', async () => {
    const { org } = await makeInventoryOrg(env);
    const names = (await eventsOf(org.id)).map((e) => e.eventName);
    expect(names).toEqual(expect.arrayContaining(['account_created', 'signup_completed']));
  });

  it('an item created and adjusted each leave one event naming the item, the actor and the time', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const oil = await makeItem(db, ctx, { name: 'Olive oil', openingQuantity: '1000', cost: '0.01' });
    env.clock.advance(60_000);
    await applyMovement(db, ctx, { itemId: oil.id, changeType: 'spoil', quantity: '250' });
    const [created] = await eventsOf(org.id, 'inventory_item_created');
    expect(created).toMatchObject({
      entityType: 'inventory_item',
      entityId: oil.id,
      userId: ctx.actor.userId,
      schemaVersion: 1,
      occurredAt: FIXED_NOW,
      properties: { name: 'Olive oil', itemType: 'ingredient' },
      isProcessed: false,
    });
    const [adjusted] = await eventsOf(org.id, 'inventory_adjusted');
    expect(adjusted!.entityId).toBe(oil.id);
    expect(adjusted!.occurredAt).toEqual(new Date(FIXED_NOW.getTime() + 60_000));
    expect(adjusted!.properties).toMatchObject({ changeType: 'spoil', quantity: '-250' });
  });

  it('an action that fails writes no event: the event exists only when its transaction committed', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    await makeItem(db, ctx, { name: 'Lye' });
    await expect(makeItem(db, ctx, { name: 'lye' })).rejects.toThrow(/already exists/);
    expect(await eventsOf(org.id, 'inventory_item_created')).toHaveLength(1);
    // Over-drawing stock fails inside the movement's transaction, after nothing was committed.
    const lye = (await db.inventoryItem.findFirstOrThrow({ where: { name: 'Lye' } })).id;
    await expect(applyMovement(db, ctx, { itemId: lye, changeType: 'spoil', quantity: '5' })).rejects.toThrow();
    expect(await eventsOf(org.id, 'inventory_adjusted')).toHaveLength(0);
    // And an event emitted before a later step throws is rolled back with it.
    await expect(
      db.$transaction(async (tx) => {
        await emitEvent(tx, ctx, 'product_created', null, { name: 'Ghost' });
        throw new Error('later step failed');
      }),
    ).rejects.toThrow('later step failed');
    expect(await eventsOf(org.id, 'product_created')).toHaveLength(0);
  });

  it('refuses properties that do not match the registry', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    await expect(
      db.$transaction((tx) => emitEvent(tx, ctx, 'recipe_created', null, { name: 'x' } as never)),
    ).rejects.toThrow();
    expect(await eventsOf(org.id, 'recipe_created')).toHaveLength(0);
  });

  it('a recipe created then deleted leaves recipe_created and recipe_deleted', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const oil = await makeItem(db, ctx, { name: 'Oil', openingQuantity: '100' });
    const r = await createRecipe(db, ctx, {
      name: 'Castile',
      predictedYield: '100',
      yieldUnit: 'gram',
      status: 'published',
      lines: [{ itemId: oil.id, quantity: '100', unit: 'gram' }],
    } as never);
    await deleteRecipe(db, ctx, { recipeId: r.id });
    const evs = await eventsOf(org.id);
    expect(evs.filter((e) => e.entityId === r.id).map((e) => [e.eventName, e.properties])).toEqual([
      ['recipe_created', { name: 'Castile', isTest: false, isVariation: false }],
      ['recipe_deleted', { name: 'Castile', reason: 'user' }],
    ]);
  });

  it('an order created, reserved and fulfilled leaves order_created, order_reserved and order_fulfilled', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const sku = await makeSku(db, ctx, 'Lavender Bar', [{ quantity: '20', unitCost: '4.25' }]);
    const o = await createOrder(db, ctx, { lines: [{ skuId: sku.skuId, quantity: '5', unitPrice: '12' }] });
    await reserveOrder(db, ctx, { orderId: o.id });
    await fulfilOrder(db, ctx, { orderId: o.id });
    // The fixed clock gives both the same time: compare them by name, not by arrival.
    const evs = (await eventsOf(org.id))
      .filter((e) => e.entityId === o.id)
      .sort((x, y) => x.eventName.localeCompare(y.eventName));
    expect(evs.map((e) => [e.eventName, e.properties])).toEqual([
      ['order_created', { orderNumber: 'ORD-1' }],
      ['order_fulfilled', { orderNumber: 'ORD-1' }],
      ['order_reserved', { orderNumber: 'ORD-1' }],
    ]);
  });
});
