// Issue 16, "Exact production books": every number here was worked out by hand first (the comments show
// the arithmetic). Rules: docs/rules/production-outputs.md, docs/rules/lot-value.md, docs/rules/units-exact.md.
import { describe, expect, it } from 'vitest';
import { useTestEnv } from '../helpers/db.ts';
import { expectBooksBalance, makeInventoryOrg, makeItem } from '../helpers/inventory.ts';
import { makeProduct, makeRecipe } from '../helpers/production.ts';
import { buildPlan } from '../../src/lib/server/domain/planning/plan.ts';
import { startBatch } from '../../src/lib/server/domain/batches/start-batch.ts';
import { requestCompletion } from '../../src/lib/server/domain/batches/finish.ts';
import { completeBatch } from '../../src/lib/server/domain/batches/complete-batch.ts';
import { getBatch } from '../../src/lib/server/domain/batches/queries.ts';
import { createSku } from '../../src/lib/server/domain/products/ensure-sku.ts';
import { applyMovement } from '../../src/lib/server/domain/inventory/apply-movement.ts';
import { listReadySoon } from '../../src/lib/server/domain/inventory/ready.ts';
import { getItem } from '../../src/lib/server/domain/inventory/queries.ts';
import { costCard, scaleRecipe } from '../../src/lib/server/domain/recipes/cost-card.ts';
import type { OrgCtx } from '../../src/lib/server/domain/context.ts';
import type { TenantDb } from '../../src/lib/server/db/tenant.ts';

const env = useTestEnv();

type Done = {
  totalCost: string;
  wasteValue: string | null;
  outputs: {
    kind: string;
    itemId: string;
    quantity: string;
    unit: string;
    itemQuantity: string;
    value: string;
    unitCost: string;
  }[];
};
const finish = async (db: TenantDb, ctx: OrgCtx, orgId: string, input: Parameters<typeof requestCompletion>[2]) => {
  await requestCompletion(db, ctx, input);
  return (await completeBatch(env.db, env.services, {
    organizationId: orgId,
    batchId: input.batchId,
  })) as unknown as Done;
};
const qty = async (itemId: string) =>
  (await env.db.inventoryItem.findUniqueOrThrow({ where: { id: itemId } })).quantity.toString();

describe('outputs are posted once, in the unit entered', () => {
  it('a second Wax Blend finished as 1 kg into the gram intermediate adds 1000 g at $0.006283', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const wax = await makeItem(db, ctx, { name: 'Soy wax', unit: 'gram', openingQuantity: '3000', cost: '0.006283' });
    const recipe = await makeRecipe(env, org.id, {
      name: 'Wax Blend',
      yield: '1000',
      yieldUnit: 'gram',
      lines: [{ itemId: wax.id, quantity: '1000', unit: 'gram' }],
    });
    const first = await startBatch(db, ctx, { recipeId: recipe.id });
    await finish(db, ctx, org.id, { batchId: first.batchId, finalQuantity: '1000', outputUnit: 'gram' });
    const inter = await env.db.inventoryItem.findFirstOrThrow({
      where: { organizationId: org.id, name: 'Wax Blend (Intermediate)' },
    });
    expect([inter.unit, inter.quantity.toString()]).toEqual(['gram', '1000']);

    const second = await startBatch(db, ctx, { recipeId: recipe.id });
    const done = await finish(db, ctx, org.id, { batchId: second.batchId, finalQuantity: '1', outputUnit: 'kg' });
    // 1000 g × $0.006283 = $6.283 of wax; 1 kg is posted as 1000 g worth $6.283, i.e. $0.006283/g (not 1 g at $6.283).
    expect(done.outputs).toMatchObject([
      { kind: 'intermediate', quantity: '1', unit: 'kg', itemQuantity: '1000', value: '6.283', unitCost: '0.006283' },
    ]);
    expect(await qty(inter.id)).toBe('2000');
    const lot = await env.db.inventoryLot.findFirstOrThrow({ where: { batchId: second.batchId } });
    expect([lot.originalQuantity.toString(), lot.originalValue.toString(), lot.unitCost.toString()]).toEqual([
      '1000',
      '6.283',
      '0.006283',
    ]);
    await expectBooksBalance(env, org.id);
  });

  it('100 gram finished into an existing oz bulk SKU adds 3.527396 oz, not 100 oz', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const base = await makeItem(db, ctx, { name: 'Balm base', unit: 'gram', openingQuantity: '100', cost: '0.01' });
    const recipe = await makeRecipe(env, org.id, {
      name: 'Balm',
      yield: '100',
      yieldUnit: 'gram',
      lines: [{ itemId: base.id, quantity: '100', unit: 'gram' }],
    });
    const { product, variant } = await makeProduct(env, org.id, 'Lip Balm');
    const sku = await createSku(db, ctx, { productId: product.id, variantId: variant.id, unit: 'oz' });
    const { batchId } = await startBatch(db, ctx, { recipeId: recipe.id, batchType: 'product' });
    const done = await finish(db, ctx, org.id, {
      batchId,
      finalQuantity: '100',
      outputUnit: 'gram',
      productId: product.id,
      variantId: variant.id,
    });
    // 100 g ÷ 28.349523125 g/oz = 3.5273961949... oz, worth the whole $1.00
    expect(done.outputs).toMatchObject([{ kind: 'bulk', itemId: sku.itemId, itemQuantity: '3.527396', value: '1' }]);
    expect(await qty(sku.itemId)).toBe('3.527396');
    await expectBooksBalance(env, org.id);
  });
});

/** Candle shop: soy wax and fragrance in oz, wicks, 8 fl oz jars. */
async function candleShop(db: TenantDb, ctx: OrgCtx) {
  return {
    wax: await makeItem(db, ctx, { name: 'Soy wax 464', unit: 'oz', openingQuantity: '200', cost: '0.20' }),
    fragrance: await makeItem(db, ctx, { name: 'Cedar fragrance', unit: 'oz', openingQuantity: '20', cost: '1.50' }),
    wick: await makeItem(db, ctx, {
      name: 'CD-12 wick',
      itemType: 'consumable',
      unit: 'count',
      openingQuantity: '40',
      cost: '0.10',
    }),
    jar: await makeItem(db, ctx, {
      name: 'Amber jar',
      itemType: 'container',
      capacity: '8',
      capacityUnit: 'floz',
      openingQuantity: '20',
      cost: '1.25',
    }),
  };
}

describe('a portioned batch with containers posts each unit once', () => {
  it('12 candles poured into 12 jars post 12 units worth the batch cost, each with its jar', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const s = await candleShop(db, ctx);
    // 12 candles of 6.8 oz wax + 8 % fragrance (0.544 oz) = 7.344 oz each, 88.128 oz in all
    const recipe = await makeRecipe(env, org.id, {
      name: 'Cedar Candle',
      yield: '88.128',
      yieldUnit: 'oz',
      density: '0.9',
      isPortioned: true,
      portionName: 'Candle',
      portionCount: 12,
      allowedContainerIds: [s.jar.id],
      lines: [
        { itemId: s.wax.id, quantity: '81.6', unit: 'oz' },
        { itemId: s.fragrance.id, quantity: '6.528', unit: 'oz' },
        { itemId: s.wick.id, quantity: '12', unit: 'count', kind: 'consumable' },
      ],
    });
    const plan = await buildPlan(db, ctx, { recipeId: recipe.id, batchType: 'product' });
    // One jar per candle (a 7.344 oz candle at 0.9 g/ml is 231.3 ml, and fits an 8 fl oz = 236.6 ml jar)
    expect(plan.snapshot.containers).toEqual([{ itemId: s.jar.id, quantity: 12 }]);
    expect([plan.feasible, plan.containerPlan!.error, plan.containerPlan!.warnings]).toEqual([true, null, []]);
    const { batchId } = await startBatch(db, ctx, { recipeId: recipe.id, batchType: 'product' });
    const { product, variant } = await makeProduct(env, org.id, 'Cedar Candle', 'Candles');
    const done = await finish(db, ctx, org.id, {
      batchId,
      finalQuantity: '88.128',
      outputUnit: 'oz',
      finalPortions: 12,
      productId: product.id,
      variantId: variant.id,
      containerCounts: { [s.jar.id]: 12 },
    });
    // 81.6 × $0.20 + 6.528 × $1.50 + 12 × $0.10 + 12 × $1.25 = 16.32 + 9.792 + 1.20 + 15.00 = $42.312 = 12 × $3.526
    expect(done.totalCost).toBe('42.312');
    expect(done.outputs).toMatchObject([
      { kind: 'portion', quantity: '12', unit: 'count', value: '42.312', unitCost: '3.526' },
    ]);
    const skus = await env.db.productSku.findMany({ where: { productId: product.id }, include: { item: true } });
    expect(skus.map((k) => [k.sizeLabel, k.containerItemId, k.item.quantity.toString()])).toEqual([
      ['7.34 oz Candle in 8 fl oz Amber jar', s.jar.id, '12'],
    ]);
    expect(await env.db.inventoryLot.count({ where: { batchId } })).toBe(1);
    expect(await qty(s.jar.id)).toBe('8');
    await expectBooksBalance(env, org.id);
  });

  it('a soap batch of a recipe with no allowed containers deducts no jar, even with jars in stock', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const s = await candleShop(db, ctx);
    const oils = await makeItem(db, ctx, { name: 'Soap oils', unit: 'gram', openingQuantity: '2000', cost: '0.004' });
    const recipe = await makeRecipe(env, org.id, {
      name: 'Oat Soap',
      yield: '1000',
      yieldUnit: 'gram',
      isPortioned: true,
      portionName: 'Bar',
      portionCount: 10,
      lines: [{ itemId: oils.id, quantity: '1000', unit: 'gram' }],
    });
    const plan = await buildPlan(db, ctx, { recipeId: recipe.id, batchType: 'product' });
    expect([plan.containerPlan, plan.snapshot.containers, plan.feasible]).toEqual([null, [], true]);
    const { batchId } = await startBatch(db, ctx, { recipeId: recipe.id, batchType: 'product' });
    expect((await getBatch(db, ctx, { batchId })).lines.map((l) => l.kind)).toEqual(['ingredient']);
    expect(await qty(s.jar.id)).toBe('20');
  });

  it('suggests only the allowed containers, and uses the ones the user picks', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const s = await candleShop(db, ctx);
    const tin = await makeItem(db, ctx, {
      name: 'Tin',
      itemType: 'container',
      capacity: '16',
      capacityUnit: 'floz',
      openingQuantity: '50',
    });
    const recipe = await makeRecipe(env, org.id, {
      yield: '64',
      yieldUnit: 'floz',
      allowedContainerIds: [s.jar.id],
      lines: [{ itemId: s.wax.id, quantity: '10', unit: 'oz' }],
    });
    const suggested = await buildPlan(db, ctx, { recipeId: recipe.id, batchType: 'product' });
    expect(suggested.snapshot.containers).toEqual([{ itemId: s.jar.id, quantity: 8 }]);
    const picked = await buildPlan(db, ctx, {
      recipeId: recipe.id,
      batchType: 'product',
      containers: [{ itemId: tin.id, quantity: 4 }],
    });
    expect([picked.snapshot.containers, picked.feasible, picked.containerPlan!.containmentPercent]).toEqual([
      [{ itemId: tin.id, quantity: 4 }],
      true,
      100,
    ]);
  });
});

describe('containers are filled by what they hold', () => {
  it('lotion: 9 bottles deducted, 8 filled: 1 goes back, and a bottle costs its 4 fl oz share plus one bottle', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const item = (name: string, qtyG: string, cost: string) =>
      makeItem(db, ctx, { name, unit: 'gram', openingQuantity: qtyG, cost });
    const water = await item('Distilled water', '5000', '0.001');
    const oil = await item('Sweet almond oil', '1000', '0.02');
    const emulsifier = await item('Emulsifying wax', '500', '0.04');
    const preservative = await item('Preservative', '100', '0.10');
    const fragrance = await item('Lotion fragrance', '200', '0.05');
    const bottle = await makeItem(db, ctx, {
      name: 'Pump bottle',
      itemType: 'container',
      capacity: '4',
      capacityUnit: 'fl. oz',
      openingQuantity: '100',
      cost: '0.60',
    });
    const recipe = await makeRecipe(env, org.id, {
      name: 'Lotion',
      yield: '1000',
      yieldUnit: 'gram',
      density: '1.0',
      allowedContainerIds: [bottle.id],
      lines: [
        { itemId: water.id, quantity: '700', unit: 'gram' },
        { itemId: oil.id, quantity: '200', unit: 'gram' },
        { itemId: emulsifier.id, quantity: '50', unit: 'gram' },
        { itemId: preservative.id, quantity: '10', unit: 'gram' },
        { itemId: fragrance.id, quantity: '40', unit: 'gram' },
      ],
    });
    // 1000 g at 1.0 g/ml = 1000 ml; a 4 fl oz bottle holds 118.29411825 ml: 8.45 bottles, so 9 are planned
    const plan = await buildPlan(db, ctx, { recipeId: recipe.id, batchType: 'product' });
    expect([plan.snapshot.containers, plan.feasible]).toEqual([[{ itemId: bottle.id, quantity: 9 }], true]);
    expect(plan.containerPlan!.warnings).toEqual(['Partial fill warning: the last Pump bottle would be 45% full']);
    const { batchId } = await startBatch(db, ctx, { recipeId: recipe.id, batchType: 'product' });
    expect(await qty(bottle.id)).toBe('91');
    const { product, variant } = await makeProduct(env, org.id, 'Almond Lotion', 'Cosmetics');
    const done = await finish(db, ctx, org.id, {
      batchId,
      finalQuantity: '1000',
      outputUnit: 'gram',
      productId: product.id,
      variantId: variant.id,
      containerCounts: { [bottle.id]: 8 },
    });
    // The unfilled ninth bottle went back to its lot at its $0.60.
    expect(await qty(bottle.id)).toBe('92');
    // Contents: 700 × 0.001 + 200 × 0.02 + 50 × 0.04 + 10 × 0.10 + 40 × 0.05 = 0.70 + 4 + 2 + 1 + 2 = $9.70.
    // 8 bottles hold 8 × 118.29411825 = 946.352946 ml = 946.352946 g of the 1000 g: 9.70 × 0.946352946 = $9.179624,
    // plus 8 bottles × $0.60 = $13.979624, i.e. $1.747453 a bottle (spreading the ninth bottle would give $1.822453).
    // The 53.647054 g left are bulk at $0.520376. 13.979624 + 0.520376 = 14.50 = 9.70 + 8 × 0.60.
    expect(done.totalCost).toBe('14.5');
    expect(done.outputs.map((o) => [o.kind, o.itemQuantity, o.value])).toEqual([
      ['container', '8', '13.979624'],
      ['bulk', '53.647054', '0.520376'],
    ]);
    expect(done.outputs[0]!.unitCost).toBe('1.747453');
    const b = await getBatch(db, ctx, { batchId });
    expect(b.lines.filter((l) => l.kind === 'container').map((l) => [l.reason, l.quantity, l.totalCost])).toEqual([
      [null, '9', '5.4'],
      ['returned', '-1', '-0.6'],
    ]);
    await expectBooksBalance(env, org.id);
  });

  it('12 candles of 7.344 oz fill 12 × 8 oz jars with a fill amount: 12 jars, no remainder', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const s = await candleShop(db, ctx);
    const jar8oz = await makeItem(db, ctx, {
      name: 'Tumbler',
      itemType: 'container',
      capacity: '8',
      capacityUnit: 'oz',
      openingQuantity: '20',
      cost: '1',
    });
    const recipe = await makeRecipe(env, org.id, {
      name: 'Tumbler Candle',
      yield: '88.128',
      yieldUnit: 'oz',
      allowedContainerIds: [jar8oz.id],
      lines: [
        { itemId: s.wax.id, quantity: '81.6', unit: 'oz' },
        { itemId: s.fragrance.id, quantity: '6.528', unit: 'oz' },
      ],
    });
    const plan = await buildPlan(db, ctx, {
      recipeId: recipe.id,
      batchType: 'product',
      fillAmount: '7.344',
      fillUnit: 'oz',
    });
    expect(plan.snapshot.containers).toEqual([
      { itemId: jar8oz.id, quantity: 12, fillAmount: '7.344', fillUnit: 'oz' },
    ]);
    expect(plan.containerPlan!.warnings).toEqual([]);
    const { batchId } = await startBatch(db, ctx, {
      recipeId: recipe.id,
      batchType: 'product',
      fillAmount: '7.344',
      fillUnit: 'oz',
    });
    const { product, variant } = await makeProduct(env, org.id, 'Tumbler');
    const done = await finish(db, ctx, org.id, {
      batchId,
      finalQuantity: '88.128',
      outputUnit: 'oz',
      productId: product.id,
      variantId: variant.id,
      containerCounts: { [jar8oz.id]: 12 },
    });
    // 16.32 + 9.792 + 12 × $1 = $38.112 over 12 tumblers = $3.176 each, nothing left over
    expect(done.outputs.map((o) => [o.kind, o.quantity, o.value, o.unitCost])).toEqual([
      ['container', '12', '38.112', '3.176'],
    ]);
    await expectBooksBalance(env, org.id);
  });

  it('plans 8 fl oz jars for a recipe in oz (weight) through its density, and says what is missing without one', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const s = await candleShop(db, ctx);
    const spec = {
      yield: '64',
      yieldUnit: 'oz',
      allowedContainerIds: [s.jar.id],
      lines: [{ itemId: s.wax.id, quantity: '64', unit: 'oz' }],
    };
    const withDensity = await makeRecipe(env, org.id, { ...spec, density: '0.9' });
    // 64 oz = 1814.36948 g ÷ 0.9 g/ml = 2015.966 ml ÷ 236.5882365 ml = 8.52 jars → 9
    const plan = await buildPlan(db, ctx, { recipeId: withDensity.id, batchType: 'product' });
    expect([plan.snapshot.containers, plan.snapshot.density]).toEqual([[{ itemId: s.jar.id, quantity: 9 }], '0.9']);
    const without = await makeRecipe(env, org.id, spec);
    const bad = await buildPlan(db, ctx, { recipeId: without.id, batchType: 'product' });
    expect([bad.feasible, bad.containerPlan!.error, bad.containerPlan!.warnings]).toEqual([
      false,
      'Amber jar holds fl oz and the recipe yields oz: give the recipe a density (g/ml) to plan it.',
      [],
    ]);
  });

  it('a count yield ("12 candles") plans one container per unit', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const s = await candleShop(db, ctx);
    const recipe = await makeRecipe(env, org.id, {
      yield: '12',
      yieldUnit: 'count',
      allowedContainerIds: [s.jar.id],
      lines: [{ itemId: s.wax.id, quantity: '88.128', unit: 'oz' }],
    });
    const plan = await buildPlan(db, ctx, { recipeId: recipe.id, batchType: 'product' });
    expect([plan.snapshot.containers, plan.containerPlan!.containmentPercent]).toEqual([
      [{ itemId: s.jar.id, quantity: 12 }],
      100,
    ]);
  });

  it('a plan short on containers is not feasible, with one message and no "100%"', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const bottle = await makeItem(db, ctx, {
      name: 'Bottle',
      itemType: 'container',
      capacity: '4',
      capacityUnit: 'floz',
      openingQuantity: '5',
    });
    const base = await makeItem(db, ctx, { name: 'Base', unit: 'floz', openingQuantity: '100' });
    const recipe = await makeRecipe(env, org.id, {
      yield: '36',
      yieldUnit: 'floz',
      allowedContainerIds: [bottle.id],
      lines: [{ itemId: base.id, quantity: '36', unit: 'floz' }],
    });
    const plan = await buildPlan(db, ctx, { recipeId: recipe.id, batchType: 'product' });
    // 36 fl oz needs 9 bottles; 5 hold 20 fl oz (55.5 %)
    expect([plan.feasible, plan.containerPlan!.containmentPercent, plan.containerPlan!.warnings]).toEqual([
      false,
      55.5,
      [],
    ]);
    expect(plan.containerPlan!.error).toBe(
      'Not enough containers: 16 fl oz of the 36 fl oz would have no container. Restock containers or choose others.',
    );
    // Picking more than are in stock is a stock issue like any other: the start refuses it.
    const picked = await buildPlan(db, ctx, {
      recipeId: recipe.id,
      batchType: 'product',
      containers: [{ itemId: bottle.id, quantity: 9 }],
    });
    expect(picked.feasible).toBe(false);
    expect(picked.stockIssues.map((i) => [i.itemName, i.needed, i.available])).toEqual([['Bottle', '9', '5']]);
    await expect(
      startBatch(db, ctx, {
        recipeId: recipe.id,
        batchType: 'product',
        containers: [{ itemId: bottle.id, quantity: 9 }],
      }),
    ).rejects.toMatchObject({ code: 'INSUFFICIENT_STOCK' });
    // Starting the short suggestion is refused with the plan's own message, unless forced: then the
    // 5 bottles in stock are taken, and no more.
    await expect(startBatch(db, ctx, { recipeId: recipe.id, batchType: 'product' })).rejects.toMatchObject({
      code: 'INVALID_STATE',
      message: plan.containerPlan!.error,
    });
    const forced = await startBatch(db, ctx, { recipeId: recipe.id, batchType: 'product', force: true });
    const started = await getBatch(db, ctx, { batchId: forced.batchId });
    expect(started.lines.filter((l) => l.kind === 'container').map((l) => l.quantity)).toEqual(['5']);
  });
});

describe('finish values are checked', () => {
  it('asks to confirm 5000 g from a 1000 g plan, refuses waste above what was made, and records the waste value', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const oil = await makeItem(db, ctx, { openingQuantity: '1000', cost: '0.01' });
    const recipe = await makeRecipe(env, org.id, {
      yield: '1000',
      lines: [{ itemId: oil.id, quantity: '1000', unit: 'gram' }],
    });
    const { batchId } = await startBatch(db, ctx, { recipeId: recipe.id });
    await expect(
      requestCompletion(db, ctx, { batchId, finalQuantity: '5000', outputUnit: 'gram' }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      message: '5000 gram is 5× the 1000 gram planned. Check the final quantity, or confirm it.',
      details: { field: 'finalQuantity', requiresConfirmation: true },
    });
    await expect(
      requestCompletion(db, ctx, { batchId, finalQuantity: '1000', outputUnit: 'gram', wasteQuantity: '1200' }),
    ).rejects.toThrow('Waste (1200 gram) cannot be more than the batch made (1000 gram).');
    await expect(
      requestCompletion(db, ctx, { batchId, finalQuantity: '5000', outputUnit: 'gram', confirmOverPlan: true }),
    ).resolves.toMatchObject({ alreadyQueued: false });
    // A corrected request (the pending job reads the latest one): 1000 g made, 100 g of it wasted.
    await requestCompletion(db, ctx, { batchId, finalQuantity: '1000', outputUnit: 'gram', wasteQuantity: '100' });
    const done = (await completeBatch(env.db, env.services, { organizationId: org.id, batchId })) as unknown as Done;
    // $10 over 1000 g: the 100 g wasted carry $1, the 900 g kept $9.
    expect([done.totalCost, done.wasteValue, done.outputs[0]!.value, done.outputs[0]!.itemQuantity]).toEqual([
      '10',
      '1',
      '9',
      '900',
    ]);
    expect((await getBatch(db, ctx, { batchId })).wasteValue).toBe('1');
  });

  it('refuses 9.5 bars with a message a person can act on', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const oil = await makeItem(db, ctx, { openingQuantity: '1000' });
    const recipe = await makeRecipe(env, org.id, {
      yield: '950',
      isPortioned: true,
      portionName: 'Bar',
      portionCount: 19,
      lines: [{ itemId: oil.id, quantity: '950', unit: 'gram' }],
    });
    const { batchId } = await startBatch(db, ctx, { recipeId: recipe.id, scale: '0.5' });
    expect((await getBatch(db, ctx, { batchId })).projectedPortions).toBe('9.5');
    await expect(
      requestCompletion(db, ctx, { batchId, finalQuantity: '475', outputUnit: 'gram', finalPortions: 9.5 }),
    ).rejects.toThrow('Portions are counted whole: enter 9 or 10, not 9.5. A partial piece is waste or a tester.');
  });
});

describe('scaling never makes a fraction of a count item', () => {
  it('×0.5 of 1 wick is 1 wick, with a notice, in the plan, the scaled recipe and the cost card', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const s = await candleShop(db, ctx);
    const recipe = await makeRecipe(env, org.id, {
      yield: '7.344',
      yieldUnit: 'oz',
      lines: [
        { itemId: s.wax.id, quantity: '6.8', unit: 'oz' },
        { itemId: s.wick.id, quantity: '1', unit: 'count', kind: 'consumable' },
      ],
    });
    const notice = '×0.5 of CD-12 wick gives 0.5 count: count items are whole, so 1 count will be used.';
    const plan = await buildPlan(db, ctx, { recipeId: recipe.id, scale: '0.5' });
    expect([plan.snapshot.ingredients[0]!.quantity, plan.snapshot.consumables[0]!.quantity]).toEqual(['3.4', '1']);
    expect(plan.notices).toEqual([notice]);
    const scaled = await scaleRecipe(db, ctx, { recipeId: recipe.id, scale: '0.5' });
    expect([scaled.lines.map((l) => l.quantity), scaled.notices]).toEqual([['3.4', '1'], [notice]]);
    const card = await costCard(db, ctx, { recipeId: recipe.id, scale: '0.5' });
    // 3.4 oz × $0.20 + 1 wick × $0.10 = $0.78
    expect([card.lines.map((l) => l.quantity), card.total, card.notices]).toEqual([['3.4', '1'], '0.78', [notice]]);
  });

  it('the plan and the cost card agree on portions: ×0.04 of 10 bars is 0.4 on both', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const oil = await makeItem(db, ctx, { openingQuantity: '1000' });
    const recipe = await makeRecipe(env, org.id, {
      yield: '1000',
      isPortioned: true,
      portionName: 'Bar',
      portionCount: 10,
      lines: [{ itemId: oil.id, quantity: '1000', unit: 'gram' }],
    });
    const plan = await buildPlan(db, ctx, { recipeId: recipe.id, scale: '0.04' });
    const card = await costCard(db, ctx, { recipeId: recipe.id, scale: '0.04' });
    expect([plan.snapshot.portioning.portionCount, card.portions]).toEqual(['0.4', '0.4']);
    expect(plan.notices).toEqual([
      '×0.04 of 10 Bar is 0.4 Bar: portions are counted whole when the batch is finished.',
    ]);
  });
});

describe('cure and ready dates', () => {
  it('a soap with a 28-day cure makes lots ready on day 28, not sellable or reservable before, listed when ready this week', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const oils = await makeItem(db, ctx, { name: 'Soap oils', unit: 'gram', openingQuantity: '1000', cost: '0.004' });
    const recipe = await makeRecipe(env, org.id, {
      name: 'Castile',
      yield: '1000',
      isPortioned: true,
      portionName: 'Bar',
      portionCount: 10,
      lines: [{ itemId: oils.id, quantity: '1000', unit: 'gram' }],
    });
    await env.db.recipe.update({ where: { id: recipe.id }, data: { cureDays: 28 } });
    const { product, variant } = await makeProduct(env, org.id, 'Castile Soap', 'Soaps');
    const { batchId } = await startBatch(db, ctx, { recipeId: recipe.id, batchType: 'product' });
    const done = (await finish(db, ctx, org.id, {
      batchId,
      finalQuantity: '1000',
      outputUnit: 'gram',
      finalPortions: 10,
      productId: product.id,
      variantId: variant.id,
    })) as Done & { readyOn: Date };
    // finished 2026-03-01 12:00 UTC + 28 days
    expect(done.readyOn.toISOString()).toBe('2026-03-29T12:00:00.000Z');
    const bars = done.outputs[0]!.itemId;
    expect((await getItem(db, ctx, { itemId: bars })).lots.map((l) => [l.curing, l.readyOn?.toISOString()])).toEqual([
      [true, '2026-03-29T12:00:00.000Z'],
    ]);
    expect((await getBatch(db, ctx, { batchId })).outputs[0]!.readyOn?.toISOString()).toBe('2026-03-29T12:00:00.000Z');
    for (const changeType of ['sale', 'reserved'] as const)
      await expect(applyMovement(db, ctx, { itemId: bars, changeType, quantity: '1' })).rejects.toThrow(
        'Insufficient inventory for Castile Soap - Base - 100 gram Bar: need 1 count, have 0 count (10 more count still curing, the first ready on 2026-03-29)',
      );
    // Using one as a tester is not selling it.
    await applyMovement(db, ctx, { itemId: bars, changeType: 'tester', quantity: '1' });
    expect((await listReadySoon(db, ctx)).lots).toEqual([]);
    env.clock.set(new Date('2026-03-24T09:00:00.000Z'));
    const soon = await listReadySoon(db, ctx);
    expect(soon.lots.map((l) => [l.itemName, l.remaining, l.readyOn.toISOString()])).toEqual([
      ['Castile Soap - Base - 100 gram Bar', '9', '2026-03-29T12:00:00.000Z'],
    ]);
    env.clock.set(new Date('2026-03-29T12:00:00.000Z'));
    await applyMovement(db, ctx, { itemId: bars, changeType: 'sale', quantity: '2' });
    expect(await qty(bars)).toBe('7');
    await expectBooksBalance(env, org.id);
  });

  it('a cure time added to the recipe after the start does not change the batch in progress', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const oils = await makeItem(db, ctx, { name: 'Soap oils', unit: 'gram', openingQuantity: '500', cost: '0.004' });
    const recipe = await makeRecipe(env, org.id, {
      name: 'Plain',
      yield: '500',
      lines: [{ itemId: oils.id, quantity: '500', unit: 'gram' }],
    });
    const { batchId } = await startBatch(db, ctx, { recipeId: recipe.id });
    // The plan was frozen without a cure time; the recipe gains one before the finish.
    await env.db.recipe.update({ where: { id: recipe.id }, data: { cureDays: 28 } });
    const done = (await finish(db, ctx, org.id, { batchId, finalQuantity: '500', outputUnit: 'gram' })) as Done & {
      readyOn: Date | null;
    };
    expect(done.readyOn).toBeNull();
  });
});

describe('jar diameter and wick range', () => {
  it('stores a jar diameter and a wick range, and warns (only) when the jar is outside the wick range', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const wax = await makeItem(db, ctx, { name: 'Wax', unit: 'oz', openingQuantity: '100' });
    const wick = await makeItem(db, ctx, {
      name: 'CD-12 wick',
      itemType: 'consumable',
      unit: 'count',
      openingQuantity: '50',
      wickMinDiameter: '2.5',
      wickMaxDiameter: '3',
      diameterUnit: 'in',
    });
    const jar = await makeItem(db, ctx, {
      name: 'Wide jar',
      itemType: 'container',
      capacity: '8',
      capacityUnit: 'oz',
      openingQuantity: '20',
      diameter: '88.9',
      diameterUnit: 'mm',
    });
    expect(await getItem(db, ctx, { itemId: jar.id })).toMatchObject({ diameter: '88.9', diameterUnit: 'mm' });
    expect(await getItem(db, ctx, { itemId: wick.id })).toMatchObject({
      wickMinDiameter: '2.5',
      wickMaxDiameter: '3',
      diameterUnit: 'inch',
    });
    const recipe = await makeRecipe(env, org.id, {
      yield: '8',
      yieldUnit: 'oz',
      isPortioned: true,
      portionName: 'Candle',
      portionCount: 1,
      allowedContainerIds: [jar.id],
      lines: [
        { itemId: wax.id, quantity: '8', unit: 'oz' },
        { itemId: wick.id, quantity: '1', unit: 'count', kind: 'consumable' },
      ],
    });
    const plan = await buildPlan(db, ctx, { recipeId: recipe.id, batchType: 'product' });
    // 88.9 mm = 3.5 inch
    expect([plan.feasible, plan.notices]).toEqual([
      true,
      ['CD-12 wick suits containers 2.5–3 inch across; Wide jar is 3.5 inch.'],
    ]);
    await expect(
      makeItem(db, ctx, {
        name: 'Odd wick',
        itemType: 'consumable',
        unit: 'count',
        wickMinDiameter: '3',
        wickMaxDiameter: '2',
      }),
    ).rejects.toThrow('The smallest diameter a wick suits cannot be larger than the largest.');
  });
});
