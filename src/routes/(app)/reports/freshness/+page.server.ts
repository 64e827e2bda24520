import { pageLoad } from '#lib/server/trpc/page-load.ts';

const WINDOWS = [30, 90, 365];

export const load = pageLoad(async (api, { url }) => {
  const asked = Number(url.searchParams.get('days'));
  const days = WINDOWS.includes(asked) ? asked : 90;
  return { report: await api.reports.freshness({ days }), windows: WINDOWS };
});
