// The tables of tenant data and the order to delete them in, derived from the schema (docs/rules/platform-console.md,
// Deleting an organization): every TENANT_MODELS entry, children before the tables their foreign keys point
// at, read from the database's own constraints so a new model is covered without a list to keep.
import type { PrismaClient } from '../../db/client.ts';
import type { Tx } from '../../db/transaction.ts';
import { TENANT_MODELS } from '../../db/tenant.ts';

type DataModel = { models: Record<string, { dbName: string | null }> };

export type TenantTable = { model: string; table: string };

/** Every tenant model with its table name (Prisma's runtime data model carries the @@map names). */
export function tenantTables(db: PrismaClient): TenantTable[] {
  const dm = (db as unknown as { _runtimeDataModel: DataModel })._runtimeDataModel;
  return TENANT_MODELS.map((model) => {
    const m = dm.models[model];
    if (!m) throw new Error(`Tenant model ${model} is not in the schema`);
    return { model, table: m.dbName ?? model };
  });
}

/**
 * Tenant tables ordered children first: a table comes before every table it references. Self references
 * (a row pointing at a row of its own table) need no order, as one DELETE removes them together.
 */
export async function childFirstOrder(db: PrismaClient | Tx, tables: TenantTable[]): Promise<TenantTable[]> {
  const names = new Set(tables.map((t) => t.table));
  const fks = await db.$queryRawUnsafe<{ src: string; dst: string }[]>(
    `SELECT DISTINCT c.conrelid::regclass::text AS src, c.confrelid::regclass::text AS dst
       FROM pg_constraint c
      WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace`,
  );
  // parent -> children that reference it
  const children = new Map<string, Set<string>>();
  for (const fk of fks) {
    const src = fk.src.replaceAll('"', '');
    const dst = fk.dst.replaceAll('"', '');
    if (src === dst || !names.has(src) || !names.has(dst)) continue;
    if (!children.has(dst)) children.set(dst, new Set());
    children.get(dst)!.add(src);
  }
  const out: TenantTable[] = [];
  const done = new Set<string>();
  const visiting = new Set<string>();
  const byTable = new Map(tables.map((t) => [t.table, t]));
  const visit = (table: string) => {
    if (done.has(table)) return;
    if (visiting.has(table)) throw new Error(`Foreign keys form a cycle through ${table}: no child-first order`);
    visiting.add(table);
    for (const child of children.get(table) ?? []) visit(child);
    visiting.delete(table);
    done.add(table);
    out.push(byTable.get(table)!);
  };
  for (const t of tables) visit(t.table);
  return out;
}
