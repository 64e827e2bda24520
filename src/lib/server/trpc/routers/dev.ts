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
import {
  assignTier,
  listStripeEvents,
  retryStripeEvent,
  syncTierPrice,
} from '../../domain/billing/platform-billing.ts';
import { listTierPrices } from '../../domain/billing/tier-prices.ts';
import {
  AssignTierInputSchema,
  ListStripeEventsInputSchema,
  StripeEventRefInputSchema,
  SyncTierPriceInputSchema,
} from '../../../shared/schemas/billing.ts';
import { stripeGateway } from '../../integrations/stripe.ts';
import { devOrganizationsRouter } from './dev-organizations.ts';
import { devUsersRouter } from './dev-users.ts';
import { devCatalogueRouter } from './dev-catalogue.ts';
import { devPlatformRouter } from './dev-platform.ts';
import { devLibraryRouter } from './dev-library.ts';

const OrgIdSchema = z.object({ organizationId: z.uuid() });

export const devRouter = router({
  // The console's administration (docs/rules/platform-console.md), one router per area.
  orgs: devOrganizationsRouter,
  users: devUsersRouter,
  catalogue: devCatalogueRouter,
  platform: devPlatformRouter,
  library: devLibraryRouter,
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
  stripeEvents: devProcedure
    .meta({ permission: 'dev.view_all_billing' })
    .input(ListStripeEventsInputSchema)
    .query(({ ctx, input }) => listStripeEvents(ctx.db, input)),
  retryStripeEvent: devProcedure
    .meta({ permission: 'dev.billing_override' })
    .input(StripeEventRefInputSchema)
    .mutation(({ ctx, input }) => retryStripeEvent(ctx.db, ctx.services, input)),
  tierPrices: devProcedure
    .meta({ permission: 'dev.view_all_billing' })
    .query(({ ctx }) => listTierPrices(ctx.db, { stripe: stripeGateway() })),
  syncTierPrice: devProcedure
    .meta({ permission: 'dev.billing_override' })
    .input(SyncTierPriceInputSchema)
    .mutation(({ ctx, input }) => syncTierPrice(ctx.db, { ...ctx.services, stripe: stripeGateway() }, input)),
  /** A billing override: any tier, with or without billing on. */
  assignTier: devProcedure
    .meta({ permission: 'dev.billing_override' })
    .input(AssignTierInputSchema)
    .mutation(({ ctx, input }) => assignTier(ctx.db, input)),
  deleteJob: devProcedure
    .meta({ permission: 'dev.manage_jobs' })
    .input(JobRefInputSchema)
    .mutation(async ({ ctx, input }) => deleteFailedJob(ctx.db, await ctx.boss(), input)),
});
