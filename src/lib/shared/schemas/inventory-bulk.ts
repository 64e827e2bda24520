// Bulk stock updates and the tracked/infinite switch (docs/rules/bulk-updates.md, docs/rules/infinite-items.md).
import { z } from 'zod';
import { MultilineText, Text } from './primitives.ts';
import { CsvInputSchema, ITEM_TYPES } from './inventory.ts';

export const BULK_ACTIONS = ['restock', 'create', 'use', 'spoil', 'trash'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];
export const BULK_MAX_LINES = 500;

/**
 * One line. Numbers travel as text and are checked by the domain, line by line, so one request answers
 * with every line's problem at once (a zero quantity is a line error, not a refused request).
 */
export const BulkLineSchema = z.object({
  action: z.enum(BULK_ACTIONS),
  /** restock, use, spoil, trash: the item. */
  itemId: z.uuid().optional(),
  /** create: the new item's name, type and unit. */
  name: Text().max(120).optional(),
  itemType: z.enum(ITEM_TYPES).optional(),
  /** create: a library item the new item is made from and linked to (docs/rules/library.md). */
  globalItemId: z.uuid().optional(),
  /** The unit of quantity and unitCost; for create, the new item's unit. Defaults to the item's unit. */
  unit: Text().max(40).optional(),
  quantity: Text().max(40),
  /** Cost per `unit` (restock, create). */
  unitCost: Text().max(40).optional(),
  notes: MultilineText().max(500).optional(),
});
export type BulkLine = z.input<typeof BulkLineSchema>;

export const BulkUpdateInputSchema = z.object({
  /** draft: check and normalise every line, save nothing. apply: all or nothing. */
  mode: z.enum(['draft', 'apply']).default('draft'),
  lines: z
    .array(BulkLineSchema)
    .min(1, 'Add at least one line')
    .max(BULK_MAX_LINES, `At most ${BULK_MAX_LINES} lines at once`),
});
export type BulkUpdateInput = z.input<typeof BulkUpdateInputSchema>;

/** The CSV import with "update existing items": matching rows restock through the bulk function. */
export const ImportInputSchema = CsvInputSchema.extend({ updateExisting: z.boolean().default(false) });

export const SetTrackingInputSchema = z.object({
  itemId: z.uuid(),
  tracked: z.boolean(),
  /** Required to switch to infinite: every open lot is drained. */
  confirmDrain: z.boolean().default(false),
});
