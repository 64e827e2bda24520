// Server-side page loads go through the same tRPC procedures as the browser, with the request's
// context, so the same permission checks and tenant scope apply. An error a procedure throws becomes
// the page's error: a missing or malformed id is a 404 page, a refusal a 403 page, no session the login.
import { error, isHttpError, isRedirect, redirect, type RequestEvent } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';
import { appRouter } from './root.ts';
import { createRequestContext } from './request-context.ts';

export type Api = ReturnType<typeof appRouter.createCaller>;

/** The tRPC caller of one request, for `+page.server.ts` / `+layout.server.ts` loads. */
export function createApi(event: Pick<RequestEvent, 'locals' | 'cookies'>): Api {
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
    case 'FORBIDDEN':
      return error(403, e.message);
    case 'UNAUTHORIZED':
      return redirect(303, '/login');
    default:
      return e;
  }
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
