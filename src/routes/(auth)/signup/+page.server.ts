import { redirect } from '@sveltejs/kit';
import { pageLoad } from '#lib/server/trpc/page-load.ts';
import { billingMode } from '#lib/server/integrations/billing.ts';
import { readAppSettings } from '#lib/server/domain/dev/platform-settings.ts';
import { signupClosedMessage } from '#lib/server/domain/billing/signup-checkout.ts';
import { db } from '#lib/server/services.ts';

export const load = pageLoad(async (api, { locals, url }) => {
  if (locals.user) redirect(303, '/');
  const settings = await readAppSettings(db());
  return {
    closed: settings.signupOpen ? null : signupClosedMessage(settings.supportEmail),
    tiers: await api.auth.tiers(),
    billingOn: billingMode() === 'stripe',
    checkoutCanceled: url.searchParams.get('checkout') === 'canceled',
  };
});
