import { pageLoad } from '#lib/server/trpc/page-load.ts';
import { ORDER_SORTS, ORDER_STATUSES } from '#lib/shared/schemas/orders.ts';
import { readChoice, readListQuery } from '#lib/shared/list-query.ts';
import type { PageServerLoadEvent } from './$types';

export const load = pageLoad(async (api, { url }: PageServerLoadEvent) => {
  const q = readListQuery(url, ORDER_SORTS, { sort: 'createdAt', direction: 'desc' });
  const status = readChoice(url, 'status', ORDER_STATUSES);
  const [list, skus, customers] = await Promise.all([
    api.orders.list({
      page: q.page,
      pageSize: 20,
      search: q.search || undefined,
      status,
      sort: q.sort,
      direction: q.direction,
    }),
    // The new-order form's choices.
    api.orders.skuOptions(),
    api.customers.list({ pageSize: 100, sort: 'name' }),
  ]);
  return {
    list,
    skus,
    customers: customers.rows.map((c) => ({ id: c.id, name: c.name })),
    query: q,
    status: status ?? '',
    openNew: url.searchParams.get('new') === '1',
    customerId: url.searchParams.get('customer') ?? '',
  };
});
