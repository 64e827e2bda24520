// CSV import of library items in the console (docs/rules/library.md, CSV import). All or nothing: every
// line is checked first and one bad line refuses the file, naming each bad line; a line whose slug (or
// name-made slug) exists updates that item, any other creates one.
import type { z } from 'zod';
import { Prisma, type PrismaClient } from '../../db/client.ts';
import { withTransaction } from '../../db/transaction.ts';
import { AppError } from '../../errors.ts';
import { recordAudit, type ConsoleCtx } from '../dev/audit.ts';
import { parseCsv } from '../inventory/csv.ts';
import { GlobalItemFieldsSchema, GlobalItemImportInputSchema } from '../../../shared/schemas/library.ts';
import { slugify } from '../../../shared/library.ts';
import { applyGlobalItemUpdate, resolveGlobalItemFields, type GlobalItemData } from './admin.ts';

export const GLOBAL_ITEM_CSV_COLUMNS = [
  'name',
  'slug',
  'aliases',
  'item_type',
  'default_unit',
  'density',
  'ingredient_category',
  'perishable',
  'shelf_life_days',
  'inci_name',
  'sap_naoh',
  'sap_koh',
  'fatty_acids',
  'capacity',
  'capacity_unit',
  'container_material',
  'container_type',
  'container_color',
] as const;

const FIELD_OF: Record<string, string> = {
  item_type: 'itemType',
  default_unit: 'defaultUnit',
  ingredient_category: 'ingredientCategory',
  perishable: 'isPerishable',
  shelf_life_days: 'shelfLifeDays',
  inci_name: 'inciName',
  sap_naoh: 'sapNaoh',
  sap_koh: 'sapKoh',
  fatty_acids: 'fattyAcids',
  capacity_unit: 'capacityUnit',
  container_material: 'containerMaterial',
  container_type: 'containerType',
  container_color: 'containerColor',
};
/** Columns whose row field has another name than their input field. */
const DATA_KEY_OF: Record<string, string> = { ingredient_category: 'ingredientCategoryId' };
const COLUMN_OF = Object.fromEntries(Object.entries(FIELD_OF).map(([c, f]) => [f, c]));

export type ImportLineError = { line: number; column: string | null; message: string };

/** "oleic:71; linoleic:10" → { oleic: 71, linoleic: 10 }; a value that is not a number stays text for zod. */
function parseFattyAcids(cell: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const part of cell.split(/[;|]/)) {
    if (!part.trim()) continue;
    const [k, v] = part.split(':').map((s) => s.trim());
    out[(k ?? '').toLowerCase()] = v !== undefined && v !== '' && Number.isFinite(Number(v)) ? Number(v) : v;
  }
  return out;
}

function parseBool(cell: string): boolean | string {
  const v = cell.trim().toLowerCase();
  if (['', 'no', 'false', '0', 'n'].includes(v)) return false;
  if (['yes', 'true', '1', 'y'].includes(v)) return true;
  return cell;
}

function rowInput(header: string[], cells: string[]): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  header.forEach((col, i) => {
    const cell = (cells[i] ?? '').trim();
    const field = FIELD_OF[col] ?? col;
    if (col === 'aliases')
      raw.aliases = cell
        ? cell
            .split(/[;|]/)
            .map((a) => a.trim())
            .filter(Boolean)
        : [];
    else if (col === 'perishable') raw.isPerishable = parseBool(cell);
    else if (col === 'fatty_acids') raw.fattyAcids = cell ? parseFattyAcids(cell) : null;
    else if (col === 'shelf_life_days')
      raw.shelfLifeDays = cell ? (Number.isInteger(Number(cell)) ? Number(cell) : cell) : null;
    else if (cell === '') raw[field] = col === 'slug' || col === 'item_type' ? undefined : null;
    else raw[field] = cell;
  });
  return raw;
}

export async function importGlobalItemsCsv(
  db: PrismaClient,
  ctx: ConsoleCtx,
  raw: z.input<typeof GlobalItemImportInputSchema>,
) {
  const { csv } = GlobalItemImportInputSchema.parse(raw);
  const rows = parseCsv(csv);
  if (rows.length < 2) throw new AppError('VALIDATION', 'The file needs a header line and at least one item');
  const header = rows[0]!.map((h) => h.trim().toLowerCase().replace(/\s+/g, '_'));
  const unknown = header.filter((h) => !(GLOBAL_ITEM_CSV_COLUMNS as readonly string[]).includes(h));
  if (unknown.length)
    throw new AppError(
      'VALIDATION',
      `Unknown column(s): ${unknown.join(', ')}. Columns: ${GLOBAL_ITEM_CSV_COLUMNS.join(', ')}`,
    );
  for (const required of ['name', 'default_unit'])
    if (!header.includes(required)) throw new AppError('VALIDATION', `The file needs a "${required}" column`);

  const errors: ImportLineError[] = [];
  const lines: { line: number; data: GlobalItemData }[] = [];
  const seen = new Map<string, number>();
  for (let i = 1; i < rows.length; i++) {
    const line = i + 1;
    const parsed = GlobalItemFieldsSchema.safeParse(rowInput(header, rows[i]!));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '');
        errors.push({ line, column: COLUMN_OF[field] ?? (field || null), message: issue.message });
      }
      continue;
    }
    const resolved = await resolveGlobalItemFields(db, parsed.data);
    for (const e of resolved.errors) errors.push({ line, column: COLUMN_OF[e.field] ?? e.field, message: e.message });
    if (!resolved.data) continue;
    const slug = resolved.data.slug || slugify(resolved.data.name);
    const dup = seen.get(slug);
    if (dup) errors.push({ line, column: 'slug', message: `Line ${dup} has the same slug "${slug}"` });
    seen.set(slug, line);
    lines.push({ line, data: resolved.data });
  }
  if (errors.length) {
    const shown = errors
      .slice(0, 5)
      .map((e) => `Line ${e.line}${e.column ? ` (${e.column})` : ''}: ${e.message}`)
      .join('; ');
    throw new AppError(
      'VALIDATION',
      `Nothing was imported: ${errors.length} problem(s). ${shown}${errors.length > 5 ? '; …' : ''}`,
      { errors },
    );
  }
  return withTransaction(
    db,
    async (tx) => {
      let created = 0;
      let updated = 0;
      for (const { data } of lines) {
        const existing = await tx.globalItem.findUnique({ where: { slug: data.slug } });
        if (existing) {
          // An update changes only the columns the file has: a file of names and densities keeps the rest.
          const present = new Set(header.map((c) => DATA_KEY_OF[c] ?? FIELD_OF[c] ?? c));
          const kept = Object.fromEntries(
            Object.entries(data).filter(([k]) => present.has(k) || k === 'name' || k === 'slug'),
          );
          const merged = { ...existing, fattyAcids: existing.fattyAcids ?? Prisma.DbNull, ...kept };
          const { id: _id, createdAt: _c, updatedAt: _u, editedFields: _e, archivedAt: _a, ...columns } = merged;
          await applyGlobalItemUpdate(tx, ctx, existing, columns as GlobalItemData);
          updated++;
        } else {
          await tx.globalItem.create({ data: { ...data, editedFields: [] } });
          created++;
        }
      }
      await recordAudit(tx, ctx, {
        action: 'global_item.import',
        targetType: 'global_item',
        note: `${created} created, ${updated} updated`,
      });
      return { created, updated };
    },
    { timeout: 60_000 },
  );
}
