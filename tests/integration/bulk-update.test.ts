// Bulk stock updates (docs/rules/bulk-updates.md): a draft normalises every line and saves nothing; applying
// is all or nothing, refused with every line's error.
import { describe, expect, it } from 'vitest';
import { useTestEnv } from '../helpers/db.ts';
import { expectBooksBalance, makeInventoryOrg, makeItem } from '../helpers/inventory.ts';
import { bulkUpdate } from '../../src/lib/server/domain/inventory/bulk-update.ts';
import { getItem } from '../../src/lib/server/domain/inventory/queries.ts';
import { makeProduct } from '../helpers/production.ts';
import { AppError } from '../../src/lib/server/errors.ts';
import { previewImport, runImport, startImport } from '../../src/lib/server/domain/inventory/import-items.ts';

const env = useTestEnv();

const refusal = async (p: Promise<unknown>) => {
  const e = await p.then(
    () => null,
    (x) => x,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError & { details: { lines: any[]; errorCount: number } };
};

describe('bulk stock updates', () => {
  it("a second line with quantity 0 leaves the first line's +2 unwritten", async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const oil = await makeItem(db, ctx, { name: 'Olive Oil', openingQuantity: '10', cost: '1' });
    const wax = await makeItem(db, ctx, { name: 'Beeswax', openingQuantity: '5', cost: '2' });
    const movements = await env.db.inventoryMovement.count();
    const e = await refusal(
      bulkUpdate(db, ctx, {
        mode: 'apply',
        lines: [
          { action: 'restock', itemId: oil.id, quantity: '2', unitCost: '1.5' },
          { action: 'use', itemId: wax.id, quantity: '0' },
        ],
      }),
    );
    expect(e.message).toBe('1 line(s) cannot be applied; nothing was saved. Fix them and apply again.');
    expect(e.details.lines.map((l) => [l.line, l.error])).toEqual([
      [1, null],
      [2, 'Quantity must be greater than 0'],
    ]);
    expect((await getItem(db, ctx, { itemId: oil.id })).quantity).toBe('10');
    expect(await env.db.inventoryMovement.count()).toBe(movements);
    expect(await env.db.inventoryLot.count({ where: { itemId: oil.id } })).toBe(1);
    await expectBooksBalance(env, org.id);
  });

  it('lists every bad line at once: zero quantity, unknown unit, a shortfall; nothing is written', async () => {
    const { db, ctx } = await makeInventoryOrg(env);
    const oil = await makeItem(db, ctx, { name: 'Olive Oil', openingQuantity: '10', cost: '1' });
    const e = await refusal(
      bulkUpdate(db, ctx, {
        mode: 'apply',
        lines: [
          { action: 'restock', itemId: oil.id, quantity: '0' },
          { action: 'restock', itemId: oil.id, quantity: '3', unit: 'furlong' },
          { action: 'spoil', itemId: oil.id, quantity: '11' },
          { action: 'create', name: 'Lavender EO', unit: 'ml', quantity: '30', unitCost: '0.4' },
        ],
      }),
    );
    expect(e.details.errorCount).toBe(3);
    expect(e.details.lines.map((l) => l.error)).toEqual([
      'Quantity must be greater than 0',
      'Unknown unit "furlong"',
      'Insufficient inventory for Olive Oil: need 11 gram, have 10 gram',
      null,
    ]);
    expect(await env.db.inventoryItem.count({ where: { name: 'Lavender EO' } })).toBe(0);
    expect((await getItem(db, ctx, { itemId: oil.id })).quantity).toBe('10');
  });

  it('a draft converts units and costs and gives the resulting quantities, and saves nothing; applying matches it', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const oil = await makeItem(db, ctx, { name: 'Olive Oil', openingQuantity: '1000', cost: '0.01' });
    env.clock.advance(60_000); // the restock is received after the opening lot
    const lines = [
      // 1 kg at $12 per kg: 1000 g at $0.012 per gram, $12 in all.
      { action: 'restock' as const, itemId: oil.id, quantity: '1', unit: 'kg', unitCost: '12' },
      // Then 1.5 kg used, oldest first: 1000 g at $0.01 and 500 g at $0.012.
      { action: 'use' as const, itemId: oil.id, quantity: '1500' },
      {
        action: 'create' as const,
        name: 'Lavender EO',
        itemType: 'ingredient' as const,
        unit: 'ml',
        quantity: '30',
        unitCost: '0.4',
      },
      { action: 'spoil' as const, itemId: oil.id, quantity: '0.1', unit: 'kg' },
    ];
    const draft = await bulkUpdate(db, ctx, { mode: 'draft', lines });
    expect(draft).toMatchObject({ mode: 'draft', applied: false, errorCount: 0 });
    const view = (r: typeof draft) =>
      r.lines.map((l) => [l.itemName, l.unit, l.quantity, l.unitCost, l.totalCost, l.quantityBefore, l.quantityAfter]);
    expect(view(draft)).toEqual([
      ['Olive Oil', 'gram', '1000', '0.012', '12', '1000', '2000'],
      ['Olive Oil', 'gram', '1500', '0.010666666667', '16', '2000', '500'],
      ['Lavender EO', 'ml', '30', '0.4', '12', '0', '30'],
      ['Olive Oil', 'gram', '100', '0.012', '1.2', '500', '400'],
    ]);
    // Nothing saved.
    expect((await getItem(db, ctx, { itemId: oil.id })).quantity).toBe('1000');
    expect(await env.db.inventoryItem.count({ where: { name: 'Lavender EO' } })).toBe(0);

    const applied = await bulkUpdate(db, ctx, { mode: 'apply', lines });
    expect(applied).toMatchObject({ mode: 'apply', applied: true, errorCount: 0 });
    expect(view(applied)).toEqual(view(draft));
    expect((await getItem(db, ctx, { itemId: oil.id })).quantity).toBe('400');
    const lav = await env.db.inventoryItem.findFirstOrThrow({ where: { name: 'Lavender EO' } });
    expect([lav.quantity.toString(), lav.unit]).toEqual(['30', 'ml']);
    await expectBooksBalance(env, org.id);
  });

  it('hides costs from a role without inventory.view_costs', async () => {
    const { db, ctx } = await makeInventoryOrg(env);
    const oil = await makeItem(db, ctx, { name: 'Olive Oil', openingQuantity: '10', cost: '1' });
    const noCosts = {
      ...ctx,
      actor: {
        ...ctx.actor,
        permissions: new Set([...ctx.actor.permissions].filter((p) => !p.endsWith('view_costs'))),
      },
    };
    const draft = await bulkUpdate(db, noCosts, {
      mode: 'draft',
      lines: [{ action: 'restock', itemId: oil.id, quantity: '2', unitCost: '3' }],
    });
    expect(draft.lines.map((l) => [l.quantityAfter, l.unitCost, l.totalCost])).toEqual([['12', null, null]]);
  });

  it('the CSV import updates existing items by name or SKU through the same function, all or nothing', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const oil = await makeItem(db, ctx, { name: 'Olive Oil', openingQuantity: '10', cost: '1' });
    const soapItem = await makeItem(db, ctx, {
      name: 'Lavender Bar',
      unit: 'count',
      itemType: 'product',
      openingQuantity: '4',
      cost: '2',
    });
    const { product, variant } = await makeProduct(env, org.id, 'Lavender');
    await env.db.productSku.create({
      data: {
        organizationId: org.id,
        productId: product.id,
        variantId: variant.id,
        itemId: soapItem.id,
        code: 'LAV-BAR',
        displayName: 'Lavender Bar',
        unit: 'count',
      },
    });
    env.clock.advance(60_000);
    const csv =
      'name,sku,unit,opening_quantity,cost_per_unit\nolive oil,,kg,0.5,3\n,lav-bar,,6,2.5\nShea Butter,,gram,100,0.02';
    // Without the option the matched name is still an error.
    expect((await previewImport(db, ctx, { csv: 'name,opening_quantity\nolive oil,5' })).errors).toEqual([
      { row: 2, message: 'an item named "olive oil" already exists' },
    ]);
    const preview = await previewImport(db, ctx, { csv, updateExisting: true });
    expect(preview.errors).toEqual([]);
    expect(preview.rows.map((r) => [r.name, r.updateItemId ?? null])).toEqual([
      ['Olive Oil', oil.id],
      ['Lavender Bar', soapItem.id],
      ['Shea Butter', null],
    ]);
    const { importId } = await startImport(db, ctx, { csv, updateExisting: true });
    expect(await runImport(env.db, env.services, { organizationId: org.id, importId })).toEqual({ imported: 3 });
    // 0.5 kg at $3/kg = 500 g worth $1.50 on top of 10 g; 6 bars at $2.50 on top of 4.
    expect((await getItem(db, ctx, { itemId: oil.id })).quantity).toBe('510');
    expect((await getItem(db, ctx, { itemId: soapItem.id })).quantity).toBe('10');
    const lot = await env.db.inventoryLot.findFirstOrThrow({
      where: { itemId: oil.id },
      orderBy: { receivedAt: 'desc' },
    });
    expect([lot.originalQuantity.toString(), lot.originalValue.toString()]).toEqual(['500', '1.5']);
    expect(await env.db.inventoryItem.count({ where: { name: 'Shea Butter' } })).toBe(1);
    await expectBooksBalance(env, org.id);

    // A matched row with quantity 0 is refused in the preview, so nothing is imported.
    expect(
      (await previewImport(db, ctx, { csv: 'name,opening_quantity\nOlive Oil,0', updateExisting: true })).errors,
    ).toEqual([{ row: 2, message: 'opening_quantity must be greater than 0 to restock "Olive Oil"' }]);
  });
});
