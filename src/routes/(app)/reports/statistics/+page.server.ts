import { pageLoad } from '#lib/server/trpc/page-load.ts';

export const load = pageLoad(async (api) => ({ stats: await api.reports.statistics() }));
