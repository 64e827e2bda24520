import { pageLoad } from '#lib/server/trpc/page-load.ts';
import { readListQuery } from '#lib/shared/list-query.ts';
import type { PageServerLoadEvent } from './$types';

const SORTS = ['updatedAt'] as const;

// The recipe library (docs/rules/recipe-sharing.md): public recipes of every organization, searched by name.
export const load = pageLoad(async (api, { url }: PageServerLoadEvent) => {
  const q = readListQuery(url, SORTS, { sort: 'updatedAt', direction: 'desc' });
  const list = await api.recipes.library({ page: q.page, pageSize: 20, search: q.search || undefined });
  return { list, query: q };
});
