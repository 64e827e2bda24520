import { orgProcedure, router } from '../procedures.ts';
import { AlertPreferencesSchema, DismissAlertSchema } from '../../../shared/schemas/dashboard.ts';
import { stockValue } from '../../domain/dashboard/stock-value.ts';
import { dashboardAlerts, dismissAlert, restoreAlerts, setAlertPreferences } from '../../domain/dashboard/alerts.ts';
import { batchCostTrend, batchesInProgress } from '../../domain/dashboard/production.ts';
import { recentActivity } from '../../domain/dashboard/activity.ts';
import { planGaps } from '../../domain/dashboard/plan-gaps.ts';

// The dashboard's parts, each behind the permission of what it shows (docs/rules/dashboard.md). Values
// are costs: orgProcedure hides them from users without inventory.view_costs / batches.view_costs.
export const dashboardRouter = router({
  stockValue: orgProcedure.meta({ permission: 'inventory.view' }).query(({ ctx }) => stockValue(ctx.tdb, ctx.orgCtx)),
  inProgress: orgProcedure
    .meta({ permission: 'batches.view' })
    .query(({ ctx }) => batchesInProgress(ctx.tdb, ctx.orgCtx)),
  batchCosts: orgProcedure.meta({ permission: 'batches.view' }).query(({ ctx }) => batchCostTrend(ctx.tdb, ctx.orgCtx)),
  alerts: orgProcedure.meta({ permission: 'alerts.view' }).query(({ ctx }) => dashboardAlerts(ctx.tdb, ctx.orgCtx)),
  dismissAlert: orgProcedure
    .meta({ permission: 'alerts.dismiss' })
    .input(DismissAlertSchema)
    .mutation(({ ctx, input }) => dismissAlert(ctx.tdb, ctx.orgCtx, input)),
  restoreAlerts: orgProcedure
    .meta({ permission: 'alerts.dismiss' })
    .mutation(({ ctx }) => restoreAlerts(ctx.tdb, ctx.orgCtx)),
  setAlertPreferences: orgProcedure
    .meta({ permission: 'alerts.view' })
    .input(AlertPreferencesSchema)
    .mutation(({ ctx, input }) => setAlertPreferences(ctx.tdb, ctx.orgCtx, input)),
  // Movements need inventory.view; batches are added for those with batches.view (activity.ts).
  activity: orgProcedure.meta({ permission: 'inventory.view' }).query(({ ctx }) => recentActivity(ctx.tdb, ctx.orgCtx)),
  // Free Tools has no dashboard.view: what its plan cannot do is asked with what every plan has.
  planGaps: orgProcedure.meta({ permission: 'recipes.view' }).query(({ ctx }) => planGaps(ctx.tdb, ctx.orgCtx)),
});
