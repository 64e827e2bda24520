import { pageLoad } from '#lib/server/trpc/page-load.ts';
import type { PageServerLoadEvent } from './$types';

export const load = pageLoad(async (api, { params }: PageServerLoadEvent) => {
  const recipeId = params.id;
  // The cost card at ×1 comes with the page; another scale is asked for as it is typed.
  const [recipe, costCard] = await Promise.all([
    api.recipes.get({ recipeId }),
    api.recipes.costCard({ recipeId, scale: '1' }),
  ]);
  return { recipe, costCard };
});
