import { pageLoad } from '#lib/server/trpc/page-load.ts';

export const load = pageLoad(async (api) => {
  const [tiers, addons, matrix] = await Promise.all([
    api.dev.catalogue.tiers(),
    api.dev.catalogue.addons(),
    api.dev.catalogue.permissions(),
  ]);
  return { tiers, addons, matrix };
});
