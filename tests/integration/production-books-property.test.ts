// Property (issue 16): for random recipes, scales, units and output shapes, Σ output value + waste value
// = batch cost, each output lot is worth exactly its line, and the ledger invariant holds
// (docs/rules/production-outputs.md, docs/rules/lot-value.md).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Prisma } from '../../src/lib/server/db/client.ts';
import { FIXED_NOW, createTestEnv, resetData, type TestEnv } from '../helpers/db.ts';
import { makeInventoryOrg, makeItem } from '../helpers/inventory.ts';
import { makeProduct, makeRecipe } from '../helpers/production.ts';
import { startBatch } from '../../src/lib/server/domain/batches/start-batch.ts';
import { requestCompletion } from '../../src/lib/server/domain/batches/finish.ts';
import { completeBatch } from '../../src/lib/server/domain/batches/complete-batch.ts';
import { findInventoryDrift } from '../../src/lib/server/domain/inventory/verify.ts';
import { planOutputs, splitExactly } from '../../src/lib/server/domain/batches/output-rules.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
  await resetData(env.db);
  env.clock.set(FIXED_NOW);
});
afterAll(() => env.close());

const D = (v: string | number) => new Prisma.Decimal(v);
const WEIGHTS = ['gram', 'kg', 'oz', 'lb'] as const;

describe('the output split is exact (pure)', () => {
  it('Σ lines + waste = contents + containers, every share ≥ 0, for any shape', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000_000 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 0, max: 100 }),
        fc.option(fc.integer({ min: 1, max: 40 }), { nil: null }),
        fc.array(fc.record({ count: fc.integer({ min: 0, max: 6 }), cents: fc.integer({ min: 0, max: 500 }) }), {
          maxLength: 3,
        }),
        (micro, madeMilli, wastePct, portions, fillSpecs) => {
          const made = D(madeMilli).div(1000);
          const waste = made.times(wastePct).div(100).toDecimalPlaces(3, Prisma.Decimal.ROUND_DOWN);
          const kept = made.minus(waste);
          const totalFill = fillSpecs.reduce((n, f) => n + f.count, 0);
          const fills = fillSpecs.map((f, i) => ({
            containerItemId: `c${i}`,
            name: `C${i}`,
            count: portions ? Math.min(f.count, portions) : f.count,
            // together the containers hold at most what was kept
            fill: totalFill ? kept.div(totalFill + 1).toDecimalPlaces(6, Prisma.Decimal.ROUND_DOWN) : D(0),
            containerCost: D(f.cents).div(100),
          }));
          if (portions && fills.reduce((n, f) => n + f.count, 0) > portions) return;
          const contentsCost = D(micro).div(1_000_000);
          const plan = planOutputs({ kind: 'product', contentsCost, made, waste, portions, fills, outputUnit: 'gram' });
          const containers = fills.filter((f) => f.count > 0).reduce((s, f) => s.plus(f.containerCost), D(0));
          const posted = plan.lines.reduce((s, l) => s.plus(l.value), plan.wasteValue);
          expect(posted.eq(contentsCost.plus(containers))).toBe(true);
          for (const l of plan.lines) expect(l.value.gte(0)).toBe(true);
          expect(plan.wasteValue.gte(0)).toBe(true);
        },
      ),
      { numRuns: 400, seed: 1616 },
    );
  });
  it('splitExactly gives micro-dollar shares that add up, largest remainders first', () => {
    expect(splitExactly(D('1'), [D(1), D(1), D(1)]).map(String)).toEqual(['0.333334', '0.333333', '0.333333']);
    expect(splitExactly(D('10'), [D(0), D(3)]).map(String)).toEqual(['0', '10']);
  });
});

type Shape = 'intermediate' | 'bulk' | 'containers' | 'portions' | 'portions-in-containers';
const scenario = fc.record({
  lines: fc.array(
    fc.record({
      unit: fc.constantFrom(...WEIGHTS),
      qty: fc.integer({ min: 1, max: 5000 }),
      cents: fc.integer({ min: 1, max: 5000 }),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  scale: fc.constantFrom('0.5', '1', '1.25', '2', '3'),
  shape: fc.constantFrom<Shape>('intermediate', 'bulk', 'containers', 'portions', 'portions-in-containers'),
  outputUnit: fc.constantFrom(...WEIGHTS),
  wastePct: fc.constantFrom(0, 0, 5, 20),
  unfilled: fc.integer({ min: 0, max: 2 }),
  portions: fc.integer({ min: 1, max: 24 }),
});

describe('property: finishing any batch keeps the books exact', () => {
  it('Σ output value + waste value = batch cost, lots are worth their lines, and the ledger balances', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const { product, variant } = await makeProduct(env, org.id, 'Property Product');
    let n = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async (sc) => {
        n++;
        env.clock.advance(60_000);
        const items: { id: string }[] = [];
        for (const [i, l] of sc.lines.entries()) {
          items.push(
            await makeItem(db, ctx, {
              name: `P${n}-ing${i}`,
              unit: l.unit,
              openingQuantity: String((l.qty * 4) / 10),
              cost: String(l.cents / 1000),
            }),
          );
        }
        const portioned = sc.shape.startsWith('portions');
        const withJars = sc.shape === 'containers' || sc.shape === 'portions-in-containers';
        const jar = await makeItem(db, ctx, {
          name: `P${n}-jar`,
          itemType: 'container',
          containerColor: `shade ${n}`, // identical containers are merged into one item
          capacity: '1',
          capacityUnit: 'gram',
          openingQuantity: '200',
          cost: '0.37',
        });
        const recipe = await makeRecipe(env, org.id, {
          name: `P${n} recipe`,
          yield: '100',
          yieldUnit: 'gram',
          isPortioned: portioned,
          portionName: portioned ? 'Piece' : undefined,
          portionCount: portioned ? sc.portions : undefined,
          lines: sc.lines.map((l, i) => ({ itemId: items[i]!.id, quantity: String(l.qty / 10), unit: l.unit })),
        });
        const jarsFilled = portioned ? Math.max(1, Math.floor(sc.portions / 2)) : 3;
        const { batchId } = await startBatch(db, ctx, {
          recipeId: recipe.id,
          scale: sc.scale,
          batchType: sc.shape === 'intermediate' ? 'ingredient' : 'product',
          // Jars that may not hold the whole batch (the rest goes to bulk): a start anyway.
          ...(withJars ? { containers: [{ itemId: jar.id, quantity: jarsFilled + sc.unfilled }], force: true } : {}),
        });
        // What was made: the ingredients' weight in the output unit (so fills and bulk always fit).
        const made = D(100).times(sc.scale);
        const toOut = { gram: '1', kg: '0.001', oz: '0.03527396194958', lb: '0.00220462262185' }[sc.outputUnit];
        const finalQuantity = made.times(toOut).toDecimalPlaces(6).toFixed();
        const waste = D(finalQuantity).times(sc.wastePct).div(100).toDecimalPlaces(6).toFixed();
        await requestCompletion(db, ctx, {
          batchId,
          finalQuantity,
          outputUnit: sc.outputUnit,
          ...(sc.wastePct ? { wasteQuantity: waste } : {}),
          ...(sc.shape === 'intermediate' ? {} : { productId: product.id, variantId: variant.id }),
          ...(portioned ? { finalPortions: sc.portions } : {}),
          ...(withJars
            ? { containerCounts: { [jar.id]: jarsFilled }, containerFills: { [jar.id]: { amount: '1', unit: 'gram' } } }
            : {}),
          confirmOverPlan: true,
        });
        await completeBatch(env.db, env.services, { organizationId: org.id, batchId });
        const batch = await env.db.batch.findUniqueOrThrow({
          where: { id: batchId },
          include: { outputs: true, lines: true },
        });
        expect(batch.status).toBe('completed');
        const lineCost = batch.lines.reduce((s, l) => s.plus(l.totalCost), D(0));
        const posted = batch.outputs.reduce((s, o) => s.plus(o.value), batch.wasteValue ?? D(0));
        expect(batch.totalCost!.toString()).toBe(lineCost.toString());
        expect(posted.toString()).toBe(lineCost.toString());
        for (const o of batch.outputs) {
          const lot = await env.db.inventoryLot.findUniqueOrThrow({ where: { id: o.lotId } });
          expect(lot.originalValue.toString()).toBe(o.value.toString());
        }
        // each unit made is on exactly one line: no container and portion twice
        if (portioned) expect(batch.outputs.reduce((s, o) => s + Number(o.quantity), 0)).toBe(sc.portions);
        if (withJars)
          expect((await env.db.inventoryItem.findUniqueOrThrow({ where: { id: jar.id } })).quantity.toString()).toBe(
            String(200 - jarsFilled),
          );
        expect(await findInventoryDrift(env.db, org.id)).toEqual([]);
      }),
      { numRuns: 30, seed: 2026_16 },
    );
  }, 240_000);
});
