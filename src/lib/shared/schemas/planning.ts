// The production plan's input: the recipe, a scale, the batch type and the chosen containers.
import { z } from 'zod';

export const ScaleSchema = z
  .union([z.string(), z.number()])
  .transform(String)
  .refine(
    (v) => /^\d+(\.\d+)?$/.test(v) && Number(v) >= 0.001 && Number(v) <= 1000,
    'Scale must be between 0.001 and 1000',
  );

/** What a batch makes: stock of a product, an intermediate ingredient, or nothing tracked. */
export const BATCH_TYPES = ['product', 'ingredient', 'untracked'] as const;
export type BatchType = (typeof BATCH_TYPES)[number];

export const PlanInputSchema = z.object({
  recipeId: z.uuid(),
  scale: ScaleSchema.default('1'),
  batchType: z.enum(BATCH_TYPES).default('ingredient'),
  /**
   * Chosen containers; when omitted the suggestion from the recipe's allowed containers is used (none when
   * the recipe allows none). `fillAmount` in `fillUnit` is what one container is filled with (default: capacity).
   */
  containers: z
    .array(
      z.object({
        itemId: z.uuid(),
        quantity: z.number().int().min(1),
        fillAmount: z
          .union([z.string(), z.number()])
          .transform((v) => String(v).trim())
          .refine((v) => /^\d+(\.\d+)?$/.test(v) && Number(v) > 0, 'Fill amount must be greater than 0')
          .optional(),
        fillUnit: z.string().trim().min(1).max(40).optional(),
      }),
    )
    .optional(),
  /** Fill amount for the suggestion: what one container of any allowed kind is filled with. */
  fillAmount: z
    .union([z.string(), z.number()])
    .transform((v) => String(v).trim())
    .refine((v) => /^\d+(\.\d+)?$/.test(v) && Number(v) > 0, 'Fill amount must be greater than 0')
    .optional(),
  fillUnit: z.string().trim().min(1).max(40).optional(),
  notes: z.string().trim().max(2000).optional(),
});
