import { z } from 'zod';

export const RecipeReportInputSchema = z.object({ recipeId: z.uuid() });

/** The per-ingredient report's window: the last `days` days, today included (docs/rules/reports.md). */
export const IngredientReportInputSchema = z.object({
  itemId: z.uuid(),
  days: z.number().int().min(7).max(365).default(90),
});

export const BatchFreshnessInputSchema = z.object({ batchId: z.uuid() });

/** The freshness report's window: the last `days` daily snapshots. */
export const FreshnessReportInputSchema = z.object({ days: z.number().int().min(7).max(365).default(90) });
