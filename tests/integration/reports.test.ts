// The per-recipe report (docs/rules/reports.md) with concrete numbers: batches written as they finish.
import { describe, expect, it } from 'vitest';
import { FIXED_NOW, useTestEnv } from '../helpers/db.ts';
import { makeInventoryOrg, makeItem } from '../helpers/inventory.ts';
import { callerFor, makeMember } from '../helpers/factories.ts';
import { makeRecipe } from '../helpers/production.ts';

const env = useTestEnv();

const H = 3_600_000;

describe('recipe report', () => {
  it('yield variance, waste %, cost per unit, cycle time and success rate from the batches', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const oil = await makeItem(db, ctx, { name: 'Oil', openingQuantity: '100' });
    const r = await makeRecipe(env, org.id, {
      name: 'Castile',
      yield: '1000',
      lines: [{ itemId: oil.id, quantity: '10', unit: 'gram' }],
    });
    const t0 = FIXED_NOW.getTime();
    let n = 0;
    const batch = (over: Record<string, unknown>) =>
      env.db.batch.create({
        data: {
          organizationId: org.id,
          recipeId: r.id,
          label: `CAS-${++n}`,
          batchType: 'ingredient',
          scale: 1,
          planSnapshot: {},
          costMethod: 'fifo',
          projectedYield: '1000',
          yieldUnit: 'gram',
          startedAt: new Date(t0),
          ...over,
        },
      });
    await batch({
      status: 'completed',
      finalQuantity: '950',
      outputUnit: 'gram',
      wasteQuantity: '50',
      wasteReason: 'spilled',
      totalCost: '23.75',
      completedAt: new Date(t0 + 2 * H),
    });
    await batch({
      status: 'completed',
      finalQuantity: '1020',
      outputUnit: 'gram',
      totalCost: '20.4',
      startedAt: new Date(t0 + 24 * H),
      completedAt: new Date(t0 + 28 * H),
    });
    await batch({ status: 'failed', statusReason: 'seized' });
    await batch({ status: 'in_progress' });

    const owner = await callerFor(env, org.owner.id);
    const rep = await owner.reports.recipe({ recipeId: r.id });
    expect(rep.batches).toEqual({ total: 4, completed: 2, failed: 1, cancelled: 0, in_progress: 1 });
    expect(rep.successRate).toBe(66.67);
    // planned 2000 g, made 1970 g: -1.5 %
    expect(rep.yield).toEqual({
      comparedBatches: 2,
      planned: '2000',
      actual: '1970',
      unit: 'gram',
      variancePercent: '-1.5',
    });
    // 50 g wasted of 1970 g made: 2.54 %
    expect(rep.waste).toEqual({ quantity: '50', percent: '2.54', reasons: [{ reason: 'spilled', quantity: '50' }] });
    expect(rep.costPerUnit.map((p) => [p.label, p.costPerUnit, p.unit])).toEqual([
      ['CAS-1', '0.025', 'gram'],
      ['CAS-2', '0.02', 'gram'],
    ]);
    expect(rep.averageCycleHours).toBe(3);

    // Without batches.view_costs the cost series is hidden.
    const prod = await callerFor(env, (await makeMember(env, org.id, 'production')).id);
    const hidden = await prod.reports.recipe({ recipeId: r.id }).catch((e) => e);
    if (!(hidden instanceof Error)) expect(JSON.stringify(hidden)).not.toContain('0.025');
  });
});
