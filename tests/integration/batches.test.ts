import { describe, expect, it } from 'vitest';
import { useTestEnv } from '../helpers/db.ts';
import { expectBooksBalance, makeInventoryOrg, makeItem } from '../helpers/inventory.ts';
import { makeProduct, makeRecipe } from '../helpers/production.ts';
import { applyMovement } from '../../src/lib/server/domain/inventory/apply-movement.ts';
import { buildPlan } from '../../src/lib/server/domain/planning/plan.ts';
import { startBatch } from '../../src/lib/server/domain/batches/start-batch.ts';
import { addBatchExtras } from '../../src/lib/server/domain/batches/in-progress.ts';
import {
  cancelBatch,
  failBatch,
  requestCompletion,
  retryCompletion,
} from '../../src/lib/server/domain/batches/finish.ts';
import { completeBatch } from '../../src/lib/server/domain/batches/complete-batch.ts';
import { changeTimer, startTimer } from '../../src/lib/server/domain/batches/timers.ts';
import { getBatch } from '../../src/lib/server/domain/batches/queries.ts';
import { traceBackward, traceForward } from '../../src/lib/server/domain/trace/queries.ts';

const env = useTestEnv();

const lots = (itemId: string) =>
  env.db.inventoryLot.findMany({ where: { itemId }, orderBy: [{ receivedAt: 'asc' }, { id: 'asc' }] });

describe('planning', () => {
  it('checks stock per line in the recipe unit with the domain statuses', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const oil = await makeItem(db, ctx, { name: 'Oil', openingQuantity: '1000', cost: '0.01' });
    const lye = await makeItem(db, ctx, { name: 'Lye', openingQuantity: '50', cost: '0.02' });
    const water = await makeItem(db, ctx, { name: 'Water' });
    const fragrance = await makeItem(db, ctx, { name: 'Fragrance', openingQuantity: '500', lowStockThreshold: '600' });
    const honey = await makeItem(db, ctx, { name: 'Honey', openingQuantity: '100' });
    const recipe = await makeRecipe(env, org.id, {
      yield: '1',
      yieldUnit: 'kg',
      lines: [
        { itemId: oil.id, quantity: '0.5', unit: 'kg' },
        { itemId: lye.id, quantity: '100', unit: 'gram' },
        { itemId: water.id, quantity: '200', unit: 'gram' },
        { itemId: fragrance.id, quantity: '20', unit: 'gram' },
        { itemId: honey.id, quantity: '10', unit: 'ml' },
      ],
    });
    const plan = await buildPlan(db, ctx, { recipeId: recipe.id, scale: '2' });
    expect(plan.stock.map((s) => [s.itemName, s.needed, s.unit, s.available, s.status])).toEqual([
      ['Oil', '1', 'kg', '1', 'OK'],
      ['Lye', '200', 'gram', '50', 'NEEDED'],
      ['Water', '400', 'gram', '0', 'OUT_OF_STOCK'],
      ['Fragrance', '40', 'gram', '500', 'LOW'],
      ['Honey', '20', 'ml', null, 'DENSITY_MISSING'],
    ]);
    expect(plan.feasible).toBe(false);
    expect(plan.snapshot.projectedYield).toBe('2');
  });

  it('excludes expired lots of perishables: 30 g (no expiry) + 20 g (expires in 3 days) + 999 g expired = 50 g', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const cream = await makeItem(db, ctx, { name: 'Cream', isPerishable: true, shelfLifeDays: 1 });
    await applyMovement(db, ctx, { itemId: cream.id, changeType: 'restock', quantity: '999' });
    env.clock.advance(2 * 86_400_000);
    await env.db.inventoryItem.update({ where: { id: cream.id }, data: { shelfLifeDays: null } });
    await applyMovement(db, ctx, { itemId: cream.id, changeType: 'restock', quantity: '30' });
    await applyMovement(db, ctx, {
      itemId: cream.id,
      changeType: 'restock',
      quantity: '20',
      expiresAt: new Date(env.clock.now().getTime() + 3 * 86_400_000),
    });
    const recipe = await makeRecipe(env, org.id, {
      yield: '1',
      lines: [{ itemId: cream.id, quantity: '60', unit: 'gram' }],
    });
    const plan = await buildPlan(db, ctx, { recipeId: recipe.id });
    expect(plan.stock[0]).toMatchObject({ available: '50', status: 'NEEDED' });
  });

  it('suggests containers with capacity converted to the yield unit: 12 fl oz into 4 fl oz jars', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const wax = await makeItem(db, ctx, { name: 'Wax', openingQuantity: '1000', unit: 'ml' });
    const jar = await makeItem(db, ctx, {
      name: 'Jar',
      itemType: 'container',
      // 4 fl oz = 118.29411825 ml, kept to 6 places: three hold 12 fl oz within a millionth, which counts as holding it
      capacity: '118.294118',
      capacityUnit: 'ml',
      openingQuantity: '10',
      cost: '0.5',
    });
    const recipe = await makeRecipe(env, org.id, {
      yield: '12',
      yieldUnit: 'floz',
      allowedContainerIds: [jar.id],
      lines: [{ itemId: wax.id, quantity: '354.882', unit: 'ml' }],
    });
    const plan = await buildPlan(db, ctx, { recipeId: recipe.id, batchType: 'product' });
    expect(plan.containerPlan!.picks.map((p) => [p.itemId, p.quantity])).toEqual([[jar.id, 3]]);
    expect(plan.containerPlan!.containmentPercent).toBe(100);
    expect(plan.snapshot.containers).toEqual([{ itemId: jar.id, quantity: 3 }]);
  });
});

describe('starting batches', () => {
  it('deducts FIFO across two lots with the right line costs, labelled PREFIX1-YEAR-001', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const oil = await makeItem(db, ctx, { name: 'Olive', openingQuantity: '300', cost: '0.01' });
    env.clock.advance(1000);
    await applyMovement(db, ctx, { itemId: oil.id, changeType: 'restock', quantity: '500', unitCost: '0.02' });
    const recipe = await makeRecipe(env, org.id, {
      name: 'Castile',
      prefix: 'CAST',
      yield: '500',
      lines: [{ itemId: oil.id, quantity: '0.5', unit: 'kg' }],
    });
    const started = await startBatch(db, ctx, { recipeId: recipe.id });
    expect(started.label).toBe('CAST1-2026-001');
    const batch = await getBatch(db, ctx, { batchId: started.batchId });
    // 300 g × $0.01 + 200 g × $0.02 = $7.00
    expect(batch.lines.map((l) => [l.itemName, l.itemQuantity, l.totalCost])).toEqual([['Olive', '500', '7']]);
    const events = await env.db.inventoryEvent.findMany({
      where: { batchId: started.batchId },
      orderBy: { unitCost: 'asc' },
    });
    expect(events.map((e) => [e.code, e.quantityDelta.toString(), e.unitCost.toString()])).toEqual([
      ['CAST1-2026-001', '-300', '0.01'],
      ['CAST1-2026-001', '-200', '0.02'],
    ]);
    expect(batch.costMethod).toBe('fifo');
    const { rollupOrganizationStats } = await import('../../src/lib/server/domain/stats/rollup-organization-stats.ts');
    const stats = await rollupOrganizationStats(env.db, { organizationId: org.id, now: env.clock.now() });
    expect(stats.results[0]).toMatchObject({ itemCount: 1, recipeCount: 1, batchCount: 1 });
    await expectBooksBalance(env, org.id);
  });

  it('refuses a short start with the list of issues, and a forced start skips short lines and notes them', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const oil = await makeItem(db, ctx, { name: 'Test Oil', openingQuantity: '50' });
    const label = await makeItem(db, ctx, {
      name: 'Test Label Roll',
      itemType: 'consumable',
      unit: 'count',
      openingQuantity: '100',
    });
    const recipe = await makeRecipe(env, org.id, {
      yield: '1',
      lines: [
        { itemId: oil.id, quantity: '100', unit: 'gram' },
        { itemId: label.id, quantity: '5', unit: 'count', kind: 'consumable' },
      ],
    });
    await expect(startBatch(db, ctx, { recipeId: recipe.id })).rejects.toMatchObject({
      code: 'INSUFFICIENT_STOCK',
      message: 'Insufficient inventory for one or more items.',
      details: {
        requiresOverride: true,
        stockIssues: [{ name: 'Test Oil', needed: '100', available: '50', unit: 'gram', status: 'NEEDED' }],
      },
    });
    expect(await env.db.batch.count()).toBe(0);
    const forced = await startBatch(db, ctx, { recipeId: recipe.id, force: true });
    const batch = await getBatch(db, ctx, { batchId: forced.batchId });
    expect(batch.forced).toBe(true);
    expect(batch.lines.map((l) => l.itemName)).toEqual(['Test Label Roll']);
    expect(batch.notes.map((n) => n.text)).toEqual(['Started batch without: 100 gram of Test Oil']);
    expect((await env.db.inventoryItem.findUniqueOrThrow({ where: { id: oil.id } })).quantity.toString()).toBe('50');
  });

  it('gives concurrent starts distinct labels from one sequence per organization and year', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const oil = await makeItem(db, ctx, { openingQuantity: '1000' });
    const recipe = await makeRecipe(env, org.id, {
      prefix: 'SOAP',
      yield: '1',
      lines: [{ itemId: oil.id, quantity: '10', unit: 'gram' }],
    });
    const results = await Promise.all(Array.from({ length: 8 }, () => startBatch(db, ctx, { recipeId: recipe.id })));
    expect(results.map((r) => r.label).sort()).toEqual(
      Array.from({ length: 8 }, (_, i) => `SOAP1-2026-${String(i + 1).padStart(3, '0')}`),
    );
    env.clock.set(new Date('2027-01-02T00:00:00Z'));
    expect((await startBatch(db, ctx, { recipeId: recipe.id })).label).toBe('SOAP1-2027-001');
  });

  it('refuses archived recipes and enforces the monthly batch limit', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const oil = await makeItem(db, ctx, { openingQuantity: '1000' });
    const recipe = await makeRecipe(env, org.id, {
      yield: '1',
      lines: [{ itemId: oil.id, quantity: '1', unit: 'gram' }],
    });
    await env.db.subscriptionTier.update({ where: { key: 'team' }, data: { maxMonthlyBatches: 1 } });
    try {
      await startBatch(db, ctx, { recipeId: recipe.id });
      await expect(startBatch(db, ctx, { recipeId: recipe.id })).rejects.toMatchObject({
        code: 'LIMIT_EXCEEDED',
        message: 'Monthly batch limit reached (1/1) on the Team plan. Upgrade to Solo or Enterprise for more batches.',
      });
    } finally {
      await env.db.subscriptionTier.update({ where: { key: 'team' }, data: { maxMonthlyBatches: 1000 } });
    }
    await env.db.recipe.update({ where: { id: recipe.id }, data: { isArchived: true } });
    await expect(startBatch(db, ctx, { recipeId: recipe.id })).rejects.toThrow(
      'Archived recipes cannot be used to start batches',
    );
  });
});

describe('in progress', () => {
  it('adds extras through the ledger and refuses them all when one is short', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const oil = await makeItem(db, ctx, { openingQuantity: '100', cost: '0.1' });
    const jar = await makeItem(db, ctx, { itemType: 'container', name: 'Jar', openingQuantity: '5', cost: '1' });
    const recipe = await makeRecipe(env, org.id, {
      yield: '1',
      lines: [{ itemId: oil.id, quantity: '10', unit: 'gram' }],
    });
    const { batchId } = await startBatch(db, ctx, { recipeId: recipe.id });
    await expect(
      addBatchExtras(db, ctx, {
        batchId,
        lines: [
          { kind: 'ingredient', itemId: oil.id, quantity: '5' },
          { kind: 'container', itemId: jar.id, quantity: '9', reason: 'damaged' },
        ],
      }),
    ).rejects.toMatchObject({
      code: 'INSUFFICIENT_STOCK',
      message: 'Some items could not be added: Insufficient inventory for Jar: need 9 count, have 5 count',
    });
    expect((await env.db.inventoryItem.findUniqueOrThrow({ where: { id: oil.id } })).quantity.toString()).toBe('90');
    await addBatchExtras(db, ctx, {
      batchId,
      lines: [
        { kind: 'ingredient', itemId: oil.id, quantity: '5' },
        { kind: 'container', itemId: jar.id, quantity: '1', reason: 'damaged' },
      ],
    });
    const b = await getBatch(db, ctx, { batchId });
    expect(b.lines.map((l) => [l.itemName, l.isExtra, l.reason, l.totalCost])).toEqual([
      [expect.any(String), false, null, '1'],
      [expect.any(String), true, 'extra_use', '0.5'],
      ['Jar', true, 'damaged', '1'],
    ]);
    expect(await env.db.inventoryEvent.count({ where: { batchId, changeType: 'damaged' } })).toBe(1);
    await expectBooksBalance(env, org.id);
  });

  it('runs a timer whose pause stops the clock', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const oil = await makeItem(db, ctx, { openingQuantity: '100' });
    const recipe = await makeRecipe(env, org.id, {
      yield: '1',
      lines: [{ itemId: oil.id, quantity: '1', unit: 'gram' }],
    });
    const { batchId } = await startBatch(db, ctx, { recipeId: recipe.id });
    const t = await startTimer(db, ctx, { batchId, name: 'Cure', durationSeconds: 600 });
    env.clock.advance(120_000);
    const paused = await changeTimer(db, ctx, { timerId: t.id, action: 'pause' });
    expect([paused.status, paused.elapsedSeconds, paused.remainingSeconds]).toEqual(['paused', 120, 480]);
    env.clock.advance(3_600_000);
    const resumed = await changeTimer(db, ctx, { timerId: t.id, action: 'resume' });
    expect(resumed.elapsedSeconds).toBe(120);
    env.clock.advance(500_000);
    expect((await getBatch(db, ctx, { batchId })).timers[0]).toMatchObject({
      elapsedSeconds: 620,
      remainingSeconds: 0,
      isExpired: true,
    });
    await expect(changeTimer(db, ctx, { timerId: t.id, action: 'resume' })).rejects.toThrow(
      'A active timer cannot resume.',
    );
  });
});

describe('finishing', () => {
  it('4 kg into 4 portions with $12 of ingredients gives $3.00 a bar on a portion SKU', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const base = await makeItem(db, ctx, { name: 'Soap base', unit: 'kg', openingQuantity: '4', cost: '3' });
    const recipe = await makeRecipe(env, org.id, {
      name: 'Lavender',
      prefix: 'LAV',
      yield: '4',
      yieldUnit: 'kg',
      isPortioned: true,
      portionName: 'Bar',
      portionCount: 4,
      lines: [{ itemId: base.id, quantity: '4', unit: 'kg' }],
    });
    const { product, variant } = await makeProduct(env, org.id, 'Lavender Soap', 'Soaps');
    const { batchId } = await startBatch(db, ctx, { recipeId: recipe.id, batchType: 'product' });
    await expect(
      requestCompletion(db, ctx, {
        batchId,
        finalQuantity: '4',
        outputUnit: 'kg',
        productId: product.id,
        variantId: variant.id,
      }),
    ).rejects.toThrow('Final portions must be provided for portioned batches');
    const req = await requestCompletion(db, ctx, {
      batchId,
      finalQuantity: '4',
      outputUnit: 'kg',
      finalPortions: 4,
      productId: product.id,
      variantId: variant.id,
    });
    expect(req.jobId).toBeTruthy();
    const done = await completeBatch(env.db, env.services, { organizationId: org.id, batchId });
    expect(done).toMatchObject({
      completed: true,
      totalCost: '12',
      outputs: [{ kind: 'portion', quantity: '4', unitCost: '3' }],
    });
    const sku = await env.db.productSku.findFirstOrThrow({
      where: { productId: product.id, sizeKind: 'portion' },
      include: { item: true },
    });
    expect([sku.item.quantity.toString(), sku.item.costPerUnit.toString()]).toEqual(['4', '3']);
    const lot = (await lots(sku.itemId))[0]!;
    expect([lot.code, lot.batchId]).toEqual(['LAV1-2026-001', batchId]);
    // Running the job again posts nothing twice.
    expect(await completeBatch(env.db, env.services, { organizationId: org.id, batchId })).toEqual({
      skipped: true,
      status: 'completed',
    });
    expect(await env.db.inventoryLot.count({ where: { batchId } })).toBe(1);
    await expectBooksBalance(env, org.id);
  });

  it('fills container SKUs at contents cost plus the container, and the bulk remainder at the contents unit cost', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const wax = await makeItem(db, ctx, { name: 'Soy wax', unit: 'ml', openingQuantity: '500', cost: '0.02' });
    const wick = await makeItem(db, ctx, {
      name: 'Wick',
      itemType: 'consumable',
      unit: 'count',
      openingQuantity: '10',
      cost: '0.1',
    });
    const jar = await makeItem(db, ctx, {
      name: 'Jar 4oz',
      itemType: 'container',
      capacity: '4',
      capacityUnit: 'floz',
      openingQuantity: '10',
      cost: '0.5',
    });
    const recipe = await makeRecipe(env, org.id, {
      name: 'Candle',
      prefix: 'CDL',
      yield: '500',
      yieldUnit: 'ml',
      allowedContainerIds: [jar.id],
      lines: [
        { itemId: wax.id, quantity: '500', unit: 'ml' },
        { itemId: wick.id, quantity: '4', unit: 'count', kind: 'consumable' },
      ],
    });
    const { product, variant } = await makeProduct(env, org.id, 'Soy Candle', 'Candles');
    // 4 jars hold 473 ml of the 500: not feasible, so this is a start anyway (force).
    const { batchId } = await startBatch(db, ctx, {
      recipeId: recipe.id,
      batchType: 'product',
      containers: [{ itemId: jar.id, quantity: 4 }],
      force: true,
    });
    await requestCompletion(db, ctx, {
      batchId,
      finalQuantity: '500',
      outputUnit: 'ml',
      productId: product.id,
      variantId: variant.id,
      containerCounts: { [jar.id]: 4 },
    });
    const done = await completeBatch(env.db, env.services, { organizationId: org.id, batchId });
    // contents cost = 500 ml × $0.02 + 4 wicks × $0.10 = $10.40, i.e. $0.0208/ml;
    // 4 jars of 4 fl oz = 473.176473 ml hold 10.40 × 473.176473 / 500 = $9.842071, plus 4 × $0.50 = $11.842071;
    // the 26.823527 ml left is bulk at the rest of the contents, $0.557929. 11.842071 + 0.557929 = 12.40.
    expect(done).toMatchObject({ completed: true, totalCost: '12.4', wasteValue: '0' });
    const outs = (done as { outputs: { kind: string; quantity: string; value: string; unitCost: string }[] }).outputs;
    expect(outs.map((o) => [o.kind, o.quantity, o.value, o.unitCost])).toEqual([
      ['container', '4', '11.842071', '2.96051775'],
      ['bulk', '26.823527', '0.557929', '0.020799986519'],
    ]);
    const codes = (await env.db.inventoryLot.findMany({ where: { batchId }, orderBy: { code: 'asc' } })).map(
      (l) => l.code,
    );
    expect(codes).toEqual(['CDL1-2026-001', 'CDL1-2026-001-B']);
    await expectBooksBalance(env, org.id);
  });

  it('values an intermediate at its batch cost, and a second recipe using it carries that cost', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const lye = await makeItem(db, ctx, { name: 'NaOH', openingQuantity: '300', cost: '0.01' });
    const water = await makeItem(db, ctx, { name: 'Distilled water', openingQuantity: '700', cost: '0.001' });
    const solution = await makeRecipe(env, org.id, {
      name: 'Lye Solution',
      prefix: 'LYE',
      yield: '1000',
      lines: [
        { itemId: lye.id, quantity: '300', unit: 'gram' },
        { itemId: water.id, quantity: '700', unit: 'gram' },
      ],
    });
    const first = await startBatch(db, ctx, { recipeId: solution.id, batchType: 'ingredient' });
    await requestCompletion(db, ctx, {
      batchId: first.batchId,
      finalQuantity: '950',
      outputUnit: 'gram',
      wasteQuantity: '50',
      wasteReason: 'spill',
    });
    const done = await completeBatch(env.db, env.services, { organizationId: org.id, batchId: first.batchId });
    // batch cost $3.00 + $0.70 = $3.70 over the 950 g made; 50 g of it was spilled, carrying 3.70 × 50/950 = $0.194737,
    // and the 900 g kept are worth $3.505263 (the same $0.0038947/g).
    expect(done).toMatchObject({ totalCost: '3.7', wasteValue: '0.194737' });
    const inter = await env.db.inventoryItem.findFirstOrThrow({
      where: { organizationId: org.id, name: 'Lye Solution (Intermediate)' },
    });
    expect([inter.isIntermediate, inter.quantity.toString(), inter.costPerUnit.toString()]).toEqual([
      true,
      '900',
      '0.003894736667',
    ]);
    const soap = await makeRecipe(env, org.id, {
      name: 'Bar Soap',
      prefix: 'BAR',
      yield: '100',
      lines: [{ itemId: inter.id, quantity: '100', unit: 'gram' }],
    });
    const second = await startBatch(db, ctx, { recipeId: soap.id });
    const b = await getBatch(db, ctx, { batchId: second.batchId });
    expect(b.lines.map((l) => l.totalCost)).toEqual(['0.389474']);

    // Traceability through the intermediate
    const back = await traceBackward(db, ctx, { batchId: second.batchId });
    expect(back.rows.map((r) => [r.depth, r.batch_label, r.item_name, r.quantity, r.made_by_batch])).toEqual([
      [0, 'BAR1-2026-002', 'Lye Solution (Intermediate)', '100', 'LYE1-2026-001'],
      [1, 'LYE1-2026-001', 'Distilled water', '700', null],
      [1, 'LYE1-2026-001', 'NaOH', '300', null],
    ]);
    const supplierLot = (await lots(lye.id))[0]!;
    const fwd = await traceForward(db, ctx, { lotId: supplierLot.id });
    expect(fwd.rows.map((r) => [r.depth, r.lot_code, r.item_name, r.batch_label])).toEqual([
      [0, supplierLot.code, 'NaOH', null],
      [1, 'LYE1-2026-001', 'Lye Solution (Intermediate)', 'LYE1-2026-001'],
    ]);
    expect(fwd.batches.map((x) => [x.label, x.status])).toEqual([
      ['BAR1-2026-002', 'in_progress'],
      ['LYE1-2026-001', 'completed'],
    ]);
    await expectBooksBalance(env, org.id);
  });

  it('enqueues batch.complete once per batch, in the same transaction as the request', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const oil = await makeItem(db, ctx, { openingQuantity: '100' });
    const recipe = await makeRecipe(env, org.id, {
      yield: '10',
      lines: [{ itemId: oil.id, quantity: '10', unit: 'gram' }],
    });
    const { batchId } = await startBatch(db, ctx, { recipeId: recipe.id });
    const first = await requestCompletion(db, ctx, { batchId, finalQuantity: '9', outputUnit: 'gram' });
    // A second request while the job is queued replaces the stored one; no second job is queued.
    const second = await requestCompletion(db, ctx, { batchId, finalQuantity: '7', outputUnit: 'gram' });
    expect([first.alreadyQueued, second.alreadyQueued]).toEqual([false, true]);
    // Retrying adds nothing behind the queued job either.
    await expect(retryCompletion(db, ctx, { batchId })).resolves.toEqual({ jobId: null, alreadyQueued: true });
    const jobs = await env.db.$queryRawUnsafe<{ n: bigint }[]>(
      `SELECT count(*) n FROM pgboss.job WHERE name = 'batch.complete' AND data->>'batchId' = $1`,
      batchId,
    );
    expect(Number(jobs[0]!.n)).toBe(1);
    expect((await getBatch(db, ctx, { batchId })).completionPending).toBe(true);
    // The job posts the latest request: it reads it once it holds the batch's lock.
    await completeBatch(env.db, env.services, { organizationId: org.id, batchId });
    const done = await env.db.batch.findUniqueOrThrow({ where: { id: batchId } });
    expect([done.status, done.finalQuantity?.toString()]).toEqual(['completed', '7']);
  });

  it('posts the request stored when the job takes the batch, not the one it saw before', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const oil = await makeItem(db, ctx, { openingQuantity: '100' });
    const recipe = await makeRecipe(env, org.id, {
      yield: '10',
      lines: [{ itemId: oil.id, quantity: '10', unit: 'gram' }],
    });
    const { batchId } = await startBatch(db, ctx, { recipeId: recipe.id });
    await requestCompletion(db, ctx, { batchId, finalQuantity: '9', outputUnit: 'gram' });
    // The job starts while a second request holds the batch (as requestCompletion does) and replaces the first.
    const stored = await env.db.batch.findUniqueOrThrow({ where: { id: batchId } });
    let job: Promise<unknown> | undefined;
    await env.db.$transaction(async (tx) => {
      await tx.$queryRawUnsafe(`SELECT 1 FROM batches WHERE id = $1 FOR UPDATE`, batchId);
      job = completeBatch(env.db, env.services, { organizationId: org.id, batchId });
      await new Promise((r) => setTimeout(r, 300));
      await tx.batch.update({
        where: { id: batchId },
        data: { completion: { ...(stored.completion as object), finalQuantity: '6' } },
      });
    });
    await job;
    const done = await env.db.batch.findUniqueOrThrow({ where: { id: batchId } });
    expect([done.status, done.finalQuantity?.toString()]).toEqual(['completed', '6']);
  });

  it('records a failed completion and leaves the batch in progress with nothing posted', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const wax = await makeItem(db, ctx, { name: 'Wax', unit: 'gram', openingQuantity: '100' });
    const jar = await makeItem(db, ctx, {
      name: 'Jar',
      itemType: 'container',
      capacity: '4',
      capacityUnit: 'floz',
      openingQuantity: '2',
    });
    const recipe = await makeRecipe(env, org.id, {
      yield: '100',
      lines: [{ itemId: wax.id, quantity: '100', unit: 'gram' }],
    });
    const { product, variant } = await makeProduct(env, org.id);
    // Fl oz jars for a gram recipe without a density: not feasible, started anyway (force).
    const { batchId } = await startBatch(db, ctx, {
      recipeId: recipe.id,
      batchType: 'product',
      containers: [{ itemId: jar.id, quantity: 1 }],
      force: true,
    });
    await requestCompletion(db, ctx, {
      batchId,
      finalQuantity: '100',
      outputUnit: 'gram',
      productId: product.id,
      variantId: variant.id,
      containerCounts: { [jar.id]: 1 },
    });
    await expect(completeBatch(env.db, env.services, { organizationId: org.id, batchId })).rejects.toThrow(
      /Cannot convert the fill of Jar \(4 fl oz\) to gram/,
    );
    const b = await getBatch(db, ctx, { batchId });
    expect([b.status, b.completionError]).toEqual([
      'in_progress',
      expect.stringContaining('Cannot convert the fill of Jar'),
    ]);
    expect(await env.db.inventoryLot.count({ where: { batchId } })).toBe(0);
    // The container return rolled back with the rest: the jar is still out with the batch.
    expect((await env.db.inventoryItem.findUniqueOrThrow({ where: { id: jar.id } })).quantity.toString()).toBe('1');
    await expectBooksBalance(env, org.id);
  });
});

describe('fail and cancel', () => {
  it('cancel returns every deduction, containers and extras included, to the exact lots at their cost', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const oil = await makeItem(db, ctx, { name: 'Oil', openingQuantity: '100', cost: '1' });
    env.clock.advance(1000);
    await applyMovement(db, ctx, { itemId: oil.id, changeType: 'restock', quantity: '100', unitCost: '3' });
    const jar = await makeItem(db, ctx, {
      name: 'Jar',
      itemType: 'container',
      capacity: '100',
      capacityUnit: 'gram',
      openingQuantity: '5',
      cost: '0.5',
    });
    const recipe = await makeRecipe(env, org.id, {
      yield: '150',
      lines: [{ itemId: oil.id, quantity: '150', unit: 'gram' }],
    });
    const { batchId } = await startBatch(db, ctx, {
      recipeId: recipe.id,
      batchType: 'product',
      containers: [{ itemId: jar.id, quantity: 2 }],
    });
    await addBatchExtras(db, ctx, { batchId, lines: [{ kind: 'ingredient', itemId: oil.id, quantity: '20' }] });
    // Someone restocks in between: the refund must not go to this newer lot.
    env.clock.advance(1000);
    await applyMovement(db, ctx, { itemId: oil.id, changeType: 'restock', quantity: '10', unitCost: '9' });
    expect((await lots(oil.id)).map((l) => l.remainingQuantity.toString())).toEqual(['0', '30', '10']);
    await cancelBatch(db, ctx, { batchId });
    expect((await lots(oil.id)).map((l) => [l.remainingQuantity.toString(), l.unitCost.toString()])).toEqual([
      ['100', '1'],
      ['100', '3'],
      ['10', '9'],
    ]);
    expect((await lots(jar.id)).map((l) => l.remainingQuantity.toString())).toEqual(['5']);
    const refunds = await env.db.inventoryEvent.findMany({ where: { batchId, changeType: 'refunded' } });
    expect(refunds.reduce((s, e) => s + Number(e.quantityDelta) * Number(e.unitCost), 0)).toBe(
      100 * 1 + 70 * 3 + 2 * 0.5,
    );
    expect((await getBatch(db, ctx, { batchId })).status).toBe('cancelled');
    await expect(cancelBatch(db, ctx, { batchId })).rejects.toThrow(
      'Only in-progress batches can be cancelled; this one is cancelled.',
    );
    await expectBooksBalance(env, org.id);
  });

  it('fail keeps the deductions and records the reason; the status machine allows nothing after', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const oil = await makeItem(db, ctx, { openingQuantity: '100' });
    const recipe = await makeRecipe(env, org.id, {
      yield: '1',
      lines: [{ itemId: oil.id, quantity: '40', unit: 'gram' }],
    });
    const { batchId } = await startBatch(db, ctx, { recipeId: recipe.id });
    const t = await startTimer(db, ctx, { batchId, durationSeconds: 600 });
    env.clock.advance(30_000);
    await failBatch(db, ctx, { batchId, reason: 'seized in the pot' });
    const stopped = await env.db.batchTimer.findUniqueOrThrow({ where: { id: t.id } });
    expect([stopped.status, stopped.accumulatedSeconds, stopped.runningSince]).toEqual(['cancelled', 30, null]);
    const b = await getBatch(db, ctx, { batchId });
    expect([b.status, b.statusReason]).toEqual(['failed', 'seized in the pot']);
    expect((await env.db.inventoryItem.findUniqueOrThrow({ where: { id: oil.id } })).quantity.toString()).toBe('60');
    await expect(requestCompletion(db, ctx, { batchId, finalQuantity: '1', outputUnit: 'gram' })).rejects.toThrow(
      'Only in-progress batches can be finished; this one is failed.',
    );
    await expect(cancelBatch(db, ctx, { batchId })).rejects.toMatchObject({ code: 'INVALID_STATE' });
  });
});
