// Production benchmark: `node scripts/bench/production.ts` (Postgres on 127.0.0.1:5432). Prints figures.
//   1. batch start latency for a 10-line recipe (each line FIFO across several lots)
//   2. batch finish latency (the batch.complete handler: container SKU + bulk remainder)
//   3. backward and forward trace time with 100,000 lots in the organization
// scripts/bench/perf.ts imports productionFigures for its batch and trace figures.
import { Prisma } from '../../src/lib/server/db/client.ts';
import { createItem } from '../../src/lib/server/domain/inventory/create-item.ts';
import { applyMovement } from '../../src/lib/server/domain/inventory/apply-movement.ts';
import { startBatch } from '../../src/lib/server/domain/batches/start-batch.ts';
import { requestCompletion } from '../../src/lib/server/domain/batches/finish.ts';
import { completeBatch } from '../../src/lib/server/domain/batches/complete-batch.ts';
import { traceBackward, traceForward } from '../../src/lib/server/domain/trace/queries.ts';
import { benchOrg, connect, pct, prepareDatabase, type Bench, type BenchOrg } from './setup.ts';

export type ProductionFigures = {
  starts: number[];
  finishes: number[];
  back: number[];
  fwd: number[];
  backRows: number;
  fwdRows: number;
  totalLots: number;
};

/**
 * A published 10-line recipe in `org`: ten ingredients, each stocked in `lots` lots of 100 g (so a start
 * takes each line FIFO across lots), a 150 g jar with 100,000 in stock, and a product variant to finish into.
 */
export async function benchRecipe(b: Bench, org: BenchOrg, lots = 50, lotQuantity = '100') {
  const { db } = b;
  const { orgId, ctx, tdb } = org;
  const items: string[] = [];
  for (let i = 0; i < 10; i++) {
    const item = await createItem(tdb, ctx, { name: `Ingredient ${i}`, unit: 'gram' });
    for (let l = 0; l < lots; l++)
      await applyMovement(tdb, ctx, {
        itemId: item.id,
        changeType: 'restock',
        quantity: lotQuantity,
        unitCost: String(1 + (l % 5) / 10),
      });
    items.push(item.id);
  }
  const jar = await createItem(tdb, ctx, {
    name: 'Jar 4oz',
    itemType: 'container',
    capacity: '150',
    capacityUnit: 'gram',
    openingQuantity: '100000',
    cost: '0.4',
  });
  const group = await db.recipeGroup.create({ data: { organizationId: orgId, name: 'Bench Balm', prefix: 'BNC' } });
  const recipe = await db.recipe.create({
    data: {
      organizationId: orgId,
      groupId: group.id,
      name: 'Bench Balm',
      status: 'published',
      isCurrent: true,
      predictedYield: new Prisma.Decimal(1500),
      yieldUnit: 'gram',
      lines: {
        create: items.map((itemId, i) => ({
          organizationId: orgId,
          kind: 'ingredient',
          itemId,
          quantity: new Prisma.Decimal(150),
          unit: 'gram',
          position: i,
        })),
      },
    },
  });
  const product = await db.product.create({ data: { organizationId: orgId, name: 'Bench Balm' } });
  const variant = await db.productVariant.create({
    data: { organizationId: orgId, productId: product.id, name: 'Base' },
  });

  return { items, jar, recipe, product, variant };
}

/** Starts and finishes `runs` batches of a 10-line recipe in a new organization, then traces at 100,000 lots. */
export async function productionFigures(b: Bench, runs: number, traceRuns = 20): Promise<ProductionFigures> {
  const { db, services } = b;
  const org = await benchOrg(b, `prodbench${Date.now() % 100000}`);
  const { orgId, ctx, tdb } = org;
  const { items, jar, recipe, product, variant } = await benchRecipe(b, org);
  // 1 + 2. Start and finish latency
  const starts: number[] = [];
  const finishes: number[] = [];
  let lastBatch = '';
  // Two starts first, not timed, as the in-process figures warm up: the first calls of a process compile
  // Prisma's queries and each pooled session's plans of the ledger function.
  for (let i = 0; i < 2; i++)
    await startBatch(tdb, ctx, {
      recipeId: recipe.id,
      batchType: 'product',
      containers: [{ itemId: jar.id, quantity: 10 }],
    });
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    const { batchId } = await startBatch(tdb, ctx, {
      recipeId: recipe.id,
      batchType: 'product',
      containers: [{ itemId: jar.id, quantity: 10 }],
    });
    starts.push(performance.now() - t);
    await requestCompletion(tdb, ctx, {
      batchId,
      finalQuantity: '1500',
      outputUnit: 'gram',
      productId: product.id,
      variantId: variant.id,
      containerCounts: { [jar.id]: 9 },
    });
    t = performance.now();
    await completeBatch(db, services, { organizationId: orgId, batchId });
    finishes.push(performance.now() - t);
    lastBatch = batchId;
  }

  // 3. Trace at 100,000 lots: bulk lots and events of unrelated history, then time both directions
  const lotCount = await db.inventoryLot.count({ where: { organizationId: orgId } });
  const filler = await createItem(tdb, ctx, { name: 'History', unit: 'gram' });
  await db.$executeRawUnsafe(
    `
    WITH l AS (
      INSERT INTO inventory_lots (id, organization_id, item_id, code, original_quantity, remaining_quantity, unit_cost, received_at, source_type, is_open)
      SELECT gen_random_uuid(), $1, $2, 'H' || g, 1, 0, 1, now() - interval '1 year' + g * interval '1 second', 'restock', false
        FROM generate_series(1, $3::int) g RETURNING id
    ), m AS (INSERT INTO inventory_movements (id, organization_id, item_id, change_type, quantity_delta) VALUES (gen_random_uuid(), $1, $2, 'restock', 0) RETURNING id)
    INSERT INTO inventory_events (id, organization_id, item_id, lot_id, movement_id, code, change_type, quantity_delta, unit_cost, valuation_method)
    SELECT gen_random_uuid(), $1, $2, l.id, m.id, 'HIST', 'restock', 1, 1, 'fifo' FROM l, m`,
    orgId,
    filler.id,
    Math.max(0, 100_000 - lotCount),
  );
  await db.$executeRawUnsafe('ANALYZE');
  const totalLots = await db.inventoryLot.count({ where: { organizationId: orgId } });
  const supplierLot = await db.inventoryLot.findFirstOrThrow({
    where: { itemId: items[0]! },
    orderBy: { receivedAt: 'asc' },
  });
  const back: number[] = [];
  const fwd: number[] = [];
  let backRows = 0;
  let fwdRows = 0;
  for (let i = 0; i < traceRuns; i++) {
    let t = performance.now();
    backRows = (await traceBackward(tdb, ctx, { batchId: lastBatch })).rows.length;
    back.push(performance.now() - t);
    t = performance.now();
    fwdRows = (await traceForward(tdb, ctx, { lotId: supplierLot.id })).rows.length;
    fwd.push(performance.now() - t);
  }

  return { starts, finishes, back, fwd, backRows, fwdRows, totalLots };
}

if (import.meta.main) {
  const RUNS = Number(process.env.BENCH_RUNS ?? 20);
  const url = prepareDatabase('batchtrack_bench_prod_test');
  console.log('# production bench: preparing', url);
  const b = await connect(url, 8);
  const f = await productionFigures(b, RUNS);
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  console.log(`
## Production benchmark (2-core machine, ${RUNS} batches)
batch start, 10-line recipe + 10 jars (FIFO over 50 lots per item):  p50 ${ms(pct(f.starts, 50))}, p99 ${ms(pct(f.starts, 99))}
batch finish (batch.complete handler: 9 jars + bulk remainder):     p50 ${ms(pct(f.finishes, 50))}, p99 ${ms(pct(f.finishes, 99))}
lots in the organization for the trace:                             ${f.totalLots}
backward trace of the last batch (${f.backRows} rows):                     p50 ${ms(pct(f.back, 50))}, p99 ${ms(pct(f.back, 99))}
forward trace of a supplier lot (${f.fwdRows} rows):                       p50 ${ms(pct(f.fwd, 50))}, p99 ${ms(pct(f.fwd, 99))}
`);
  await b.close();
  process.exit(0);
}
