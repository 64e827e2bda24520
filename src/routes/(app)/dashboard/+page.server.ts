import { pageLoad } from '#lib/server/trpc/page-load.ts';
import type { PageServerLoadEvent } from './$types';

export const load = pageLoad(async (api, { parent }: PageServerLoadEvent) => {
  const { me } = await parent();
  if (!me.permissions.includes('inventory.view')) return { digest: undefined, readySoon: undefined };
  // Curing stock that becomes ready in the next 7 days (docs/rules/production-outputs.md, Cure and ready dates).
  const [digest, readySoon] = await Promise.all([api.inventory.digest(), api.inventory.readySoon({ withinDays: 7 })]);
  return { digest, readySoon };
});
