import type { z } from 'zod';
import type { TenantDb } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { AppError } from '../../errors.ts';
import { ListBatchesInputSchema } from '../../../shared/schemas/batches.ts';
import { describeTimer } from './timers.ts';
import type { PlanSnapshot } from '../planning/plan.ts';

const costs = (ctx: OrgCtx) => ctx.actor.permissions.has('batches.view_costs');

export async function listBatches(db: TenantDb, ctx: OrgCtx, raw: z.input<typeof ListBatchesInputSchema>) {
  const input = ListBatchesInputSchema.parse(raw);
  const where = {
    ...(input.status ? { status: input.status } : {}),
    ...(input.recipeId ? { recipeId: input.recipeId } : {}),
    ...(input.search
      ? {
          OR: [
            { label: { contains: input.search, mode: 'insensitive' as const } },
            { recipe: { name: { contains: input.search, mode: 'insensitive' as const } } },
          ],
        }
      : {}),
  };
  const [total, rows] = await Promise.all([
    db.batch.count({ where }),
    db.batch.findMany({
      where,
      orderBy: [{ [input.sort]: input.direction }, { id: 'asc' }],
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
      select: {
        id: true,
        label: true,
        status: true,
        batchType: true,
        startedAt: true,
        completedAt: true,
        totalCost: true,
        tags: true,
        completionError: true,
        recipe: { select: { id: true, name: true } },
      },
    }),
  ]);
  return {
    total,
    page: input.page,
    pageSize: input.pageSize,
    rows: rows.map((r) => ({ ...r, totalCost: costs(ctx) ? (r.totalCost?.toString() ?? null) : null })),
  };
}

/** A batch with planned (from its frozen snapshot) against actual (its lines), notes, timers and outputs. */
export async function getBatch(db: TenantDb, ctx: OrgCtx, input: { batchId: string }) {
  const b = await db.batch.findUnique({
    where: { id: input.batchId },
    include: {
      recipe: { select: { id: true, name: true } },
      lines: { orderBy: { createdAt: 'asc' } },
      notes: { orderBy: { createdAt: 'asc' } },
      timers: { orderBy: { startedAt: 'asc' } },
      outputs: true,
    },
  });
  if (!b) throw new AppError('NOT_FOUND', 'Batch not found');
  const itemIds = [
    ...new Set([
      ...b.lines.map((l) => l.itemId),
      ...b.outputs.map((o) => o.itemId),
      ...(b.planSnapshot as unknown as PlanSnapshot).ingredients.map((l) => l.itemId),
    ]),
  ];
  const items = new Map(
    (
      await db.inventoryItem.findMany({ where: { id: { in: itemIds } }, select: { id: true, name: true, unit: true } })
    ).map((i) => [i.id, i]),
  );
  const now = ctx.now();
  const show = costs(ctx);
  const readyOf = new Map(
    (
      await db.inventoryLot.findMany({
        where: { id: { in: b.outputs.map((o) => o.lotId) } },
        select: { id: true, readyOn: true },
      })
    ).map((l) => [l.id, l.readyOn]),
  );
  const snapshot = b.planSnapshot as unknown as PlanSnapshot;
  return {
    id: b.id,
    label: b.label,
    status: b.status,
    statusReason: b.statusReason,
    batchType: b.batchType,
    scale: b.scale.toString(),
    recipe: b.recipe,
    costMethod: b.costMethod,
    startedAt: b.startedAt,
    completedAt: b.completedAt,
    failedAt: b.failedAt,
    cancelledAt: b.cancelledAt,
    projectedYield: b.projectedYield?.toString() ?? null,
    yieldUnit: b.yieldUnit,
    isPortioned: b.isPortioned,
    portionName: b.portionName,
    projectedPortions: b.projectedPortions?.toString() ?? null,
    finalQuantity: b.finalQuantity?.toString() ?? null,
    outputUnit: b.outputUnit,
    finalPortions: b.finalPortions,
    wasteQuantity: b.wasteQuantity?.toString() ?? null,
    wasteReason: b.wasteReason,
    wasteValue: show ? (b.wasteValue?.toString() ?? null) : null,
    tags: b.tags,
    forced: b.forced,
    completionPending: b.status === 'in_progress' && !!b.completion && !b.completionError,
    completionError: b.completionError,
    totalCost: show ? (b.totalCost?.toString() ?? null) : null,
    planned: [
      ...snapshot.ingredients.map((l) => ({ kind: 'ingredient', ...l })),
      ...snapshot.consumables.map((l) => ({ kind: 'consumable', ...l })),
      ...snapshot.containers.map((c) => ({
        kind: 'container',
        itemId: c.itemId,
        quantity: String(c.quantity),
        unit: 'count',
      })),
    ].map((l) => ({ ...l, itemName: items.get(l.itemId)?.name ?? '?' })),
    lines: b.lines.map((l) => ({
      id: l.id,
      kind: l.kind,
      isExtra: l.isExtra,
      reason: l.reason,
      itemId: l.itemId,
      itemName: items.get(l.itemId)?.name ?? '?',
      quantity: l.quantity.toString(),
      unit: l.unit,
      itemQuantity: l.itemQuantity.toString(),
      itemUnit: items.get(l.itemId)?.unit ?? '',
      totalCost: show ? l.totalCost.toString() : null,
    })),
    notes: b.notes.map((n) => ({ id: n.id, text: n.text, createdAt: n.createdAt })),
    timers: b.timers.map((t) => describeTimer(t, now)),
    outputs: b.outputs.map((o) => ({
      kind: o.kind,
      itemId: o.itemId,
      itemName: items.get(o.itemId)?.name ?? '?',
      skuId: o.skuId,
      lotId: o.lotId,
      quantity: o.quantity.toString(),
      unit: o.unit,
      itemQuantity: o.itemQuantity.toString(),
      itemUnit: items.get(o.itemId)?.unit ?? '',
      value: show ? o.value.toString() : null,
      unitCost: show ? o.unitCost.toString() : null,
      readyOn: readyOf.get(o.lotId) ?? null,
    })),
  };
}
