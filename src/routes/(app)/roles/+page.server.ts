import { pageLoad } from '#lib/server/trpc/page-load.ts';

export const load = pageLoad(async (api) => ({ roles: await api.roles.list() }));
