import { pageLoad } from '#lib/server/trpc/page-load.ts';

// A reset or setup link from the console (domain/dev/password-reset.ts): whose it is, or why it cannot be used.
export const load = pageLoad(async (api, { params }) => ({
  link: await api.auth.passwordLink({ token: params.token ?? '' }),
}));
