/** Display helpers shared by pages. */
export function fmtDate(d: Date | string | null | undefined): string {
  if (!d) return '—';
  const date = d instanceof Date ? d : new Date(d);
  return date.toLocaleString(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
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
