// The retention notice, its at-risk list, export, acknowledgement and "Keep" (docs/rules/retention.md).
import type { z } from 'zod';
import type { TenantDb, TenantTx } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { AppError } from '../../errors.ts';
import { toCsv } from '../inventory/csv.ts';
import { RetentionExportInputSchema } from '../../../shared/schemas/retention.ts';
import { DAY_MS, DELETE_AFTER_DAYS, retentionCutoff } from './rules.ts';

export type AtRiskRecipe = {
  id: string;
  name: string;
  createdAt: Date;
  predictedYield: string | null;
  yieldUnit: string;
};

/** Recipes older than the cutoff that no batch used, not queued and not kept. */
export async function findAtRisk(db: TenantDb | TenantTx, organizationId: string, now: Date): Promise<AtRiskRecipe[]> {
  const cutoff = await retentionCutoff(db, organizationId, now);
  if (!cutoff) return [];
  const settled = await db.retentionDeletionQueue.findMany({
    where: { status: { in: ['queued', 'canceled', 'deleted'] } },
    select: { recipeId: true },
  });
  const rows = await db.recipe.findMany({
    where: {
      createdAt: { lt: cutoff },
      batches: { none: {} },
      id: { notIn: settled.map((s) => s.recipeId) },
    },
    select: { id: true, name: true, createdAt: true, predictedYield: true, yieldUnit: true },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  return rows.map((r) => ({ ...r, predictedYield: r.predictedYield?.toString() ?? null }));
}

/** What the banner needs: whether to show it, and the count. */
export async function retentionNotice(db: TenantDb, ctx: OrgCtx) {
  const atRisk = await findAtRisk(db, ctx.organizationId, ctx.now());
  return { needsNotice: atRisk.length > 0, count: atRisk.length };
}

/** The notice's list, and the queued entries (with their deletion date) that "Keep" can cancel. */
export async function listRetention(db: TenantDb, ctx: OrgCtx) {
  const [atRisk, queued] = await Promise.all([
    findAtRisk(db, ctx.organizationId, ctx.now()),
    db.retentionDeletionQueue.findMany({
      where: { status: 'queued' },
      select: { id: true, recipeId: true, recipeName: true, acknowledgedAt: true, deleteAfterAt: true },
      orderBy: [{ deleteAfterAt: 'asc' }, { id: 'asc' }],
    }),
  ]);
  return { atRisk, queued, cutoffApplies: (await retentionCutoff(db, ctx.organizationId, ctx.now())) !== null };
}

/** The at-risk list as a file: CSV or JSON with id, name, created, predicted yield, unit. */
export async function exportAtRisk(db: TenantDb, ctx: OrgCtx, raw: z.input<typeof RetentionExportInputSchema>) {
  const { format } = RetentionExportInputSchema.parse(raw);
  const rows = (await findAtRisk(db, ctx.organizationId, ctx.now())).map((r) => ({
    id: r.id,
    name: r.name,
    created_at: r.createdAt.toISOString(),
    predicted_yield: r.predictedYield,
    unit: r.yieldUnit,
  }));
  const stamp = ctx.now().toISOString().slice(0, 10);
  if (format === 'json')
    return {
      filename: `recipes-at-risk-${stamp}.json`,
      contentType: 'application/json',
      body: JSON.stringify({ items: rows }, null, 2),
    };
  const body = toCsv([
    ['id', 'name', 'created_at', 'predicted_yield', 'unit'],
    ...rows.map((r) => [r.id, r.name, r.created_at, r.predicted_yield, r.unit]),
  ]);
  return { filename: `recipes-at-risk-${stamp}.csv`, contentType: 'text/csv', body };
}

/** Queues every at-risk recipe for deletion DELETE_AFTER_DAYS from now; they leave the notice. */
export async function acknowledgeRetention(db: TenantDb, ctx: OrgCtx) {
  const now = ctx.now();
  return db.$transaction(async (tx) => {
    const atRisk = await findAtRisk(tx, ctx.organizationId, now);
    const deleteAfterAt = new Date(now.getTime() + DELETE_AFTER_DAYS * DAY_MS);
    for (const r of atRisk) {
      const queued = {
        status: 'queued',
        recipeName: r.name,
        acknowledgedAt: now,
        acknowledgedById: ctx.actor.userId,
        deleteAfterAt,
        resolvedAt: null,
      };
      await tx.retentionDeletionQueue.upsert({
        where: { organizationId_recipeId: { organizationId: ctx.organizationId, recipeId: r.id } },
        create: { organizationId: ctx.organizationId, recipeId: r.id, ...queued },
        update: queued,
      });
    }
    return { queued: atRisk.length, deleteAfterAt };
  });
}

/** "Keep": a queued recipe is not deleted (the entry is canceled, and the recipe stays out of the notice). */
export async function keepRecipe(db: TenantDb, ctx: OrgCtx, input: { entryId: string }) {
  const updated = await db.retentionDeletionQueue.updateMany({
    where: { id: input.entryId, status: 'queued' },
    data: { status: 'canceled', resolvedAt: ctx.now() },
  });
  if (updated.count === 0) throw new AppError('NOT_FOUND', 'That recipe is not queued for deletion.');
  return { ok: true };
}
