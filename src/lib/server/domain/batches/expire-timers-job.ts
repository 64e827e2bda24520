// The batches.expire-timers job (docs/rules/batches.md, Timers): every minute, running timers past their
// duration are marked expired, organization by organization. Idempotent: an expired timer is no longer
// active, so a second run finds nothing.
import type { PrismaClient } from '../../db/client.ts';
import { createTenantDb } from '../../db/tenant.ts';
import type { Services } from '../context.ts';
import { orgContextFor } from '../orgs/context-for.ts';
import { expireOverdueTimers } from './timers.ts';

export async function expireTimers(db: PrismaClient, services: Services, input: { organizationId: string }) {
  const orgs = await db.batchTimer.findMany({
    where: { status: 'active', ...(input.organizationId === '*' ? {} : { organizationId: input.organizationId }) },
    distinct: ['organizationId'],
    select: { organizationId: true },
  });
  let expired = 0;
  for (const { organizationId } of orgs) {
    const ctx = await orgContextFor(db, services, organizationId, null);
    expired += (await expireOverdueTimers(createTenantDb(db, organizationId), ctx)).expired;
  }
  return { organizations: orgs.length, expired };
}
