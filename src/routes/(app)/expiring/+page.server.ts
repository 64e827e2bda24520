import { pageLoad } from '#lib/server/trpc/page-load.ts';

export const load = pageLoad(async (api, { url }) => {
  // ?within=<days> widens or narrows the "expiring soon" window; without it the organization's own applies.
  const days = Number(url.searchParams.get('within') ?? '');
  const within = Number.isInteger(days) && days >= 1 && days <= 365 ? days : undefined;
  const [list, digest] = await Promise.all([
    api.inventory.expiring(within ? { within } : undefined),
    api.inventory.digest(),
  ]);
  return { list, digest };
});
