import { pageLoad } from '#lib/server/trpc/page-load.ts';
import { readListQuery } from '#lib/shared/list-query.ts';

const HISTORY_PAGE_SIZE = 10;

export const load = pageLoad(async (api, { params, url }) => {
  const itemId = params.id;
  // The history pager lives in the address (?page=) like every list's.
  const { page } = readListQuery(url, [], { sort: '' });
  const [item, series, history, units] = await Promise.all([
    api.inventory.get({ itemId }),
    api.inventory.series({ itemId }),
    api.inventory.history({ itemId, page, pageSize: HISTORY_PAGE_SIZE }),
    api.units.list(),
  ]);
  return { item, series, history, units, historyPage: page, historyPageSize: HISTORY_PAGE_SIZE };
});
