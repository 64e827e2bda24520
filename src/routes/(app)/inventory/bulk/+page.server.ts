import { pageLoad } from '#lib/server/trpc/page-load.ts';

/** The bulk update screen (docs/rules/bulk-updates.md): the units and the first 100 items by name to pick from. */
export const load = pageLoad(async (api) => {
  const [units, items] = await Promise.all([
    api.units.list(),
    api.inventory.list({ pageSize: 100, sort: 'name', direction: 'asc' }),
  ]);
  return { units, items: items.rows, costsVisible: items.costsVisible };
});
