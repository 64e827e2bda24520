import { pageLoad } from '#lib/server/trpc/page-load.ts';
import type { PageServerLoadEvent } from './$types';

export const load = pageLoad(async (api, { params }: PageServerLoadEvent) => ({
  recipe: await api.recipes.libraryRecipe({ publicRecipeId: params.id }),
}));
