import { pageLoad } from '#lib/server/trpc/page-load.ts';
import type { PageServerLoadEvent } from './$types';

export const load = pageLoad(async (api, { params, parent, depends }: PageServerLoadEvent) => {
  // While the completion job runs, the page asks again for this (invalidate('app:batch')) every second.
  depends('app:batch');
  const [batch, { me }, freshness] = await Promise.all([
    api.batches.get({ batchId: params.id }),
    parent(),
    api.reports.batchFreshness({ batchId: params.id }),
  ]);
  // The unit lists of the extras and finish dialogs, and the capacity of each container the batch took
  // (the finish dialog's default fill amount): only while the batch can still change.
  const open = batch.status === 'in_progress' && !batch.completionPending && me.permissions.includes('inventory.view');
  const containerIds = [
    ...new Set([...batch.lines, ...batch.planned].filter((l) => l.kind === 'container').map((l) => l.itemId)),
  ];
  const [units, capacities] = open
    ? await Promise.all([
        api.units.list(),
        Promise.all(
          containerIds.map((itemId) =>
            api.inventory
              .get({ itemId })
              .then((i) => [itemId, { capacity: i.capacity, capacityUnit: i.capacityUnit }] as const),
          ),
        ).then((pairs) => Object.fromEntries(pairs)),
      ])
    : [null, {}];
  return { batch, units, capacities, freshness };
});
