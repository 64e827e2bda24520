// CSV import of items with opening stock: preview first (every row checked, errors listed with reasons),
// then a job creates all items in ONE transaction, so an import is never half-applied, while progress
// is written on the side (outside that transaction) for the page to show.
import type { z } from 'zod';
import type { PrismaClient } from '../../db/client.ts';
import { createTenantDb, type TenantDb } from '../../db/tenant.ts';
import type { OrgCtx, Services } from '../context.ts';
import { AppError } from '../../errors.ts';
import { loadUnitCatalog } from '../units/catalog.ts';
import { findUnit } from '../units/rules.ts';
import { parseCsv } from './csv.ts';
import { ITEM_TYPES } from '../../../shared/schemas/inventory.ts';
import { ImportInputSchema } from '../../../shared/schemas/inventory-bulk.ts';
import { applyBulkLinesInTx } from './bulk-update.ts';
import { decimalProblem, type DecimalKind } from '../../../shared/schemas/primitives.ts';
import { createItemInTx } from './create-item.ts';
import { orgContextFor } from '../orgs/context-for.ts';

export const IMPORT_COLUMNS = [
  'name',
  'type',
  'unit',
  'opening_quantity',
  'cost_per_unit',
  'low_stock_threshold',
  'perishable',
  'shelf_life_days',
] as const;
const MAX_ROWS = 10_000;
/** Accepted on import only (not exported): matches a product SKU code for "update existing items". */
const ACCEPTED_COLUMNS: readonly string[] = [...IMPORT_COLUMNS, 'sku'];

export type ImportRow = {
  row: number;
  name: string;
  itemType: (typeof ITEM_TYPES)[number];
  unit: string;
  openingQuantity: string;
  cost: string;
  lowStockThreshold: string | null;
  isPerishable: boolean;
  shelfLifeDays: number | null;
  /** "Update existing items": the matched item, restocked by opening_quantity at cost_per_unit. */
  updateItemId?: string;
};

const DECIMAL = /^\d+(\.\d+)?$/;

/** A number cell checked as the form checks it: zero or greater, and within its kind's column (primitives.ts). */
function decimalCell(column: string, value: string, kind: DecimalKind): string | null {
  if (!DECIMAL.test(value)) return `${column} "${value}" must be a number zero or greater`;
  const problem = decimalProblem(value, kind, { sign: 'nonNegative', label: column });
  return problem ? `${problem} (got "${value}")` : null;
}
const BOOL: Record<string, boolean> = {
  '': false,
  true: true,
  false: false,
  yes: true,
  no: false,
  '1': true,
  '0': false,
  y: true,
  n: false,
};

/** Checks every row; returns the parsed rows and the errors with their CSV row numbers (header = row 1). */
export async function previewImport(db: TenantDb, _ctx: OrgCtx, raw: z.input<typeof ImportInputSchema>) {
  const { csv, updateExisting } = ImportInputSchema.parse(raw);
  const table = parseCsv(csv);
  const header = (table[0] ?? []).map((h) => h.trim().toLowerCase());
  const missing = ['name'].filter((c) => !header.includes(c));
  const unknown = header.filter((h) => !ACCEPTED_COLUMNS.includes(h));
  if (missing.length || unknown.length) {
    const parts = [
      missing.length ? `missing column(s): ${missing.join(', ')}` : '',
      unknown.length ? `unknown column(s): ${unknown.join(', ')}` : '',
    ].filter(Boolean);
    return {
      rows: [],
      errors: [{ row: 1, message: `Header: ${parts.join('; ')}. Expected: ${IMPORT_COLUMNS.join(',')}` }],
      validCount: 0,
    };
  }
  if (table.length - 1 > MAX_ROWS)
    return { rows: [], errors: [{ row: 1, message: `At most ${MAX_ROWS} rows per import` }], validCount: 0 };
  const catalog = await loadUnitCatalog(db);
  const items = await db.inventoryItem.findMany({ select: { id: true, name: true, unit: true } });
  const existing = new Map(items.map((i) => [i.name.toLowerCase(), i]));
  // docs/rules/bulk-updates.md (CSV import: update existing items): a row matches by name or by SKU code.
  const bySku = new Map(
    updateExisting
      ? (
          await db.productSku.findMany({
            select: { code: true, item: { select: { id: true, name: true, unit: true } } },
          })
        ).map((s) => [s.code.toLowerCase(), s.item])
      : [],
  );
  const seen = new Map<string, number>();
  const rows: ImportRow[] = [];
  const errors: { row: number; message: string }[] = [];
  table.slice(1).forEach((cells, i) => {
    const rowNo = i + 2;
    const get = (c: string) => (cells[header.indexOf(c)] ?? '').trim();
    const problems: string[] = [];
    const name = get('name');
    const sku = get('sku');
    const match = updateExisting
      ? (sku && bySku.get(sku.toLowerCase())) || existing.get(name.toLowerCase())
      : undefined;
    if (updateExisting && sku && !bySku.has(sku.toLowerCase())) problems.push(`no SKU "${sku}"`);
    else if (match) {
      // Restocks the match: the file's unit and cost, and the quantity must move stock.
      if (!/^\d+(\.\d+)?$/.test(get('opening_quantity')) || Number(get('opening_quantity')) <= 0)
        problems.push(`opening_quantity must be greater than 0 to restock "${match.name}"`);
    } else if (!name) problems.push('name is required');
    else if (name.length > 120) problems.push(`name is longer than 120 characters`);
    else if (existing.has(name.toLowerCase())) problems.push(`an item named "${name}" already exists`);
    else if (seen.has(name.toLowerCase())) problems.push(`"${name}" repeats row ${seen.get(name.toLowerCase())}`);
    const type = (get('type') || 'ingredient').toLowerCase();
    if (!(ITEM_TYPES as readonly string[]).includes(type))
      problems.push(`type "${type}" is not one of ${ITEM_TYPES.join(', ')}`);
    const unitName = match ? get('unit') || match.unit : type === 'container' ? 'count' : get('unit') || 'gram';
    const unit = findUnit(catalog, unitName);
    if (!unit) problems.push(`unknown unit "${unitName}"`);
    const qty = get('opening_quantity') || '0';
    const cost = get('cost_per_unit') || '0';
    const low = get('low_stock_threshold');
    for (const problem of [
      decimalCell('opening_quantity', qty, 'quantity'),
      decimalCell('cost_per_unit', cost, 'unitCost'),
      low ? decimalCell('low_stock_threshold', low, 'quantity') : null,
    ])
      if (problem) problems.push(problem);
    const perishableRaw = get('perishable').toLowerCase();
    if (!(perishableRaw in BOOL)) problems.push(`perishable "${perishableRaw}" must be yes or no`);
    const shelf = get('shelf_life_days');
    if (shelf && (!/^\d+$/.test(shelf) || Number(shelf) < 1 || Number(shelf) > 3650))
      problems.push(`shelf_life_days "${shelf}" must be a whole number of days from 1 to 3650`);
    if (name) seen.set(name.toLowerCase(), rowNo);
    if (problems.length) errors.push({ row: rowNo, message: problems.join('; ') });
    else {
      rows.push({
        row: rowNo,
        name: match?.name ?? name,
        ...(match ? { updateItemId: match.id } : {}),
        itemType: type as ImportRow['itemType'],
        unit: unit!.name,
        openingQuantity: qty,
        cost,
        lowStockThreshold: low || null,
        isPerishable: BOOL[perishableRaw]! || !!shelf,
        shelfLifeDays: shelf ? Number(shelf) : null,
      });
    }
  });
  if (!rows.length && !errors.length) errors.push({ row: 2, message: 'The file has no rows' });
  return { rows, errors, validCount: rows.length };
}

/** Refuses a file with any invalid row; otherwise records the import and enqueues it, in one transaction. */
export async function startImport(db: TenantDb, ctx: OrgCtx, raw: z.input<typeof ImportInputSchema>) {
  const preview = await previewImport(db, ctx, raw);
  if (preview.errors.length) {
    throw new AppError(
      'VALIDATION',
      `Fix the ${preview.errors.length} invalid row(s) before importing; nothing was imported.`,
      { errors: preview.errors },
    );
  }
  return db.$transaction(async (tx) => {
    const imp = await tx.inventoryImport.create({
      data: {
        organizationId: ctx.organizationId,
        totalRows: preview.rows.length,
        rows: preview.rows,
        createdById: ctx.actor.userId,
      },
    });
    await ctx.jobs.enqueue(tx, 'inventory.import-items', { organizationId: ctx.organizationId, importId: imp.id });
    return { importId: imp.id, totalRows: preview.rows.length };
  });
}

export async function getImportStatus(db: TenantDb, _ctx: OrgCtx, input: { importId: string }) {
  const imp = await db.inventoryImport.findUnique({ where: { id: input.importId } });
  if (!imp) throw new AppError('NOT_FOUND', 'Import not found');
  return {
    id: imp.id,
    status: imp.status,
    totalRows: imp.totalRows,
    processedRows: imp.processedRows,
    errors: imp.errors,
    finishedAt: imp.finishedAt,
  };
}

/** The inventory.import-items job. Idempotent: a completed or failed import is not run again. */
export async function runImport(
  db: PrismaClient,
  services: Services,
  input: { organizationId: string; importId: string },
) {
  const claimed = await db.inventoryImport.updateMany({
    where: { id: input.importId, organizationId: input.organizationId, status: { in: ['pending', 'running'] } },
    data: { status: 'running', processedRows: 0 },
  });
  if (claimed.count === 0) return { skipped: true };
  const imp = await db.inventoryImport.findUniqueOrThrow({ where: { id: input.importId } });
  const ctx = await orgContextFor(db, services, input.organizationId, imp.createdById);
  const tdb = createTenantDb(db, input.organizationId);
  const rows = imp.rows as unknown as ImportRow[];
  try {
    await tdb.$transaction(
      async (tx) => {
        // Matched rows restock through the bulk function, all of them or none (docs/rules/bulk-updates.md).
        const updates = rows.filter((r) => r.updateItemId);
        if (updates.length)
          await applyBulkLinesInTx(
            tx,
            ctx,
            updates.map((r) => ({
              action: 'restock' as const,
              itemId: r.updateItemId,
              unit: r.unit,
              quantity: r.openingQuantity,
              unitCost: r.cost === '0' ? undefined : r.cost,
              notes: `CSV import, row ${r.row}`,
            })),
          );
        for (let i = 0; i < rows.length; i++) {
          const r = rows[i]!;
          if (r.updateItemId) continue;
          await createItemInTx(tx, ctx, {
            name: r.name,
            itemType: r.itemType,
            unit: r.unit,
            openingQuantity: r.openingQuantity,
            cost: r.cost,
            costEntry: 'per_unit',
            lowStockThreshold: r.lowStockThreshold ?? undefined,
            isPerishable: r.isPerishable,
            shelfLifeDays: r.shelfLifeDays ?? undefined,
          });
          // Progress is written through the root client: visible at once, while the items stay uncommitted.
          if ((i + 1) % 25 === 0 || i === rows.length - 1)
            await db.inventoryImport.update({ where: { id: imp.id }, data: { processedRows: i + 1 } });
        }
      },
      { timeout: 600_000, maxWait: 30_000 },
    );
  } catch (e) {
    await db.inventoryImport.update({
      where: { id: imp.id },
      data: {
        status: 'failed',
        processedRows: 0,
        errors: [{ row: 0, message: (e as Error).message }],
        finishedAt: services.now(),
      },
    });
    return { failed: true, message: (e as Error).message };
  }
  await db.inventoryImport.update({
    where: { id: imp.id },
    data: { status: 'completed', processedRows: rows.length, finishedAt: services.now() },
  });
  return { imported: rows.length };
}
