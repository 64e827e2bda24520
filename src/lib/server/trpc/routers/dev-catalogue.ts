// The console's catalogue: tiers, add-ons, the permission matrix (docs/rules/platform-console.md, Catalogue).
import { devProcedure, router } from '../procedures.ts';
import {
  CreateTierInputSchema,
  SetPermissionActiveInputSchema,
  TierRefSchema,
  UpdateAddonInputSchema,
  UpdateTierInputSchema,
} from '../../../shared/schemas/dev-console.ts';
import {
  createTier,
  deleteTier,
  listAddons,
  listTiers,
  permissionMatrix,
  setPermissionActive,
  updateAddon,
  updateTier,
} from '../../domain/dev/catalogue-admin.ts';
import { consoleCtx } from './dev-context.ts';

const tiers = devProcedure.meta({ permission: 'dev.manage_tiers' });
const perms = devProcedure.meta({ permission: 'dev.assign_permissions' });

export const devCatalogueRouter = router({
  tiers: tiers.query(({ ctx }) => listTiers(ctx.db)),
  addons: tiers.query(({ ctx }) => listAddons(ctx.db)),
  updateTier: tiers
    .input(UpdateTierInputSchema)
    .mutation(({ ctx, input }) => updateTier(ctx.db, consoleCtx(ctx), input)),
  createTier: tiers
    .input(CreateTierInputSchema)
    .mutation(({ ctx, input }) => createTier(ctx.db, consoleCtx(ctx), input)),
  deleteTier: tiers.input(TierRefSchema).mutation(({ ctx, input }) => deleteTier(ctx.db, consoleCtx(ctx), input)),
  updateAddon: tiers
    .input(UpdateAddonInputSchema)
    .mutation(({ ctx, input }) => updateAddon(ctx.db, consoleCtx(ctx), input)),
  permissions: perms.query(({ ctx }) => permissionMatrix(ctx.db)),
  setPermissionActive: perms
    .input(SetPermissionActiveInputSchema)
    .mutation(({ ctx, input }) => setPermissionActive(ctx.db, consoleCtx(ctx), input)),
});
