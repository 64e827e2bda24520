import { z } from 'zod';
import { DecimalString } from './inventory.ts';
import { PageInputSchema } from './orgs.ts';
import { Count, JsonRecord, MultilineText, Text, decimal, rate } from './primitives.ts';

export const RECIPE_STATUSES = ['draft', 'published'] as const;
export type RecipeStatus = (typeof RECIPE_STATUSES)[number];
export const LINE_KINDS = ['ingredient', 'consumable'] as const;
/** The recipe list's status filter and sort columns (the list page reads them from its address). */
export const RECIPE_STATUS_FILTERS = ['all', ...RECIPE_STATUSES] as const;
export const RECIPE_SORTS = ['name', 'updatedAt', 'createdAt', 'versionNumber'] as const;

/** One ingredient or consumable line. Quantity > 0 and unit convertibility are checked by the domain, naming the line. */
export const RecipeLineInputSchema = z.object({
  kind: z.enum(LINE_KINDS).default('ingredient'),
  itemId: z.uuid({ message: 'Choose an item for every line.' }),
  /** The amount; optional on a percentage line, whose amount is computed from its percentage. */
  quantity: DecimalString.optional(),
  unit: Text().min(1, 'Choose a unit for every line.').max(40),
  notes: MultilineText().max(500).nullish(),
  /** A percentage line: `percent` % of the batch size, or of the line whose item is `percentOf`. */
  percent: decimal('percent', { label: 'Percentage' }).nullish(),
  percentOf: z.union([z.literal('batch'), z.uuid()]).nullish(),
});
export type RecipeLineInput = z.output<typeof RecipeLineInputSchema>;

/** The editable content of a recipe version. Name length and required fields are checked by the domain. */
export const RecipeContentSchema = z.object({
  name: Text().max(200),
  status: z.enum(RECIPE_STATUSES).default('published'),
  predictedYield: DecimalString.nullish(),
  yieldUnit: Text().min(1).max(40).default('oz'),
  isPortioned: z.boolean().default(false),
  portionName: Text().max(60).nullish(),
  portionCount: Count(0, 'Portion count').nullish(),
  productCategoryId: z.uuid().nullish(),
  categoryData: JsonRecord().default({}),
  instructions: MultilineText().max(20_000).default(''),
  allowedContainerIds: z.array(z.uuid()).max(200).default([]),
  /** g/ml of what the recipe makes (planning fills volume containers from a weight recipe with it). */
  density: rate({ label: 'Density (g/mL)' }).nullish(),
  /** What "percent of the batch" lines are shares of; defaults to the predicted yield. */
  batchSize: DecimalString.refine((v) => Number(v) > 0, 'Batch size must be greater than 0').nullish(),
  batchSizeUnit: Text().min(1).max(40).nullish(),
  /** Days the output cures before it is ready: soap 28–42, candles 7–14. */
  cureDays: z.number().int().min(0, 'Cure time cannot be negative').max(365, 'Cure time is at most 365 days').nullish(),
  lines: z.array(RecipeLineInputSchema).max(200).default([]),
});
export type RecipeContent = z.output<typeof RecipeContentSchema>;

/** A label prefix: 1–8 letters or digits, upper-cased (docs/rules/recipes.md, Label prefixes). */
export const LabelPrefixSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{1,8}$/, 'Prefix: 1–8 letters or digits');
/** A form's empty prefix field means "generate it from the name". */
const OptionalPrefix = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
  LabelPrefixSchema.optional(),
);

export const CreateRecipeInputSchema = RecipeContentSchema.extend({
  /** The group's label prefix; generated from the name when left empty. */
  labelPrefix: OptionalPrefix,
});
export type CreateRecipeInput = z.input<typeof CreateRecipeInputSchema>;

const RecipeId = z.object({ recipeId: z.uuid() });
export const RecipeIdSchema = RecipeId;

/** Omitted fields keep their value; `lines`, when given, replaces every line. */
export const UpdateRecipeInputSchema = RecipeId.extend({
  name: Text().max(200).optional(),
  status: z.enum(RECIPE_STATUSES).optional(),
  predictedYield: DecimalString.nullish(),
  yieldUnit: Text().min(1).max(40).optional(),
  isPortioned: z.boolean().optional(),
  portionName: Text().max(60).nullish(),
  portionCount: Count(0, 'Portion count').nullish(),
  productCategoryId: z.uuid().nullish(),
  categoryData: JsonRecord().optional(),
  instructions: MultilineText().max(20_000).optional(),
  allowedContainerIds: z.array(z.uuid()).max(200).optional(),
  /** g/ml of what the recipe makes (planning fills volume containers from a weight recipe with it). */
  density: rate({ label: 'Density (g/mL)' }).nullish(),
  /** What "percent of the batch" lines are shares of; defaults to the predicted yield. */
  batchSize: DecimalString.refine((v) => Number(v) > 0, 'Batch size must be greater than 0').nullish(),
  batchSizeUnit: Text().min(1).max(40).nullish(),
  /** Days the output cures before it is ready: soap 28–42, candles 7–14. */
  cureDays: z.number().int().min(0, 'Cure time cannot be negative').max(365, 'Cure time is at most 365 days').nullish(),
  lines: z.array(RecipeLineInputSchema).max(200).optional(),
  /** Edit a published version anyway (logged as EDIT_OVERRIDE). */
  force: z.boolean().default(false),
});
export type UpdateRecipeInput = z.input<typeof UpdateRecipeInputSchema>;

/** Content overrides for a derived recipe (variation or test): omitted fields are copied from the base. */
const Overrides = UpdateRecipeInputSchema.omit({ recipeId: true, force: true, name: true });

export const CreateVariationInputSchema = Overrides.extend({
  parentId: z.uuid(),
  variationName: Text().min(1, 'Variation name is required.').max(100),
  variationPrefix: OptionalPrefix,
});
export type CreateVariationInput = z.input<typeof CreateVariationInputSchema>;

export const CreateTestInputSchema = Overrides.omit({ status: true }).extend({ recipeId: z.uuid() });
export type CreateTestInput = z.input<typeof CreateTestInputSchema>;

export const PromoteToNewGroupInputSchema = RecipeId.extend({ name: Text().min(2).max(100).optional() });

export const ListRecipesInputSchema = PageInputSchema.extend({
  status: z.enum(RECIPE_STATUS_FILTERS).default('all'),
  archived: z.boolean().default(false),
  /** Only the current version of each branch (plus drafts never published). */
  currentOnly: z.boolean().default(false),
  includeTests: z.boolean().default(true),
  sort: z.enum(RECIPE_SORTS).default('name'),
  direction: z.enum(['asc', 'desc']).default('asc'),
});
export type ListRecipesInput = z.input<typeof ListRecipesInputSchema>;

export const GroupIdSchema = z.object({ groupId: z.uuid() });
/** A group's label prefix, edited; empty generates one from the group name again. */
export const SetLabelPrefixInputSchema = GroupIdSchema.extend({ prefix: OptionalPrefix });
export type SetLabelPrefixInput = z.input<typeof SetLabelPrefixInputSchema>;
export const DiffInputSchema = z.object({ fromId: z.uuid(), toId: z.uuid() });

const Scale = DecimalString.default('1');
export const CostCardInputSchema = RecipeId.extend({ scale: Scale });
export const ScaleInputSchema = RecipeId.extend({
  scale: DecimalString.optional(),
  targetYield: DecimalString.optional(),
});
