// Inputs of the item library (docs/rules/library.md): the public pages, the console and the links.
import { z } from 'zod';
import { PageInputSchema } from './orgs.ts';
import { CsvInputSchema } from './inventory.ts';
import { Count, Text, quantity, rate } from './primitives.ts';
import { GLOBAL_ITEM_TYPES } from '../library.ts';

/** g of NaOH or KOH per g of oil, below 1 (a table in mg KOH/g, e.g. 190, is 0.190 here). */
const Sap = (label: string) =>
  rate({ label }).refine((v) => Number(v) < 1, `${label} is grams of lye per gram of oil, below 1 (e.g. 0.135)`);

const Slug = Text()
  .min(1, 'Slug is required')
  .max(120)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Use lower-case letters, digits and single hyphens');

const Optional40 = Text().max(40).nullish();

/** Fatty acids in percent: at most 20 names, each 0-100. */
const FattyAcids = z
  .record(
    Text()
      .min(1)
      .max(40)
      .regex(/^[a-z][a-z0-9_]*$/, 'Fatty acid names are lower-case words, e.g. oleic'),
    z.number().min(0).max(100),
  )
  .refine((r) => Object.keys(r).length <= 20, 'At most 20 fatty acids')
  .refine((r) => Object.values(r).reduce((a, b) => a + b, 0) <= 100.5, 'The fatty acids add up to more than 100%');

export const GlobalItemFieldsSchema = z.object({
  name: Text().min(1, 'Name is required').max(120),
  /** Left empty, it is made from the name. */
  slug: Slug.optional(),
  aliases: z.array(Text().min(1).max(80)).max(30).default([]),
  itemType: z.enum(GLOBAL_ITEM_TYPES).default('ingredient'),
  defaultUnit: Text().min(1, 'Choose a unit').max(40),
  density: rate({ label: 'Density (g/mL)' }).nullish(),
  /** An ingredient category by name (reference data). */
  ingredientCategory: Text().max(60).nullish(),
  isPerishable: z.boolean().default(false),
  shelfLifeDays: Count(1, 'Shelf life', 3650, ' days').nullish(),
  inciName: Text().max(200).nullish(),
  sapNaoh: Sap('SAP (NaOH)').nullish(),
  sapKoh: Sap('SAP (KOH)').nullish(),
  fattyAcids: FattyAcids.nullish(),
  capacity: quantity({ sign: 'positive', label: 'Capacity' }).nullish(),
  capacityUnit: Optional40,
  containerMaterial: Optional40,
  containerType: Optional40,
  containerColor: Optional40,
});
export type GlobalItemFields = z.input<typeof GlobalItemFieldsSchema>;

export const CreateGlobalItemInputSchema = GlobalItemFieldsSchema;
export const UpdateGlobalItemInputSchema = GlobalItemFieldsSchema.extend({ globalItemId: z.uuid() });
export const GlobalItemRefSchema = z.object({ globalItemId: z.uuid() });
export const GlobalItemImportInputSchema = CsvInputSchema;

export const GLOBAL_ITEM_SORTS = ['name', 'itemType', 'updatedAt'] as const;
export const LIBRARY_FILTERS = ['active', 'archived', 'all'] as const;
export const ListGlobalItemsInputSchema = PageInputSchema.extend({
  sort: z.enum(GLOBAL_ITEM_SORTS).default('name'),
  direction: z.enum(['asc', 'desc']).default('asc'),
  itemType: z.enum(GLOBAL_ITEM_TYPES).optional(),
  /** The console also lists archived items; the public library never does. */
  status: z.enum(LIBRARY_FILTERS).default('active'),
});
export type ListGlobalItemsInput = z.input<typeof ListGlobalItemsInputSchema>;

export const PublicListInputSchema = PageInputSchema.extend({
  sort: z.enum(GLOBAL_ITEM_SORTS).default('name'),
  direction: z.enum(['asc', 'desc']).default('asc'),
  itemType: z.enum(GLOBAL_ITEM_TYPES).optional(),
});
export const LibrarySlugSchema = z.object({ slug: Slug });
export const TypeaheadInputSchema = z.object({ q: Text().max(100) });

export const SaveToInventoryInputSchema = z.object({ globalItemId: z.uuid() });
export const ItemRefSchema = z.object({ itemId: z.uuid() });
export const LinkItemInputSchema = z.object({ itemId: z.uuid(), globalItemId: z.uuid() });
