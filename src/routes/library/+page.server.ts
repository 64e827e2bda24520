import { pageLoad } from '#lib/server/trpc/page-load.ts';
import { GLOBAL_ITEM_SORTS } from '#lib/shared/schemas/library.ts';
import { GLOBAL_ITEM_TYPES } from '#lib/shared/library.ts';
import { readChoice, readListQuery } from '#lib/shared/list-query.ts';

// The public library (docs/rules/library.md, Public pages): no sign-in needed.
export const load = pageLoad(async (api, { url, locals }) => {
  const q = readListQuery(url, GLOBAL_ITEM_SORTS, { sort: 'name' });
  const itemType = readChoice(url, 'type', GLOBAL_ITEM_TYPES);
  const list = await api.library.list({
    page: q.page,
    pageSize: 24,
    search: q.search || undefined,
    sort: q.sort,
    direction: q.direction,
    itemType,
  });
  return { list, query: q, itemType: itemType ?? '', signedIn: !!locals.user };
});
