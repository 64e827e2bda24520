import { AppError } from '../../errors.ts';

type Db = {
  organization: { findUniqueOrThrow(args: any): Promise<any> };
  user: { count(args: any): Promise<number> };
  subscriptionTier: { findMany(args: any): Promise<{ name: string }[]> };
};

/** Active, non-deleted customer users: what the tier's user_limit counts. */
export async function countActiveUsers(db: Pick<Db, 'user'>, organizationId: string): Promise<number> {
  return db.user.count({ where: { organizationId, isActive: true, isDeleted: false, userType: 'customer' } });
}

/**
 * decisions.md §10: going over a limit is LIMIT_EXCEEDED, naming the limit and the tiers that lift it.
 * `adding` is how many users the action would add (1 for invite and activation).
 */
export async function assertUserLimit(db: Db, organizationId: string, action: 'invite' | 'activate', adding = 1) {
  const org = await db.organization.findUniqueOrThrow({
    where: { id: organizationId },
    select: { tier: { select: { name: true, userLimit: true } } },
  });
  const limit = org.tier.userLimit as number;
  if (limit === -1) return;
  const current = await countActiveUsers(db, organizationId);
  if (current + adding <= limit) return;
  const lifting = await db.subscriptionTier.findMany({
    where: { isCustomerFacing: true, OR: [{ userLimit: -1 }, { userLimit: { gte: current + adding } }] },
    orderBy: { sortOrder: 'asc' },
    select: { name: true },
  });
  const names = lifting.map((t) => t.name);
  const verb = action === 'invite' ? 'Cannot invite user' : 'Cannot activate user';
  const hint = names.length ? ` Upgrade to ${names.join(' or ')} for more users.` : '';
  throw new AppError(
    'LIMIT_EXCEEDED',
    `${verb}. Organization has reached user limit (${current}/${limit}) on the ${org.tier.name} plan.${hint}`,
    { limit: 'user_limit', current, max: limit, upgradeTiers: names },
  );
}
