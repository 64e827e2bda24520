import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { appRouter } from '#lib/server/trpc/root.ts';
import { createRequestContext } from '#lib/server/trpc/request-context.ts';

export const load: PageServerLoad = ({ locals }) => {
  if (locals.user) redirect(303, '/');
};

// Sign-in also works before the page's script has loaded (or without JavaScript): the form posts here,
// through the same tRPC procedure, so a password never ends up in a URL.
export const actions: Actions = {
  default: async (event) => {
    const form = await event.request.formData();
    const identifier = String(form.get('identifier') ?? '');
    try {
      const { userType } = await appRouter
        .createCaller(createRequestContext(event))
        .auth.signIn({ identifier, password: String(form.get('password') ?? '') });
      return { redirectTo: userType === 'developer' ? '/dev' : '/dashboard' };
    } catch (e) {
      return fail(400, { identifier, message: e instanceof Error ? e.message : 'Sign-in failed' });
    }
  },
};
