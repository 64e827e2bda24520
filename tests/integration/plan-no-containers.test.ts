// The first-hour plan defect (issue 8; docs/rules/planning.md, Container suggestion): a portioned recipe that
// allows no containers gets none suggested and none deducted, and no capacity warning, even with jars in stock.
import { describe, expect, it } from 'vitest';
import { useTestEnv } from '../helpers/db.ts';
import { makeInventoryOrg, makeItem } from '../helpers/inventory.ts';
import { makeRecipe } from '../helpers/production.ts';
import { buildPlan } from '../../src/lib/server/domain/planning/plan.ts';
import { startBatch } from '../../src/lib/server/domain/batches/start-batch.ts';
import { getBatch } from '../../src/lib/server/domain/batches/queries.ts';

const env = useTestEnv();

describe('a portioned recipe that allows no containers', () => {
  it('plans and starts without containers, with no capacity notice, while jars are in stock', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const base = await makeItem(db, ctx, { name: 'Soap base', openingQuantity: '1000', cost: '0.01' });
    const jar = await makeItem(db, ctx, {
      name: 'Jar',
      itemType: 'container',
      unit: 'count',
      openingQuantity: '50',
      cost: '0.5',
      capacity: '4',
      capacityUnit: 'oz',
    });
    const recipe = await makeRecipe(env, org.id, {
      yield: '452',
      yieldUnit: 'gram',
      isPortioned: true,
      portionName: 'Bar',
      portionCount: 4,
      lines: [{ itemId: base.id, quantity: '452', unit: 'gram' }],
    });
    const plan = await buildPlan(db, ctx, { recipeId: recipe.id, batchType: 'product' });
    expect(plan.snapshot.containers).toEqual([]);
    expect(plan.containerPlan?.error ?? null).toBeNull();
    expect(plan.containerPlan?.picks ?? []).toEqual([]);
    expect(plan.notices.join(' ')).not.toMatch(/container|capacity|hold/i);
    expect(plan.feasible).toBe(true);
    // $4.52 of base, no jars
    expect(plan.cost!.total).toBe('4.52');
    const started = await startBatch(db, ctx, { recipeId: recipe.id, batchType: 'product' });
    const batch = await getBatch(db, ctx, { batchId: started.batchId });
    expect(batch.lines.map((l) => l.kind)).toEqual(['ingredient']);
    expect((await env.db.inventoryItem.findUniqueOrThrow({ where: { id: jar.id } })).quantity.toString()).toBe('50');
  });
});
