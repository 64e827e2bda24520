// ============================================================================================
// COST VISIBILITY. The invariant: no cost leaves the server for a user without the permission that
// shows it (docs/rules/permissions-and-tiers.md, Cost visibility). orgProcedure passes every answer
// through hideCosts for such users, so a procedure that forgets to hide a cost still hides it: the
// fields are found by name, anywhere in the answer, and sent as null (hidden, never zero).
// tests/integration/cost-visibility.test.ts walks every procedure as the production role.
// ============================================================================================

export type CostPermission = 'inventory.view_costs' | 'batches.view_costs';

/** Batch procedures show batch costs (totals, lines, outputs) with batches.view_costs; everything else inventory.view_costs. */
export function costPermissionFor(procedurePermission: string): CostPermission {
  return procedurePermission.startsWith('batches.') ? 'batches.view_costs' : 'inventory.view_costs';
}

/** Names with "cost" that are not an amount: how costs are computed, and whether they are shown. */
const NOT_AN_AMOUNT = /method/i;
/** Names ending in "value" that are quantities, not money (SKU naming variables). */
const QUANTITY_VALUES = new Set(['yield_value', 'portion_size_value']);

/**
 * A field holding a cost: any name containing "cost" (unitCost, costPerUnit, totalCost, unit_cost, cost)
 * and the money of stock, "value" and "…Value" (a lot's value, an event's value, wasteValue). Flags
 * (costsVisible) and methods (costMethod, 'fifo') are not amounts. In unit conversions `value` is the
 * converted amount, not money.
 */
export function isCostField(key: string, value: unknown, procedurePath: string): boolean {
  if (typeof value === 'boolean') return false;
  if (/cost/i.test(key)) return !NOT_AN_AMOUNT.test(key);
  if (key === 'value') return !procedurePath.startsWith('units.');
  return /[a-z](Value|_value)$/.test(key) && !QUANTITY_VALUES.has(key);
}

const isPlain = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/** The answer with every cost field set to null; everything else (Decimals and Dates included) as it was. */
export function hideCosts<T>(data: T, procedurePath: string): T {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (!isPlain(v)) return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = x !== null && isCostField(k, x, procedurePath) ? null : walk(x);
    return out;
  };
  return walk(data) as T;
}
