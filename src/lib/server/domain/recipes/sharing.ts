// Recipe sharing across organizations (docs/rules/recipe-sharing.md): an organization marks a published
// recipe public; every signed-in organization browses the library and reads the formula as a percentage
// of the batch. The library reads across organizations through the raw client, so each read here names
// exactly what leaves: the recipe's own content, never a cost, an id of the seller's items, its stock,
// its batches or anything else of its organization.
import type { z } from 'zod';
import { Prisma, type PrismaClient } from '../../db/client.ts';
import type { TenantDb } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { AppError } from '../../errors.ts';
import {
  ListLibraryInputSchema,
  PublicRecipeIdSchema,
  SetRecipePublicInputSchema,
} from '../../../shared/schemas/recipe-library.ts';
import { loadUnitCatalog } from '../units/catalog.ts';
import { convertUnits, type UnitCatalog } from '../units/rules.ts';
import { batchSizeOf, shareOfBatch } from './percentages.ts';
import { fmtDec } from './rules.ts';
import { RECIPE_SUMMARY, loadRecipe, logLineage } from './store.ts';

/** What makes a recipe row listable: public, published, a version (not a test), not archived, of a live organization. */
export const LISTED: Prisma.RecipeWhereInput = {
  isPublic: true,
  status: 'published',
  testSequence: null,
  isArchived: false,
  organization: { isActive: true },
};

/**
 * Marks a version public or private. Only a published, non-archived version that is not a test may be
 * public, and not a clone from another organization (it is not shareable onward).
 */
export async function setRecipePublic(db: TenantDb, ctx: OrgCtx, raw: z.input<typeof SetRecipePublicInputSchema>) {
  const input = SetRecipePublicInputSchema.parse(raw);
  return db.$transaction(async (tx) => {
    const r = await loadRecipe(tx, input.recipeId);
    if (input.isPublic && r.isPublic === false) {
      if (!r.isShareable)
        throw new AppError(
          'INVALID_STATE',
          'This recipe was cloned from another organization, so it cannot be shared on.',
        );
      if (r.testSequence !== null) throw new AppError('INVALID_STATE', 'Tests cannot be made public.');
      if (r.isArchived) throw new AppError('INVALID_STATE', 'Archived recipes cannot be made public.');
      if (r.status !== 'published') throw new AppError('INVALID_STATE', 'Publish the recipe before making it public.');
    }
    if (r.isPublic !== input.isPublic) {
      await tx.recipe.update({ where: { id: r.id }, data: { isPublic: input.isPublic } });
      await logLineage(tx, ctx, r.id, input.isPublic ? 'SHARE_PUBLIC' : 'SHARE_PRIVATE', null);
    }
    return {
      ...(await tx.recipe.findUniqueOrThrow({ where: { id: r.id }, select: RECIPE_SUMMARY })),
      isPublic: input.isPublic,
    };
  });
}

const CARD_SELECT = {
  id: true,
  name: true,
  organizationId: true,
  predictedYield: true,
  yieldUnit: true,
  isPortioned: true,
  portionName: true,
  portionCount: true,
  updatedAt: true,
  productCategory: { select: { name: true } },
  _count: { select: { lines: true } },
} as const;
type CardRow = Prisma.RecipeGetPayload<{ select: typeof CARD_SELECT }>;

/** A library card: the recipe's own facts and whether it is the viewer's own. */
function card(r: CardRow, ctx: OrgCtx) {
  return {
    id: r.id,
    name: r.name,
    category: r.productCategory?.name ?? null,
    predictedYield: r.predictedYield ? fmtDec(r.predictedYield) : null,
    yieldUnit: r.yieldUnit,
    portions: r.isPortioned && r.portionCount ? { count: r.portionCount, name: r.portionName ?? 'portion' } : null,
    lineCount: r._count.lines,
    updatedAt: r.updatedAt,
    isMine: r.organizationId === ctx.organizationId,
  };
}

/** The library: every organization's public recipes, newest first, searched by name. */
export async function listLibrary(raw: PrismaClient, ctx: OrgCtx, input: z.input<typeof ListLibraryInputSchema>) {
  const q = ListLibraryInputSchema.parse(input);
  const where: Prisma.RecipeWhereInput = {
    ...LISTED,
    ...(q.search ? { name: { contains: q.search, mode: 'insensitive' } } : {}),
  };
  const [total, rows] = await Promise.all([
    raw.recipe.count({ where }),
    raw.recipe.findMany({
      where,
      orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }],
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
      select: CARD_SELECT,
    }),
  ]);
  return { total, page: q.page, pageSize: q.pageSize, rows: rows.map((r) => card(r, ctx)) };
}

/** A listed recipe with its lines and their items, for reading or cloning; NOT_FOUND unless it is listed. */
export async function loadListed(raw: PrismaClient, publicRecipeId: string) {
  const r = await raw.recipe.findFirst({
    where: { id: publicRecipeId, ...LISTED },
    include: {
      productCategory: { select: { name: true } },
      lines: {
        orderBy: [{ position: 'asc' }, { id: 'asc' }],
        include: {
          item: {
            select: {
              id: true,
              name: true,
              unit: true,
              itemType: true,
              density: true,
              isPerishable: true,
              shelfLifeDays: true,
              ingredientCategoryId: true,
              globalItemId: true,
              ingredientCategory: { select: { defaultDensity: true } },
            },
          },
        },
      },
    },
  });
  if (!r) throw new AppError('NOT_FOUND', 'Recipe not found.');
  return r;
}
export type ListedRecipe = Awaited<ReturnType<typeof loadListed>>;

const HUNDRED = new Prisma.Decimal(100);

/**
 * Every line's share in %: of the batch (its size, else the predicted yield) when the line converts to the
 * batch's unit; otherwise, when no line does (a soap yielding 10 bars), of the ingredients' total weight.
 * Consumables (a wick, a label) are no share of anything and keep their amount per batch.
 */
export function formulaShares(catalog: UnitCatalog, r: ListedRecipe) {
  const batch = batchSizeOf({
    batchSize: r.batchSize?.toString() ?? null,
    batchSizeUnit: r.batchSizeUnit,
    predictedYield: r.predictedYield?.toString() ?? null,
    yieldUnit: r.yieldUnit,
  });
  const density = (l: ListedRecipe['lines'][number]) =>
    l.item.density ?? l.item.ingredientCategory?.defaultDensity ?? null;
  const ingredients = r.lines.filter((l) => l.kind === 'ingredient');
  let shares = new Map(ingredients.map((l) => [l.id, shareOfBatch(catalog, l.quantity, l.unit, batch, density(l))]));
  let basis: 'batch' | 'weight' = 'batch';
  if (ingredients.length && [...shares.values()].every((s) => s === null)) {
    const grams = new Map(
      ingredients.map((l) => {
        const c = convertUnits(catalog, { amount: l.quantity, from: l.unit, to: 'gram', density: density(l) });
        return [l.id, c.ok ? c.value : null];
      }),
    );
    const total = [...grams.values()].reduce<Prisma.Decimal>((s, g) => (g ? s.plus(g) : s), new Prisma.Decimal(0));
    if (total.gt(0)) {
      basis = 'weight';
      shares = new Map(
        [...grams].map(([id, g]) => [
          id,
          g ? g.div(total).times(HUNDRED).toDecimalPlaces(4, Prisma.Decimal.ROUND_HALF_UP).toString() : null,
        ]),
      );
    }
  }
  return { batch, basis, shares };
}

/** One public recipe as the library shows it: the formula in %, yield, portions and instructions. No costs. */
export async function getLibraryRecipe(
  raw: PrismaClient,
  db: TenantDb,
  ctx: OrgCtx,
  input: z.input<typeof PublicRecipeIdSchema>,
) {
  const { publicRecipeId } = PublicRecipeIdSchema.parse(input);
  const r = await loadListed(raw, publicRecipeId);
  const { batch, basis, shares } = formulaShares(await loadUnitCatalog(db), r);
  return {
    id: r.id,
    name: r.name,
    category: r.productCategory?.name ?? null,
    predictedYield: r.predictedYield ? fmtDec(r.predictedYield) : null,
    yieldUnit: r.yieldUnit,
    portions: r.isPortioned && r.portionCount ? { count: r.portionCount, name: r.portionName ?? 'portion' } : null,
    batchSize: batch ? { quantity: fmtDec(batch.quantity), unit: batch.unit } : null,
    basis,
    cureDays: r.cureDays,
    instructions: r.instructions,
    isMine: r.organizationId === ctx.organizationId,
    lines: r.lines.map((l) => ({
      kind: l.kind,
      name: l.item.name,
      itemType: l.item.itemType,
      percent: l.kind === 'ingredient' ? (shares.get(l.id) ?? null) : null,
      // A consumable is counted per batch (1 wick); an ingredient shows only its share.
      perBatch: l.kind === 'consumable' ? { quantity: fmtDec(l.quantity), unit: l.unit } : null,
      notes: l.notes,
    })),
  };
}
