import { describe, expect, it } from 'vitest';
import { useTestEnv } from '../helpers/db.ts';
import { expectBooksBalance, makeInventoryOrg, makeItem } from '../helpers/inventory.ts';
import {
  getImportStatus,
  previewImport,
  runImport,
  startImport,
} from '../../src/lib/server/domain/inventory/import-items.ts';
import { exportItemsCsv, exportLedgerCsv } from '../../src/lib/server/domain/inventory/export.ts';
import { buildExpiryDigest } from '../../src/lib/server/domain/inventory/expiry.ts';
import { findInventoryDrift, verifyInventory } from '../../src/lib/server/domain/inventory/verify.ts';
import { logMovements } from '../../src/lib/server/domain/inventory/log-movement.ts';
import { applyMovement } from '../../src/lib/server/domain/inventory/apply-movement.ts';
import { parseCsv, toCsv } from '../../src/lib/server/domain/inventory/csv.ts';

const env = useTestEnv();

const GOOD =
  'name,type,unit,opening_quantity,cost_per_unit,low_stock_threshold,perishable,shelf_life_days\nCoconut Oil,ingredient,kg,2,4.5,1,no,\n"Jar, 4 oz",container,,12,0.8,,,\nGoat Milk,ingredient,ml,500,0.01,,yes,14\n';

describe('CSV import', () => {
  it('previews rows and lists every bad row with its reason', async () => {
    const { db, ctx } = await makeInventoryOrg(env);
    await makeItem(db, ctx, { name: 'Existing' });
    const csv =
      GOOD + 'Bad Qty,ingredient,gram,-3,1,,,\nExisting,ingredient,gram,1,1,,,\nWeird,gizmo,furlong,1,1,,maybe,\n';
    const p = await previewImport(db, ctx, { csv });
    expect(p.validCount).toBe(3);
    expect(p.rows.map((r) => [r.row, r.name, r.unit, r.openingQuantity])).toEqual([
      [2, 'Coconut Oil', 'kg', '2'],
      [3, 'Jar, 4 oz', 'count', '12'],
      [4, 'Goat Milk', 'ml', '500'],
    ]);
    expect(p.errors).toEqual([
      { row: 5, message: 'opening_quantity "-3" must be a number zero or greater' },
      { row: 6, message: 'an item named "Existing" already exists' },
      {
        row: 7,
        message:
          'type "gizmo" is not one of ingredient, container, consumable, packaging, product; unknown unit "furlong"; perishable "maybe" must be yes or no',
      },
    ]);
    await expect(startImport(db, ctx, { csv })).rejects.toThrow(
      'Fix the 3 invalid row(s) before importing; nothing was imported.',
    );
    expect(await env.db.inventoryImport.count()).toBe(0);
  });

  it('imports every row in one job run, reporting progress, and a second run does nothing', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const { importId, totalRows } = await startImport(db, ctx, { csv: GOOD });
    expect(totalRows).toBe(3);
    expect((await getImportStatus(db, ctx, { importId })).status).toBe('pending');
    expect(await runImport(env.db, env.services, { organizationId: org.id, importId })).toEqual({ imported: 3 });
    expect(await getImportStatus(db, ctx, { importId })).toMatchObject({
      status: 'completed',
      processedRows: 3,
      totalRows: 3,
    });
    const items = await env.db.inventoryItem.findMany({ where: { organizationId: org.id }, orderBy: { name: 'asc' } });
    expect(
      items.map((i) => [
        i.name,
        i.unit,
        i.quantity.toString(),
        i.costPerUnit.toString(),
        i.isPerishable,
        i.shelfLifeDays,
      ]),
    ).toEqual([
      ['Coconut Oil', 'kg', '2', '4.5', false, null],
      ['Goat Milk', 'ml', '500', '0.01', true, 14],
      ['Jar, 4 oz', 'count', '12', '0.8', false, null],
    ]);
    expect(await runImport(env.db, env.services, { organizationId: org.id, importId })).toEqual({ skipped: true });
    expect(await env.db.inventoryItem.count({ where: { organizationId: org.id } })).toBe(3);
    await expectBooksBalance(env, org.id);
  });

  it('is all or nothing: a row that fails at run time leaves no item behind', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const { importId } = await startImport(db, ctx, { csv: GOOD });
    await makeItem(db, ctx, { name: 'Goat Milk' }); // created between preview and run
    const r = await runImport(env.db, env.services, { organizationId: org.id, importId });
    expect(r).toMatchObject({ failed: true, message: 'An item named "Goat Milk" already exists' });
    expect(await getImportStatus(db, ctx, { importId })).toMatchObject({ status: 'failed', processedRows: 0 });
    expect((await env.db.inventoryItem.findMany({ where: { organizationId: org.id } })).map((i) => i.name)).toEqual([
      'Goat Milk',
    ]);
  });
});

describe('CSV export', () => {
  it('exports items and the ledger, without costs for users who may not see them', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const item = await makeItem(db, ctx, { name: '=cmd|oil', openingQuantity: '10', cost: '2' });
    env.clock.advance(1000);
    await applyMovement(db, ctx, { itemId: item.id, changeType: 'use', quantity: '4' });
    const items = parseCsv(await exportItemsCsv(db, ctx));
    // The import's columns, so an export can be imported again (issue 8): on hand is the opening quantity.
    expect(items[0]).toEqual([
      'name',
      'type',
      'unit',
      'opening_quantity',
      'cost_per_unit',
      'low_stock_threshold',
      'perishable',
      'shelf_life_days',
    ]);
    expect(items[1]!.slice(0, 5)).toEqual(["'=cmd|oil", 'ingredient', 'gram', '6', '2']);
    const ledger = parseCsv(await exportLedgerCsv(db, ctx));
    expect(ledger.slice(1).map((r) => [r[2], r[5], r[7]])).toEqual([
      ['initial_stock', '10', '2'],
      ['use', '-4', '2'],
    ]);
    const noCosts = { ...ctx, actor: { ...ctx.actor, permissions: new Set(['inventory.view']) } };
    expect(parseCsv(await exportItemsCsv(db, noCosts))[0]).not.toContain('cost_per_unit');
    expect(parseCsv(await exportLedgerCsv(db, noCosts))[0]).not.toContain('unit_cost');
    expect(org.id).toBeTruthy();
    // Re-imported into another organization: the same item, with its on-hand as opening stock.
    const other = await makeInventoryOrg(env);
    const preview = await previewImport(other.db, other.ctx, { csv: await exportItemsCsv(db, ctx) });
    expect(preview.errors).toEqual([]);
    expect(preview.rows.map((r) => [r.name, r.itemType, r.unit, r.openingQuantity, r.cost])).toEqual([
      ["'=cmd|oil", 'ingredient', 'gram', '6', '2'],
    ]);
  });

  it('round-trips quotes, commas and newlines', () => {
    const rows = [['a', 'b,c', 'd "e"', 'f\ng']];
    expect(parseCsv(toCsv(rows))).toEqual(rows);
  });
});

describe('inventory jobs', () => {
  it('inventory.verify reports drift, and none when the books balance', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const item = await makeItem(db, ctx, { name: 'Drifty', openingQuantity: '10' });
    expect(await verifyInventory(env.db, { organizationId: org.id })).toMatchObject({ driftingItems: 0 });
    await env.db.$executeRawUnsafe(`UPDATE inventory_items SET quantity = 11 WHERE id = $1`, item.id);
    expect(await findInventoryDrift(env.db, org.id)).toEqual([
      { itemId: item.id, name: 'Drifty', onHand: '11.000000', lots: '10.000000', ledger: '10.000000' },
    ]);
    expect(await verifyInventory(env.db, { organizationId: '*' })).toMatchObject({ driftingItems: 1 });
  });

  it('inventory.expiry-digest stores one summary per organization and day', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    await makeItem(db, ctx, { name: 'Expired milk', isPerishable: true, shelfLifeDays: 1, openingQuantity: '5' });
    await makeItem(db, ctx, { name: 'Soon cream', isPerishable: true, shelfLifeDays: 8, openingQuantity: '5' });
    await makeItem(db, ctx, { name: 'Low oil', openingQuantity: '2', lowStockThreshold: '5' });
    await makeItem(db, ctx, { name: 'Empty wax' });
    const now = new Date(env.clock.now().getTime() + 2 * 86_400_000);
    const r = await buildExpiryDigest(env.db, { organizationId: org.id, now });
    expect(r.digests[0]).toMatchObject({
      expiredLots: 1,
      expiringSoonLots: 1,
      windowDays: 7,
      lowStockItems: 1,
      outOfStockItems: 1,
    });
    await buildExpiryDigest(env.db, { organizationId: org.id, now });
    expect(await env.db.inventoryDigest.count({ where: { organizationId: org.id } })).toBe(1);
  });

  it('inventory.log-movement finds the unlogged movements itself and counts each once, however often it runs', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const item = await makeItem(db, ctx);
    const m = await applyMovement(db, ctx, { itemId: item.id, changeType: 'restock', quantity: '7', unitCost: '1' });
    for (const q of ['1', '2.5']) await applyMovement(db, ctx, { itemId: item.id, changeType: 'use', quantity: q });
    // Nothing is enqueued per movement (docs/rules/jobs.md): the rollup finds them by logged_at.
    const jobs = await env.db.$queryRawUnsafe<{ n: bigint }[]>(
      `SELECT count(*) n FROM pgboss.job WHERE name = 'inventory.log-movement'`,
    );
    expect(Number(jobs[0]!.n)).toBe(0);
    // Batches of 2: the three movements take two batches.
    expect(await logMovements(env.db, { organizationId: org.id, batchSize: 2 })).toEqual({ logged: 3, batches: 2 });
    expect(await logMovements(env.db, { organizationId: '*' })).toEqual({ logged: 0, batches: 0 });
    const logged = await env.db.inventoryMovement.findUniqueOrThrow({ where: { id: m.movementId! } });
    expect(logged.loggedAt).not.toBeNull();
    const days = await env.db.inventoryActivityDaily.findMany({
      where: { organizationId: org.id },
      orderBy: { changeType: 'asc' },
    });
    expect(days.map((d) => [d.changeType, d.movements, d.quantity.toString()])).toEqual([
      ['restock', 1, '7'],
      ['use', 2, '3.5'],
    ]);
  });
});
