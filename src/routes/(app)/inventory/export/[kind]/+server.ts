import { error } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';
import type { RequestHandler } from './$types';
import { appRouter } from '#lib/server/trpc/root.ts';
import { createRequestContext } from '#lib/server/trpc/request-context.ts';
import { toPageError } from '#lib/server/trpc/page-load.ts';
import { db } from '#lib/server/services.ts';
import { isEnabled } from '#lib/server/domain/dev/feature-flags.ts';

// CSV downloads. Permission and tenant scope come from the same tRPC procedures as everything else.
export const GET: RequestHandler = async (event) => {
  const kind = event.params.kind;
  if (kind !== 'items.csv' && kind !== 'ledger.csv') error(404, 'Not found');
  // Feature flag FEATURE_CSV_EXPORT (docs/rules/platform-console.md, Feature flags).
  const orgId = event.locals.user?.organizationId ?? event.locals.session?.viewAsOrgId ?? null;
  if (!(await isEnabled(db(), 'FEATURE_CSV_EXPORT', orgId))) error(404, 'CSV export is switched off.');
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
    // A refusal is its page (401 → sign-in, 403, 404); anything unexpected a logged 500 without its text.
    if (e instanceof TRPCError && e.code === 'UNAUTHORIZED') error(401, 'Sign in to download this file.');
    throw toPageError(e);
  }
};
