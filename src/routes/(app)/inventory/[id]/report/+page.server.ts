import { pageLoad } from '#lib/server/trpc/page-load.ts';

const WINDOWS = [30, 90, 180, 365];

export const load = pageLoad(async (api, { params, url }) => {
  // The window lives in the address (?days=), like every list's state.
  const asked = Number(url.searchParams.get('days'));
  const days = WINDOWS.includes(asked) ? asked : 90;
  return { report: await api.reports.ingredient({ itemId: params.id, days }), windows: WINDOWS };
});
