import { z } from 'zod';
import { DecimalString, NonNegativeDecimal, PositiveDecimal } from './inventory.ts';
import { PageInputSchema } from './orgs.ts';
import { Count, MultilineText, PageNumber, PageSize, Text } from './primitives.ts';

export const SIZE_KINDS = ['bulk', 'container', 'portion'] as const;
export type SizeKind = (typeof SIZE_KINDS)[number];

const ProductName = Text().max(120);
const ShelfLifeDays = Count(1, 'Shelf life', 3650, ' days');

export const CreateProductInputSchema = z.object({
  name: ProductName.default(''),
  description: MultilineText().max(2000).optional(),
  /** Optional: without one the product goes to the "Uncategorized" category. */
  categoryId: z.uuid().optional(),
  lowStockThreshold: NonNegativeDecimal.optional(),
});
export type CreateProductInput = z.input<typeof CreateProductInputSchema>;

export const UpdateProductInputSchema = z.object({
  productId: z.uuid(),
  name: Text().min(1, 'Product name is required').max(120).optional(),
  description: MultilineText().max(2000).optional(),
  categoryId: z.uuid().nullable().optional(),
  lowStockThreshold: NonNegativeDecimal.optional(),
  isActive: z.boolean().optional(),
});
export type UpdateProductInput = z.input<typeof UpdateProductInputSchema>;

export const AddVariantInputSchema = z.object({
  productId: z.uuid(),
  name: Text().max(80).default(''),
});
export type AddVariantInput = z.input<typeof AddVariantInputSchema>;

export const ProductIdSchema = z.object({ productId: z.uuid() });
export const SkuIdSchema = z.object({ skuId: z.uuid() });

export const PRODUCT_SORTS = ['name', 'createdAt', 'skuCount', 'onHand'] as const;
export const ListProductsInputSchema = PageInputSchema.extend({
  sort: z.enum(PRODUCT_SORTS).default('name'),
  direction: z.enum(['asc', 'desc']).default('asc'),
});
export type ListProductsInput = z.input<typeof ListProductsInputSchema>;

export const GetSkuInputSchema = z.object({
  skuId: z.uuid(),
  page: PageNumber().default(1),
  pageSize: PageSize(200).default(25),
});

/** What batch completion (and the manual SKU form) asks for; ensureSkuInTx finds or creates the SKU. */
export const EnsureSkuInputSchema = z.object({
  productId: z.uuid(),
  variantId: z.uuid(),
  sizeKind: z.enum(SIZE_KINDS),
  unit: Text().min(1).max(40),
  containerItemId: z.uuid().optional(),
  containerName: Text().max(120).optional(),
  capacity: DecimalString.optional(),
  capacityUnit: Text().max(40).optional(),
  portionSize: PositiveDecimal.optional(),
  portionUnit: Text().max(40).optional(),
  portionName: Text().max(40).optional(),
  isPerishable: z.boolean().optional(),
  shelfLifeDays: ShelfLifeDays.nullable().optional(),
});
export type EnsureSkuInput = z.input<typeof EnsureSkuInputSchema>;

/** The manual "new bulk SKU" form: a variant of a product and the unit it is counted in. */
export const CreateSkuInputSchema = z.object({
  productId: z.uuid(),
  variantId: z.uuid(),
  unit: Text().min(1, 'Choose a unit').max(40),
  isPerishable: z.boolean().optional(),
  shelfLifeDays: ShelfLifeDays.nullable().optional(),
});
export type CreateSkuInput = z.input<typeof CreateSkuInputSchema>;
