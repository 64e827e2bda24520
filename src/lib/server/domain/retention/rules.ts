// Retention rules (docs/rules/retention.md): how long an organization's unused recipes are kept.
import type { TenantDb, TenantTx } from '../../db/tenant.ts';
import type { PrismaClient } from '../../db/client.ts';

export const DEFAULT_RETENTION_DAYS = 365;
/** An acknowledged recipe is deleted this many days after the acknowledgement. */
export const DELETE_AFTER_DAYS = 15;
/** The owner is mailed this many days before a recipe becomes at risk (the tier field retention_notice_days). */
export const RETENTION_NOTICE_DAYS = 30;
export const DAY_MS = 86_400_000;

type OrgReader = Pick<PrismaClient, 'organization'> | Pick<TenantDb, 'organization'> | Pick<TenantTx, 'organization'>;

/**
 * The retention cutoff: recipes created before it are at risk. null when the organization keeps
 * everything (the retention add-on included on its tier, a tier whose policy is "subscribed", or the add-on
 * bought and active).
 */
export async function retentionCutoff(db: OrgReader, organizationId: string, now: Date): Promise<Date | null> {
  const o = await (db as Pick<PrismaClient, 'organization'>).organization.findUniqueOrThrow({
    where: { id: organizationId },
    select: {
      tier: {
        select: {
          retentionPolicy: true,
          addons: { where: { included: true }, select: { addon: { select: { functionKey: true } } } },
        },
      },
      addons: { where: { active: true }, select: { addon: { select: { functionKey: true } } } },
    },
  });
  const keeps =
    o.tier.retentionPolicy === 'subscribed' ||
    [...o.tier.addons, ...o.addons].some((a) => a.addon.functionKey === 'retention');
  return keeps ? null : new Date(now.getTime() - DEFAULT_RETENTION_DAYS * DAY_MS);
}
