import { pageLoad } from '#lib/server/trpc/page-load.ts';
import { readListQuery } from '#lib/shared/list-query.ts';

const HISTORY_PAGE_SIZE = 10;

export const load = pageLoad(async (api, { params, url }) => {
  const itemId = params.id;
  // The history pager lives in the address (?page=) like every list's.
  const { page } = readListQuery(url, [], { sort: '' });
  const [item, series, history, units, library] = await Promise.all([
    api.inventory.get({ itemId }),
    api.inventory.series({ itemId }),
    api.inventory.history({ itemId, page, pageSize: HISTORY_PAGE_SIZE }),
    api.units.list(),
    // The library card (docs/rules/library.md, Link existing items).
    api.library.itemLink({ itemId }),
  ]);
  return { item, series, history, units, library, historyPage: page, historyPageSize: HISTORY_PAGE_SIZE };
});
