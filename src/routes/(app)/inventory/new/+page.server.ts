import { pageLoad } from '#lib/server/trpc/page-load.ts';

export const load = pageLoad(async (api) => {
  const [units, categories] = await Promise.all([api.units.list(), api.inventory.categories()]);
  return { units, categories };
});
