import { pageLoad } from '#lib/server/trpc/page-load.ts';
import { readPage } from '#lib/shared/list-query.ts';

export const load = pageLoad(async (api, { url }) => {
  const [endpoints, deliveries] = await Promise.all([
    api.webhooks.list(),
    api.webhooks.deliveries({ page: readPage(url), pageSize: 25 }),
  ]);
  return { endpoints, deliveries };
});
