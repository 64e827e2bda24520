import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { createApi, describeActionError } from '#lib/server/trpc/page-load.ts';
import { INACTIVE_ORG_MESSAGE } from '#lib/server/auth/billing-standing.ts';
import { safeNext } from '#lib/shared/library.ts';

export const load: PageServerLoad = ({ locals, url }) => {
  if (locals.user) redirect(303, '/');
  // Sent here because the organization's session was ended (hooks.server.ts, auth/billing-standing.ts).
  return { notice: url.searchParams.get('reason') === 'inactive' ? INACTIVE_ORG_MESSAGE : null };
};

// Sign-in has one submit path: this form action, through the same tRPC procedure as everything else.
// The page enhances the form once its script has loaded (no full reload) and it works the same before
// that or without JavaScript; either way the password travels in a POST body, never in a URL.
export const actions: Actions = {
  default: async (event) => {
    const form = await event.request.formData();
    const identifier = String(form.get('identifier') ?? '');
    let userType: string;
    let mustChangePassword: boolean;
    try {
      const r = await createApi(event).auth.signIn({ identifier, password: String(form.get('password') ?? '') });
      userType = r.userType;
      mustChangePassword = 'mustChangePassword' in r;
    } catch (e) {
      return fail(400, { identifier, ...describeActionError(e) });
    }
    if (mustChangePassword) redirect(303, '/change-password');
    // A same-site ?next= (the item library's Save to inventory, docs/rules/library.md) is where a customer goes.
    const next = safeNext(event.url.searchParams.get('next'));
    redirect(303, userType === 'developer' ? '/dev' : (next ?? '/dashboard'));
  },
};
