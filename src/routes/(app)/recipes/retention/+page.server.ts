import { pageLoad } from '#lib/server/trpc/page-load.ts';

export const load = pageLoad(async (api) => ({ retention: await api.retention.list() }));
