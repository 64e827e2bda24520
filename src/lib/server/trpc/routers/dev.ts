import { z } from 'zod';
import { authedProcedure, devProcedure, router } from '../procedures.ts';
import { getOrganizationDetail, listOrganizations, setViewAs } from '../../domain/dev/organizations.ts';
import { ListOrganizationsInputSchema } from '../../../shared/schemas/dev.ts';
import {
  deleteFailedJob,
  listJobs,
  listQueueCounts,
  retryFailedJob,
  triggerStatsRollup,
} from '../../domain/dev/jobs.ts';
import { JobRefInputSchema, ListJobsInputSchema, TriggerRollupInputSchema } from '../../../shared/schemas/dev.ts';
import { getPlatformKpis } from '../../domain/dev/kpis.ts';

const OrgIdSchema = z.object({ organizationId: z.uuid() });

export const devRouter = router({
  kpis: devProcedure.meta({ permission: 'dev.dashboard' }).query(({ ctx }) => getPlatformKpis(ctx.db)),
  organizations: devProcedure
    .meta({ permission: 'dev.all_organizations' })
    .input(ListOrganizationsInputSchema)
    .query(({ ctx, input }) => listOrganizations(ctx.db, input)),
  organization: devProcedure
    .meta({ permission: 'dev.all_organizations' })
    .input(OrgIdSchema)
    .query(({ ctx, input }) => getOrganizationDetail(ctx.db, input)),
  viewAs: devProcedure
    .meta({ permission: 'dev.all_organizations' })
    .input(OrgIdSchema)
    .mutation(({ ctx, input }) =>
      setViewAs(ctx.db, { sessionId: ctx.session.id, organizationId: input.organizationId }),
    ),
  /** Leaving "view as" must always work, even after the developer lost the permission. */
  exitViewAs: authedProcedure.mutation(({ ctx }) =>
    setViewAs(ctx.db, { sessionId: ctx.session.id, organizationId: null }),
  ),
  queues: devProcedure.meta({ permission: 'dev.view_jobs' }).query(({ ctx }) => listQueueCounts(ctx.db)),
  jobs: devProcedure
    .meta({ permission: 'dev.view_jobs' })
    .input(ListJobsInputSchema)
    .query(({ ctx, input }) => listJobs(ctx.db, input)),
  triggerRollup: devProcedure
    .meta({ permission: 'dev.manage_jobs' })
    .input(TriggerRollupInputSchema)
    .mutation(({ ctx, input }) => triggerStatsRollup(ctx.db, ctx.services.jobs, input)),
  retryJob: devProcedure
    .meta({ permission: 'dev.manage_jobs' })
    .input(JobRefInputSchema)
    .mutation(async ({ ctx, input }) => retryFailedJob(ctx.db, await ctx.boss(), input)),
  deleteJob: devProcedure
    .meta({ permission: 'dev.manage_jobs' })
    .input(JobRefInputSchema)
    .mutation(async ({ ctx, input }) => deleteFailedJob(ctx.db, await ctx.boss(), input)),
});
