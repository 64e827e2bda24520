import { z } from 'zod';
import { CHANGE_TYPES } from '../change-types.ts';
import { PageInputSchema } from './orgs.ts';
import { CSV_IMPORT_MAX_BYTES } from '../limits.ts';
import {
  Count,
  DateInput,
  MultilineText,
  PageNumber,
  PageSize,
  Text,
  decimal,
  hasControlCharacters,
  money,
  quantity,
  rate,
  unitCost,
} from './primitives.ts';

/** Quantities travel as exact decimal strings of the quantity kind (primitives.ts: at most 6 decimals). */
export const DecimalString = quantity();
export const PositiveDecimal = quantity({ sign: 'positive' });
export const NonNegativeDecimal = quantity({ sign: 'nonNegative' });
const ShelfLifeDays = Count(1, 'Shelf life', 3650, ' days');
const UnitName = () => Text().min(1, 'Choose a unit').max(40);
/** A diameter (candle jars, wick ranges): Decimal(12, 4). */
const Diameter = decimal('diameter', { sign: 'positive' });

export const ITEM_TYPES = ['ingredient', 'container', 'consumable', 'packaging', 'product'] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

export const MovementInputSchema = z.object({
  itemId: z.uuid(),
  changeType: z.enum(CHANGE_TYPES),
  /** Required for every type but recount (targetQuantity) and cost_override (unitCost). */
  quantity: PositiveDecimal.optional(),
  targetQuantity: quantity({ sign: 'nonNegative', label: 'Counted quantity' }).optional(),
  /** Unit of quantity/targetQuantity/unitCost; defaults to the item's unit. */
  unit: UnitName().optional(),
  unitCost: unitCost().optional(),
  totalCost: money({ label: 'Total cost' }).optional(),
  expiresAt: DateInput().optional(),
  receivedAt: DateInput().optional(),
  supplier: Text().max(120).optional(),
  notes: MultilineText().max(500).optional(),
  batchId: Text().max(64).optional(),
  orderId: Text().max(64).optional(),
  /** Overrides the generated event code (a batch uses its label). */
  eventCode: Text().max(64).optional(),
  /** Overrides the valuation method (a batch locks its own). */
  valuationMethod: z.enum(['fifo', 'average']).optional(),
});
export type MovementInput = z.input<typeof MovementInputSchema>;

export const ReverseInputSchema = z.object({
  movementId: z.uuid(),
  reason: MultilineText().min(3, 'Give a reason for the reversal').max(500),
});

export const CreateItemInputSchema = z.object({
  /** Containers may leave the name empty: it is built from their attributes. */
  name: Text().max(120).default(''),
  itemType: z.enum(ITEM_TYPES).default('ingredient'),
  unit: UnitName().optional(),
  density: rate({ label: 'Density (g/mL)' }).optional(),
  ingredientCategoryId: z.uuid().optional(),
  inventoryCategoryId: z.uuid().optional(),
  lowStockThreshold: quantity({ sign: 'nonNegative', label: 'Low-stock threshold' }).optional(),
  isPerishable: z.boolean().default(false),
  shelfLifeDays: ShelfLifeDays.optional(),
  capacity: quantity({ sign: 'positive', label: 'Capacity' }).optional(),
  capacityUnit: Text().max(40).optional(),
  containerMaterial: Text().max(40).optional(),
  containerType: Text().max(40).optional(),
  containerStyle: Text().max(40).optional(),
  containerColor: Text().max(40).optional(),
  /** A container's opening diameter (candle jars), and a wick's suitable diameter range, in diameterUnit. */
  diameter: Diameter.nullish(),
  wickMinDiameter: Diameter.nullish(),
  wickMaxDiameter: Diameter.nullish(),
  diameterUnit: UnitName().nullish(),
  isTracked: z.boolean().default(true),
  openingQuantity: quantity({ sign: 'nonNegative', label: 'Opening quantity' }).optional(),
  costEntry: z.enum(['per_unit', 'total']).default('per_unit'),
  /** Per unit (unit-cost kind) or the total paid, as costEntry says. */
  cost: unitCost({ label: 'Cost' }).optional(),
  expiresAt: DateInput().optional(),
  /** A library item to link (docs/rules/library.md): the item takes its density, unit and capacity. */
  globalItemId: z.uuid().optional(),
});

export const UpdateItemInputSchema = z.object({
  itemId: z.uuid(),
  name: Text().min(1, 'Item name is required').max(120).optional(),
  density: rate({ label: 'Density (g/mL)' }).nullable().optional(),
  lowStockThreshold: quantity({ sign: 'nonNegative', label: 'Low-stock threshold' }).nullable().optional(),
  shelfLifeDays: ShelfLifeDays.nullable().optional(),
  isPerishable: z.boolean().optional(),
  ingredientCategoryId: z.uuid().nullable().optional(),
  /** A container's opening diameter (candle jars), and a wick's suitable diameter range, in diameterUnit. */
  diameter: Diameter.nullish(),
  wickMinDiameter: Diameter.nullish(),
  wickMaxDiameter: Diameter.nullish(),
  diameterUnit: UnitName().nullish(),
});

export const INVENTORY_FILTERS = ['all', 'low_stock', 'out_of_stock', 'expired', 'archived'] as const;
export const INVENTORY_SORTS = ['name', 'quantity', 'costPerUnit', 'updatedAt'] as const;

export const ListItemsInputSchema = PageInputSchema.extend({
  itemType: z.enum(ITEM_TYPES).optional(),
  categoryId: z.uuid().optional(),
  filter: z.enum(INVENTORY_FILTERS).default('all'),
  sort: z.enum(INVENTORY_SORTS).default('name'),
  direction: z.enum(['asc', 'desc']).default('asc'),
});

export const HistoryInputSchema = z.object({
  itemId: z.uuid(),
  page: PageNumber().default(1),
  pageSize: PageSize(200).default(25),
});

export const InventoryCategoryInputSchema = z.object({
  name: Text().min(1, 'Category name is required').max(60),
  itemType: z.enum(ITEM_TYPES),
});

/** A CSV file to import: at most CSV_IMPORT_MAX_BYTES of UTF-8 (the request body limit follows from it). */
export const CsvInputSchema = z.object({
  csv: z
    .string()
    .min(1, 'The file is empty')
    .refine((s) => !hasControlCharacters(s, true), 'The file contains control characters (such as NUL)')
    .refine(
      (s) => s.length <= CSV_IMPORT_MAX_BYTES && new TextEncoder().encode(s).length <= CSV_IMPORT_MAX_BYTES,
      `The file is larger than ${CSV_IMPORT_MAX_BYTES / (1024 * 1024)} MB`,
    ),
});
/** Lots expiring within this many days (the expiring page). */
export const ExpiringInputSchema = z.object({ within: Count(1, 'Days', 365).optional() }).optional();
/** Writing off an item's expired lots. */
export const DisposeExpiredInputSchema = z.object({ itemId: z.uuid(), notes: MultilineText().max(500).optional() });
