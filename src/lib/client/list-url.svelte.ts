// Changes a list page's address; the page's server load then reads the new state (readListQuery).
// Filters push a history entry, so Back returns to the previous filter; typing in search replaces it.
import { goto } from '$app/navigation';
import { navigating, page } from '$app/state';

type Value = string | number | null | undefined;

/**
 * Sets query parameters (empty values are removed). Any change but the page number itself goes back
 * to page 1. Two changes in a row both count: the second builds on the address the first is still
 * loading. A change that leaves the address as it is does nothing.
 */
export function setListQuery(patch: Record<string, Value>, opts: { replace?: boolean } = {}): Promise<void> {
  const pending = navigating.to?.url;
  const base = pending && pending.pathname === page.url.pathname ? pending : page.url;
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a throwaway copy to build the next address
  const url = new URL(base);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || v === undefined || v === '') url.searchParams.delete(k);
    else url.searchParams.set(k, String(v));
  }
  if (!('page' in patch)) url.searchParams.delete('page');
  if (url.searchParams.get('page') === '1') url.searchParams.delete('page');
  if (url.href === base.href) return Promise.resolve();
  return goto(url, { keepFocus: true, noScroll: true, replaceState: opts.replace ?? false });
}

/** Calls fn once typing has paused for `ms`; `cancel()` drops a call still waiting. */
export function debounce<A extends unknown[]>(
  fn: (...args: A) => void,
  ms = 250,
): ((...args: A) => void) & { cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const call = (...args: A) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
  return Object.assign(call, { cancel: () => clearTimeout(timer) });
}

/**
 * A list's search box: typing updates the address after a pause (replacing the history entry), and
 * the box follows the address when it changes elsewhere (Back, a shared link) without undoing what
 * is being typed. Create it while the page component initialises.
 */
export class SearchBox {
  value = $state('');
  #shown: string | null = null;
  /** Call on input. */
  readonly apply: () => void;

  constructor(current: () => string, param = 'q') {
    $effect.pre(() => {
      const q = current();
      if (q === this.#shown) return;
      this.#shown = q;
      if (q !== this.value.trim()) this.value = q;
    });
    // Typing that pauses after the person has moved on (a link clicked, the page left) does not bring
    // them back: the waiting search is dropped when the page goes or another page is being opened.
    const path = page.url.pathname;
    const apply = debounce(() => {
      const leaving = navigating.to && navigating.to.url.pathname !== path;
      if (page.url.pathname === path && !leaving) void setListQuery({ [param]: this.value.trim() }, { replace: true });
    });
    $effect(() => () => apply.cancel());
    this.apply = apply;
  }
}
