import { pageLoad } from '#lib/server/trpc/page-load.ts';
import { PRODUCT_SORTS } from '#lib/shared/schemas/products.ts';
import { readListQuery } from '#lib/shared/list-query.ts';
import type { PageServerLoadEvent } from './$types';

export const load = pageLoad(async (api, { url, parent }: PageServerLoadEvent) => {
  const q = readListQuery(url, PRODUCT_SORTS, { sort: 'name' });
  const { me } = await parent();
  const [list, categories] = await Promise.all([
    api.products.list({
      page: q.page,
      pageSize: 20,
      search: q.search || undefined,
      sort: q.sort,
      direction: q.direction,
    }),
    // The new-product form's categories.
    me.permissions.includes('products.create') ? api.products.categories() : [],
  ]);
  return { list, categories, query: q };
});
