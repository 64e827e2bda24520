// Importing customers from CSV (docs/rules/orders.md, Customers): a header row names the columns (name
// is required; email, phone, address and notes are optional, in any order). All or nothing: any row
// that does not validate refuses the file with the row's number. A row whose email is already a
// customer's (case-insensitive), or repeats an earlier row's, is skipped, so importing twice adds nobody.
import type { z } from 'zod';
import type { TenantDb } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { AppError } from '../../errors.ts';
import { CreateCustomerInputSchema, ImportCustomersInputSchema } from '../../../shared/schemas/orders.ts';
import { parseCsv } from '../inventory/csv.ts';

const COLUMNS = ['name', 'email', 'phone', 'address', 'notes'] as const;
const MAX_ROWS = 5000;

export async function importCustomers(db: TenantDb, ctx: OrgCtx, raw: z.input<typeof ImportCustomersInputSchema>) {
  const input = ImportCustomersInputSchema.parse(raw);
  const [header, ...rows] = parseCsv(input.csv);
  const cols = (header ?? []).map((h) => h.trim().toLowerCase());
  if (!cols.includes('name'))
    throw new AppError('VALIDATION', 'The first row must name the columns, with a "name" column', { field: 'csv' });
  if (rows.length > MAX_ROWS)
    throw new AppError('VALIDATION', `At most ${MAX_ROWS} customers per file`, { field: 'csv' });
  const parsed = rows.map((cells, i) => {
    const rec: Record<string, string> = {};
    for (const c of COLUMNS) {
      const at = cols.indexOf(c);
      if (at >= 0 && cells[at] !== undefined) rec[c] = cells[at]!;
    }
    const r = CreateCustomerInputSchema.safeParse(rec);
    if (!r.success)
      throw new AppError('VALIDATION', `Row ${i + 2}: ${r.error.issues[0]?.message ?? 'invalid'}`, { field: 'csv' });
    return r.data;
  });
  const emails = parsed.flatMap((p) => (p.email ? [p.email.toLowerCase()] : []));
  const existing = emails.length
    ? await db.customer.findMany({ where: { email: { in: emails, mode: 'insensitive' } }, select: { email: true } })
    : [];
  const seen = new Set(existing.map((e) => e.email!.toLowerCase()));
  const fresh = parsed.filter((p) => {
    if (!p.email) return true;
    const k = p.email.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  const empty = (v: string | undefined) => (v ? v : null);
  const created = await db.customer.createMany({
    data: fresh.map((p) => ({
      organizationId: ctx.organizationId,
      name: p.name,
      email: empty(p.email),
      phone: empty(p.phone),
      address: empty(p.address),
      notes: empty(p.notes),
    })),
  });
  return { created: created.count, skipped: parsed.length - fresh.length };
}
