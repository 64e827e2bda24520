// Feature flags (docs/rules/platform-console.md, Feature flags): the code catalogue's default, the platform
// switch (feature_flags), an organization's override (feature_flag_overrides), in that order of strength
// reversed: override, else platform, else default. isEnabled caches each answer for FLAG_CACHE_MS, and a
// change made in this process clears the cache at once.
import type { PrismaClient } from '../../db/client.ts';
import { withTransaction } from '../../db/transaction.ts';
import { AppError } from '../../errors.ts';
import { FEATURE_FLAGS, type FeatureFlagKey } from '../../../shared/feature-flags.ts';
import { recordAudit, type ConsoleCtx } from './audit.ts';

export const FLAG_CACHE_MS = 30_000;
const cache = new Map<string, { value: boolean; at: number }>();

function catalogueEntry(key: string) {
  const f = FEATURE_FLAGS.find((x) => x.key === key);
  if (!f) throw new AppError('NOT_FOUND', `Unknown feature flag ${key}.`);
  return f;
}

/** Whether the flag is on for the organization (or the platform, with no organization). */
export async function isEnabled(
  db: PrismaClient,
  flag: FeatureFlagKey,
  orgId: string | null,
  now = Date.now(),
): Promise<boolean> {
  const cacheKey = `${flag}:${orgId ?? '*'}`;
  const hit = cache.get(cacheKey);
  if (hit && now - hit.at < FLAG_CACHE_MS) return hit.value;
  const [platform, override] = await Promise.all([
    db.featureFlag.findUnique({ where: { key: flag } }),
    orgId
      ? db.featureFlagOverride.findUnique({
          where: { organizationId_flagKey: { organizationId: orgId, flagKey: flag } },
        })
      : Promise.resolve(null),
  ]);
  const value = override?.enabled ?? platform?.enabled ?? catalogueEntry(flag).default;
  cache.set(cacheKey, { value, at: now });
  return value;
}

export function clearFlagCache() {
  cache.clear();
}

export async function listFlags(db: PrismaClient) {
  const [rows, overrides] = await Promise.all([
    db.featureFlag.findMany(),
    db.featureFlagOverride.findMany({ include: { organization: { select: { name: true } } } }),
  ]);
  return FEATURE_FLAGS.map((f) => {
    const row = rows.find((r) => r.key === f.key);
    return {
      ...f,
      enabled: row?.enabled ?? f.default,
      platformSet: row !== undefined,
      overrides: overrides
        .filter((o) => o.flagKey === f.key)
        .map((o) => ({ organizationId: o.organizationId, organizationName: o.organization.name, enabled: o.enabled })),
    };
  });
}

/** The platform switch of a flag; `organizationId` sets (or with enabled null, removes) one organization's override. */
export async function setFlag(
  db: PrismaClient,
  ctx: ConsoleCtx,
  input: { key: string; enabled: boolean | null; organizationId?: string },
) {
  const f = catalogueEntry(input.key);
  const result = await withTransaction(db, async (tx) => {
    if (input.organizationId) {
      const org = await tx.organization.findUnique({ where: { id: input.organizationId }, select: { name: true } });
      if (!org) throw new AppError('NOT_FOUND', 'Organization not found.');
      const where = { organizationId_flagKey: { organizationId: input.organizationId, flagKey: f.key } };
      const before = await tx.featureFlagOverride.findUnique({ where });
      if (input.enabled === null) await tx.featureFlagOverride.deleteMany({ where: where.organizationId_flagKey });
      else
        await tx.featureFlagOverride.upsert({
          where,
          create: { organizationId: input.organizationId, flagKey: f.key, enabled: input.enabled },
          update: { enabled: input.enabled },
        });
      await recordAudit(tx, ctx, {
        action: 'feature_flag.override',
        targetType: 'feature_flag',
        targetKey: f.key,
        targetLabel: `${f.key} for ${org.name}`,
        targetOrgId: input.organizationId,
        before: { override: before?.enabled ?? null },
        after: { override: input.enabled },
      });
      return { ok: true };
    }
    if (input.enabled === null) throw new AppError('VALIDATION', 'Say on or off for the platform.');
    const before = await tx.featureFlag.findUnique({ where: { key: f.key } });
    await tx.featureFlag.upsert({
      where: { key: f.key },
      create: { key: f.key, enabled: input.enabled },
      update: { enabled: input.enabled },
    });
    await recordAudit(tx, ctx, {
      action: 'feature_flag.set',
      targetType: 'feature_flag',
      targetKey: f.key,
      targetLabel: f.key,
      before: { enabled: before?.enabled ?? f.default },
      after: { enabled: input.enabled },
    });
    return { ok: true };
  });
  clearFlagCache();
  return result;
}
