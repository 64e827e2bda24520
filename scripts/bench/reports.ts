// Reports benchmark: `node scripts/bench/reports.ts` (Postgres on 127.0.0.1:5432, its own database).
// Seeds one organization with 10,000 batches over 10 recipes and a year (BENCH_BATCHES), each batch's
// deduction of one shared ingredient in the ledger, 1,000 open lots and a year of freshness snapshots;
// then times the report reads (docs/rules/reports.md) and prints `name value unit` lines. Target: < 100 ms p50.
import { randomUUID } from 'node:crypto';
import { createItem } from '../../src/lib/server/domain/inventory/create-item.ts';
import { applyMovement } from '../../src/lib/server/domain/inventory/apply-movement.ts';
import { recipeReport } from '../../src/lib/server/domain/reports/recipe-report.ts';
import { ingredientReport } from '../../src/lib/server/domain/reports/ingredient-report.ts';
import { freshnessReport } from '../../src/lib/server/domain/reports/freshness-report.ts';
import { benchOrg, connect, pct, prepareDatabase } from './setup.ts';

const BATCHES = Number(process.env.BENCH_BATCHES ?? 10_000);
const RECIPES = 10;
const LOTS = 1_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const DAY = 86_400_000;

console.log('# reports bench: preparing batchtrack_bench_reports_test');
const b = await connect(prepareDatabase('batchtrack_bench_reports_test'), 4);
const { db } = b;
const { orgId, userId, ctx, tdb } = await benchOrg(b, 'reportsbench');
const now = Date.now();

// 1,000 open lots over 20 perishable items, received over the last 60 days.
const items: { id: string }[] = [];
for (let i = 0; i < 20; i++)
  items.push(
    await createItem(tdb, ctx, {
      name: `Bench oil ${i}`,
      unit: 'gram',
      isPerishable: true,
      shelfLifeDays: 90,
    } as never),
  );
for (let l = 0; l < LOTS; l++)
  await applyMovement(tdb, ctx, {
    itemId: items[l % items.length]!.id,
    changeType: 'restock',
    quantity: '100000',
    unitCost: '0.01',
    receivedAt: new Date(now - (l % 60) * DAY).toISOString(),
  } as never);
const oil = items[0]!;

// 10 recipes, 10,000 batches over a year; each batch took 100 g of the first oil (one movement, one event).
const recipes: { id: string }[] = [];
for (let r = 0; r < RECIPES; r++) {
  const group = await db.recipeGroup.create({
    data: { organizationId: orgId, name: `Bench recipe ${r}`, prefix: `BR${r}` },
  });
  recipes.push(
    await db.recipe.create({
      data: {
        organizationId: orgId,
        groupId: group.id,
        name: `Bench recipe ${r}`,
        predictedYield: '1000',
        yieldUnit: 'gram',
        status: 'published',
        isCurrent: true,
      },
    }),
  );
}
const lot = await db.inventoryLot.findFirstOrThrow({ where: { itemId: oil.id } });
const CHUNK = 1_000;
for (let start = 0; start < BATCHES; start += CHUNK) {
  const batches = [];
  const movements = [];
  const events = [];
  for (let i = start; i < Math.min(BATCHES, start + CHUNK); i++) {
    const id = randomUUID();
    const startedAt = new Date(now - (i % 365) * DAY - (i % 24) * 3_600_000);
    const status = i % 10 === 0 ? 'failed' : i % 10 === 1 ? 'in_progress' : 'completed';
    batches.push({
      id,
      organizationId: orgId,
      recipeId: recipes[i % RECIPES]!.id,
      label: `BENCH-${i}`,
      batchType: 'ingredient',
      status,
      scale: 1,
      planSnapshot: {},
      costMethod: 'fifo',
      projectedYield: '1000',
      yieldUnit: 'gram',
      finalQuantity: status === 'completed' ? String(950 + (i % 60)) : null,
      outputUnit: status === 'completed' ? 'gram' : null,
      wasteQuantity: status === 'completed' ? String(i % 30) : null,
      wasteReason: status === 'completed' && i % 30 ? ['spilled', 'burnt', 'tested'][i % 3] : null,
      totalCost: status === 'completed' ? '1.000000' : null,
      startedById: userId,
      startedAt,
      completedAt: status === 'completed' ? new Date(startedAt.getTime() + 4 * 3_600_000) : null,
    });
    const movementId = randomUUID();
    movements.push({
      id: movementId,
      organizationId: orgId,
      itemId: oil.id,
      changeType: 'batch',
      quantityDelta: '-100',
      batchId: id,
      createdAt: startedAt,
    });
    events.push({
      organizationId: orgId,
      itemId: oil.id,
      lotId: lot.id,
      movementId,
      code: `BENCH-${i}`,
      changeType: 'batch',
      quantityDelta: '-100',
      unitCost: '0.01',
      value: '-1',
      valuationMethod: 'fifo',
      batchId: id,
      createdAt: startedAt,
    });
  }
  await db.batch.createMany({ data: batches });
  await db.inventoryMovement.createMany({ data: movements });
  await db.inventoryEvent.createMany({ data: events });
}
// A year of daily freshness snapshots.
await db.freshnessSnapshot.createMany({
  data: Array.from({ length: 365 }, (_, d) => ({
    organizationId: orgId,
    day: new Date(now - d * DAY).toISOString().slice(0, 10),
    freshnessPercent: String(40 + (d % 50)),
    lotCount: LOTS,
    totalValue: '1000000',
    expiredValue: '0',
    computedAt: new Date(now - d * DAY),
  })),
});
await db.$executeRawUnsafe('ANALYZE');

async function time(name: string, fn: () => Promise<unknown>) {
  await fn(); // warm
  const xs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    xs.push(performance.now() - t);
  }
  console.log(`${name} ${pct(xs, 50).toFixed(1)} ms`);
}
console.log(`# ${BATCHES} batches, ${LOTS} open lots, ${RUNS} runs each`);
await time('reports.recipe.p50', () => recipeReport(tdb, ctx, { recipeId: recipes[0]!.id }));
await time('reports.ingredient.p50', () => ingredientReport(tdb, ctx, { itemId: oil.id, days: 90 }));
await time('reports.ingredient.year.p50', () => ingredientReport(tdb, ctx, { itemId: oil.id, days: 365 }));
await time('reports.freshness.p50', () => freshnessReport(tdb, ctx, { days: 90 }));

await b.close();
