// What the organization's plan cannot do, said in words with the way up (docs/rules/dashboard.md, Plan gaps):
// a Free Tools organization sees "Free Tools: recipes only. Upgrade to run batches", not an empty page.
import type { TenantDb } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';

const FEATURES: { permission: string; does: string }[] = [
  { permission: 'inventory.view', does: 'track inventory' },
  { permission: 'batches.view', does: 'run batches' },
  { permission: 'products.view', does: 'make products' },
];

export async function planGaps(db: TenantDb, ctx: OrgCtx) {
  const missing = FEATURES.filter((f) => !ctx.tierPermissions.has(f.permission));
  if (!missing.length) return { message: null, upgrades: [] as string[] };
  const org = await db.organization.findUniqueOrThrow({
    where: { id: ctx.organizationId },
    select: { tier: { select: { name: true } } },
  });
  // The customer-facing tiers that include every missing feature, cheapest first.
  const tiers = await db.subscriptionTier.findMany({
    where: {
      isCustomerFacing: true,
      AND: missing.map((f) => ({ permissions: { some: { permission: { name: f.permission } } } })),
    },
    orderBy: { sortOrder: 'asc' },
    select: { name: true },
  });
  const can = ctx.tierPermissions.has('recipes.view') ? 'recipes only' : 'a limited plan';
  const does = missing.map((f) => f.does);
  const list = does.length > 1 ? `${does.slice(0, -1).join(', ')} and ${does.at(-1)}` : does[0];
  return {
    message: `${org.tier.name}: ${can}. Upgrade to ${list}.`,
    upgrades: tiers.map((t) => t.name),
  };
}
