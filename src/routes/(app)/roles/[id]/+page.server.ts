import { error } from '@sveltejs/kit';
import { pageLoad } from '#lib/server/trpc/page-load.ts';

export const load = pageLoad(async (api, { params }) => {
  const [catalogue, roles] = await Promise.all([api.roles.catalogue(), api.roles.list()]);
  const role = roles.find((r) => r.id === params.id);
  if (!role) error(404, 'Role not found');
  return { catalogue, role };
});
