import { pageLoad } from '#lib/server/trpc/page-load.ts';
import { readListQuery } from '#lib/shared/list-query.ts';
import type { PageServerLoadEvent } from './$types';

const HISTORY_PAGE_SIZE = 10;

export const load = pageLoad(async (api, { params, url }: PageServerLoadEvent) => {
  // The movement history's page lives in the address (?page=), like every list's.
  const { page } = readListQuery(url, [], { sort: '' });
  const [sku, availability] = await Promise.all([
    api.products.getSku({ skuId: params.id, page, pageSize: HISTORY_PAGE_SIZE }),
    // On hand, reserved for orders, available (docs/rules/orders.md, Reserved stock).
    api.orders.availability({ skuIds: [params.id] }),
  ]);
  return { sku, availability: availability[0] ?? null, historyPage: page, historyPageSize: HISTORY_PAGE_SIZE };
});
