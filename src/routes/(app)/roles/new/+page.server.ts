import { pageLoad } from '#lib/server/trpc/page-load.ts';

// Without organization.manage_roles (or outside the plan) this is the 403 page, with the plans that have it.
export const load = pageLoad(async (api) => ({ catalogue: await api.roles.catalogue() }));
