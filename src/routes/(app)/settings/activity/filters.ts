// The activity log's filters as they sit in the address (?user=&type=&from=&to=&page=).
import { readPage } from '#lib/shared/list-query.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function readActivityFilters(url: URL) {
  const p = url.searchParams;
  const user = p.get('user') ?? '';
  const from = p.get('from') ?? '';
  const to = p.get('to') ?? '';
  return {
    userId: UUID.test(user) ? user : undefined,
    type: p.get('type') || undefined,
    from: DAY.test(from) ? from : undefined,
    to: DAY.test(to) ? to : undefined,
    page: readPage(url),
  };
}
