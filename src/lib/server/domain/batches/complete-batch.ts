// The batch.complete job: posts a finished batch's outputs, all or nothing, once.
//  - intermediate: a finished_batch lot of "<recipe> (Intermediate)" at batch cost ÷ actual yield;
//  - product: container SKUs (contents at the batch's contents unit cost, capacity converted to the
//    output unit, plus the container's own cost), the bulk remainder on a bulk SKU, or a portion SKU;
//  - untracked: the completion data only.
// Lot codes are the batch label, then -B, -C ... when a batch makes several lots. Idempotent: the batch
// row is locked and a completed batch is left alone; a crash rolls the whole transaction back.
import { Prisma, type PrismaClient } from '../../db/client.ts';
import { createTenantDb } from '../../db/tenant.ts';
import type { OrgCtx, Services } from '../context.ts';
import { AppError } from '../../errors.ts';
import { applyMovementInTx, type TenantTx } from '../inventory/apply-movement.ts';
import { MovementInputSchema } from '../../../shared/schemas/inventory.ts';
import { createItemInTx } from '../inventory/create-item.ts';
import { loadUnitCatalog } from '../units/catalog.ts';
import { convertUnits } from '../units/rules.ts';
import { orgContextFor } from '../orgs/context-for.ts';
import { ensureSkuInTx } from '../products/ensure-sku.ts';
import type { CompleteInput } from '../../../shared/schemas/batches.ts';
import { stopBatchTimersInTx } from './timers.ts';

type D = Prisma.Decimal;
const D = (v: string | number | D) => new Prisma.Decimal(v);
const money = (v: D) => v.toDecimalPlaces(6, Prisma.Decimal.ROUND_HALF_UP);

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
  const request = head.completion as unknown as
    (CompleteInput & { outputType: 'product' | 'ingredient' | 'untracked'; actorId: string }) | null;
  if (!request) throw new AppError('INVALID_STATE', 'No completion was requested for this batch.');
  const ctx = await orgContextFor(db, services, input.organizationId, request.actorId);
  const tdb = createTenantDb(db, input.organizationId);
  try {
    return await tdb.$transaction((tx) => postOutputs(tx, ctx, input.batchId, request), {
      timeout: 120_000,
      maxWait: 15_000,
    });
  } catch (e) {
    await db.batch.updateMany({
      where: { id: input.batchId, status: 'in_progress' },
      data: { completionError: (e as Error).message },
    });
    throw e;
  }
}

async function postOutputs(
  tx: TenantTx,
  ctx: OrgCtx,
  batchId: string,
  req: CompleteInput & { outputType: 'product' | 'ingredient' | 'untracked' },
) {
  const locked = await tx.$queryRaw<
    { status: string }[]
  >`SELECT status FROM batches WHERE id = ${batchId} AND organization_id = ${ctx.organizationId} FOR UPDATE`;
  if (locked[0]?.status !== 'in_progress') return { skipped: true, status: locked[0]?.status ?? 'missing' };
  const batch = await tx.batch.findUniqueOrThrow({
    where: { id: batchId },
    include: { lines: true, recipe: { include: { group: true } } },
  });
  const now = ctx.now();
  const finalQuantity = D(req.finalQuantity);
  const lines = batch.lines;
  const sum = (xs: typeof lines) => xs.reduce((s, l) => s.plus(l.totalCost), D(0));
  const totalCost = sum(lines);
  const contentsCost = sum(lines.filter((l) => l.kind !== 'container'));
  const expiresAt =
    req.expiresAt ??
    (req.isPerishable && req.shelfLifeDays ? new Date(now.getTime() + req.shelfLifeDays * 86_400_000) : undefined);
  const codes = lotCodes(batch.label);
  const outputs: { kind: string; itemId: string; skuId: string | null; quantity: D; unit: string; unitCost: D }[] = [];

  const post = async (itemId: string, quantity: D, unitCost: D, kind: string, skuId: string | null, unit: string) => {
    const code = codes.next().value!;
    const m = await applyMovementInTx(
      tx,
      ctx,
      MovementInputSchema.parse({
        itemId,
        changeType: 'finished_batch',
        quantity: quantity.toString(),
        unitCost: money(unitCost).toString(),
        batchId,
        eventCode: code,
        expiresAt,
        notes: `Output of batch ${batch.label}`,
      }),
    );
    const lotId = m.events[0]!.lotId!;
    await tx.batchOutput.create({
      data: {
        organizationId: ctx.organizationId,
        batchId,
        kind,
        itemId,
        skuId,
        lotId,
        quantity,
        unit,
        unitCost: money(unitCost),
      },
    });
    outputs.push({ kind, itemId, skuId, quantity, unit, unitCost: money(unitCost) });
  };

  if (req.outputType === 'ingredient') {
    const itemId = await intermediateItem(tx, ctx, `${batch.recipe.group.name} (Intermediate)`, req);
    await post(itemId, finalQuantity, totalCost.div(finalQuantity), 'intermediate', null, req.outputUnit);
  } else if (req.outputType === 'product') {
    const catalog = await loadUnitCatalog(tx);
    const contentsUnitCost = contentsCost.div(finalQuantity);
    let filled = D(0);
    for (const [containerId, count] of Object.entries(req.containerCounts ?? {})) {
      if (!count) continue;
      const c = await tx.inventoryItem.findUnique({
        where: { id: containerId },
        select: { id: true, name: true, capacity: true, capacityUnit: true, itemType: true },
      });
      if (!c || c.itemType !== 'container') throw new AppError('NOT_FOUND', 'Container not found');
      if (!c.capacity || !c.capacityUnit)
        throw new AppError('VALIDATION', `${c.name} has no capacity; set it before filling it.`);
      const cap = convertUnits(catalog, { amount: c.capacity, from: c.capacityUnit, to: req.outputUnit });
      if (!cap.ok)
        throw new AppError(
          'VALIDATION',
          `Cannot convert the capacity of ${c.name} (${c.capacityUnit}) to ${req.outputUnit}: ${cap.message}`,
        );
      const containerLines = lines.filter((l) => l.kind === 'container' && l.itemId === containerId);
      const containerCostEach = containerLines.length ? sum(containerLines).div(count) : D(0);
      const sku = await ensureSkuInTx(tx, ctx, {
        productId: req.productId!,
        variantId: req.variantId!,
        sizeKind: 'container',
        unit: 'count',
        containerItemId: c.id,
        containerName: c.name,
        capacity: c.capacity.toString(),
        capacityUnit: c.capacityUnit,
        isPerishable: req.isPerishable,
        shelfLifeDays: req.shelfLifeDays ?? null,
      });
      await post(
        sku.itemId,
        D(count),
        cap.value.times(contentsUnitCost).plus(containerCostEach),
        'container',
        sku.skuId,
        'count',
      );
      filled = filled.plus(cap.value.times(count));
    }
    if (batch.isPortioned) {
      const portions = req.finalPortions!;
      const sku = await ensureSkuInTx(tx, ctx, {
        productId: req.productId!,
        variantId: req.variantId!,
        sizeKind: 'portion',
        unit: 'count',
        portionSize: finalQuantity.div(portions).toDecimalPlaces(2, Prisma.Decimal.ROUND_HALF_UP).toString(),
        portionUnit: req.outputUnit,
        portionName: batch.portionName ?? 'portion',
        isPerishable: req.isPerishable,
        shelfLifeDays: req.shelfLifeDays ?? null,
      });
      await post(sku.itemId, D(portions), contentsCost.div(portions), 'portion', sku.skuId, 'count');
    } else {
      const remainder = finalQuantity.minus(filled);
      if (remainder.lt(0))
        throw new AppError(
          'VALIDATION',
          `The filled containers hold ${filled.toString()} ${req.outputUnit}, more than the ${finalQuantity.toString()} ${req.outputUnit} made.`,
        );
      if (remainder.gt(0)) {
        const sku = await ensureSkuInTx(tx, ctx, {
          productId: req.productId!,
          variantId: req.variantId!,
          sizeKind: 'bulk',
          unit: req.outputUnit,
          isPerishable: req.isPerishable,
          shelfLifeDays: req.shelfLifeDays ?? null,
        });
        await post(sku.itemId, remainder, contentsUnitCost, 'bulk', sku.skuId, req.outputUnit);
      }
    }
  }

  await tx.batch.update({
    where: { id: batchId },
    data: {
      status: 'completed',
      completedAt: now,
      finalQuantity,
      outputUnit: req.outputUnit,
      finalPortions: req.finalPortions ?? null,
      batchType: req.outputType === 'untracked' ? 'untracked' : batch.batchType,
      wasteQuantity: req.wasteQuantity ?? null,
      wasteReason: req.wasteReason ?? null,
      outputPerishable: req.isPerishable,
      outputShelfLifeDays: req.shelfLifeDays ?? null,
      outputExpiresAt: expiresAt ?? null,
      totalCost: money(totalCost),
      completionError: null,
    },
  });
  await stopBatchTimersInTx(tx, batchId, now);
  await ctx.jobs.enqueue(tx, 'stats.rollup', { organizationId: ctx.organizationId });
  return {
    completed: true,
    label: batch.label,
    totalCost: money(totalCost).toString(),
    outputs: outputs.map((o) => ({ ...o, quantity: o.quantity.toString(), unitCost: o.unitCost.toString() })),
  };
}

/** The label, then label-B, label-C, ... (docs/rules/inventory.md, Lot codes). */
function* lotCodes(label: string) {
  yield label;
  for (let i = 1; ; i++) yield `${label}-${String.fromCharCode(65 + i)}`;
}

async function intermediateItem(tx: TenantTx, ctx: OrgCtx, name: string, req: CompleteInput) {
  // An existing intermediate keeps its unit: the ledger converts the output into it (or explains why it cannot).
  const existing = await tx.inventoryItem.findFirst({ where: { name }, select: { id: true } });
  if (existing) return existing.id;
  const item = await createItemInTx(tx, ctx, {
    name,
    itemType: 'ingredient',
    unit: req.outputUnit,
    isPerishable: req.isPerishable,
    shelfLifeDays: req.shelfLifeDays,
  });
  await tx.inventoryItem.update({ where: { id: item.id }, data: { isIntermediate: true } });
  return item.id;
}
