// The bulk screen's item picker (docs/rules/bulk-updates.md, Picking items): it searches the inventory list
// by name as one types, so item 150 of 200 is found although the first page of 100 does not hold it.
import { describe, expect, it } from 'vitest';
import { useTestEnv } from '../helpers/db.ts';
import { makeInventoryOrg } from '../helpers/inventory.ts';
import { callerFor } from '../helpers/factories.ts';

const env = useTestEnv();

describe('bulk item picker', () => {
  it('finds item 150 of 200 by its name, and restocks it', async () => {
    const { org } = await makeInventoryOrg(env);
    const owner = await callerFor(env, org.owner.id);
    const names = Array.from({ length: 200 }, (_, i) => `Picker item ${String(i + 1).padStart(3, '0')}`);
    await owner.inventory.bulkUpdate({
      mode: 'apply',
      lines: names.map((name) => ({ action: 'create', name, unit: 'gram', quantity: '1', unitCost: '0.5' })),
    });
    const firstPage = await owner.inventory.list({ pageSize: 100, sort: 'name', direction: 'asc' });
    expect([firstPage.total, firstPage.rows.length, firstPage.rows.at(-1)!.name]).toEqual([
      200,
      100,
      'Picker item 100',
    ]);
    // What the picker asks as "item 150" is typed.
    const found = await owner.inventory.list({ search: 'item 150', pageSize: 20, sort: 'name', direction: 'asc' });
    expect(found.rows.map((r) => [r.name, r.unit])).toEqual([['Picker item 150', 'gram']]);
    const r = await owner.inventory.bulkUpdate({
      mode: 'apply',
      lines: [{ action: 'restock', itemId: found.rows[0]!.id, quantity: '5' }],
    });
    expect(r.lines.map((l) => [l.itemName, l.quantityBefore, l.quantityAfter])).toEqual([
      ['Picker item 150', '1', '6'],
    ]);
  });
});
