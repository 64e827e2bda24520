// Finding what to trace by what is written on it (docs/rules/traceability.md, Find by code): a lot's code
// or a batch's label, case-insensitive, exact. A lot traces forward, a batch backward.
import type { TenantDb } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { AppError } from '../../errors.ts';
import { TraceFindInputSchema } from '../../../shared/schemas/batches.ts';
import type { z } from 'zod';

export async function findTraceTarget(db: TenantDb, _ctx: OrgCtx, raw: z.input<typeof TraceFindInputSchema>) {
  const { code } = TraceFindInputSchema.parse(raw);
  const lot = await db.inventoryLot.findFirst({
    where: { code: { equals: code, mode: 'insensitive' } },
    select: { id: true },
  });
  if (lot) return { kind: 'lot' as const, lotId: lot.id, batchId: null };
  const batch = await db.batch.findFirst({
    where: { label: { equals: code, mode: 'insensitive' } },
    select: { id: true },
  });
  if (batch) return { kind: 'batch' as const, lotId: null, batchId: batch.id };
  throw new AppError('NOT_FOUND', `No lot or batch has the code ${code}.`);
}
