import { z } from 'zod';
import { PositiveDecimal } from './inventory.ts';
import { PlanInputSchema } from './planning.ts';

export const BATCH_STATUSES = ['in_progress', 'completed', 'failed', 'cancelled'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];
export const BATCH_SORTS = ['startedAt', 'label', 'status'] as const;
export const StartBatchInputSchema = PlanInputSchema.extend({ force: z.boolean().default(false) });
export const BatchIdSchema = z.object({ batchId: z.uuid() });
export const NoteInputSchema = z.object({
  batchId: z.uuid(),
  text: z.string().trim().min(1, 'Write a note').max(2000),
});
export const TagsInputSchema = z.object({ batchId: z.uuid(), tags: z.array(z.string().trim().min(1).max(40)).max(20) });
export const ReasonInputSchema = z.object({
  batchId: z.uuid(),
  reason: z.string().trim().min(3, 'Give a reason').max(1000),
});

export const EXTRA_KINDS = ['ingredient', 'consumable', 'container'] as const;
export const EXTRA_REASONS = ['extra_use', 'extra_yield', 'damaged'] as const;
export const ExtraLineSchema = z.object({
  kind: z.enum(EXTRA_KINDS),
  itemId: z.uuid({ message: 'Choose an item' }),
  quantity: PositiveDecimal,
  unit: z.string().trim().min(1).max(40).optional(),
  reason: z.enum(EXTRA_REASONS).default('extra_use'),
});
export const ExtrasInputSchema = z.object({
  batchId: z.uuid(),
  lines: z.array(ExtraLineSchema).min(1, 'Add at least one extra').max(50),
});

export const TimerCreateSchema = z.object({
  batchId: z.uuid(),
  name: z.string().trim().max(60).default('Timer'),
  durationSeconds: z
    .number()
    .int()
    .min(1, 'Duration must be at least 1 second')
    .max(7 * 86400),
});
export const TimerIdSchema = z.object({ timerId: z.uuid() });

export const CompleteInputSchema = z.object({
  batchId: z.uuid(),
  finalQuantity: PositiveDecimal,
  outputUnit: z.string().trim().min(1).max(40),
  outputType: z.enum(['product', 'ingredient', 'untracked']).optional(),
  productId: z.uuid().optional(),
  variantId: z.uuid().optional(),
  /** Whole portions kept; 9.5 bars is refused with a message a person can act on. */
  finalPortions: z
    .union([z.number(), z.string()])
    .transform((v, c) => {
      const n = Number(String(v).trim());
      if (!Number.isFinite(n) || n < 1) {
        c.addIssue({ code: 'custom', message: 'Enter the number of portions made (at least 1).' });
        return z.NEVER;
      }
      if (!Number.isInteger(n)) {
        c.addIssue({
          code: 'custom',
          message: `Portions are counted whole: enter ${Math.floor(n)} or ${Math.ceil(n)}, not ${n}. A partial piece is waste or a tester.`,
        });
        return z.NEVER;
      }
      return n;
    })
    .optional(),
  /** Filled containers of each type: { containerItemId: count }. Containers the batch took but did not fill go back. */
  containerCounts: z.record(z.string(), z.number().int().min(0)).default({}),
  /** What one container of each type was filled with, when not its capacity (or the plan's fill amount). */
  containerFills: z
    .record(
      z.string(),
      z.object({
        amount: z
          .union([z.string(), z.number()])
          .transform((v) => String(v).trim())
          .refine((v) => /^\d+(\.\d+)?$/.test(v) && Number(v) > 0, 'Fill amount must be greater than 0'),
        unit: z.string().trim().min(1).max(40),
      }),
    )
    .default({}),
  /** Required when the final quantity is far above the plan (docs/rules/production-outputs.md). */
  confirmOverPlan: z.boolean().default(false),
  /** The part of the final quantity that was lost (spilled, failed); its share of the cost is recorded. */
  wasteQuantity: z
    .union([z.string(), z.number()])
    .transform(String)
    .refine((v) => /^\d+(\.\d+)?$/.test(v), 'Enter a number')
    .optional(),
  wasteReason: z.string().trim().max(500).optional(),
  isPerishable: z.boolean().default(false),
  shelfLifeDays: z.number().int().min(1).max(3650).optional(),
  expiresAt: z.coerce.date().optional(),
});
export type CompleteInput = z.output<typeof CompleteInputSchema>;

export const ListBatchesInputSchema = z.object({
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(100).default(20),
  search: z.string().trim().max(100).optional(),
  status: z.enum(BATCH_STATUSES).optional(),
  recipeId: z.uuid().optional(),
  sort: z.enum(BATCH_SORTS).default('startedAt'),
  direction: z.enum(['asc', 'desc']).default('desc'),
});
