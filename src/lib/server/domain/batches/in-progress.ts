// Work on a batch in progress: append-only notes, tags, and extras (each stock-checked and deducted).
import type { z } from 'zod';
import type { TenantDb } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { AppError } from '../../errors.ts';
import type { TenantTx } from '../../db/tenant.ts';
import { ExtrasInputSchema, NoteInputSchema, TagsInputSchema } from '../../../shared/schemas/batches.ts';
import { deductLine } from './start-batch.ts';

/** Loads and locks a batch, refusing anything but in_progress: the status machine's one gate. */
export async function lockInProgressBatch(tx: TenantTx, ctx: OrgCtx, batchId: string, action: string) {
  const rows = await tx.$queryRaw<
    { id: string; status: string }[]
  >`SELECT id, status FROM batches WHERE id = ${batchId} AND organization_id = ${ctx.organizationId} FOR UPDATE`;
  if (!rows[0]) throw new AppError('NOT_FOUND', 'Batch not found');
  if (rows[0].status !== 'in_progress')
    throw new AppError(
      'INVALID_STATE',
      `Only in-progress batches can be ${action}; this one is ${rows[0].status.replace('_', ' ')}.`,
    );
  return tx.batch.findUniqueOrThrow({ where: { id: batchId } });
}

export async function addBatchNote(db: TenantDb, ctx: OrgCtx, raw: z.input<typeof NoteInputSchema>) {
  const input = NoteInputSchema.parse(raw);
  const batch = await db.batch.findUnique({ where: { id: input.batchId }, select: { id: true } });
  if (!batch) throw new AppError('NOT_FOUND', 'Batch not found');
  return db.batchNote.create({
    data: {
      organizationId: ctx.organizationId,
      batchId: batch.id,
      text: input.text,
      authorId: ctx.actor.userId,
      createdAt: ctx.now(),
    },
    select: { id: true, text: true, createdAt: true },
  });
}

export async function setBatchTags(db: TenantDb, _ctx: OrgCtx, raw: z.input<typeof TagsInputSchema>) {
  const input = TagsInputSchema.parse(raw);
  const res = await db.batch.updateMany({ where: { id: input.batchId }, data: { tags: [...new Set(input.tags)] } });
  if (!res.count) throw new AppError('NOT_FOUND', 'Batch not found');
  return { ok: true };
}

/**
 * Extras: ingredients and consumables used beyond the plan, containers for extra yield or broken
 * (`damaged` deducts as damaged). All lines or none: a short line refuses the whole request with the list.
 */
export async function addBatchExtras(db: TenantDb, ctx: OrgCtx, raw: z.input<typeof ExtrasInputSchema>) {
  const input = ExtrasInputSchema.parse(raw);
  return db.$transaction(
    async (tx) => {
      const batch = await lockInProgressBatch(tx, ctx, input.batchId, 'given extras');
      const errors: { itemId: string; message: string }[] = [];
      const results = [];
      for (const line of input.lines) {
        const item = await tx.inventoryItem.findUnique({
          where: { id: line.itemId },
          select: { itemType: true, isArchived: true, name: true, unit: true },
        });
        const expected = line.kind === 'container' ? 'container' : line.kind;
        if (!item || item.isArchived || item.itemType !== expected) {
          errors.push({ itemId: line.itemId, message: `${expected[0]!.toUpperCase()}${expected.slice(1)} not found` });
          continue;
        }
        if (line.kind !== 'container' && line.reason !== 'extra_use') {
          errors.push({ itemId: line.itemId, message: `Invalid reason: ${line.reason}` });
          continue;
        }
        if (line.kind === 'container' && line.reason === 'extra_use') {
          errors.push({ itemId: line.itemId, message: 'Containers need a reason: extra_yield or damaged' });
          continue;
        }
        try {
          results.push(
            await deductLine(
              tx,
              ctx,
              batch,
              {
                kind: line.kind,
                itemId: line.itemId,
                quantity: line.quantity,
                unit: line.unit ?? (line.kind === 'container' ? 'count' : item.unit),
              },
              { isExtra: true, reason: line.reason, changeType: line.reason === 'damaged' ? 'damaged' : 'batch' },
            ),
          );
        } catch (e) {
          if (e instanceof AppError) errors.push({ itemId: line.itemId, message: e.message });
          else throw e;
        }
      }
      if (errors.length)
        throw new AppError(
          'INSUFFICIENT_STOCK',
          `Some items could not be added: ${errors.map((e) => e.message).join('; ')}`,
          { errors },
        );
      return { added: results.length };
    },
    { timeout: 30_000 },
  );
}
