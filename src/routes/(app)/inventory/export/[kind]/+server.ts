import { error } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';
import type { RequestHandler } from './$types';
import { appRouter } from '#lib/server/trpc/root.ts';
import { createRequestContext } from '#lib/server/trpc/request-context.ts';

// CSV downloads. Permission and tenant scope come from the same tRPC procedures as everything else.
export const GET: RequestHandler = async (event) => {
  const kind = event.params.kind;
  if (kind !== 'items.csv' && kind !== 'ledger.csv') error(404, 'Not found');
  const caller = appRouter.createCaller(createRequestContext(event));
  try {
    const csv = kind === 'items.csv' ? await caller.inventory.exportItems() : await caller.inventory.exportLedger();
    const day = new Date().toISOString().slice(0, 10);
    return new Response(csv, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="inventory-${kind.replace('.csv', '')}-${day}.csv"`,
      },
    });
  } catch (e) {
    if (e instanceof TRPCError) error(e.code === 'UNAUTHORIZED' ? 401 : e.code === 'FORBIDDEN' ? 403 : 400, e.message);
    throw e;
  }
};
