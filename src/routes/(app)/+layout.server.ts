import { redirect } from '@sveltejs/kit';
import { createApi } from '#lib/server/trpc/page-load.ts';
import { UPGRADE_URL, isBillingExemptPath } from '#lib/server/auth/billing-standing.ts';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async (event) => {
  const { locals, url } = event;
  // A hard-locked organization's session ended in hooks: the sign-in page says why.
  if (!locals.user) redirect(303, locals.lockedOut ? '/login?reason=inactive' : '/login');
  if (locals.user.userType === 'developer' && !locals.session?.viewAsOrgId) redirect(303, '/dev');
  // An organization that must settle its billing sees only the billing pages (docs/rules/billing.md).
  if (locals.session?.standing === 'require_upgrade' && !isBillingExemptPath(url.pathname)) redirect(303, UPGRADE_URL);
  const me = await createApi(event).me.get();
  return { me };
};
