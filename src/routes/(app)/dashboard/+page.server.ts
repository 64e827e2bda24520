import { pageLoad } from '#lib/server/trpc/page-load.ts';
import type { PageServerLoadEvent } from './$types';

// Each part of the dashboard loads only with the permission it needs (docs/rules/dashboard.md).
export const load = pageLoad(async (api, { parent }: PageServerLoadEvent) => {
  const { me } = await parent();
  const can = (p: string) => me.permissions.includes(p);
  const when = <T>(ok: boolean, f: () => Promise<T>) => (ok ? f() : Promise.resolve(null));
  const [stockValue, inProgress, alerts, activity, batchCosts, readySoon, planGaps] = await Promise.all([
    when(can('inventory.view') && can('inventory.view_costs'), () => api.dashboard.stockValue()),
    when(can('batches.view'), () => api.dashboard.inProgress()),
    when(can('alerts.view'), () => api.dashboard.alerts()),
    when(can('inventory.view'), () => api.dashboard.activity()),
    when(can('batches.view') && can('batches.view_costs'), () => api.dashboard.batchCosts()),
    // Curing stock that becomes ready in the next 7 days (docs/rules/production-outputs.md, Cure and ready dates).
    when(can('inventory.view'), () => api.inventory.readySoon({ withinDays: 7 })),
    when(can('recipes.view'), () => api.dashboard.planGaps()),
  ]);
  return { stockValue, inProgress, alerts, activity, batchCosts, readySoon, planGaps };
});
