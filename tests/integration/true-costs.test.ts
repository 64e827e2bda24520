// True costs (issue 8; docs/rules/lot-value.md, Item cost per unit and Estimates price the lots a start
// takes): the plan, the cost card and the start share one allocation, so an estimate is what the start
// deducts, to the micro-dollar, when nothing changed in between.
import { describe, expect, it } from 'vitest';
import { useTestEnv } from '../helpers/db.ts';
import { makeInventoryOrg, makeItem } from '../helpers/inventory.ts';
import { makeRecipe } from '../helpers/production.ts';
import { applyMovement } from '../../src/lib/server/domain/inventory/apply-movement.ts';
import { getItem } from '../../src/lib/server/domain/inventory/queries.ts';
import { buildPlan } from '../../src/lib/server/domain/planning/plan.ts';
import { startBatch } from '../../src/lib/server/domain/batches/start-batch.ts';
import { getBatch } from '../../src/lib/server/domain/batches/queries.ts';
import { costCard } from '../../src/lib/server/domain/recipes/cost-card.ts';

const env = useTestEnv();

const DAY = 86_400_000;

describe('true costs', () => {
  it('two lots at $0.01 and $0.03 a gram: plan, cost card and start all cost 150 g at $2.50; the item then costs $0.03', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const oil = await makeItem(db, ctx, { name: 'Olive Oil', openingQuantity: '100', cost: '0.01' });
    env.clock.advance(60_000);
    await applyMovement(db, ctx, { itemId: oil.id, changeType: 'restock', quantity: '100', unitCost: '0.03' });
    // On hand 200 g worth $4: the item's cost is $0.02, but the next 150 g take 100 g at $0.01 and 50 g at $0.03.
    expect((await getItem(db, ctx, { itemId: oil.id })).costPerUnit).toBe('0.02');
    const recipe = await makeRecipe(env, org.id, {
      yield: '150',
      yieldUnit: 'gram',
      lines: [{ itemId: oil.id, quantity: '150', unit: 'gram' }],
    });
    const plan = await buildPlan(db, ctx, { recipeId: recipe.id });
    // 100 g × $0.01 + 50 g × $0.03 = $2.50 (the item's $0.02 would say $3.00); ÷ 150 g = $0.016667
    expect(plan.cost).toMatchObject({ total: '2.5', perUnit: '0.016667' });
    expect(plan.cost!.lines.map((l) => l.cost)).toEqual(['2.5']);
    const card = await costCard(db, ctx, { recipeId: recipe.id });
    expect([card.lines[0]!.cost, card.total, card.costPerYieldUnit]).toEqual(['2.5', '2.5', '0.016667']);

    const started = await startBatch(db, ctx, { recipeId: recipe.id });
    const batch = await getBatch(db, ctx, { batchId: started.batchId });
    expect(batch.lines.map((l) => l.totalCost)).toEqual(['2.5']);
    // FIFO: the item's cost is the 50 g left, worth $1.50: $0.03 a gram.
    expect((await getItem(db, ctx, { itemId: oil.id })).costPerUnit).toBe('0.03');
  });

  it('a line in another unit and a second line of the same item: the estimate follows the start to the micro-dollar', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    // 1 lb bought for $4.99, then 1 lb for $7.49, kept in grams.
    const butter = await makeItem(db, ctx, { name: 'Shea Butter', unit: 'gram' });
    await applyMovement(db, ctx, {
      itemId: butter.id,
      changeType: 'restock',
      quantity: '1',
      unit: 'lb',
      totalCost: '4.99',
    });
    env.clock.advance(60_000);
    await applyMovement(db, ctx, {
      itemId: butter.id,
      changeType: 'restock',
      quantity: '1',
      unit: 'lb',
      totalCost: '7.49',
    });
    const recipe = await makeRecipe(env, org.id, {
      yield: '1',
      yieldUnit: 'kg',
      lines: [
        { itemId: butter.id, quantity: '12', unit: 'oz' },
        { itemId: butter.id, quantity: '300', unit: 'gram' },
      ],
    });
    const plan = await buildPlan(db, ctx, { recipeId: recipe.id });
    const started = await startBatch(db, ctx, { recipeId: recipe.id });
    const batch = await getBatch(db, ctx, { batchId: started.batchId });
    // 12 oz = 340.194278 g from the $4.99 lot (453.59237 g): $3.742500; then 300 g: the rest of that lot
    // (113.398092 g, $1.247500) and 186.601908 g of the $7.49 lot ($3.081287).
    expect(batch.lines.map((l) => l.totalCost)).toEqual(['3.7425', '4.328787']);
    expect(plan.cost!.lines.map((l) => l.cost)).toEqual(batch.lines.map((l) => l.totalCost));
    expect(plan.cost!.total).toBe('8.071287');
  });

  it('perishables are priced FEFO with expired lots skipped, as the start takes them', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const milk = await makeItem(db, ctx, { name: 'Goat Milk', isPerishable: true, unit: 'gram' });
    const now = env.clock.now().getTime();
    // received first, expires last: $0.05 a gram
    await applyMovement(db, ctx, {
      itemId: milk.id,
      changeType: 'restock',
      quantity: '100',
      unitCost: '0.05',
      expiresAt: new Date(now + 20 * DAY),
    });
    env.clock.advance(60_000);
    // expires first: $0.02 a gram
    await applyMovement(db, ctx, {
      itemId: milk.id,
      changeType: 'restock',
      quantity: '100',
      unitCost: '0.02',
      expiresAt: new Date(now + 5 * DAY),
    });
    // already expired, cheapest: never used
    await applyMovement(db, ctx, {
      itemId: milk.id,
      changeType: 'restock',
      quantity: '100',
      unitCost: '0.001',
      expiresAt: new Date(now + 1000),
    });
    env.clock.advance(DAY);
    const recipe = await makeRecipe(env, org.id, {
      yield: '1',
      lines: [{ itemId: milk.id, quantity: '150', unit: 'gram' }],
    });
    const card = await costCard(db, ctx, { recipeId: recipe.id });
    const plan = await buildPlan(db, ctx, { recipeId: recipe.id });
    // 100 g at $0.02 (earliest expiry) + 50 g at $0.05
    expect([card.total, plan.cost!.total]).toEqual(['4.5', '4.5']);
    const started = await startBatch(db, ctx, { recipeId: recipe.id });
    expect((await getBatch(db, ctx, { batchId: started.batchId })).lines[0]!.totalCost).toBe('4.5');
  });

  it('short on stock: what the lots hold at their prices, the rest at the item cost', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const wax = await makeItem(db, ctx, { name: 'Soy Wax', openingQuantity: '100', cost: '0.01' });
    env.clock.advance(60_000);
    await applyMovement(db, ctx, { itemId: wax.id, changeType: 'restock', quantity: '100', unitCost: '0.03' });
    const recipe = await makeRecipe(env, org.id, {
      yield: '1',
      lines: [{ itemId: wax.id, quantity: '300', unit: 'gram' }],
    });
    const plan = await buildPlan(db, ctx, { recipeId: recipe.id });
    // $1 + $3 from the lots, 100 g more at the item's $0.02
    expect(plan.cost!.total).toBe('6');
    expect(plan.feasible).toBe(false);
  });

  it('average costing keeps the moving average and charges it', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    await env.db.organization.update({ where: { id: org.id }, data: { inventoryCostMethod: 'average' } });
    const oil = await makeItem(db, ctx, { name: 'Olive Oil', openingQuantity: '100', cost: '0.01' });
    env.clock.advance(60_000);
    await applyMovement(db, ctx, { itemId: oil.id, changeType: 'restock', quantity: '100', unitCost: '0.03' });
    const recipe = await makeRecipe(env, org.id, {
      yield: '1',
      lines: [{ itemId: oil.id, quantity: '150', unit: 'gram' }],
    });
    const plan = await buildPlan(db, ctx, { recipeId: recipe.id });
    const started = await startBatch(db, ctx, { recipeId: recipe.id });
    const batch = await getBatch(db, ctx, { batchId: started.batchId });
    // 150 g at the $0.02 average, in two takes of 100 g and 50 g
    expect([plan.cost!.total, batch.lines[0]!.totalCost]).toEqual(['3', '3']);
    expect((await getItem(db, ctx, { itemId: oil.id })).costPerUnit).toBe('0.02');
  });
});
