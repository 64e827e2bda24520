// The one way a form submits: busy state, the error summary, field errors and the upgrade hint,
// written once. Validates with the shared zod schema before sending when one is given, and reloads
// the page's data (invalidateAll) after a success, so no page writes its own reload.
import { goto, invalidateAll } from '$app/navigation';
import type { ZodType } from 'zod';
import { describeError } from '$lib/trpc';
import { hydration } from './hydration.svelte';

export type ActionResult<R> = { ok: true; value: R } | { ok: false };

export type ActionOptions<I, R> = {
  /** Checked before the request; its messages become field errors. */
  schema?: ZodType;
  /** Reload the page's data after success (default true). */
  invalidate?: boolean;
  onsuccess?: (value: R, input: I) => unknown;
};

export class Action<I = void, R = unknown> {
  busy = $state(false);
  error = $state('');
  fieldErrors = $state<Record<string, string>>({});
  upgradeTiers = $state<string[]>([]);
  code = $state<string | null>(null);
  /** The domain error's details (e.g. `conversionError`), for forms that offer a fix. */
  details = $state<Record<string, unknown> | null>(null);
  #fn: (input: I) => Promise<R>;
  #opts: ActionOptions<I, R>;

  constructor(fn: (input: I) => Promise<R>, opts: ActionOptions<I, R> = {}) {
    this.#fn = fn;
    this.#opts = opts;
  }

  /** Whether the submit button may be used: the page is interactive and nothing is in flight. */
  get ready(): boolean {
    return hydration.done && !this.busy;
  }

  /** Runs the action once (a second submit while busy is ignored). */
  async run(input: I): Promise<ActionResult<R>> {
    if (this.busy) return { ok: false };
    this.reset();
    if (this.#opts.schema) {
      const parsed = this.#opts.schema.safeParse(input);
      if (!parsed.success) {
        const fields: Record<string, string> = {};
        for (const i of parsed.error.issues) fields[i.path.join('.') || '_'] ??= i.message;
        this.fieldErrors = fields;
        this.error = fields._ ?? 'Please correct the highlighted fields.';
        return { ok: false };
      }
    }
    this.busy = true;
    try {
      const value = await this.#fn(input);
      if (this.#opts.invalidate !== false) await invalidateAll();
      await this.#opts.onsuccess?.(value, input);
      return { ok: true, value };
    } catch (e) {
      const info = describeError(e);
      this.error = info.message;
      this.fieldErrors = info.fieldErrors;
      this.upgradeTiers = info.upgradeTiers;
      this.code = info.code;
      this.details = info.details;
      followBillingStanding(info.details);
      return { ok: false };
    } finally {
      this.busy = false;
    }
  }

  /** The error of one field, or ''. */
  field(name: string): string {
    return this.fieldErrors[name] ?? '';
  }

  reset(): void {
    this.error = '';
    this.fieldErrors = {};
    this.upgradeTiers = [];
    this.code = null;
    this.details = null;
  }
}

/**
 * A page left open while the organization's billing standing changed: the refused action takes the person
 * where the pages would (docs/rules/billing.md, Billing standing).
 */
function followBillingStanding(details: Record<string, unknown> | null) {
  if (details?.reason === 'billing_required' && typeof details.upgradeUrl === 'string') void goto(details.upgradeUrl);
  else if (details?.reason === 'organization_inactive') void goto('/login?reason=inactive', { invalidateAll: true });
}
