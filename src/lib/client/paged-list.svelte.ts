// The loading state of a paged, searched, sorted list page, written once: only the latest request's
// answer is shown (a slow answer to an older query never overwrites a newer one), with loading and
// error states, and a debounced search.
import { describeError } from '$lib/trpc';

export class PagedList<Row> {
  rows = $state<Row[]>([]);
  total = $state(0);
  loading = $state(true);
  error = $state('');
  #seq = 0;

  /** Runs the query; the answer is applied only if no newer load started meanwhile. */
  async load<R extends { rows: Row[]; total: number }>(
    query: () => Promise<R>,
    onResult?: (r: R) => void,
  ): Promise<void> {
    const mine = ++this.#seq;
    this.loading = true;
    this.error = '';
    try {
      const r = await query();
      if (mine !== this.#seq) return;
      this.rows = r.rows;
      this.total = r.total;
      onResult?.(r);
    } catch (e) {
      if (mine === this.#seq) this.error = describeError(e).message;
    } finally {
      if (mine === this.#seq) this.loading = false;
    }
  }
}

/** Calls fn once typing has paused for `ms`. */
export function debounce(fn: () => void, ms = 250): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(fn, ms);
  };
}
