import { pageLoad } from '#lib/server/trpc/page-load.ts';

export const load = pageLoad(async (api) => ({ units: await api.units.list() }));
