// Data asked for after the page has loaded because of what the person does (a typeahead, a live
// preview, the options of a dialog's choice): only the latest request's answer is kept, so a slow answer
// to an older question never overwrites a newer one. Initial page data comes from the server load instead.
import { describeError } from '$lib/trpc';

export class LiveQuery<I, R> {
  /** The latest answer, and the input it answers (compare it to tell a stale answer). */
  value = $state<R | null>(null);
  answered = $state<I | null>(null);
  loading = $state(false);
  error = $state('');
  #seq = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #fn: (input: I) => Promise<R>;
  #delay: number;
  #onvalue: ((value: R, input: I) => void) | undefined;

  /**
   * `delay`: wait this many ms of quiet before asking (for input typed key by key);
   * `onvalue`: called with each answer that is kept (e.g. to preselect its only option).
   */
  constructor(fn: (input: I) => Promise<R>, opts: { delay?: number; onvalue?: (value: R, input: I) => void } = {}) {
    this.#fn = fn;
    this.#delay = opts.delay ?? 0;
    this.#onvalue = opts.onvalue;
  }

  /** Asks for `input` (after the delay); any earlier question still pending is dropped. */
  run(input: I): void {
    const mine = ++this.#seq;
    clearTimeout(this.#timer);
    this.loading = true;
    if (this.#delay > 0) this.#timer = setTimeout(() => void this.#fetch(input, mine), this.#delay);
    else void this.#fetch(input, mine);
  }

  /** Drops the answer and any pending question. */
  clear(): void {
    this.#seq++;
    clearTimeout(this.#timer);
    this.value = null;
    this.answered = null;
    this.loading = false;
    this.error = '';
  }

  async #fetch(input: I, mine: number): Promise<void> {
    try {
      const value = await this.#fn(input);
      if (mine !== this.#seq) return;
      this.value = value;
      this.answered = input;
      this.error = '';
      this.#onvalue?.(value, input);
    } catch (e) {
      if (mine === this.#seq) this.error = describeError(e).message;
    } finally {
      if (mine === this.#seq) this.loading = false;
    }
  }
}
