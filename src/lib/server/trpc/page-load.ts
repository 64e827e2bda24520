// Server-side page loads go through the same tRPC procedures as the browser, with the request's
// context, so the same permission checks and tenant scope apply. An error a procedure throws becomes
// the page's error: a missing or malformed id is a 404 page, a refusal a 403 page, no session the login.
import { error, isHttpError, isRedirect, redirect, type RequestEvent } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import { appRouter } from './root.ts';
import { createRequestContext } from './request-context.ts';
import { UNAVAILABLE_MESSAGE, errorData } from './errors.ts';
import { PermissionDenied } from '../auth/authorize.ts';

export type Api = ReturnType<typeof appRouter.createCaller>;

/** The tRPC caller of one request, for `+page.server.ts` / `+layout.server.ts` loads. */
export function createApi(
  event: Pick<RequestEvent, 'locals' | 'cookies'> & Partial<Pick<RequestEvent, 'getClientAddress'>>,
): Api {
  return appRouter.createCaller(createRequestContext(event));
}

/** Maps a procedure's error to the page error a person sees; anything unexpected stays a 500. */
export function toPageError(e: unknown): unknown {
  if (isHttpError(e) || isRedirect(e) || !(e instanceof TRPCError)) return e;
  switch (e.code) {
    case 'NOT_FOUND':
      return error(404, e.message || 'Page not found');
    case 'BAD_REQUEST':
      // A malformed id or query in the address: there is no such page.
      return error(404, 'Page not found');
    case 'FORBIDDEN': {
      // A plan that lacks the permission says which plans have it (App.Error carries the hint).
      if (!(e.cause instanceof PermissionDenied)) return error(403, e.message);
      const { reason, permission, upgradeTiers } = e.cause.denial;
      return error(403, { message: e.message, reason, permission, upgradeTiers });
    }
    case 'UNAUTHORIZED':
      return redirect(303, '/login');
    case 'SERVICE_UNAVAILABLE':
      return error(503, UNAVAILABLE_MESSAGE);
    case 'TOO_MANY_REQUESTS':
      // A rate limit (the public library, http/rate-limit.ts): its message says when to come back.
      return error(429, e.message);
    default:
      return e;
  }
}

/**
 * What a form action shows for a procedure's error: the message and the field errors. Anything that is
 * not a procedure's error is rethrown (a 500 page), as in a load.
 */
export function describeActionError(e: unknown): { message: string; fieldErrors: Record<string, string> } {
  // An unexpected error is a 500 page (logged by handleError), never its text in a form.
  if (!(e instanceof TRPCError) || e.code === 'INTERNAL_SERVER_ERROR') throw e;
  const fieldErrors = errorData(e.cause).fieldErrors ?? {};
  if (!(e.cause instanceof ZodError)) return { message: e.message, fieldErrors };
  // As the client's Action says it: the fields carry the messages.
  return { message: fieldErrors._ ?? 'Please correct the highlighted fields.', fieldErrors };
}

/**
 * Wraps a load: `export const load = pageLoad(async (api, event) => ({ item: await api.inventory.get(...) }))`.
 * The load receives the request's caller; procedure errors become page errors (see toPageError).
 */
export function pageLoad<E extends RequestEvent, T>(fn: (api: Api, event: E) => Promise<T>) {
  return async (event: E): Promise<T> => {
    try {
      return await fn(createApi(event), event);
    } catch (e) {
      throw toPageError(e);
    }
  };
}
