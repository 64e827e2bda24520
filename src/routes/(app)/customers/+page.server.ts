import { pageLoad } from '#lib/server/trpc/page-load.ts';
import { CUSTOMER_SORTS } from '#lib/shared/schemas/orders.ts';
import { readListQuery } from '#lib/shared/list-query.ts';
import type { PageServerLoadEvent } from './$types';

export const load = pageLoad(async (api, { url }: PageServerLoadEvent) => {
  const q = readListQuery(url, CUSTOMER_SORTS, { sort: 'name' });
  const list = await api.customers.list({
    page: q.page,
    pageSize: 20,
    search: q.search || undefined,
    sort: q.sort,
    direction: q.direction,
  });
  return { list, query: q };
});
