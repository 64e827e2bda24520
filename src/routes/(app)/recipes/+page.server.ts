import { pageLoad } from '#lib/server/trpc/page-load.ts';
import { RECIPE_SORTS, RECIPE_STATUS_FILTERS } from '#lib/shared/schemas/recipes.ts';
import { readChoice, readListQuery } from '#lib/shared/list-query.ts';

export const load = pageLoad(async (api, { url }) => {
  const q = readListQuery(url, RECIPE_SORTS, { sort: 'name' });
  const status = readChoice(url, 'status', RECIPE_STATUS_FILTERS, 'all');
  const archived = url.searchParams.get('archived') === '1';
  const currentOnly = url.searchParams.get('current') === '1';
  const list = await api.recipes.list({
    page: q.page,
    pageSize: 20,
    search: q.search || undefined,
    status,
    archived,
    currentOnly,
    sort: q.sort,
    direction: q.direction,
  });
  return { list, query: { ...q, status, archived, currentOnly } };
});
