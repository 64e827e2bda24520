import type { z } from 'zod';
import { InventorySettingsSchema } from '../../../shared/schemas/orgs.ts';
import type { TenantDb } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';

export async function getInventorySettings(db: TenantDb, ctx: OrgCtx) {
  return db.organization.findUniqueOrThrow({
    where: { id: ctx.organizationId },
    select: { inventoryCostMethod: true, expiringSoonDays: true, currency: true },
  });
}

/** Costing method (FIFO lot cost or moving average), the expiring-soon window and the currency of the organization. */
export async function updateInventorySettings(db: TenantDb, ctx: OrgCtx, raw: z.input<typeof InventorySettingsSchema>) {
  const input = InventorySettingsSchema.parse(raw);
  return db.organization.update({
    where: { id: ctx.organizationId },
    data: input,
    select: { inventoryCostMethod: true, expiringSoonDays: true, currency: true },
  });
}
