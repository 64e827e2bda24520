import { orgProcedure, router } from '../procedures.ts';
import { ActivityFilterSchema, ListActivityInputSchema } from '../../../shared/schemas/activity.ts';
import { exportActivity, listActivity } from '../../domain/activity/activity-log.ts';

// The activity log (docs/rules/events.md, The activity log).
export const activityRouter = router({
  list: orgProcedure
    .meta({ permission: 'organization.view_audit_logs' })
    .input(ListActivityInputSchema)
    .query(({ ctx, input }) => listActivity(ctx.tdb, ctx.orgCtx, input)),
  export: orgProcedure
    .meta({ permission: 'organization.view_audit_logs' })
    .input(ActivityFilterSchema)
    .query(({ ctx, input }) => exportActivity(ctx.tdb, ctx.orgCtx, input)),
});
