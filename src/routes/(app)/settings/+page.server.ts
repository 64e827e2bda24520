import { pageLoad } from '#lib/server/trpc/page-load.ts';
import type { PageServerLoadEvent } from './$types';

export const load = pageLoad(async (api, { parent }: PageServerLoadEvent) => {
  const { me } = await parent();
  return {
    profile: await api.me.profile(),
    inventorySettings: me.permissions.includes('settings.view') ? await api.org.inventorySettings() : null,
  };
});
