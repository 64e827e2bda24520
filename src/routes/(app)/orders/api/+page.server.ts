import { pageLoad } from '#lib/server/trpc/page-load.ts';

export const load = pageLoad(async (api, { url }) => ({
  tokens: await api.apiTokens.list(),
  apiBase: `${url.origin}/api/v1`,
}));
