import { orgProcedure, router } from '../procedures.ts';
import {
  BatchFreshnessInputSchema,
  FreshnessReportInputSchema,
  IngredientReportInputSchema,
  RecipeReportInputSchema,
} from '../../../shared/schemas/reports.ts';
import { recipeReport } from '../../domain/reports/recipe-report.ts';
import { ingredientReport } from '../../domain/reports/ingredient-report.ts';
import { freshnessReport } from '../../domain/reports/freshness-report.ts';
import { getBatchFreshness } from '../../domain/reports/batch-freshness.ts';
import { getStatistics, refreshStatistics } from '../../domain/reports/statistics.ts';

// Production reports (docs/rules/reports.md). Costs in the answer are hidden by orgProcedure without
// inventory.view_costs. The organization-wide analyses (freshness, statistics) are reports.advanced.
export const reportsRouter = router({
  recipe: orgProcedure
    .meta({ permission: 'reports.view' })
    .input(RecipeReportInputSchema)
    .query(({ ctx, input }) => recipeReport(ctx.tdb, ctx.orgCtx, input)),
  ingredient: orgProcedure
    .meta({ permission: 'reports.view' })
    .input(IngredientReportInputSchema)
    .query(({ ctx, input }) => ingredientReport(ctx.tdb, ctx.orgCtx, input)),
  freshness: orgProcedure
    .meta({ permission: 'reports.advanced' })
    .input(FreshnessReportInputSchema)
    .query(({ ctx, input }) => freshnessReport(ctx.tdb, ctx.orgCtx, input)),
  /** A batch's FIFO insight, on the batch page: part of the batch, not an organization-wide analysis. */
  batchFreshness: orgProcedure
    .meta({ permission: 'batches.view' })
    .input(BatchFreshnessInputSchema)
    .query(({ ctx, input }) => getBatchFreshness(ctx.tdb, ctx.orgCtx, input)),
  statistics: orgProcedure
    .meta({ permission: 'reports.advanced' })
    .query(({ ctx }) => getStatistics(ctx.tdb, ctx.orgCtx)),
  refreshStatistics: orgProcedure
    .meta({ permission: 'reports.advanced' })
    .mutation(({ ctx }) => refreshStatistics(ctx.tdb, ctx.orgCtx)),
});
