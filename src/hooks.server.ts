import { randomUUID } from 'node:crypto';
import type { Handle, HandleServerError, RequestEvent, ServerInit } from '@sveltejs/kit';
import { SESSION_COOKIE, sessionCookieOptions, validateSessionToken } from '#lib/server/auth/sessions.ts';
import { boss, db, stopServices } from '#lib/server/services.ts';
import { isDatabaseUnavailable } from '#lib/server/db/db-errors.ts';
import { preloadTenantIdTables } from '#lib/server/db/tenant-references.ts';
import { UNAVAILABLE_MESSAGE, internalErrorMessage } from '#lib/server/trpc/errors.ts';
import { refuseCrossSiteMutation, trpcErrorResponse, withSecurityHeaders } from '#lib/server/http/hardening.ts';
import { CHOOSE_PASSWORD_MESSAGE, passwordChangeGate } from '#lib/server/auth/password-change-gate.ts';

process.on('sveltekit:shutdown', () => void stopServices());

// Start the job producer before the first request. Started lazily, its first start (which creates
// the queues and reads their list) would run inside the transaction of the first write that enqueues
// a job, adding round trips while that transaction holds its locks. The tenant tables the input-id
// check reads once per process are read now too, not in the first request.
export const init: ServerInit = async () => {
  await Promise.all([boss(), preloadTenantIdTables(db())]);
};

/** Requests whose unexpected error was a database outage: their 500 is answered as a 503. */
const unavailable = new WeakSet<RequestEvent['locals']>();

export const handle: Handle = async ({ event, resolve }) => {
  const requestId = randomUUID();
  event.locals.requestId = requestId;
  event.locals.user = null;
  event.locals.session = null;
  event.locals.lockedOut = false;
  const refused = refuseCrossSiteMutation(event.request, event.url);
  if (refused) return withSecurityHeaders(refused, event.url, requestId);
  const token = event.cookies.get(SESSION_COOKIE);
  if (token) {
    let validated: Awaited<ReturnType<typeof validateSessionToken>>;
    try {
      validated = await validateSessionToken(db(), token, new Date());
    } catch (e) {
      if (!isDatabaseUnavailable(e)) throw e;
      console.warn(`[unavailable] ${requestId} ${event.request.method} ${event.url.pathname}:`, String(e));
      return withSecurityHeaders(unavailableResponse(event.url), event.url, requestId);
    }
    const { session, user, lockedOut } = validated;
    event.locals.lockedOut = lockedOut === true;
    if (session) {
      event.cookies.set(SESSION_COOKIE, token, sessionCookieOptions(session.expiresAt));
      event.locals.user = user;
      event.locals.session = session;
    } else {
      event.cookies.delete(SESSION_COOKIE, { path: '/' });
    }
  }
  // A temporary password from the console: nothing but choosing a new one (auth/password-change-gate.ts).
  const gate = passwordChangeGate(event.url.pathname, event.locals.session?.mustChangePassword);
  if (gate.kind === 'redirect')
    return withSecurityHeaders(
      new Response(null, { status: 303, headers: { location: gate.location } }),
      event.url,
      requestId,
    );
  if (gate.kind === 'refuse')
    return withSecurityHeaders(
      trpcErrorResponse(event.url, 403, 'FORBIDDEN', CHOOSE_PASSWORD_MESSAGE),
      event.url,
      requestId,
    );
  let response = await resolve(event);
  if (response.status === 500 && unavailable.has(event.locals))
    response = new Response(response.body, { status: 503, headers: response.headers });
  return withSecurityHeaders(response, event.url, requestId);
};

function unavailableResponse(url: URL) {
  if (url.pathname.startsWith('/api/trpc'))
    return trpcErrorResponse(url, 503, 'SERVICE_UNAVAILABLE', UNAVAILABLE_MESSAGE);
  return new Response(UNAVAILABLE_MESSAGE, {
    status: 503,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '5' },
  });
}

/**
 * An unexpected error in a load, an action or an endpoint: logged with the request id, answered with a
 * generic message and that id (the error page shows it). A database outage says so, and handle makes it a 503.
 */
export const handleError: HandleServerError = ({ error, event, status, message }) => {
  if (status === 404) return { message };
  const errorId = event.locals.requestId ?? randomUUID();
  if (isDatabaseUnavailable(error)) {
    unavailable.add(event.locals);
    console.warn(`[unavailable] ${errorId} ${event.request.method} ${event.url.pathname}:`, String(error));
    return { message: UNAVAILABLE_MESSAGE, errorId };
  }
  console.error(`[error] ${errorId} ${event.request.method} ${event.url.pathname}:`, error);
  return { message: internalErrorMessage(errorId), errorId };
};
