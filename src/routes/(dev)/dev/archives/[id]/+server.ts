import { error } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';
import type { RequestHandler } from './$types';
import { appRouter } from '#lib/server/trpc/root.ts';
import { createRequestContext } from '#lib/server/trpc/request-context.ts';
import { toPageError } from '#lib/server/trpc/page-load.ts';

// The export kept from a deleted organization.
export const GET: RequestHandler = async (event) => {
  const caller = appRouter.createCaller(createRequestContext(event));
  try {
    const a = await caller.dev.orgs.archive({ archiveId: event.params.id });
    return new Response(Buffer.from(a.base64, 'base64'), {
      headers: {
        'content-type': 'application/zip',
        'content-disposition': `attachment; filename="${a.fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
      },
    });
  } catch (e) {
    if (e instanceof TRPCError && e.code === 'UNAUTHORIZED') error(401, 'Sign in to download this file.');
    throw toPageError(e);
  }
};
