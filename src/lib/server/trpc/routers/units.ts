import { orgProcedure, router } from '../procedures.ts';
import { addUnitMapping, convertForOrg, createCustomUnit, listUnits } from '../../domain/units/manage-units.ts';
import { ConvertInputSchema, CustomUnitInputSchema, MappingInputSchema } from '../../../shared/schemas/units.ts';

export const unitsRouter = router({
  list: orgProcedure.meta({ permission: 'inventory.view' }).query(({ ctx }) => listUnits(ctx.tdb, ctx.orgCtx)),
  convert: orgProcedure
    .meta({ permission: 'inventory.view' })
    .input(ConvertInputSchema)
    .query(({ ctx, input }) => convertForOrg(ctx.tdb, ctx.orgCtx, input)),
  createCustom: orgProcedure
    .meta({ permission: 'inventory.edit' })
    .input(CustomUnitInputSchema)
    .mutation(({ ctx, input }) => createCustomUnit(ctx.tdb, ctx.orgCtx, input)),
  addMapping: orgProcedure
    .meta({ permission: 'inventory.edit' })
    .input(MappingInputSchema)
    .mutation(({ ctx, input }) => addUnitMapping(ctx.tdb, ctx.orgCtx, input)),
});
