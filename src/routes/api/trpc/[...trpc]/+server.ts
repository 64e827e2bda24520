import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import type { RequestHandler } from './$types';
import { appRouter } from '#lib/server/trpc/root.ts';
import { createRequestContext } from '#lib/server/trpc/request-context.ts';

const handler: RequestHandler = (event) =>
  fetchRequestHandler({
    endpoint: '/api/trpc',
    req: event.request,
    router: appRouter,
    createContext: () => createRequestContext(event),
    // The client gets a generic message and the request id (trpc/init.ts); the cause is logged here.
    onError({ error, path }) {
      const id = event.locals.requestId;
      if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`[trpc] ${id} ${path}:`, error.cause ?? error);
      else if (error.code === 'SERVICE_UNAVAILABLE')
        console.warn(`[trpc] ${id} ${path}: database unavailable:`, String(error.cause));
    },
  });

export const GET = handler;
export const POST = handler;
