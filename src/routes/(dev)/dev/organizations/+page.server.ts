import { pageLoad } from '#lib/server/trpc/page-load.ts';
import { ORGANIZATION_SORTS } from '#lib/shared/schemas/dev.ts';
import { readListQuery } from '#lib/shared/list-query.ts';

const pageSize = 15;

export const load = pageLoad(async (api, { url }) => {
  const q = readListQuery(url, ORGANIZATION_SORTS, { sort: 'createdAt', direction: 'desc' });
  const [orgs, tiers] = await Promise.all([
    api.dev.organizations({
      page: q.page,
      pageSize,
      search: q.search || undefined,
      sort: q.sort,
      direction: q.direction,
    }),
    api.dev.orgs.tierOptions(),
  ]);
  return { orgs, tiers, pageSize, query: q };
});
