import type { PrismaClient } from '../../db/client.ts';

export const DEFAULT_RETENTION_DAYS = 365;

type Input = { organizationId: string | '*'; now: Date; log: (msg: string, extra?: object) => void };

/**
 * Scheduled retention scan (docs/rules/jobs.md, Retention sweep). For now it deletes nothing: it works out each
 * organization's retention window and logs what would be at risk: recipes older than the window that
 * no batch references. Read-only, hence idempotent.
 */
export async function sweepRetention(db: PrismaClient, input: Input) {
  const orgs = await db.organization.findMany({
    where: input.organizationId === '*' ? {} : { id: input.organizationId },
    select: {
      id: true,
      name: true,
      tier: { select: { addons: { where: { included: true }, select: { addon: { select: { functionKey: true } } } } } },
      addons: { where: { active: true }, select: { addon: { select: { functionKey: true } } } },
    },
  });
  const report = [];
  for (const o of orgs) {
    const keeps = [...o.tier.addons, ...o.addons].some((a) => a.addon.functionKey === 'retention');
    const cutoff = keeps ? null : new Date(input.now.getTime() - DEFAULT_RETENTION_DAYS * 86_400_000);
    const atRisk = cutoff
      ? await db.recipe.findMany({
          where: { organizationId: o.id, createdAt: { lt: cutoff }, batches: { none: {} } },
          select: { id: true, name: true },
          orderBy: { createdAt: 'asc' },
        })
      : [];
    const wouldDelete = atRisk.map((r) => ({ type: 'recipe', id: r.id, name: r.name }));
    input.log(
      `retention: ${o.name} keeps ${keeps ? 'everything' : `data newer than ${cutoff!.toISOString()}`}; would delete ${wouldDelete.length} item(s)`,
      { organizationId: o.id },
    );
    report.push({
      organizationId: o.id,
      retentionDays: keeps ? null : DEFAULT_RETENTION_DAYS,
      cutoff: cutoff?.toISOString() ?? null,
      wouldDelete,
    });
  }
  return { organizations: report.length, report };
}
