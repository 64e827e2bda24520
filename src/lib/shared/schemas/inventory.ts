import { z } from 'zod';
import { CHANGE_TYPES } from '../change-types.ts';
import { PageInputSchema } from './orgs.ts';

/** Exact decimals travel as strings; JavaScript numbers are accepted from forms and converted once. */
export const DecimalString = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .refine((v) => /^-?\d+(\.\d+)?$/.test(v), 'Enter a number');
export const PositiveDecimal = DecimalString.refine((v) => Number(v) > 0, 'Quantity must be greater than 0.');
export const NonNegativeDecimal = DecimalString.refine((v) => Number(v) >= 0, 'Must be zero or greater');

export const ITEM_TYPES = ['ingredient', 'container', 'consumable', 'packaging', 'product'] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

export const MovementInputSchema = z.object({
  itemId: z.uuid(),
  changeType: z.enum(CHANGE_TYPES),
  /** Required for every type but recount (targetQuantity) and cost_override (unitCost). */
  quantity: PositiveDecimal.optional(),
  targetQuantity: NonNegativeDecimal.optional(),
  /** Unit of quantity/targetQuantity/unitCost; defaults to the item's unit. */
  unit: z.string().trim().min(1).max(40).optional(),
  unitCost: NonNegativeDecimal.optional(),
  totalCost: NonNegativeDecimal.optional(),
  expiresAt: z.coerce.date().optional(),
  receivedAt: z.coerce.date().optional(),
  supplier: z.string().trim().max(120).optional(),
  notes: z.string().trim().max(500).optional(),
  batchId: z.string().max(64).optional(),
  orderId: z.string().max(64).optional(),
  /** Overrides the generated event code (a batch uses its label). */
  eventCode: z.string().max(64).optional(),
  /** Overrides the valuation method (a batch locks its own). */
  valuationMethod: z.enum(['fifo', 'average']).optional(),
});
export type MovementInput = z.input<typeof MovementInputSchema>;

export const ReverseInputSchema = z.object({
  movementId: z.uuid(),
  reason: z.string().trim().min(3, 'Give a reason for the reversal').max(500),
});

export const CreateItemInputSchema = z.object({
  /** Containers may leave the name empty: it is built from their attributes. */
  name: z.string().trim().max(120).default(''),
  itemType: z.enum(ITEM_TYPES).default('ingredient'),
  unit: z.string().trim().min(1).max(40).optional(),
  density: DecimalString.refine((v) => Number(v) > 0, 'Density must be greater than 0 g/mL').optional(),
  ingredientCategoryId: z.uuid().optional(),
  inventoryCategoryId: z.uuid().optional(),
  lowStockThreshold: NonNegativeDecimal.optional(),
  isPerishable: z.boolean().default(false),
  shelfLifeDays: z.number().int().min(1).max(3650).optional(),
  capacity: PositiveDecimal.optional(),
  capacityUnit: z.string().trim().max(40).optional(),
  containerMaterial: z.string().trim().max(40).optional(),
  containerType: z.string().trim().max(40).optional(),
  containerStyle: z.string().trim().max(40).optional(),
  containerColor: z.string().trim().max(40).optional(),
  isTracked: z.boolean().default(true),
  openingQuantity: NonNegativeDecimal.optional(),
  costEntry: z.enum(['per_unit', 'total']).default('per_unit'),
  cost: NonNegativeDecimal.optional(),
  expiresAt: z.coerce.date().optional(),
});

export const UpdateItemInputSchema = z.object({
  itemId: z.uuid(),
  name: z.string().trim().min(1, 'Item name is required').max(120).optional(),
  density: DecimalString.refine((v) => Number(v) > 0, 'Density must be greater than 0 g/mL')
    .nullable()
    .optional(),
  lowStockThreshold: NonNegativeDecimal.nullable().optional(),
  shelfLifeDays: z.number().int().min(1).max(3650).nullable().optional(),
  isPerishable: z.boolean().optional(),
  ingredientCategoryId: z.uuid().nullable().optional(),
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
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(200).default(25),
});

export const InventoryCategoryInputSchema = z.object({
  name: z.string().trim().min(1, 'Category name is required').max(60),
  itemType: z.enum(ITEM_TYPES),
});
