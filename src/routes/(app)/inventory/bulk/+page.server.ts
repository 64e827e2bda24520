import { pageLoad } from '#lib/server/trpc/page-load.ts';

/** The bulk update screen (docs/rules/bulk-updates.md): the units; items are searched as the person types. */
export const load = pageLoad(async (api) => ({ units: await api.units.list() }));
