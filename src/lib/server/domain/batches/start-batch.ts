// Starting a batch, all or nothing in one transaction: label from the per-year sequence, cost method
// locked, the frozen plan stored, and every ingredient, consumable and container deducted through the
// inventory ledger (change type `batch`, linked to the batch, event code = the label).
import type { z } from 'zod';
import { Prisma } from '../../db/client.ts';
import type { TenantDb } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { AppError } from '../../errors.ts';
import {
  applyMovementInTx,
  applyMovementsInTx,
  type LotFacts,
  type MovementResult,
} from '../inventory/apply-movement.ts';
import type { TenantTx } from '../../db/tenant.ts';
import { MovementInputSchema } from '../../../shared/schemas/inventory.ts';
import { roundValue } from '../inventory/rules.ts';
import { buildPlan, loadRecipeForPlan } from '../planning/plan.ts';
import { StartBatchInputSchema } from '../../../shared/schemas/batches.ts';
import { batchLabel, sequenceUpsert } from './labels.ts';
import { assertBatchLimitsOf } from './limits.ts';
import { startFreshness } from '../reports/batch-freshness.ts';
import { emitEvent } from '../../events/emit.ts';

type D = Prisma.Decimal;
const D = (v: string | number | D) => new Prisma.Decimal(v);

export async function startBatch(db: TenantDb, ctx: OrgCtx, raw: z.input<typeof StartBatchInputSchema>) {
  const input = StartBatchInputSchema.parse(raw);
  // Tier and role decide what the output may be (docs/rules/batches.md, Batch type).
  let batchType = input.batchType;
  if (!ctx.tierPermissions.has('batches.track_inventory_outputs')) batchType = 'untracked';
  else if (batchType === 'product' && !ctx.actor.permissions.has('products.create')) batchType = 'ingredient';
  return db.$transaction(
    async (tx) => {
      // The recipe's lock, with what the start needs of its organization and tier, in one statement.
      const [locked] = await tx.$queryRaw<
        { cost_method: string; max_monthly_batches: number; max_batches: number }[]
      >`SELECT o.inventory_cost_method AS cost_method, t.max_monthly_batches, t.max_batches
          FROM recipes r
          JOIN organizations o ON o.id = r.organization_id
          JOIN subscription_tiers t ON t.id = o.subscription_tier_id
         WHERE r.id = ${input.recipeId} AND r.organization_id = ${ctx.organizationId}
           FOR UPDATE OF r`;
      if (!locked) throw new AppError('NOT_FOUND', 'Recipe not found');
      const recipe = await loadRecipeForPlan(tx, input.recipeId);
      if (recipe.isArchived) throw new AppError('INVALID_STATE', 'Archived recipes cannot be used to start batches');
      await assertBatchLimitsOf(tx, ctx, {
        maxMonthlyBatches: locked.max_monthly_batches,
        maxBatches: locked.max_batches,
      });
      // The plan without its cost breakdown: the start costs its lines from the lots it takes.
      const plan = await buildPlan(tx, ctx, { ...input, batchType }, { recipe, withCost: false });
      if (plan.stockIssues.length && !input.force) {
        throw new AppError('INSUFFICIENT_STOCK', 'Insufficient inventory for one or more items.', {
          requiresOverride: true,
          stockIssues: plan.stockIssues.map((s) => ({
            itemId: s.itemId,
            name: s.itemName,
            needed: s.needed,
            available: s.available,
            unit: s.unit,
            status: s.status,
          })),
        });
      }
      // A plan whose containers cannot hold the batch is not feasible either: starting it anyway is a
      // forced start, and what the containers do not hold goes to bulk at the finish (docs/rules/planning.md).
      if (plan.containerPlan?.error && !input.force) {
        throw new AppError('INVALID_STATE', plan.containerPlan.error, { requiresOverride: true });
      }
      const now = ctx.now();
      const year = now.getUTCFullYear();
      // The next number of the year's sequence (its upsert's row lock keeps two starts from drawing the same,
      // labels.ts) and the master's version, in one statement.
      const [drawn] = await tx.$queryRaw<{ seq: number; master_version: number | null }[]>`
        WITH seq AS (${sequenceUpsert(ctx.organizationId, year)})
        SELECT seq.current AS seq,
               (SELECT version_number FROM recipes
                 WHERE organization_id = ${ctx.organizationId} AND group_id = ${recipe.groupId}
                   AND is_master AND is_current LIMIT 1) AS master_version
          FROM seq`;
      const masterVersion = recipe.isMaster ? recipe.versionNumber : (drawn!.master_version ?? 1);
      const label = batchLabel(recipe.group.prefix, masterVersion, recipe, year, drawn!.seq);
      const costMethod = locked.cost_method === 'average' ? 'average' : 'fifo';
      const skipped = new Set(input.force ? plan.stockIssues.map((s) => `${s.kind}:${s.itemId}`) : []);
      const batch = await tx.batch.create({
        data: {
          organizationId: ctx.organizationId,
          recipeId: recipe.id,
          label,
          batchType,
          scale: D(plan.snapshot.scale),
          planSnapshot: plan.snapshot as unknown as Prisma.InputJsonValue,
          costMethod,
          projectedYield: plan.snapshot.projectedYield,
          yieldUnit: plan.snapshot.yieldUnit,
          isPortioned: recipe.isPortioned,
          portionName: recipe.portionName,
          projectedPortions: plan.snapshot.portioning.portionCount,
          forced: skipped.size > 0,
          startedById: ctx.actor.userId,
          startedAt: now,
        },
      });
      const lines = [
        ...plan.snapshot.ingredients.map((l) => ({ kind: 'ingredient' as const, ...l })),
        ...plan.snapshot.consumables.map((l) => ({ kind: 'consumable' as const, ...l })),
        ...plan.snapshot.containers.map((c) => ({
          kind: 'container' as const,
          itemId: c.itemId,
          quantity: String(c.quantity),
          unit: 'count',
        })),
      ];
      // Every line in one round trip (docs/rules/inventory.md, The ledger in SQL), then every batch line in one.
      const taken = lines.filter((line) => !skipped.has(`${line.kind}:${line.itemId}`));
      const opts = { isExtra: false, reason: null, changeType: 'batch' as const };
      // Every movement at the start's moment, and the lots' dates for the freshness read with them.
      const lotFacts = new Map<string, LotFacts>();
      const movements = await applyMovementsInTx(
        tx,
        { ...ctx, now: () => now },
        taken.map((line) => lineMovement(batch, line, opts)),
        lotFacts,
      );
      // The batch lines in one plain INSERT (building Prisma's createMany of them took 3-5 ms of the start).
      // Every id they hold is this organization's: the batch just created, the recipe's items (scoped when
      // the recipe was written and when the plan read them), the movements the ledger wrote in its scope.
      // The freshness of the lots the start consumed (docs/rules/reports.md, Freshness), from what it just
      // took, is written by the same statement.
      const fresh = await startFreshness(tx, now, movements, lotFacts);
      const rows = taken.map((line, i) => batchLineOf(ctx, batch, line, movements[i]!, opts));
      await tx.$executeRaw`
        WITH freshness AS (
          INSERT INTO batch_freshness (batch_id, organization_id, freshness_percent, items, computed_at)
          VALUES (${batch.id}, ${ctx.organizationId}, ${fresh.freshnessPercent?.toString() ?? null}::numeric,
                  ${JSON.stringify(fresh.items)}::jsonb, ${now.toISOString()}::timestamp(3))
        )
        INSERT INTO batch_lines (id, organization_id, batch_id, kind, is_extra, reason, item_id, quantity, unit,
                                 item_quantity, total_cost, movement_id, created_at)
        SELECT gen_random_uuid()::text, x."organizationId", x."batchId", x.kind, x."isExtra", x.reason, x."itemId",
               x.quantity, x.unit, x."itemQuantity", x."totalCost", x."movementId", now() AT TIME ZONE 'UTC'
          FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
            AS x("organizationId" text, "batchId" text, kind text, "isExtra" boolean, reason text, "itemId" text,
                 quantity numeric, unit text, "itemQuantity" numeric, "totalCost" numeric, "movementId" text)`;
      if (skipped.size) {
        const missing = plan.stockIssues.map((s) => `${s.needed} ${s.unit} of ${s.itemName}`).join('; ');
        await tx.batchNote.create({
          data: {
            organizationId: ctx.organizationId,
            batchId: batch.id,
            text: `Started batch without: ${missing}`,
            authorId: ctx.actor.userId,
            createdAt: now,
          },
        });
      }
      if (plan.snapshot.notes) {
        await tx.batchNote.create({
          data: {
            organizationId: ctx.organizationId,
            batchId: batch.id,
            text: plan.snapshot.notes,
            authorId: ctx.actor.userId,
            createdAt: now,
          },
        });
      }
      await ctx.jobs.enqueue(tx, 'stats.rollup', { organizationId: ctx.organizationId });
      await emitEvent(tx, ctx, 'batch_started', batch.id, { label, recipeId: recipe.id });
      return { batchId: batch.id, label, batchType, skipped: [...skipped].length };
    },
    { timeout: 60_000, maxWait: 15_000 },
  );
}

type Line = { kind: 'ingredient' | 'consumable' | 'container'; itemId: string; quantity: string; unit: string };
type LineOpts = { isExtra: boolean; reason: string | null; changeType: 'batch' | 'damaged' };

/** The ledger movement of one line of a batch (change type `batch`, event code = the label). */
function lineMovement(batch: { id: string; label: string; costMethod: string }, line: Line, opts: LineOpts) {
  return MovementInputSchema.parse({
    itemId: line.itemId,
    changeType: opts.changeType,
    // A scaled amount (×0.333 of 1.2345 g) is taken to the 6 places quantities are kept to.
    quantity: D(line.quantity).toDecimalPlaces(6, Prisma.Decimal.ROUND_HALF_UP).toFixed(),
    unit: line.unit,
    batchId: batch.id,
    eventCode: batch.label,
    valuationMethod: batch.costMethod === 'average' ? 'average' : 'fifo',
    notes: opts.isExtra ? `Extra for batch ${batch.label}` : `Batch ${batch.label}`,
  });
}

/** The batch line of a deducted line, with its cost. */
function batchLineOf(
  ctx: OrgCtx,
  batch: { id: string; costMethod: string },
  line: Line,
  movement: MovementResult,
  opts: LineOpts,
) {
  // A FIFO take costs exactly the value that left its lots (docs/rules/lot-value.md); the average method
  // charges the average cost; untracked (infinite) items deduct nothing and are costed at the item cost.
  const amount = (e: { quantityDelta: string; memoQuantity?: string }) => D(e.memoQuantity ?? e.quantityDelta).abs();
  const itemQuantity = movement.events.reduce((s, e) => s.plus(amount(e)), D(0));
  const costOf = (e: MovementResult['events'][number]) =>
    e.lotId && batch.costMethod !== 'average' ? D(e.value).neg() : roundValue(amount(e).times(e.unitCost));
  const totalCost = movement.events.reduce((s, e) => s.plus(costOf(e)), D(0));
  return {
    organizationId: ctx.organizationId,
    batchId: batch.id,
    kind: line.kind,
    isExtra: opts.isExtra,
    reason: opts.reason,
    itemId: line.itemId,
    quantity: D(line.quantity),
    unit: line.unit,
    itemQuantity,
    totalCost,
    movementId: movement.movementId,
  };
}

/** Deducts one line through the ledger and records it on the batch with its cost. */
export async function deductLine(
  tx: TenantTx,
  ctx: OrgCtx,
  batch: { id: string; label: string; costMethod: string },
  line: Line,
  opts: LineOpts,
) {
  const movement = await applyMovementInTx(tx, ctx, lineMovement(batch, line, opts));
  await tx.batchLine.create({ data: batchLineOf(ctx, batch, line, movement, opts) });
  return movement;
}
