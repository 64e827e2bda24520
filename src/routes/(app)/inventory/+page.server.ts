import { pageLoad } from '#lib/server/trpc/page-load.ts';
import { INVENTORY_FILTERS, INVENTORY_SORTS, ITEM_TYPES } from '#lib/shared/schemas/inventory.ts';
import { readChoice, readListQuery } from '#lib/shared/list-query.ts';

export const load = pageLoad(async (api, { url }) => {
  const q = readListQuery(url, INVENTORY_SORTS, { sort: 'name' });
  const itemType = readChoice(url, 'type', ITEM_TYPES);
  const filter = readChoice(url, 'show', INVENTORY_FILTERS, 'all');
  const categoryId = url.searchParams.get('category') ?? '';
  const [list, categories] = await Promise.all([
    api.inventory.list({
      page: q.page,
      pageSize: 20,
      search: q.search || undefined,
      itemType,
      categoryId: /^[0-9a-f-]{36}$/i.test(categoryId) ? categoryId : undefined,
      filter,
      sort: q.sort,
      direction: q.direction,
    }),
    api.inventory.categories(),
  ]);
  return { list, categories, query: { ...q, itemType: itemType ?? '', filter, categoryId } };
});
