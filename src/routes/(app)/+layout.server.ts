import { redirect } from '@sveltejs/kit';
import { appRouter } from '#lib/server/trpc/root.ts';
import { createRequestContext } from '#lib/server/trpc/request-context.ts';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async (event) => {
  const { locals } = event;
  if (!locals.user) redirect(303, '/login');
  if (locals.user.userType === 'developer' && !locals.session?.viewAsOrgId) redirect(303, '/dev');
  const me = await appRouter.createCaller(createRequestContext(event)).me.get();
  return { me };
};
