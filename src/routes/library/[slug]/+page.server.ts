import { pageLoad } from '#lib/server/trpc/page-load.ts';

export const load = pageLoad(async (api, { params, locals }) => ({
  item: await api.library.get({ slug: params.slug }),
  signedIn: !!locals.user && locals.user.userType === 'customer',
}));
