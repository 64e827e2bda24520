import { redirect } from '@sveltejs/kit';
import { createApi } from '#lib/server/trpc/page-load.ts';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async (event) => {
  const { locals } = event;
  if (!locals.user) redirect(303, '/login');
  if (locals.user.userType === 'developer' && !locals.session?.viewAsOrgId) redirect(303, '/dev');
  const me = await createApi(event).me.get();
  return { me };
};
