import { orgProcedure, router } from '../procedures.ts';
import { IngredientReportInputSchema, RecipeReportInputSchema } from '../../../shared/schemas/reports.ts';
import { recipeReport } from '../../domain/reports/recipe-report.ts';
import { ingredientReport } from '../../domain/reports/ingredient-report.ts';

// Production reports (docs/rules/reports.md). Costs in the answer are hidden by orgProcedure without
// inventory.view_costs.
export const reportsRouter = router({
  recipe: orgProcedure
    .meta({ permission: 'reports.view' })
    .input(RecipeReportInputSchema)
    .query(({ ctx, input }) => recipeReport(ctx.tdb, ctx.orgCtx, input)),
  ingredient: orgProcedure
    .meta({ permission: 'reports.view' })
    .input(IngredientReportInputSchema)
    .query(({ ctx, input }) => ingredientReport(ctx.tdb, ctx.orgCtx, input)),
});
