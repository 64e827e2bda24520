import { TRPCError } from '@trpc/server';
import { pageLoad } from '#lib/server/trpc/page-load.ts';

export const load = pageLoad(async (api, { params }) => {
  try {
    return { invite: await api.auth.invite({ token: params.token }), problem: null };
  } catch (e) {
    // A used or expired invitation, or an inactive organization: the page says so and offers sign-in.
    // An unknown link stays a 404 page.
    if (e instanceof TRPCError && (e.code === 'CONFLICT' || e.code === 'FORBIDDEN'))
      return { invite: null, problem: e.message };
    throw e;
  }
});
