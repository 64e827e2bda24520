import { pageLoad } from '#lib/server/trpc/page-load.ts';
import type { PageServerLoadEvent } from './$types';

export const load = pageLoad(async (api, { parent }: PageServerLoadEvent) => {
  const { me } = await parent();
  return { digest: me.permissions.includes('inventory.view') ? await api.inventory.digest() : undefined };
});
