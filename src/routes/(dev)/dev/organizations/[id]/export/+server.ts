import { error } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';
import type { RequestHandler } from './$types';
import { appRouter } from '#lib/server/trpc/root.ts';
import { createRequestContext } from '#lib/server/trpc/request-context.ts';
import { toPageError } from '#lib/server/trpc/page-load.ts';

// The organization's data as a zip of JSON per table (audited), through the same procedure and permission.
export const GET: RequestHandler = async (event) => {
  const caller = appRouter.createCaller(createRequestContext(event));
  try {
    const a = await caller.dev.orgs.export({ organizationId: event.params.id });
    return zipResponse(a.fileName, a.base64);
  } catch (e) {
    if (e instanceof TRPCError && e.code === 'UNAUTHORIZED') error(401, 'Sign in to download this file.');
    throw toPageError(e);
  }
};

function zipResponse(fileName: string, base64: string) {
  return new Response(Buffer.from(base64, 'base64'), {
    headers: {
      'content-type': 'application/zip',
      'content-disposition': `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
    },
  });
}
