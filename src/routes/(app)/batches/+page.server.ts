import { pageLoad } from '#lib/server/trpc/page-load.ts';
import { BATCH_SORTS, BATCH_STATUSES } from '#lib/shared/schemas/batches.ts';
import { readChoice, readListQuery } from '#lib/shared/list-query.ts';

export const load = pageLoad(async (api, { url }) => {
  // Newest first unless another order is asked for.
  const q = readListQuery(url, BATCH_SORTS, { sort: 'startedAt', direction: 'desc' });
  const status = readChoice(url, 'status', BATCH_STATUSES);
  const list = await api.batches.list({
    page: q.page,
    pageSize: 20,
    search: q.search || undefined,
    status,
    sort: q.sort,
    direction: q.direction,
  });
  return { list, query: { ...q, status: status ?? '' } };
});
