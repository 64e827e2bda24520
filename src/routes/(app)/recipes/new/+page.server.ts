import { pageLoad } from '#lib/server/trpc/page-load.ts';
import { loadEditorOptions } from '../editor-options.server.ts';
import type { PageServerLoadEvent } from './$types';

export const load = pageLoad(async (api, { parent }: PageServerLoadEvent) => {
  const { me } = await parent();
  return { options: await loadEditorOptions(api, me.permissions) };
});
