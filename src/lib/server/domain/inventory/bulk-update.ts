// Bulk stock updates (docs/rules/bulk-updates.md): many lines, one transaction, all or nothing. Every line
// runs through the ledger's own entry points (applyMovementInTx, createItemInTx), so a draft is the real
// run, rolled back: its converted quantities, costs and resulting stock are exactly what applying gives.
import type { z } from 'zod';
import { Prisma } from '../../db/client.ts';
import type { TenantDb, TenantTx } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { AppError } from '../../errors.ts';
import { BulkUpdateInputSchema, type BulkLineSchema } from '../../../shared/schemas/inventory-bulk.ts';
import { MovementInputSchema } from '../../../shared/schemas/inventory.ts';
import { decimalProblem } from '../../../shared/schemas/primitives.ts';
import { loadUnitCatalog } from '../units/catalog.ts';
import { convertUnits, findUnit, type UnitCatalog } from '../units/rules.ts';
import { activeGlobalItem, type GlobalItemRow } from '../library/defaults.ts';
import { applyMovementInTx, type MovementResult } from './apply-movement.ts';
import { createItemInTx } from './create-item.ts';
import { fmt, roundQuantity, roundValue, unitCostOf } from './rules.ts';
import { emitEvent } from '../../events/emit.ts';

type D = Prisma.Decimal;
const D = (v: string | number | D) => new Prisma.Decimal(v);
type Line = z.output<typeof BulkLineSchema>;

export type BulkLineResult = {
  line: number;
  action: Line['action'];
  itemId: string | null;
  itemName: string | null;
  /** The item's unit, which quantity and the costs below are in. */
  unit: string | null;
  quantityEntered: string;
  unitEntered: string | null;
  quantity: string | null;
  unitCost: string | null;
  totalCost: string | null;
  quantityBefore: string | null;
  quantityAfter: string | null;
  message: string | null;
  error: string | null;
};

/** Thrown inside the transaction to roll it back (a draft, or a request with a bad line). */
class RollBack extends Error {
  readonly lines: BulkLineResult[];
  constructor(lines: BulkLineResult[]) {
    super('roll back');
    this.lines = lines;
  }
}

export const bulkRefusal = (bad: number) =>
  `${bad} line(s) cannot be applied; nothing was saved. Fix them and apply again.`;

/**
 * Draft: every line checked and normalised, nothing saved. Apply: every line written, or, when any line
 * fails (zero quantity, unknown unit, a shortfall...), nothing at all, refused with every line's error.
 */
export async function bulkUpdate(db: TenantDb, ctx: OrgCtx, raw: z.input<typeof BulkUpdateInputSchema>) {
  const input = BulkUpdateInputSchema.parse(raw);
  try {
    const done = await db.$transaction((tx) => bulkUpdateInTx(tx, ctx, input), { timeout: 120_000, maxWait: 15_000 });
    if (!ctx.actor.permissions.has('inventory.view_costs'))
      done.lines.forEach((l) => Object.assign(l, { unitCost: null, totalCost: null }));
    return done;
  } catch (e) {
    if (!(e instanceof RollBack)) throw e;
    const bad = e.lines.filter((l) => l.error).length;
    // Costs never reach a role without inventory.view_costs (docs/rules/permissions-and-tiers.md).
    if (!ctx.actor.permissions.has('inventory.view_costs'))
      e.lines.forEach((l) => Object.assign(l, { unitCost: null, totalCost: null }));
    if (input.mode === 'draft') return { mode: 'draft' as const, applied: false, errorCount: bad, lines: e.lines };
    throw new AppError('VALIDATION', bulkRefusal(bad), { lines: e.lines, errorCount: bad });
  }
}

/**
 * The same inside a caller's transaction (the CSV import's "update existing items"). Throws RollBack
 * (draft, or any line failed) or, from bulkUpdate, the refusal; returns the applied lines otherwise.
 */
export async function bulkUpdateInTx(tx: TenantTx, ctx: OrgCtx, input: z.output<typeof BulkUpdateInputSchema>) {
  // An item id that is not this organization's refuses the request as a whole, like any other reference.
  const ids = [...new Set(input.lines.flatMap((l) => (l.itemId ? [l.itemId] : [])))];
  if (ids.length && (await tx.inventoryItem.count({ where: { id: { in: ids } } })) !== ids.length)
    throw new AppError('NOT_FOUND', 'Inventory item not found.');
  const catalog = await loadUnitCatalog(tx);
  const results: BulkLineResult[] = [];
  for (const [i, line] of input.lines.entries()) {
    // A savepoint per line: a failed line is undone alone, so the rest can still be checked and reported.
    await tx.$executeRawUnsafe('SAVEPOINT bulk_line');
    try {
      results.push(await applyLine(tx, ctx, catalog, line, i + 1));
      await tx.$executeRawUnsafe('RELEASE SAVEPOINT bulk_line');
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      await tx.$executeRawUnsafe('ROLLBACK TO SAVEPOINT bulk_line');
      results.push({ ...blank(line, i + 1), error: e.message });
    }
  }
  if (input.mode === 'draft' || results.some((r) => r.error)) throw new RollBack(results);
  return { mode: 'apply' as const, applied: true, errorCount: 0, lines: results };
}

/** Applies lines inside a caller's transaction (the CSV import), refusing all of them with every error. */
export async function applyBulkLinesInTx(
  tx: TenantTx,
  ctx: OrgCtx,
  lines: z.input<typeof BulkUpdateInputSchema>['lines'],
) {
  try {
    return await bulkUpdateInTx(tx, ctx, BulkUpdateInputSchema.parse({ mode: 'apply', lines }));
  } catch (e) {
    if (!(e instanceof RollBack)) throw e;
    const bad = e.lines.filter((l) => l.error);
    throw new AppError(
      'VALIDATION',
      `${bulkRefusal(bad.length)} ${bad.map((l) => `Line ${l.line}: ${l.error}`).join('; ')}`,
      {
        lines: e.lines,
      },
    );
  }
}

/**
 * A create line from a library item: the item takes the library's unit (docs/rules/library.md, Linked
 * items), and the line's quantity and cost, entered in the line's unit, convert to it with the library's
 * density (1 kg of Shea Butter opens 1000 g). The cost then goes in as the total paid, kept exactly.
 */
function openingFromGlobal(
  catalog: UnitCatalog,
  g: GlobalItemRow,
  lineUnit: string | undefined,
  quantity: string,
  cost: string | undefined,
) {
  const itemUnit = g.itemType === 'container' ? 'count' : g.defaultUnit;
  if (!lineUnit || lineUnit === itemUnit) return { openingQuantity: quantity, cost, costEntry: 'per_unit' as const };
  const conv = convertUnits(catalog, { amount: D(quantity), from: lineUnit, to: itemUnit, density: g.density });
  if (!conv.ok)
    throw new AppError('VALIDATION', `${g.name} is measured in ${itemUnit}; ${lineUnit} does not convert to it.`, {
      field: 'unit',
    });
  const opening = roundQuantity(conv.value);
  if (opening.lte(0)) throw new AppError('VALIDATION', 'Quantity must be greater than 0', { field: 'quantity' });
  return {
    openingQuantity: opening.toString(),
    cost: cost === undefined ? undefined : roundValue(D(cost).times(D(quantity))).toString(),
    costEntry: cost === undefined ? ('per_unit' as const) : ('total' as const),
  };
}

function blank(line: Line, n: number): BulkLineResult {
  return {
    line: n,
    action: line.action,
    itemId: line.itemId ?? null,
    itemName: line.name ?? null,
    unit: null,
    quantityEntered: line.quantity,
    unitEntered: line.unit ?? null,
    quantity: null,
    unitCost: null,
    totalCost: null,
    quantityBefore: null,
    quantityAfter: null,
    message: null,
    error: null,
  };
}

async function applyLine(tx: TenantTx, ctx: OrgCtx, catalog: UnitCatalog, line: Line, n: number) {
  const out = blank(line, n);
  const quantity = line.quantity.trim();
  const problem = decimalProblem(quantity, 'quantity', { sign: 'positive', label: 'Quantity' });
  if (problem) throw new AppError('VALIDATION', problem, { field: 'quantity' });
  const cost = line.unitCost?.trim() || undefined;
  if (cost) {
    const p = decimalProblem(cost, 'unitCost', { sign: 'nonNegative', label: 'Cost' });
    if (p) throw new AppError('VALIDATION', p, { field: 'unitCost' });
  }
  const unitText = line.unit?.trim() || undefined;
  const unit = unitText ? findUnit(catalog, unitText) : null;
  if (unitText && !unit) throw new AppError('VALIDATION', `Unknown unit "${unitText}"`, { field: 'unit' });

  if (line.action === 'create') {
    if (!ctx.actor.permissions.has('inventory.edit'))
      throw new AppError('FORBIDDEN', 'Creating items needs the inventory.edit permission.');
    const global = line.globalItemId ? await activeGlobalItem(tx, line.globalItemId) : null;
    const name = line.name?.trim() || global?.name;
    if (!name) throw new AppError('VALIDATION', 'Item name is required', { field: 'name' });
    const opening = global
      ? openingFromGlobal(catalog, global, unit?.name, quantity, cost)
      : { unit: unit?.name, openingQuantity: quantity, cost, costEntry: 'per_unit' as const };
    const created = await createItemInTx(tx, ctx, {
      name,
      // From a library item the type is the library's unless the line names one (a mismatch is refused).
      itemType: line.itemType ?? (global ? undefined : 'ingredient'),
      ...opening,
      globalItemId: global?.id,
    });
    const item = await tx.inventoryItem.findUniqueOrThrow({
      where: { id: created.id },
      select: { quantity: true, costPerUnit: true, unit: true, isTracked: true },
    });
    const added = D(created.addedQuantity);
    return {
      ...out,
      itemId: created.id,
      itemName: created.name,
      unit: item.unit,
      quantity: fmt(added),
      unitCost: item.costPerUnit.toString(),
      totalCost: roundValue(item.costPerUnit.times(added)).toString(),
      quantityBefore: '0',
      quantityAfter: fmt(item.isTracked ? item.quantity : D(0)),
      message: created.message ?? `Created ${created.name}`,
    };
  }

  if (!line.itemId) throw new AppError('VALIDATION', 'Choose an item', { field: 'itemId' });
  const before = await tx.inventoryItem.findUnique({
    where: { id: line.itemId },
    select: { name: true, quantity: true, isTracked: true },
  });
  if (!before) throw new AppError('NOT_FOUND', 'Inventory item not found.');
  out.itemName = before.name;
  const movement: MovementResult = await applyMovementInTx(
    tx,
    ctx,
    MovementInputSchema.parse({
      itemId: line.itemId,
      changeType: line.action,
      quantity,
      unit: unit?.name,
      unitCost: line.action === 'restock' ? cost : undefined,
      notes: line.notes || `Bulk update, line ${n}`,
    }),
  );
  // A manual adjustment is the event, one per line as for a single adjustment.
  await emitEvent(tx, ctx, 'inventory_adjusted', line.itemId, {
    changeType: movement.changeType,
    quantity: movement.quantityDelta,
    unit: unit?.name ?? '',
  });
  const amounts = movement.events.map((e) => D(e.memoQuantity ?? e.quantityDelta).abs());
  const qty = amounts.reduce((s, a) => s.plus(a), D(0));
  const lotValue = movement.events.reduce((s, e) => s.plus(D(e.value).abs()), D(0));
  const total = lotValue.isZero()
    ? movement.events.reduce((s, e, k) => s.plus(roundValue(amounts[k]!.times(e.unitCost))), D(0))
    : lotValue;
  const afterItem = await tx.inventoryItem.findUniqueOrThrow({ where: { id: line.itemId }, select: { unit: true } });
  return {
    ...out,
    unit: afterItem.unit,
    quantity: fmt(qty),
    unitCost: qty.isZero() ? '0' : unitCostOf(total, qty).toString(),
    totalCost: total.toString(),
    quantityBefore: fmt(before.isTracked ? before.quantity : D(0)),
    quantityAfter: movement.item.quantity,
    message: movement.message,
  };
}
