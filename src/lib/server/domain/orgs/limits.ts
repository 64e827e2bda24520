import { AppError } from '../../errors.ts';

type LimitField = 'userLimit' | 'maxRecipes' | 'maxProducts' | 'maxBatches' | 'maxMonthlyBatches';
type Db = {
  organization: { findUniqueOrThrow(args: any): Promise<any> };
  user: { count(args: any): Promise<number> };
  subscriptionTier: { findMany(args: any): Promise<{ name: string }[]> };
};

export type TierLimit = {
  field: LimitField;
  /** The name in the error details, e.g. 'max_recipes'. */
  limitName: string;
  /** The start of the message, e.g. "Recipe limit reached". */
  reached: string;
  /** What more of the tiers that lift it give, e.g. "recipes". */
  noun: string;
  /** Counts what the limit counts now; called only when the tier has a limit. */
  count: () => Promise<number>;
  adding?: number;
  /** Only tiers above the current one count as an upgrade (a cheaper tier with a higher limit does not). */
  higherTiersOnly?: boolean;
};

/**
 * docs/rules/permissions-and-tiers.md (Tier limits): going over a tier limit (-1 = unlimited) is
 * LIMIT_EXCEEDED, naming the limit and the tiers that lift it: "<reached> (current/max) on the <Tier>
 * plan. Upgrade to <tiers> for more <noun>."
 * The one place every tier limit is checked.
 */
export async function assertTierLimit(
  db: Pick<Db, 'organization' | 'subscriptionTier'>,
  organizationId: string,
  spec: TierLimit,
) {
  const org = await db.organization.findUniqueOrThrow({
    where: { id: organizationId },
    select: { tier: { select: { name: true, sortOrder: true, [spec.field]: true } } },
  });
  const max = org.tier[spec.field] as number;
  if (max === -1) return;
  const adding = spec.adding ?? 1;
  const current = await spec.count();
  if (current + adding <= max) return;
  const lifting = await db.subscriptionTier.findMany({
    where: {
      isCustomerFacing: true,
      ...(spec.higherTiersOnly ? { sortOrder: { gt: org.tier.sortOrder } } : {}),
      OR: [{ [spec.field]: -1 }, { [spec.field]: { gte: current + adding } }],
    },
    orderBy: { sortOrder: 'asc' },
    select: { name: true },
  });
  const names = lifting.map((t) => t.name);
  const hint = names.length ? ` Upgrade to ${names.join(' or ')} for more ${spec.noun}.` : '';
  throw new AppError('LIMIT_EXCEEDED', `${spec.reached} (${current}/${max}) on the ${org.tier.name} plan.${hint}`, {
    limit: spec.limitName,
    current,
    max,
    upgradeTiers: names,
  });
}

/** Active, non-deleted customer users: what the tier's user_limit counts. */
export async function countActiveUsers(db: Pick<Db, 'user'>, organizationId: string): Promise<number> {
  return db.user.count({ where: { organizationId, isActive: true, isDeleted: false, userType: 'customer' } });
}

/** `adding` is how many users the action would add (1 for invite and activation). */
export async function assertUserLimit(db: Db, organizationId: string, action: 'invite' | 'activate', adding = 1) {
  await assertTierLimit(db, organizationId, {
    field: 'userLimit',
    limitName: 'user_limit',
    noun: 'users',
    adding,
    reached: `${action === 'invite' ? 'Cannot invite user' : 'Cannot activate user'}. Organization has reached user limit`,
    count: () => countActiveUsers(db, organizationId),
  });
}
