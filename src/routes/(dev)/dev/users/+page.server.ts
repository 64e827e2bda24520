import { pageLoad } from '#lib/server/trpc/page-load.ts';
import { readChoice, readListQuery } from '#lib/shared/list-query.ts';
import { USER_KINDS } from '#lib/shared/schemas/dev-console.ts';

const pageSize = 20;

export const load = pageLoad(async (api, { url }) => {
  const q = readListQuery(url, ['createdAt'] as const, { sort: 'createdAt', direction: 'desc' });
  const kind = readChoice(url, 'kind', USER_KINDS, 'customer');
  const [users, developerRoles] = await Promise.all([
    api.dev.users.list({ kind, page: q.page, pageSize, search: q.search || undefined }),
    kind === 'developer' ? api.dev.users.developerRoles().catch(() => []) : Promise.resolve([]),
  ]);
  return { users, developerRoles, kind, pageSize, query: q };
});
