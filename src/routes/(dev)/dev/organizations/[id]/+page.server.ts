import { pageLoad } from '#lib/server/trpc/page-load.ts';
import { readPage } from '#lib/shared/list-query.ts';
import type { PageServerLoadEvent } from './$types';

export const load = pageLoad(async (api, { params, url, depends }: PageServerLoadEvent) => {
  // The jobs panel reloads this while jobs run (invalidate('dev:jobs')), so the stats follow a rollup.
  depends('dev:jobs');
  const page = readPage(url);
  // Jobs first: a rollup seen completed here has committed its stats before the organization is read.
  const jobs = await api.dev.jobs({ page, pageSize: 5, organizationId: params.id });
  const [org, overview, tiers, scheduled] = await Promise.all([
    api.dev.organization({ organizationId: params.id }),
    api.dev.orgs.overview({ organizationId: params.id }),
    api.dev.orgs.tierOptions(),
    api.dev.platform.scheduledJobs().catch(() => []),
  ]);
  return { org, overview, tiers, scheduled, jobs, jobsQuery: { page } };
});
