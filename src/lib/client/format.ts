/** Display helpers shared by pages. */
import { page } from '$app/state';

/**
 * The signed-in person's time zone (Settings → Account), read from the layout's data through `$app/state`
 * (per request on the server); UTC outside a page or before sign-in. Dates are stored in UTC.
 */
export function userTimeZone(): string {
  try {
    return (page.data as { me?: { timezone?: string } }).me?.timezone ?? 'UTC';
  } catch {
    return 'UTC';
  }
}

export function fmtDate(d: Date | string | null | undefined): string {
  if (!d) return '—';
  const date = d instanceof Date ? d : new Date(d);
  return date.toLocaleString('en-US', {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: userTimeZone(),
  });
}

export function fullName(u: { firstName: string | null; lastName: string | null; username?: string }): string {
  const n = [u.firstName, u.lastName].filter(Boolean).join(' ');
  return n || u.username || '';
}

export function pretty(v: unknown): string {
  if (v === null || v === undefined) return '—';
  return typeof v === 'string' ? v : JSON.stringify(v);
}
