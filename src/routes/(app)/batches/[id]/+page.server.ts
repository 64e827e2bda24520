import { pageLoad } from '#lib/server/trpc/page-load.ts';
import type { PageServerLoadEvent } from './$types';

export const load = pageLoad(async (api, { params, parent, depends }: PageServerLoadEvent) => {
  // While the completion job runs, the page asks again for this (invalidate('app:batch')) every second.
  depends('app:batch');
  const [batch, { me }] = await Promise.all([api.batches.get({ batchId: params.id }), parent()]);
  // The unit lists of the extras and finish dialogs: only while the batch can still change.
  const units =
    batch.status === 'in_progress' && !batch.completionPending && me.permissions.includes('inventory.view')
      ? await api.units.list()
      : null;
  return { batch, units };
});
