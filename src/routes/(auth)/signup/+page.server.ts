import { redirect } from '@sveltejs/kit';
import { pageLoad } from '#lib/server/trpc/page-load.ts';

export const load = pageLoad(async (api, { locals }) => {
  if (locals.user) redirect(303, '/');
  return { tiers: await api.auth.tiers() };
});
