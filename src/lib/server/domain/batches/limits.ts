import type { OrgCtx } from '../context.ts';
import type { TenantTx } from '../../db/tenant.ts';
import { assertTierLimit } from '../orgs/limits.ts';

/**
 * docs/rules/permissions-and-tiers.md (Tier limits): the tier's batch limits (batches this calendar month,
 * UTC, and all batches).
 */
export async function assertBatchLimits(tx: TenantTx, ctx: OrgCtx) {
  const now = ctx.now();
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  await assertTierLimit(tx, ctx.organizationId, {
    field: 'maxMonthlyBatches',
    limitName: 'max_monthly_batches',
    reached: 'Monthly batch limit reached',
    noun: 'batches',
    count: () => tx.batch.count({ where: { startedAt: { gte: monthStart } } }),
  });
  await assertTierLimit(tx, ctx.organizationId, {
    field: 'maxBatches',
    limitName: 'max_batches',
    reached: 'Batch limit reached',
    noun: 'batches',
    count: () => tx.batch.count(),
  });
}

/**
 * The same check when the tier's two batch limits are already read (a start reads them with its recipe
 * lock): nothing more to do when both are unlimited (-1), else assertBatchLimits counts and words it.
 */
export async function assertBatchLimitsOf(
  tx: TenantTx,
  ctx: OrgCtx,
  limits: { maxMonthlyBatches: number; maxBatches: number },
) {
  if (limits.maxMonthlyBatches === -1 && limits.maxBatches === -1) return;
  await assertBatchLimits(tx, ctx);
}
