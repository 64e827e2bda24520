import { orgProcedure, router } from '../procedures.ts';
import {
  CostCardInputSchema,
  CreateRecipeInputSchema,
  CreateTestInputSchema,
  CreateVariationInputSchema,
  DiffInputSchema,
  GroupIdSchema,
  ListRecipesInputSchema,
  PromoteToNewGroupInputSchema,
  RecipeIdSchema,
  ScaleInputSchema,
  SetLabelPrefixInputSchema,
  UpdateRecipeInputSchema,
} from '../../../shared/schemas/recipes.ts';
import {
  ListLibraryInputSchema,
  PublicRecipeIdSchema,
  SetRecipePublicInputSchema,
} from '../../../shared/schemas/recipe-library.ts';
import { setLabelPrefix } from '../../domain/recipes/label-prefix.ts';
import { getLibraryRecipe, listLibrary, setRecipePublic } from '../../domain/recipes/sharing.ts';
import { clonePublicRecipe } from '../../domain/recipes/clone-public.ts';
import { createRecipe } from '../../domain/recipes/create-recipe.ts';
import { updateRecipe } from '../../domain/recipes/update-recipe.ts';
import { createVariation } from '../../domain/recipes/create-variation.ts';
import { createTest } from '../../domain/recipes/create-test.ts';
import {
  promoteTest,
  promoteVariationToMaster,
  promoteVariationToNewGroup,
  setCurrent,
} from '../../domain/recipes/promote-recipe.ts';
import { archiveRecipe, cloneRecipe, deleteRecipe, restoreRecipe } from '../../domain/recipes/manage-recipe.ts';
import { diffVersions, getRecipe, listGroupVersions, listRecipes } from '../../domain/recipes/queries.ts';
import { costCard, scaleRecipe } from '../../domain/recipes/cost-card.ts';
import { listProductCategories } from '../../domain/recipes/product-categories.ts';

export const recipesRouter = router({
  list: orgProcedure
    .meta({ permission: 'recipes.view' })
    .input(ListRecipesInputSchema)
    .query(({ ctx, input }) => listRecipes(ctx.tdb, ctx.orgCtx, input)),
  get: orgProcedure
    .meta({ permission: 'recipes.view' })
    .input(RecipeIdSchema)
    .query(({ ctx, input }) => getRecipe(ctx.tdb, ctx.orgCtx, input)),
  versions: orgProcedure
    .meta({ permission: 'recipes.view' })
    .input(GroupIdSchema)
    .query(({ ctx, input }) => listGroupVersions(ctx.tdb, ctx.orgCtx, input)),
  diff: orgProcedure
    .meta({ permission: 'recipes.view' })
    .input(DiffInputSchema)
    .query(({ ctx, input }) => diffVersions(ctx.tdb, ctx.orgCtx, input)),
  costCard: orgProcedure
    .meta({ permission: 'recipes.view' })
    .input(CostCardInputSchema)
    .query(({ ctx, input }) => costCard(ctx.tdb, ctx.orgCtx, input)),
  scale: orgProcedure
    .meta({ permission: 'recipes.view' })
    .input(ScaleInputSchema)
    .query(({ ctx, input }) => scaleRecipe(ctx.tdb, ctx.orgCtx, input)),
  productCategories: orgProcedure
    .meta({ permission: 'recipes.view' })
    .query(({ ctx }) => listProductCategories(ctx.tdb)),
  create: orgProcedure
    .meta({ permission: 'recipes.create' })
    .input(CreateRecipeInputSchema)
    .mutation(({ ctx, input }) => createRecipe(ctx.tdb, ctx.orgCtx, input)),
  clone: orgProcedure
    .meta({ permission: 'recipes.create' })
    .input(RecipeIdSchema)
    .mutation(({ ctx, input }) => cloneRecipe(ctx.tdb, ctx.orgCtx, input)),
  update: orgProcedure
    .meta({ permission: 'recipes.edit' })
    .input(UpdateRecipeInputSchema)
    .mutation(({ ctx, input }) => updateRecipe(ctx.tdb, ctx.orgCtx, input)),
  archive: orgProcedure
    .meta({ permission: 'recipes.edit' })
    .input(RecipeIdSchema)
    .mutation(({ ctx, input }) => archiveRecipe(ctx.tdb, ctx.orgCtx, input)),
  restore: orgProcedure
    .meta({ permission: 'recipes.edit' })
    .input(RecipeIdSchema)
    .mutation(({ ctx, input }) => restoreRecipe(ctx.tdb, ctx.orgCtx, input)),
  setCurrent: orgProcedure
    .meta({ permission: 'recipes.edit' })
    .input(RecipeIdSchema)
    .mutation(({ ctx, input }) => setCurrent(ctx.tdb, ctx.orgCtx, input)),
  promoteTest: orgProcedure
    .meta({ permission: 'recipes.edit' })
    .input(RecipeIdSchema)
    .mutation(({ ctx, input }) => promoteTest(ctx.tdb, ctx.orgCtx, input)),
  createVariation: orgProcedure
    .meta({ permission: 'recipes.create_variations' })
    .input(CreateVariationInputSchema)
    .mutation(({ ctx, input }) => createVariation(ctx.tdb, ctx.orgCtx, input)),
  createTest: orgProcedure
    .meta({ permission: 'recipes.create_variations' })
    .input(CreateTestInputSchema)
    .mutation(({ ctx, input }) => createTest(ctx.tdb, ctx.orgCtx, input)),
  promoteVariationToMaster: orgProcedure
    .meta({ permission: 'recipes.create_variations' })
    .input(RecipeIdSchema)
    .mutation(({ ctx, input }) => promoteVariationToMaster(ctx.tdb, ctx.orgCtx, input)),
  promoteVariationToNewGroup: orgProcedure
    .meta({ permission: 'recipes.create_variations' })
    .input(PromoteToNewGroupInputSchema)
    .mutation(({ ctx, input }) => promoteVariationToNewGroup(ctx.tdb, ctx.orgCtx, input)),
  setLabelPrefix: orgProcedure
    .meta({ permission: 'recipes.edit' })
    .input(SetLabelPrefixInputSchema)
    .mutation(({ ctx, input }) => setLabelPrefix(ctx.tdb, ctx.orgCtx, input)),
  // The recipe library (docs/rules/recipe-sharing.md): public recipes of every organization, read through
  // the raw client by functions that select only what may leave the seller's organization.
  setPublic: orgProcedure
    .meta({ permission: 'recipes.edit' })
    .input(SetRecipePublicInputSchema)
    .mutation(({ ctx, input }) => setRecipePublic(ctx.tdb, ctx.orgCtx, input)),
  library: orgProcedure
    .meta({ permission: 'recipes.view' })
    .input(ListLibraryInputSchema)
    .query(({ ctx, input }) => listLibrary(ctx.db, ctx.orgCtx, input)),
  libraryRecipe: orgProcedure
    .meta({ permission: 'recipes.view', crossTenantFields: ['publicRecipeId'] })
    .input(PublicRecipeIdSchema)
    .query(({ ctx, input }) => getLibraryRecipe(ctx.db, ctx.tdb, ctx.orgCtx, input)),
  libraryClone: orgProcedure
    .meta({ permission: 'recipes.create', crossTenantFields: ['publicRecipeId'] })
    .input(PublicRecipeIdSchema)
    .mutation(({ ctx, input }) => clonePublicRecipe(ctx.db, ctx.tdb, ctx.orgCtx, input)),
  delete: orgProcedure
    .meta({ permission: 'recipes.delete' })
    .input(RecipeIdSchema)
    .mutation(({ ctx, input }) => deleteRecipe(ctx.tdb, ctx.orgCtx, input)),
});
