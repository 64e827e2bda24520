import { z } from 'zod';
import { PositiveDecimal } from './inventory.ts';
import { PlanInputSchema } from './planning.ts';
import { Count, DateInput, INT4_MAX, MultilineText, PageNumber, PageSize, Text, quantity } from './primitives.ts';

export const BATCH_STATUSES = ['in_progress', 'completed', 'failed', 'cancelled'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];
export const BATCH_SORTS = ['startedAt', 'label', 'status'] as const;
export const StartBatchInputSchema = PlanInputSchema.extend({ force: z.boolean().default(false) });
export const BatchIdSchema = z.object({ batchId: z.uuid() });
export const NoteInputSchema = z.object({
  batchId: z.uuid(),
  text: MultilineText().min(1, 'Write a note').max(2000),
});
export const TagsInputSchema = z.object({ batchId: z.uuid(), tags: z.array(Text().min(1).max(40)).max(20) });
export const ReasonInputSchema = z.object({
  batchId: z.uuid(),
  reason: MultilineText().min(3, 'Give a reason').max(1000),
});

export const EXTRA_KINDS = ['ingredient', 'consumable', 'container'] as const;
export const EXTRA_REASONS = ['extra_use', 'extra_yield', 'damaged'] as const;
export const ExtraLineSchema = z.object({
  kind: z.enum(EXTRA_KINDS),
  itemId: z.uuid({ message: 'Choose an item' }),
  quantity: PositiveDecimal,
  unit: Text().min(1).max(40).optional(),
  reason: z.enum(EXTRA_REASONS).default('extra_use'),
});
export const ExtrasInputSchema = z.object({
  batchId: z.uuid(),
  lines: z.array(ExtraLineSchema).min(1, 'Add at least one extra').max(50),
});

export const TimerCreateSchema = z.object({
  batchId: z.uuid(),
  name: Text().max(60).default('Timer'),
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
  outputUnit: Text().min(1).max(40),
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
      if (n > INT4_MAX) {
        c.addIssue({ code: 'custom', message: 'Portions must be at most 2,147,483,647.' });
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
  containerCounts: z.record(z.uuid(), Count(0, 'Containers filled')).default({}),
  /** What one container of each type was filled with, when not its capacity (or the plan's fill amount). */
  containerFills: z
    .record(
      z.uuid(),
      z.object({
        amount: quantity({ sign: 'positive', label: 'Fill amount' }),
        unit: Text().min(1).max(40),
      }),
    )
    .default({}),
  /** Required when the final quantity is far above the plan (docs/rules/production-outputs.md). */
  confirmOverPlan: z.boolean().default(false),
  /** The part of the final quantity that was lost (spilled, failed); its share of the cost is recorded. */
  wasteQuantity: quantity({ sign: 'nonNegative', label: 'Waste' }).optional(),
  wasteReason: MultilineText().max(500).optional(),
  isPerishable: z.boolean().default(false),
  shelfLifeDays: Count(1, 'Shelf life', 3650, ' days').optional(),
  expiresAt: DateInput().optional(),
});
export type CompleteInput = z.output<typeof CompleteInputSchema>;

/** Tracing back from a batch, or from a lot to the batch that made it. */
export const TraceBackwardInputSchema = z
  .object({ batchId: z.uuid().optional(), lotId: z.uuid().optional() })
  .refine((v) => v.batchId || v.lotId, { message: 'Give a batch or a lot', path: ['batchId'] });
/** A lot code or a batch label, as printed on a label: what the trace page's search box takes. */
export const TraceFindInputSchema = z.object({
  code: Text().min(1, 'Enter a lot code or a batch label').max(120),
});
export const TraceForwardInputSchema = z.object({ lotId: z.uuid({ message: 'Choose a lot' }) });
/** The recall CSV: backward from a batch or a lot, forward from a lot (the id that direction needs is required). */
export const RecallCsvInputSchema = z
  .object({ direction: z.enum(['backward', 'forward']), batchId: z.uuid().optional(), lotId: z.uuid().optional() })
  .superRefine((v, ctx) => {
    if (v.direction === 'forward' && !v.lotId)
      ctx.addIssue({ code: 'custom', message: 'Choose the lot to trace forward from', path: ['lotId'] });
    if (v.direction === 'backward' && !v.batchId && !v.lotId)
      ctx.addIssue({ code: 'custom', message: 'Choose the batch or lot to trace back from', path: ['batchId'] });
  });

export const ListBatchesInputSchema = z.object({
  page: PageNumber().default(1),
  pageSize: PageSize(100).default(20),
  search: Text().max(100).optional(),
  status: z.enum(BATCH_STATUSES).optional(),
  recipeId: z.uuid().optional(),
  sort: z.enum(BATCH_SORTS).default('startedAt'),
  direction: z.enum(['asc', 'desc']).default('desc'),
});
