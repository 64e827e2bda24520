// Ending a batch. The status machine is in_progress → completed | failed | cancelled, nothing else.
//  - fail keeps the deductions (the loss stays on the books) and records the reason;
//  - cancel returns every deduction (containers and extras included) to the exact lots it came from,
//    at their cost (docs/rules/batches.md, Cancel), recorded as `refunded`;
//  - complete is requested here and done by the batch.complete job (singleton per batch).
import type { z } from 'zod';
import { Prisma } from '../../db/client.ts';
import type { TenantDb } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { AppError } from '../../errors.ts';
import { undoMovementInTx } from '../inventory/reverse-movement.ts';
import { CompleteInputSchema, ReasonInputSchema } from '../../../shared/schemas/batches.ts';
import { lockInProgressBatch } from './in-progress.ts';
import { stopBatchTimersInTx } from './timers.ts';
import type { TenantTx } from '../../db/tenant.ts';
import { loadUnitCatalog } from '../units/catalog.ts';
import { convertUnits } from '../units/rules.ts';
import { unitLabel } from '../units/standard-units.ts';
import { emitEvent } from '../../events/emit.ts';

export async function failBatch(db: TenantDb, ctx: OrgCtx, raw: z.input<typeof ReasonInputSchema>) {
  const input = ReasonInputSchema.parse(raw);
  return db.$transaction(async (tx) => {
    const failed = await lockInProgressBatch(tx, ctx, input.batchId, 'marked as failed');
    await tx.batch.update({
      where: { id: input.batchId },
      data: { status: 'failed', statusReason: input.reason, failedAt: ctx.now() },
    });
    await stopBatchTimersInTx(tx, input.batchId, ctx.now());
    await tx.batchNote.create({
      data: {
        organizationId: ctx.organizationId,
        batchId: input.batchId,
        text: `Failed: ${input.reason}`,
        authorId: ctx.actor.userId,
        createdAt: ctx.now(),
      },
    });
    await emitEvent(tx, ctx, 'batch_failed', failed.id, {
      label: failed.label,
      recipeId: failed.recipeId,
      reason: input.reason,
    });
    return { ok: true };
  });
}

export async function cancelBatch(db: TenantDb, ctx: OrgCtx, input: { batchId: string }) {
  return db.$transaction(
    async (tx) => {
      const batch = await lockInProgressBatch(tx, ctx, input.batchId, 'cancelled');
      const lines = await tx.batchLine.findMany({
        where: { batchId: batch.id, movementId: { not: null } },
        orderBy: { createdAt: 'desc' },
      });
      const restored: string[] = [];
      for (const line of lines) {
        await undoMovementInTx(tx, ctx, line.movementId!, {
          notes: `Returned from cancelled batch ${batch.label}`,
          prefix: 'REF',
          changeType: 'refunded',
          batchId: batch.id,
        });
        restored.push(`${line.quantity.toString()} ${line.unit}`);
      }
      await tx.batch.update({ where: { id: batch.id }, data: { status: 'cancelled', cancelledAt: ctx.now() } });
      await stopBatchTimersInTx(tx, batch.id, ctx.now());
      await emitEvent(tx, ctx, 'batch_cancelled', batch.id, { label: batch.label, recipeId: batch.recipeId });
      return { ok: true, restoredLines: restored.length };
    },
    { timeout: 60_000 },
  );
}

/**
 * The batch.complete job of a batch that is queued or running, if any. Read under the batch's row lock,
 * so a request that committed its job before us is seen.
 */
async function pendingCompletionJob(tx: TenantTx, ctx: OrgCtx, batchId: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id::text FROM pgboss.job
     WHERE name = 'batch.complete' AND singleton_key = ${batchId} AND state IN ('created', 'retry', 'active')
       AND data->>'organizationId' = ${ctx.organizationId}
     LIMIT 1`;
  return rows[0] ?? null;
}

/**
 * Validates the completion form, stores it on the batch and enqueues batch.complete in the same
 * transaction. The page then follows the job; a failure is shown with its reason and a retry. A second
 * request while the job is queued replaces the first, and the job posts the latest: it reads the request
 * under the batch's lock, and a request arriving while it runs waits for it (docs/rules/batches.md, Finishing).
 */
export async function requestCompletion(db: TenantDb, ctx: OrgCtx, raw: z.input<typeof CompleteInputSchema>) {
  const input = CompleteInputSchema.parse(raw);
  return db.$transaction(async (tx) => {
    const batch = await lockInProgressBatch(tx, ctx, input.batchId, 'finished');
    let outputType = input.outputType ?? (batch.batchType as 'product' | 'ingredient' | 'untracked');
    if (batch.batchType === 'untracked' || !ctx.tierPermissions.has('batches.track_inventory_outputs'))
      outputType = 'untracked';
    else if (outputType === 'product' && !ctx.actor.permissions.has('products.create')) outputType = 'ingredient';
    if (batch.isPortioned && outputType !== 'untracked' && !input.finalPortions) {
      throw new AppError('VALIDATION', 'Final portions must be provided for portioned batches', {
        field: 'finalPortions',
      });
    }
    if (outputType === 'product' && (!input.productId || !input.variantId)) {
      throw new AppError('VALIDATION', 'Product and variant selection required', { field: 'productId' });
    }
    if (outputType === 'product') {
      const variant = await tx.productVariant.findFirst({
        where: { id: input.variantId, productId: input.productId },
        select: { id: true },
      });
      if (!variant) throw new AppError('NOT_FOUND', 'Product variant not found', { field: 'variantId' });
    }
    await checkFinishValues(tx, batch, input);
    const completion = { ...input, outputType, actorId: ctx.actor.userId, requestedAt: ctx.now().toISOString() };
    await tx.batch.update({
      where: { id: batch.id },
      data: { completion: completion as unknown as Prisma.InputJsonValue, completionError: null },
    });
    const jobId = await ctx.jobs.enqueue(tx, 'batch.complete', {
      organizationId: ctx.organizationId,
      batchId: batch.id,
    });
    return { jobId, alreadyQueued: jobId === null };
  });
}

/**
 * Re-enqueues a completion whose job failed (the stored request is reused as it was). While its job is
 * still queued or running (a worker that died is retried by the queue itself) nothing is added behind it.
 */
export async function retryCompletion(db: TenantDb, ctx: OrgCtx, input: { batchId: string }) {
  return db.$transaction(async (tx) => {
    const batch = await lockInProgressBatch(tx, ctx, input.batchId, 'finished');
    if (!batch.completion) throw new AppError('INVALID_STATE', 'This batch has no completion to retry.');
    const pending = await pendingCompletionJob(tx, ctx, batch.id);
    if (pending) return { jobId: null, alreadyQueued: true };
    await tx.batch.update({ where: { id: batch.id }, data: { completionError: null } });
    const jobId = await ctx.jobs.enqueue(tx, 'batch.complete', {
      organizationId: ctx.organizationId,
      batchId: batch.id,
    });
    return { jobId, alreadyQueued: jobId === null };
  });
}

/** Above this multiple of the plan, a final quantity needs confirming (5000 g from a 1000 g plan is a typo more often than not). */
export const OVER_PLAN_FACTOR = 1.5;

/**
 * Finish values a person would catch (docs/rules/production-outputs.md): waste is part of what was made,
 * so it cannot exceed it; a final quantity far above the plan is refused until confirmed.
 */
async function checkFinishValues(
  tx: TenantTx,
  batch: { projectedYield: Prisma.Decimal | null; yieldUnit: string; planSnapshot: unknown },
  input: z.output<typeof CompleteInputSchema>,
) {
  const made = new Prisma.Decimal(input.finalQuantity);
  const unit = unitLabel(input.outputUnit);
  if (input.wasteQuantity !== undefined && new Prisma.Decimal(input.wasteQuantity).gt(made)) {
    throw new AppError(
      'VALIDATION',
      `Waste (${input.wasteQuantity} ${unit}) cannot be more than the batch made (${input.finalQuantity} ${unit}).`,
      { field: 'wasteQuantity' },
    );
  }
  if (input.confirmOverPlan || !batch.projectedYield || batch.projectedYield.lte(0)) return;
  const density = (batch.planSnapshot as { density?: string | null }).density ?? null;
  const planned = convertUnits(await loadUnitCatalog(tx), {
    amount: batch.projectedYield,
    from: batch.yieldUnit,
    to: input.outputUnit,
    density,
  });
  if (!planned.ok || planned.value.lte(0)) return;
  const ratio = made.div(planned.value);
  if (ratio.gt(OVER_PLAN_FACTOR)) {
    throw new AppError(
      'VALIDATION',
      `${input.finalQuantity} ${unit} is ${ratio.toDecimalPlaces(1).toString()}× the ${planned.value.toDecimalPlaces(3).toString()} ${unit} planned. ` +
        'Check the final quantity, or confirm it.',
      { field: 'finalQuantity', requiresConfirmation: true, planned: planned.value.toString() },
    );
  }
}
