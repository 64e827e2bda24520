// Orders benchmark: `node scripts/bench/orders.ts` (Postgres on 127.0.0.1:5432). Prints figures.
// Reserve-and-fulfil throughput for one-line orders at 8 clients (BENCH_CLIENTS), in two shapes:
//   1. contended: every order takes the same SKU (its item row lock serializes the reservations);
//   2. spread: each client sells its own SKU.
// Orders are created beforehand; the timed step is reserve (ledger deduction + reservation rows) then
// fulfil (the sale, no second deduction). The books and the reservation invariant are checked after.
import { applyMovement } from '../../src/lib/server/domain/inventory/apply-movement.ts';
import { findInventoryDrift } from '../../src/lib/server/domain/inventory/verify.ts';
import { createProduct } from '../../src/lib/server/domain/products/create-product.ts';
import { createSku } from '../../src/lib/server/domain/products/ensure-sku.ts';
import { createOrder } from '../../src/lib/server/domain/orders/create-order.ts';
import { reserveOrder } from '../../src/lib/server/domain/orders/reserve-order.ts';
import { fulfilOrder } from '../../src/lib/server/domain/orders/fulfil-order.ts';
import { benchOrg, connect, pct, prepareDatabase } from './setup.ts';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 8);
const PER_CLIENT = Number(process.env.BENCH_ORDERS ?? 50);

console.log('# orders bench: preparing batchtrack_bench_orders_test');
const b = await connect(prepareDatabase('batchtrack_bench_orders_test'), CLIENTS + 2);
const { db } = b;
const { orgId, ctx, tdb } = await benchOrg(b, 'ordersbench');

async function sku(name: string, lots: number) {
  const p = await createProduct(tdb, ctx, { name });
  const s = await createSku(tdb, ctx, { productId: p.id, variantId: p.baseVariantId, unit: 'count' });
  // Several lots, so reservations also walk FIFO across lots.
  for (let l = 0; l < lots; l++)
    await applyMovement(tdb, ctx, {
      itemId: s.itemId,
      changeType: 'restock',
      quantity: '25',
      unitCost: String(2 + (l % 4) / 4),
    });
  return s.skuId;
}

async function scenario(label: string, skuFor: (client: number) => string) {
  const orders: string[][] = [];
  for (let c = 0; c < CLIENTS; c++) {
    const mine: string[] = [];
    for (let i = 0; i < PER_CLIENT; i++)
      mine.push((await createOrder(tdb, ctx, { lines: [{ skuId: skuFor(c), quantity: '1', unitPrice: '9' }] })).id);
    orders.push(mine);
  }
  const latencies: number[] = [];
  let failures = 0;
  const t0 = performance.now();
  await Promise.all(
    orders.map(async (mine) => {
      for (const id of mine) {
        const s = performance.now();
        try {
          await reserveOrder(tdb, ctx, { orderId: id });
          await fulfilOrder(tdb, ctx, { orderId: id });
          latencies.push(performance.now() - s);
        } catch (e) {
          failures++;
          if (failures < 3) console.error(e);
        }
      }
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  const n = latencies.length;
  console.log(
    `${label}: ${n} orders reserved+fulfilled by ${CLIENTS} clients in ${secs.toFixed(2)} s = ${(n / secs).toFixed(1)} orders/s; ` +
      `per order p50 ${pct(latencies, 50).toFixed(1)} ms, p95 ${pct(latencies, 95).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms; ${failures} failed`,
  );
}

const shared = await sku('Bench Shared Bar', Math.ceil((CLIENTS * PER_CLIENT) / 25) + 1);
await scenario('contended (one SKU)', () => shared);
const own: string[] = [];
for (let c = 0; c < CLIENTS; c++) own.push(await sku(`Bench Bar ${c}`, Math.ceil(PER_CLIENT / 25) + 1));
await scenario('spread (a SKU per client)', (c) => own[c]!);

const drift = await findInventoryDrift(db, orgId);
console.log(
  `books: ${drift.length === 0 ? 'on-hand = lots = ledger, reservations = reserved deductions, for every item' : `DRIFT ${JSON.stringify(drift)}`}`,
);
await b.close();
