import { pageLoad } from '#lib/server/trpc/page-load.ts';

/** ?batchId= traces a batch backward; ?lotId= a lot forward, or backward with &direction=backward. */
export const load = pageLoad(async (api, { url }) => {
  const p = url.searchParams;
  const batchId = p.get('batchId') ?? '';
  const lotId = p.get('lotId') ?? '';
  const direction: 'backward' | 'forward' = batchId || p.get('direction') === 'backward' ? 'backward' : 'forward';
  const query = { batchId, lotId, direction };
  if (!batchId && !lotId) return { query, backward: null, forward: null };
  if (direction === 'backward')
    return { query, backward: await api.batches.traceBackward(batchId ? { batchId } : { lotId }), forward: null };
  return { query, backward: null, forward: await api.batches.traceForward({ lotId }) };
});
