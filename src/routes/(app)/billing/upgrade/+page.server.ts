import { pageLoad } from '#lib/server/trpc/page-load.ts';

// Where an organization that must settle its billing is sent from every page (auth/billing-standing.ts).
// Members without the billing permission are told who can fix it.
export const load = pageLoad(async (api, { parent }) => {
  const { me } = await parent();
  const canManage = me.permissions.includes('organization.manage_billing');
  return { canManage, overview: canManage ? await api.billing.overview() : null };
});
