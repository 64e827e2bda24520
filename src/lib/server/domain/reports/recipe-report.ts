// The per-recipe production report (docs/rules/reports.md): batches run, planned vs actual yield and the
// yield variance, waste with its reasons, cost per unit over time and the average cycle time.
import type { z } from 'zod';
import { Prisma } from '../../db/client.ts';
import type { TenantDb } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { AppError } from '../../errors.ts';
import { RecipeReportInputSchema } from '../../../shared/schemas/reports.ts';

const D = (v: string | number | Prisma.Decimal) => new Prisma.Decimal(v);
const pct = (part: Prisma.Decimal, whole: Prisma.Decimal) =>
  whole.isZero() ? null : part.div(whole).times(100).toDecimalPlaces(2).toString();

export async function recipeReport(db: TenantDb, ctx: OrgCtx, raw: z.input<typeof RecipeReportInputSchema>) {
  const { recipeId } = RecipeReportInputSchema.parse(raw);
  const recipe = await db.recipe.findUnique({
    where: { id: recipeId },
    select: { id: true, name: true, yieldUnit: true },
  });
  if (!recipe) throw new AppError('NOT_FOUND', 'Recipe not found');
  const batches = await db.batch.findMany({
    where: { recipeId },
    select: {
      id: true,
      label: true,
      status: true,
      projectedYield: true,
      yieldUnit: true,
      finalQuantity: true,
      outputUnit: true,
      wasteQuantity: true,
      wasteReason: true,
      totalCost: true,
      startedAt: true,
      completedAt: true,
    },
    orderBy: [{ startedAt: 'asc' }, { id: 'asc' }],
  });
  const byStatus = { in_progress: 0, completed: 0, failed: 0, cancelled: 0 };
  for (const b of batches) if (b.status in byStatus) byStatus[b.status as keyof typeof byStatus]++;
  const completed = batches.filter((b) => b.status === 'completed' && b.finalQuantity);
  // Yield compares like with like: batches whose output unit is the planned yield's unit.
  const comparable = completed.filter((b) => b.projectedYield && b.outputUnit === b.yieldUnit);
  const planned = comparable.reduce((s, b) => s.plus(b.projectedYield!), D(0));
  const actual = comparable.reduce((s, b) => s.plus(b.finalQuantity!), D(0));
  const made = completed.reduce((s, b) => s.plus(b.finalQuantity!), D(0));
  const waste = completed.reduce((s, b) => s.plus(b.wasteQuantity ?? 0), D(0));
  const reasons = new Map<string, Prisma.Decimal>();
  for (const b of completed)
    if (b.wasteQuantity && !b.wasteQuantity.isZero()) {
      const k = b.wasteReason?.trim() || 'No reason given';
      reasons.set(k, (reasons.get(k) ?? D(0)).plus(b.wasteQuantity));
    }
  const cycles = completed.filter((b) => b.completedAt).map((b) => b.completedAt!.getTime() - b.startedAt.getTime());
  const costPoints = completed
    .filter((b) => b.totalCost && b.completedAt && !b.finalQuantity!.isZero())
    .map((b) => ({
      batchId: b.id,
      label: b.label,
      at: b.completedAt!,
      unit: b.outputUnit ?? b.yieldUnit,
      costPerUnit: b.totalCost!.div(b.finalQuantity!).toDecimalPlaces(4).toString(),
    }));
  const successBase = byStatus.completed + byStatus.failed;
  return {
    recipe,
    batches: { total: batches.length, ...byStatus },
    successRate: successBase ? Math.round((byStatus.completed / successBase) * 10000) / 100 : null,
    yield: {
      comparedBatches: comparable.length,
      planned: planned.toString(),
      actual: actual.toString(),
      unit: comparable[0]?.yieldUnit ?? recipe.yieldUnit,
      variancePercent: pct(actual.minus(planned), planned),
    },
    waste: {
      quantity: waste.toString(),
      percent: pct(waste, made),
      reasons: [...reasons].map(([reason, q]) => ({ reason, quantity: q.toString() })),
    },
    costPerUnit: costPoints,
    averageCycleHours: cycles.length
      ? Math.round((cycles.reduce((s, c) => s + c, 0) / cycles.length / 3_600_000) * 100) / 100
      : null,
  };
}
