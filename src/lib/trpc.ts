import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import superjson from 'superjson';
import type { AppRouter } from '#lib/server/trpc/root.ts';

export const trpc = createTRPCClient<AppRouter>({
  links: [httpBatchLink({ url: '/api/trpc', transformer: superjson })],
});

export type ErrorInfo = {
  details: Record<string, unknown> | null;
  message: string;
  fieldErrors: Record<string, string>;
  upgradeTiers: string[];
  code: string | null;
};

/** Turns any thrown error into what a form shows: a message, field errors and an upgrade hint. */
export function describeError(e: unknown): ErrorInfo {
  if (e instanceof TRPCClientError) {
    const data = (e.data ?? {}) as {
      fieldErrors?: Record<string, string> | null;
      details?: ({ upgradeTiers?: string[] } & Record<string, unknown>) | null;
      appCode?: string | null;
    };
    return {
      // A schema's summary reads "quantity: Quantity must be a number"; the field shows it at the field,
      // so the summary drops the paths (domain errors, which carry details, keep their words).
      message: data.fieldErrors && !data.details ? e.message.replace(/(^|; )[\w.]+: /g, '$1') : e.message,
      fieldErrors: data.fieldErrors ?? {},
      upgradeTiers: data.details?.upgradeTiers ?? [],
      code: data.appCode ?? null,
      details: data.details ?? null,
    };
  }
  return {
    message: e instanceof Error ? e.message : String(e),
    fieldErrors: {},
    upgradeTiers: [],
    code: null,
    details: null,
  };
}

/** What each procedure returns and takes, for typing page data and props without re-declaring it. */
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type UnitsList = RouterOutputs['units']['list'];
