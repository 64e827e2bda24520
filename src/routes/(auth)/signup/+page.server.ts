import { redirect } from '@sveltejs/kit';
import { pageLoad } from '#lib/server/trpc/page-load.ts';
import { billingMode } from '#lib/server/integrations/billing.ts';

export const load = pageLoad(async (api, { locals, url }) => {
  if (locals.user) redirect(303, '/');
  return {
    tiers: await api.auth.tiers(),
    billingOn: billingMode() === 'stripe',
    checkoutCanceled: url.searchParams.get('checkout') === 'canceled',
  };
});
