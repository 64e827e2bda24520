import type { RequestEvent } from '@sveltejs/kit';
import { SESSION_COOKIE, sessionCookieOptions } from '../auth/sessions.ts';
import { appServices, boss, db } from '../services.ts';
import type { TrpcContext } from './context.ts';

/** The tRPC context of one HTTP request (also used by server-side page loads through createCaller). */
export function createRequestContext(
  event: Pick<RequestEvent, 'locals' | 'cookies'> & Partial<Pick<RequestEvent, 'getClientAddress'>>,
): TrpcContext {
  return {
    requestId: event.locals.requestId,
    clientAddress: clientAddressOf(event),
    db: db(),
    services: appServices(),
    boss,
    user: event.locals.user,
    session: event.locals.session,
    lockedOut: event.locals.lockedOut === true,
    setSessionCookie: (token, expiresAt) => event.cookies.set(SESSION_COOKIE, token, sessionCookieOptions(expiresAt)),
    clearSessionCookie: () => event.cookies.delete(SESSION_COOKIE, { path: '/' }),
  };
}

/** The adapter's idea of the client (adapter-node: the socket, or ADDRESS_HEADER behind a proxy). */
function clientAddressOf(event: Partial<Pick<RequestEvent, 'getClientAddress'>>): string | undefined {
  try {
    return event.getClientAddress?.();
  } catch {
    return undefined;
  }
}
