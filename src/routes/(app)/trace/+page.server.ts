import { redirect } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';
import { pageLoad } from '#lib/server/trpc/page-load.ts';

/**
 * ?code= finds a lot by its code (traced forward) or a batch by its label (traced backward);
 * ?batchId= traces a batch backward; ?lotId= a lot forward, or backward with &direction=backward.
 */
export const load = pageLoad(async (api, { url }) => {
  const p = url.searchParams;
  const code = (p.get('code') ?? '').trim();
  if (code) {
    let found: Awaited<ReturnType<typeof api.batches.findTrace>> | null = null;
    let notFound = '';
    try {
      found = await api.batches.findTrace({ code });
    } catch (e) {
      if (!(e instanceof TRPCError) || (e.code !== 'NOT_FOUND' && e.code !== 'BAD_REQUEST')) throw e;
      notFound = e.message.replace(/^code: /, '');
    }
    if (found?.lotId) redirect(303, `/trace?lotId=${encodeURIComponent(found.lotId)}`);
    if (found?.batchId) redirect(303, `/trace?batchId=${encodeURIComponent(found.batchId)}`);
    return {
      query: { batchId: '', lotId: '', direction: 'forward' as const, code },
      notFound,
      backward: null,
      forward: null,
    };
  }
  const batchId = p.get('batchId') ?? '';
  const lotId = p.get('lotId') ?? '';
  const direction: 'backward' | 'forward' = batchId || p.get('direction') === 'backward' ? 'backward' : 'forward';
  const query = { batchId, lotId, direction, code: '' };
  if (!batchId && !lotId) return { query, notFound: '', backward: null, forward: null };
  if (direction === 'backward')
    return {
      query,
      notFound: '',
      backward: await api.batches.traceBackward(batchId ? { batchId } : { lotId }),
      forward: null,
    };
  return { query, notFound: '', backward: null, forward: await api.batches.traceForward({ lotId }) };
});
