import { expect } from 'vitest';
import { defineArea } from './types.ts';

const B_ITEM = 'B secret low wax';

// Inputs for the dashboard procedures: org B owns an item below its low-stock threshold, so B has an
// active alert; A dismissing B's alert key must be refused and leave B's preferences alone.
export default defineArea({
  async setup({ bOwner }) {
    const item = await bOwner.inventory.create({
      name: B_ITEM,
      openingQuantity: '5',
      cost: '1',
      lowStockThreshold: '10',
    });
    return { bItemId: item.id, bKey: `low_stock:${item.id}` };
  },
  inputs: (fx) => ({
    'dashboard.stockValue': { input: undefined, foreign: false },
    'dashboard.inProgress': { input: undefined, foreign: false },
    'dashboard.batchCosts': { input: undefined, foreign: false },
    'dashboard.alerts': { input: undefined, foreign: false },
    'dashboard.dismissAlert': { input: { key: fx.bKey }, foreign: true },
    'dashboard.restoreAlerts': { input: undefined, foreign: false },
    'dashboard.setAlertPreferences': { input: { maxAlerts: 5 }, foreign: false },
    'dashboard.activity': { input: undefined, foreign: false },
    'dashboard.planGaps': { input: undefined, foreign: false },
  }),
  secrets: (fx) => [fx.bItemId, B_ITEM],
  async assertUntouched({ env, bOrgId }) {
    const prefs = await env.db.userPreferences.findMany({ where: { organizationId: bOrgId } });
    expect(prefs.map((p) => p.dismissedAlerts)).toEqual(prefs.map(() => ({})));
  },
});
