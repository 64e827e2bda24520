import { pageLoad } from '#lib/server/trpc/page-load.ts';
import { STRIPE_EVENT_STATUSES } from '#lib/shared/schemas/billing.ts';
import { readChoice, readPage } from '#lib/shared/list-query.ts';

// Stripe events (status, error, retry for failed ones) and the tiers' prices with "Sync prices".
export const load = pageLoad(async (api, { url }) => {
  const page = readPage(url);
  const status = readChoice(url, 'status', STRIPE_EVENT_STATUSES);
  const search = (url.searchParams.get('q') ?? '').trim().slice(0, 100);
  const [events, prices] = await Promise.all([
    api.dev.stripeEvents({ page, pageSize: 25, status, search: search || undefined }),
    api.dev.tierPrices(),
  ]);
  return { events, prices, query: { page, status: status ?? '', search } };
});
