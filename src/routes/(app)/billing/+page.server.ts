import { pageLoad } from '#lib/server/trpc/page-load.ts';

// Back from Stripe Checkout (?session_id=…), the purchase is applied before the page reads the plan; the
// webhook applies the same, whichever comes first.
export const load = pageLoad(async (api, { url }) => {
  const sessionId = url.searchParams.get('session_id');
  let returned: { applied: boolean; note: string } | null = null;
  if (sessionId) returned = await api.billing.checkoutReturn({ sessionId });
  return {
    overview: await api.billing.overview(),
    returned,
    checkoutCanceled: url.searchParams.get('checkout') === 'canceled',
  };
});
