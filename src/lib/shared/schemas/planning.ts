// The production plan's input: the recipe, a scale, the batch type and the chosen containers.
import { z } from 'zod';

export const ScaleSchema = z
  .union([z.string(), z.number()])
  .transform(String)
  .refine(
    (v) => /^\d+(\.\d+)?$/.test(v) && Number(v) >= 0.001 && Number(v) <= 1000,
    'Scale must be between 0.001 and 1000',
  );

export const PlanInputSchema = z.object({
  recipeId: z.uuid(),
  scale: ScaleSchema.default('1'),
  batchType: z.enum(['product', 'ingredient', 'untracked']).default('ingredient'),
  /** Chosen containers; when omitted the suggestion is used. */
  containers: z.array(z.object({ itemId: z.uuid(), quantity: z.number().int().min(1) })).optional(),
  notes: z.string().trim().max(2000).optional(),
});
