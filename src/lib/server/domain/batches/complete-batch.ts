// The batch.complete job: posts a finished batch's outputs, all or nothing, once
// (docs/rules/production-outputs.md):
//  - containers the batch took but did not fill go back to their lots first;
//  - every output is posted once, in the unit it was entered in (the ledger converts it into the item's);
//  - each unit made is on exactly one output line: an intermediate, a filled container, the bulk
//    remainder, or a portion (a portion poured into a container *is* that filled container);
//  - the batch cost is split over the lines by what they hold, plus the containers they used; the waste
//    carries its own share, and Σ output value + waste value = batch cost is checked before committing;
//  - untracked: the completion data only.
// Lot codes are the batch label, then -B, -C ... when a batch makes several lots. Idempotent: the batch
// row is locked and a completed batch is left alone; a crash rolls the whole transaction back.
import { Prisma, type PrismaClient } from '../../db/client.ts';
import { createTenantDb } from '../../db/tenant.ts';
import type { OrgCtx, Services } from '../context.ts';
import { AppError } from '../../errors.ts';
import type { TenantTx } from '../../db/tenant.ts';
import { orgContextFor } from '../orgs/context-for.ts';
import type { CompleteInput } from '../../../shared/schemas/batches.ts';
import type { PlanSnapshot } from '../planning/plan.ts';
import { stopBatchTimersInTx } from './timers.ts';
import { settleContainersInTx } from './return-containers.ts';
import { assertValueInvariant, planOutputs, type Fill } from './output-rules.ts';
import { fillsInOutputUnit, postOutputLine } from './post-output.ts';
import { emitEvent } from '../../events/emit.ts';

type D = Prisma.Decimal;
const D = (v: string | number | D) => new Prisma.Decimal(v);
type Request = CompleteInput & { outputType: 'product' | 'ingredient' | 'untracked' };

export async function completeBatch(
  db: PrismaClient,
  services: Services,
  input: { organizationId: string; batchId: string },
) {
  const head = await db.batch.findFirst({
    where: { id: input.batchId, organizationId: input.organizationId },
    select: { status: true, completion: true },
  });
  if (!head) throw new AppError('NOT_FOUND', 'Batch not found');
  if (head.status !== 'in_progress') return { skipped: true, status: head.status };
  if (!head.completion) throw new AppError('INVALID_STATE', 'No completion was requested for this batch.');
  const tdb = createTenantDb(db, input.organizationId);
  try {
    return await tdb.$transaction(
      async (tx) => {
        // The request posted is the one stored when the batch is locked: a later finish request replaced
        // an earlier one up to here, and waits on the lock from here on (docs/rules/batches.md, Finishing).
        await tx.$queryRaw`SELECT 1 FROM batches WHERE id = ${input.batchId} AND organization_id = ${input.organizationId} FOR UPDATE`;
        const { completion } = await tx.batch.findUniqueOrThrow({
          where: { id: input.batchId },
          select: { completion: true },
        });
        const request = completion as unknown as (Request & { actorId: string }) | null;
        if (!request) throw new AppError('INVALID_STATE', 'No completion was requested for this batch.');
        const ctx = await orgContextFor(db, services, input.organizationId, request.actorId);
        return postOutputs(tx, ctx, input.batchId, request);
      },
      { timeout: 120_000, maxWait: 15_000 },
    );
  } catch (e) {
    await db.batch.updateMany({
      where: { id: input.batchId, status: 'in_progress' },
      data: { completionError: (e as Error).message },
    });
    throw e;
  }
}

async function postOutputs(tx: TenantTx, ctx: OrgCtx, batchId: string, req: Request) {
  const locked = await tx.$queryRaw<
    { status: string }[]
  >`SELECT status FROM batches WHERE id = ${batchId} AND organization_id = ${ctx.organizationId} FOR UPDATE`;
  if (locked[0]?.status !== 'in_progress') return { skipped: true, status: locked[0]?.status ?? 'missing' };
  const batch = await tx.batch.findUniqueOrThrow({
    where: { id: batchId },
    include: { lines: true, recipe: { include: { group: true } } },
  });
  const snapshot = batch.planSnapshot as unknown as PlanSnapshot;
  const now = ctx.now();
  const made = D(req.finalQuantity);
  const waste = D(req.wasteQuantity ?? 0);
  // Curing outputs are not ready before this (docs/rules/production-outputs.md, Cure and ready dates).
  // The frozen plan decides; only plans frozen before cure times existed fall back to the recipe.
  const cureDays = 'cureDays' in snapshot ? (snapshot.cureDays ?? null) : (batch.recipe.cureDays ?? null);
  const readyOn = cureDays ? new Date(now.getTime() + cureDays * 86_400_000) : null;
  const expiresAt =
    req.expiresAt ??
    (req.isPerishable && req.shelfLifeDays ? new Date(now.getTime() + req.shelfLifeDays * 86_400_000) : undefined);

  // Containers first: what was not filled goes back, so it is neither in the batch cost nor in any output.
  const counts = req.outputType === 'ingredient' ? {} : req.containerCounts;
  const { filled } = await settleContainersInTx(tx, ctx, batch, batch.lines, counts);
  const lines = await tx.batchLine.findMany({ where: { batchId } });
  const batchCost = lines.reduce((s, l) => s.plus(l.totalCost), D(0));
  const filledCost = [...filled.values()].reduce((s, f) => s.plus(f.cost), D(0));

  let wasteValue: D | null = null;
  const outputs: Awaited<ReturnType<typeof postOutputLine>>[] = [];
  if (req.outputType !== 'untracked') {
    const fills: Fill[] =
      req.outputType === 'product'
        ? await fillsInOutputUnit(tx, {
            filled,
            req,
            snapshot,
            recipeDensity: batch.recipe.density,
            portioned: batch.isPortioned,
          })
        : [];
    const plan = planOutputs({
      kind: req.outputType,
      contentsCost: batchCost.minus(filledCost),
      made,
      waste,
      portions: batch.isPortioned && req.outputType === 'product' ? (req.finalPortions ?? null) : null,
      fills,
      outputUnit: req.outputUnit,
    });
    assertValueInvariant(plan, batchCost);
    wasteValue = plan.wasteValue;
    const codes = lotCodes(batch.label);
    for (const line of plan.lines) {
      outputs.push(
        await postOutputLine(tx, ctx, {
          batch,
          req,
          line,
          kept: plan.kept,
          code: codes.next().value!,
          expiresAt,
          readyOn,
          containerName:
            line.kind === 'container' || line.kind === 'portion'
              ? (fills.find((f) => f.containerItemId === line.containerItemId)?.name ?? null)
              : null,
        }),
      );
    }
  }

  await tx.batch.update({
    where: { id: batchId },
    data: {
      status: 'completed',
      completedAt: now,
      finalQuantity: made,
      outputUnit: req.outputUnit,
      finalPortions: req.finalPortions ?? null,
      batchType: req.outputType === 'untracked' ? 'untracked' : batch.batchType,
      wasteQuantity: req.wasteQuantity ?? null,
      wasteReason: req.wasteReason ?? null,
      wasteValue,
      outputPerishable: req.isPerishable,
      outputShelfLifeDays: req.shelfLifeDays ?? null,
      outputExpiresAt: expiresAt ?? null,
      totalCost: batchCost,
      completionError: null,
    },
  });
  await stopBatchTimersInTx(tx, batchId, now);
  await ctx.jobs.enqueue(tx, 'stats.rollup', { organizationId: ctx.organizationId });
  await emitEvent(tx, ctx, 'batch_completed', batchId, { label: batch.label, recipeId: batch.recipeId });
  return {
    completed: true,
    label: batch.label,
    totalCost: batchCost.toString(),
    wasteValue: wasteValue?.toString() ?? null,
    readyOn,
    outputs: outputs.map((o) => ({
      ...o,
      quantity: o.quantity.toString(),
      itemQuantity: o.itemQuantity.toString(),
      value: o.value.toString(),
      unitCost: o.unitCost.toString(),
    })),
  };
}

/** The label, then label-B, label-C, ... (docs/rules/inventory.md, Lot codes). */
function* lotCodes(label: string) {
  yield label;
  for (let i = 1; ; i++) yield `${label}-${String.fromCharCode(65 + i)}`;
}
