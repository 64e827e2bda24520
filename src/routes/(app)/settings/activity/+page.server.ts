import { pageLoad } from '#lib/server/trpc/page-load.ts';
import { readActivityFilters } from './filters.ts';

export const load = pageLoad(async (api, { url }) => {
  const f = readActivityFilters(url);
  const log = await api.activity.list({ ...f, pageSize: 50 });
  return { log, filters: f };
});
