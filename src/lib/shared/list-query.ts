// A list page's state in its address: page, search, sort and direction (plus the page's own filters).
// The server load reads it with readListQuery; the page changes it with the client's setListQuery.
export type Direction = 'asc' | 'desc';
export type ListQuery<S extends string> = { page: number; search: string; sort: S; direction: Direction };

/** Reads the list state from a URL, falling back to the defaults for anything missing or malformed. */
export function readListQuery<S extends string>(
  url: URL,
  sorts: readonly S[],
  defaults: { sort: S; direction?: Direction },
): ListQuery<S> {
  const p = url.searchParams;
  const sort = p.get('sort') as S | null;
  const direction = p.get('dir');
  return {
    page: readPage(url),
    search: (p.get('q') ?? '').trim().slice(0, 100),
    sort: sort && sorts.includes(sort) ? sort : defaults.sort,
    direction: direction === 'asc' || direction === 'desc' ? direction : (defaults.direction ?? 'asc'),
  };
}

/** Reads a page number (1 when missing or malformed), for a list that has no search or sort of its own. */
export function readPage(url: URL, name = 'page'): number {
  const page = Number(url.searchParams.get(name));
  return Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1;
}

/** Reads one filter parameter, keeping it only when it is one of the allowed values. */
export function readChoice<T extends string>(url: URL, name: string, allowed: readonly T[], fallback: T): T;
export function readChoice<T extends string>(url: URL, name: string, allowed: readonly T[]): T | undefined;
export function readChoice<T extends string>(url: URL, name: string, allowed: readonly T[], fallback?: T) {
  const v = url.searchParams.get(name) as T | null;
  return v && allowed.includes(v) ? v : fallback;
}

/** The direction a click on a column header gives: the same column flips, a new one starts at `first`. */
export function nextSort<S extends string>(
  q: { sort: S; direction: Direction },
  key: S,
  first: Direction = 'asc',
): { sort: S; dir: Direction } {
  if (q.sort !== key) return { sort: key, dir: first };
  return { sort: key, dir: q.direction === 'asc' ? 'desc' : 'asc' };
}
