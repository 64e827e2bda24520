// Words for order and reservation statuses, shared by the order pages.
const STATUS: Record<string, string> = {
  draft: 'Draft',
  needs_attention: 'Needs attention',
  reserved: 'Reserved',
  fulfilled: 'Fulfilled',
  partially_returned: 'Partly returned',
  returned: 'Returned',
  cancelled: 'Cancelled',
  active: 'Active',
  released: 'Released',
  expired: 'Expired',
};
export const statusLabel = (s: string) => STATUS[s] ?? s;

/** The badge class of a status: warn for what waits on someone, good for done, muted for ended. */
export function statusClass(s: string): string {
  if (s === 'needs_attention') return 'bad';
  if (s === 'reserved' || s === 'active') return 'warn';
  if (s === 'fulfilled') return 'ok';
  return '';
}
