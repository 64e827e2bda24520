import { orgProcedure, router } from '../procedures.ts';
import { RetentionExportInputSchema, RetentionKeepInputSchema } from '../../../shared/schemas/retention.ts';
import {
  acknowledgeRetention,
  exportAtRisk,
  keepRecipe,
  listRetention,
  retentionNotice,
} from '../../domain/retention/at-risk.ts';

// The Data Retention Notice (docs/rules/retention.md): everything behind recipes.delete, as deleting is
// what acknowledging leads to.
export const retentionRouter = router({
  notice: orgProcedure.meta({ permission: 'recipes.delete' }).query(({ ctx }) => retentionNotice(ctx.tdb, ctx.orgCtx)),
  list: orgProcedure.meta({ permission: 'recipes.delete' }).query(({ ctx }) => listRetention(ctx.tdb, ctx.orgCtx)),
  export: orgProcedure
    .meta({ permission: 'recipes.delete' })
    .input(RetentionExportInputSchema)
    .query(({ ctx, input }) => exportAtRisk(ctx.tdb, ctx.orgCtx, input)),
  acknowledge: orgProcedure
    .meta({ permission: 'recipes.delete' })
    .mutation(({ ctx }) => acknowledgeRetention(ctx.tdb, ctx.orgCtx)),
  keep: orgProcedure
    .meta({ permission: 'recipes.delete' })
    .input(RetentionKeepInputSchema)
    .mutation(({ ctx, input }) => keepRecipe(ctx.tdb, ctx.orgCtx, input)),
});
