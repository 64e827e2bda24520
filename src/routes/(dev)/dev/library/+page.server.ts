import { pageLoad } from '#lib/server/trpc/page-load.ts';
import { GLOBAL_ITEM_SORTS, LIBRARY_FILTERS } from '#lib/shared/schemas/library.ts';
import { readChoice, readListQuery } from '#lib/shared/list-query.ts';

// The item library in the console (docs/rules/library.md, Curating).
export const load = pageLoad(async (api, { url }) => {
  const q = readListQuery(url, GLOBAL_ITEM_SORTS, { sort: 'name' });
  const status = readChoice(url, 'status', LIBRARY_FILTERS, 'active');
  const list = await api.dev.library.list({
    page: q.page,
    pageSize: 25,
    search: q.search || undefined,
    sort: q.sort,
    direction: q.direction,
    status,
  });
  return { list, query: q, status };
});
