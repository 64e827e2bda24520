// A bulk "create" line made from a library item (docs/rules/bulk-updates.md, Lines; docs/rules/library.md,
// Linked items): the new item is linked and takes the library's unit and density; the line's quantity
// and cost, in the line's unit, convert to it.
import { describe, expect, it } from 'vitest';
import { useTestEnv } from '../helpers/db.ts';
import { expectBooksBalance, makeInventoryOrg } from '../helpers/inventory.ts';
import { bulkUpdate } from '../../src/lib/server/domain/inventory/bulk-update.ts';
import { AppError } from '../../src/lib/server/errors.ts';

const env = useTestEnv();

const global = (slug: string) => env.db.globalItem.findUniqueOrThrow({ where: { slug } });

describe('bulk create from a library item', () => {
  it('Shea Butter with 500 g at $0.02: one linked item of 500 g, the library unit and density', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const shea = await global('shea-butter');
    const r = await bulkUpdate(db, ctx, {
      mode: 'apply',
      lines: [{ action: 'create', globalItemId: shea.id, quantity: '500', unit: 'gram', unitCost: '0.02' }],
    });
    expect(r.lines.map((l) => [l.itemName, l.unit, l.quantity, l.unitCost, l.totalCost, l.quantityAfter])).toEqual([
      ['Shea Butter', 'gram', '500', '0.02', '10', '500'],
    ]);
    const item = await env.db.inventoryItem.findUniqueOrThrow({ where: { id: r.lines[0]!.itemId! } });
    expect([
      item.globalItemId,
      item.unit,
      item.density?.toString(),
      item.densitySource,
      item.quantity.toString(),
      item.isPerishable,
      item.shelfLifeDays,
    ]).toEqual([shea.id, 'gram', '0.91', 'global', '500', true, 730]);
    await expectBooksBalance(env, org.id);
  });

  it('a quantity in another unit converts: 1.5 kg of Cocoa Butter at $18/kg opens 1500 g worth $27', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const cocoa = await global('cocoa-butter');
    const draft = await bulkUpdate(db, ctx, {
      lines: [{ action: 'create', globalItemId: cocoa.id, quantity: '1.5', unit: 'kg', unitCost: '18' }],
    });
    expect(draft.lines.map((l) => [l.itemName, l.unit, l.quantity, l.unitCost, l.totalCost])).toEqual([
      ['Cocoa Butter', 'gram', '1500', '0.018', '27'],
    ]);
    expect(await env.db.inventoryItem.count({ where: { organizationId: org.id } })).toBe(0);
    await bulkUpdate(db, ctx, {
      mode: 'apply',
      lines: [{ action: 'create', globalItemId: cocoa.id, quantity: '1.5', unit: 'kg', unitCost: '18' }],
    });
    const lot = await env.db.inventoryLot.findFirstOrThrow({ where: { organizationId: org.id } });
    expect([lot.remainingQuantity.toString(), lot.originalValue.toString()]).toEqual(['1500', '27']);
  });

  it('a library essential oil is measured in ml: 10 g of lavender (0.885 g/ml) opens 11.299435 ml', async () => {
    const { db, ctx } = await makeInventoryOrg(env);
    const lavender = await global('lavender-essential-oil');
    const r = await bulkUpdate(db, ctx, {
      mode: 'apply',
      lines: [{ action: 'create', globalItemId: lavender.id, quantity: '10', unit: 'gram' }],
    });
    expect(r.lines.map((l) => [l.itemName, l.unit, l.quantity])).toEqual([
      ['Lavender Essential Oil', 'ml', '11.299435'],
    ]);
  });

  it('refuses a unit that does not convert and a type that does not match, line by line, writing nothing', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const jar = await global('amber-glass-jar-4-oz');
    const shea = await global('shea-butter');
    const e = (await bulkUpdate(db, ctx, {
      mode: 'apply',
      lines: [
        { action: 'create', globalItemId: jar.id, quantity: '12', unit: 'gram' },
        { action: 'create', globalItemId: shea.id, itemType: 'container', quantity: '1' },
        { action: 'create', globalItemId: jar.id, quantity: '12' },
      ],
    }).catch((x) => x)) as AppError & { details: { lines: { error: string | null }[] } };
    expect(e).toBeInstanceOf(AppError);
    expect(e.details.lines.map((l) => l.error)).toEqual([
      'Amber Glass Jar 4 oz is measured in count; gram does not convert to it.',
      "Selected global item type 'ingredient' does not match item type 'container'.",
      null,
    ]);
    expect(await env.db.inventoryItem.count({ where: { organizationId: org.id } })).toBe(0);
  });
});
