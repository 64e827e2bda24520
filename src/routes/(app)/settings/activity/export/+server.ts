import { error } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';
import type { RequestHandler } from './$types';
import { appRouter } from '#lib/server/trpc/root.ts';
import { createRequestContext } from '#lib/server/trpc/request-context.ts';
import { toPageError } from '#lib/server/trpc/page-load.ts';
import { readActivityFilters } from '../filters.ts';

// The activity log as CSV, with the page's filters, through the activity.export procedure.
export const GET: RequestHandler = async (event) => {
  const { page: _page, ...filters } = readActivityFilters(event.url);
  const caller = appRouter.createCaller(createRequestContext(event));
  try {
    const csv = await caller.activity.export(filters);
    const day = new Date().toISOString().slice(0, 10);
    return new Response(csv, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="activity-${day}.csv"`,
      },
    });
  } catch (e) {
    if (e instanceof TRPCError && e.code === 'UNAUTHORIZED') error(401, 'Sign in to download this file.');
    throw toPageError(e);
  }
};
