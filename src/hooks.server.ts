import type { Handle, ServerInit } from '@sveltejs/kit';
import { SESSION_COOKIE, sessionCookieOptions, validateSessionToken } from '#lib/server/auth/sessions.ts';
import { boss, db, stopServices } from '#lib/server/services.ts';

process.on('sveltekit:shutdown', () => void stopServices());

// Start the job producer before the first request. Started lazily, its first start (which creates
// the queues and reads their list) would run inside the transaction of the first write that enqueues
// a job, adding round trips while that transaction holds its locks.
export const init: ServerInit = async () => {
  await boss();
};

export const handle: Handle = async ({ event, resolve }) => {
  const token = event.cookies.get(SESSION_COOKIE);
  event.locals.user = null;
  event.locals.session = null;
  if (token) {
    const { session, user } = await validateSessionToken(db(), token, new Date());
    if (session) {
      event.cookies.set(SESSION_COOKIE, token, sessionCookieOptions(session.expiresAt));
      event.locals.user = user;
      event.locals.session = session;
    } else {
      event.cookies.delete(SESSION_COOKIE, { path: '/' });
    }
  }
  return resolve(event);
};
