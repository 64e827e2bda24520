import { orgProcedure, router } from '../procedures.ts';
import { RecipeReportInputSchema } from '../../../shared/schemas/reports.ts';
import { recipeReport } from '../../domain/reports/recipe-report.ts';

// Production reports (docs/rules/reports.md). Costs in the answer are hidden by orgProcedure without
// batches.view_costs.
export const reportsRouter = router({
  recipe: orgProcedure
    .meta({ permission: 'reports.view' })
    .input(RecipeReportInputSchema)
    .query(({ ctx, input }) => recipeReport(ctx.tdb, ctx.orgCtx, input)),
});
