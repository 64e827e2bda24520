import { describe, expect, it } from 'vitest';
import { Prisma } from '../../src/lib/server/db/client.ts';
import { costPermissionFor, hideCosts, isCostField } from '../../src/lib/server/auth/cost-visibility.ts';

describe('hideCosts', () => {
  it('nulls every cost field, nested and in lists, and leaves the rest as it was', () => {
    const at = new Date('2026-03-01T00:00:00Z');
    const out = hideCosts(
      {
        costsVisible: false,
        costMethod: 'fifo',
        item: { id: 'i1', quantity: new Prisma.Decimal('9'), costPerUnit: '1.5', updatedAt: at },
        events: [{ lotId: 'l1', unitCost: '1.5', value: '-1.5', valuation: 'fifo' }],
        rows: [{ unit_cost: '2', lot_code: 'LOT-1' }],
        totalCost: new Prisma.Decimal('3'),
        wasteValue: '0.5',
        cost: { total: '3', lines: [] },
        retailPrice: '12',
        values: { yield_value: '8' },
      },
      'inventory.adjust',
    );
    expect(out).toEqual({
      costsVisible: false,
      costMethod: 'fifo',
      item: { id: 'i1', quantity: new Prisma.Decimal('9'), costPerUnit: null, updatedAt: at },
      events: [{ lotId: 'l1', unitCost: null, value: null, valuation: 'fifo' }],
      rows: [{ unit_cost: null, lot_code: 'LOT-1' }],
      totalCost: null,
      wasteValue: null,
      cost: null,
      retailPrice: '12',
      values: { yield_value: '8' },
    });
  });

  it('keeps a unit conversion’s value, which is an amount', () => {
    expect(isCostField('value', '453.59', 'units.convert')).toBe(false);
    expect(isCostField('value', '453.59', 'inventory.get')).toBe(true);
  });

  it('asks batches.view_costs in batch procedures and inventory.view_costs elsewhere', () => {
    expect(costPermissionFor('batches.view')).toBe('batches.view_costs');
    expect(costPermissionFor('recipes.plan_production')).toBe('inventory.view_costs');
    expect(costPermissionFor('inventory.adjust')).toBe('inventory.view_costs');
  });
});
