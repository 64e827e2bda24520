import { orgProcedure, router } from '../procedures.ts';
import { getInventorySettings, updateInventorySettings } from '../../domain/orgs/inventory-settings.ts';
import { InventorySettingsSchema } from '../../../shared/schemas/orgs.ts';

export const orgRouter = router({
  inventorySettings: orgProcedure
    .meta({ permission: 'settings.view' })
    .query(({ ctx }) => getInventorySettings(ctx.tdb, ctx.orgCtx)),
  updateInventorySettings: orgProcedure
    .meta({ permission: 'settings.edit' })
    .input(InventorySettingsSchema)
    .mutation(({ ctx, input }) => updateInventorySettings(ctx.tdb, ctx.orgCtx, input)),
});
