import { pageLoad } from '#lib/server/trpc/page-load.ts';
import { MEMBER_SORTS, MEMBER_STATUSES } from '#lib/shared/schemas/team.ts';
import { readChoice, readListQuery } from '#lib/shared/list-query.ts';

const pageSize = 10;

export const load = pageLoad(async (api, { url }) => {
  const q = readListQuery(url, MEMBER_SORTS, { sort: 'name' });
  const status = readChoice(url, 'status', MEMBER_STATUSES, 'all');
  const [members, invites, roles] = await Promise.all([
    api.team.list({
      page: q.page,
      pageSize,
      search: q.search || undefined,
      sort: q.sort,
      direction: q.direction,
      status,
    }),
    api.team.invites(),
    api.roles.list(),
  ]);
  return { members, invites, roles, pageSize, query: { ...q, status } };
});
