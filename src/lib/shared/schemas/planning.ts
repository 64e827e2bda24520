// The production plan's input: the recipe, a scale, the batch type and the chosen containers.
import { z } from 'zod';
import { Count, MultilineText, Text, decimalProblem, quantity } from './primitives.ts';

/** A batch's scale: a rate-kind decimal (Decimal(12, 6)) from 0.001 to 1000. */
export const ScaleSchema = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .superRefine((v, ctx) => {
    const problem = decimalProblem(v, 'rate', { sign: 'positive', label: 'Scale' });
    if (problem && !/^\d+(\.\d+)?$/.test(v))
      ctx.addIssue({ code: 'custom', message: 'Scale must be between 0.001 and 1000' });
    else if (Number(v) < 0.001 || Number(v) > 1000)
      ctx.addIssue({ code: 'custom', message: 'Scale must be between 0.001 and 1000' });
    else if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
const FillAmount = () => quantity({ sign: 'positive', label: 'Fill amount' });

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
        quantity: Count(1, 'Containers'),
        fillAmount: FillAmount().optional(),
        fillUnit: Text().min(1).max(40).optional(),
      }),
    )
    .max(100)
    .optional(),
  /** Fill amount for the suggestion: what one container of any allowed kind is filled with. */
  fillAmount: FillAmount().optional(),
  fillUnit: Text().min(1).max(40).optional(),
  notes: MultilineText().max(2000).optional(),
});
