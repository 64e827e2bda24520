// Inventory test helpers: an organization context for calling domain functions directly, and the
// invariant check run after every operation.
import { expect } from 'vitest';
import { createTenantDb, type TenantDb } from '../../src/lib/server/db/tenant.ts';
import { loadAccess } from '../../src/lib/server/auth/access.ts';
import { effectivePermissions } from '../../src/lib/server/auth/authorize.ts';
import type { OrgCtx } from '../../src/lib/server/domain/context.ts';
import { findInventoryDrift } from '../../src/lib/server/domain/inventory/verify.ts';
import { createItem } from '../../src/lib/server/domain/inventory/create-item.ts';
import type { TestEnv } from './db.ts';
import { makeOrg } from './factories.ts';

export async function orgContext(
  env: TestEnv,
  organizationId: string,
  userId: string,
): Promise<{ db: TenantDb; ctx: OrgCtx }> {
  const u = await env.db.user.findUniqueOrThrow({ where: { id: userId } });
  const access = await loadAccess(
    env.db,
    {
      id: u.id,
      username: u.username,
      email: u.email,
      userType: 'customer',
      organizationId,
      firstName: null,
      lastName: null,
    },
    null,
  );
  return {
    db: createTenantDb(env.db, organizationId),
    ctx: {
      ...env.services,
      organizationId,
      tierPermissions: access.tierPermissions,
      actor: {
        userId,
        userType: 'customer',
        isOwner: access.isOwner,
        permissions: new Set(effectivePermissions(access)),
      },
    },
  };
}

export async function makeInventoryOrg(env: TestEnv, tierKey = 'team') {
  const org = await makeOrg(env, { tierKey });
  return { org, ...(await orgContext(env, org.id, org.owner.id)) };
}

export async function makeItem(db: TenantDb, ctx: OrgCtx, over: Record<string, unknown> = {}) {
  return createItem(db, ctx, {
    name: `Item ${Math.random().toString(36).slice(2, 8)}`,
    unit: 'gram',
    ...over,
  } as never);
}

/** on-hand = sum of remaining lot quantities = sum of ledger events, for every item of the organization. */
export async function expectBooksBalance(env: TestEnv, organizationId: string) {
  expect(await findInventoryDrift(env.db, organizationId)).toEqual([]);
}
