import { error } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';
import type { RequestHandler } from './$types';
import { appRouter } from '#lib/server/trpc/root.ts';
import { createRequestContext } from '#lib/server/trpc/request-context.ts';
import { toPageError } from '#lib/server/trpc/page-load.ts';

// The at-risk recipes as CSV or JSON, through the retention.export procedure and its permission.
export const GET: RequestHandler = async (event) => {
  const format = event.url.searchParams.get('format') === 'json' ? 'json' : 'csv';
  const caller = appRouter.createCaller(createRequestContext(event));
  try {
    const file = await caller.retention.export({ format });
    return new Response(file.body, {
      headers: {
        'content-type': `${file.contentType}; charset=utf-8`,
        'content-disposition': `attachment; filename="${file.filename}"`,
      },
    });
  } catch (e) {
    if (e instanceof TRPCError && e.code === 'UNAUTHORIZED') error(401, 'Sign in to download this file.');
    throw toPageError(e);
  }
};
