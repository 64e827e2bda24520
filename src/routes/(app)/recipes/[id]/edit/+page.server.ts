import { pageLoad } from '#lib/server/trpc/page-load.ts';
import { readChoice } from '#lib/shared/list-query.ts';
import { loadEditorOptions } from '../../editor-options.server.ts';
import type { PageServerLoadEvent } from './$types';

/** ?mode=edit (drafts and tests), test (a new test of this version) or variation (a new branch of this master). */
const MODES = ['edit', 'test', 'variation'] as const;

export const load = pageLoad(async (api, { params, url, parent }: PageServerLoadEvent) => {
  const { me } = await parent();
  const [base, options] = await Promise.all([
    api.recipes.get({ recipeId: params.id }),
    loadEditorOptions(api, me.permissions),
  ]);
  return { base, options, mode: readChoice(url, 'mode', MODES, 'edit') };
});
