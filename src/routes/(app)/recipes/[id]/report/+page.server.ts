import { pageLoad } from '#lib/server/trpc/page-load.ts';

export const load = pageLoad(async (api, { params }) => ({
  report: await api.reports.recipe({ recipeId: params.id }),
}));
