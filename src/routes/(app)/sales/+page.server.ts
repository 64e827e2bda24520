import { pageLoad } from '#lib/server/trpc/page-load.ts';
import type { PageServerLoadEvent } from './$types';

/** ?from=YYYY-MM-DD&to=YYYY-MM-DD (to is exclusive); both optional. */
export const load = pageLoad(async (api, { url }: PageServerLoadEvent) => {
  const day = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : '');
  const from = day(url.searchParams.get('from'));
  const to = day(url.searchParams.get('to'));
  const report = await api.orders.salesReport({ from: from || undefined, to: to || undefined });
  return { report, query: { from, to } };
});
