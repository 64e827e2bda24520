import { redirect } from '@sveltejs/kit';
import { createApi, describeActionError } from '#lib/server/trpc/page-load.ts';
import type { PageServerLoad } from './$types';

// Stripe Checkout's success URL for a paid sign-up: provision (the same routine as the webhook, whichever
// comes first), sign the new owner in, and land on the welcome page. A failure is shown with what to do.
export const load: PageServerLoad = async (event) => {
  const sessionId = event.url.searchParams.get('session_id') ?? '';
  let signedIn: boolean;
  try {
    ({ signedIn } = await createApi(event).auth.completeSignup({ sessionId }));
  } catch (e) {
    return {
      problem: describeActionError(e).message,
      retryUrl: `/signup/complete?session_id=${encodeURIComponent(sessionId)}`,
    };
  }
  redirect(303, signedIn ? '/welcome' : '/login');
};
