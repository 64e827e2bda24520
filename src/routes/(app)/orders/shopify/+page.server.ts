import { pageLoad } from '#lib/server/trpc/page-load.ts';

export const load = pageLoad(async (api) => ({ shopify: await api.shopify.connection() }));
