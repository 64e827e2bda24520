import { AppError } from '../../errors.ts';
import type { OrgCtx } from '../context.ts';
import type { TenantTx } from '../inventory/apply-movement.ts';

/** decisions.md §10: the tier's batch limits (all batches and batches this calendar month, UTC). */
export async function assertBatchLimits(tx: TenantTx, ctx: OrgCtx) {
  const org = await tx.organization.findUniqueOrThrow({ where: { id: ctx.organizationId }, select: { tier: { select: { name: true, maxBatches: true, maxMonthlyBatches: true } } } });
  const { name, maxBatches, maxMonthlyBatches } = org.tier;
  const now = ctx.now();
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const lift = async (field: 'maxBatches' | 'maxMonthlyBatches', need: number) =>
    (await tx.subscriptionTier.findMany({ where: { isCustomerFacing: true, OR: [{ [field]: -1 }, { [field]: { gte: need } }] }, orderBy: { sortOrder: 'asc' }, select: { name: true } })).map((t) => t.name);
  if (maxMonthlyBatches !== -1) {
    const used = await tx.batch.count({ where: { startedAt: { gte: monthStart } } });
    if (used + 1 > maxMonthlyBatches) {
      const tiers = await lift('maxMonthlyBatches', used + 1);
      throw new AppError('LIMIT_EXCEEDED', `Monthly batch limit reached (${used}/${maxMonthlyBatches}) on the ${name} plan.${tiers.length ? ` Upgrade to ${tiers.join(' or ')} for more batches.` : ''}`, { limit: 'max_monthly_batches', current: used, max: maxMonthlyBatches, upgradeTiers: tiers });
    }
  }
  if (maxBatches !== -1) {
    const used = await tx.batch.count();
    if (used + 1 > maxBatches) {
      const tiers = await lift('maxBatches', used + 1);
      throw new AppError('LIMIT_EXCEEDED', `Batch limit reached (${used}/${maxBatches}) on the ${name} plan.${tiers.length ? ` Upgrade to ${tiers.join(' or ')} for more batches.` : ''}`, { limit: 'max_batches', current: used, max: maxBatches, upgradeTiers: tiers });
    }
  }
}
