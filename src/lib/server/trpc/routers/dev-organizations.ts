// The console's organization administration (docs/rules/platform-console.md, Organizations). Thin: each
// procedure declares its dev.* permission and calls one domain function with the acting developer.
import { devProcedure, router } from '../procedures.ts';
import {
  ArchiveRefSchema,
  ChangeOrganizationTierInputSchema,
  CreateOrganizationInputSchema,
  DeleteOrganizationInputSchema,
  ListAuditInputSchema,
  OrganizationRefSchema,
} from '../../../shared/schemas/dev-console.ts';
import { UpdateOrganizationInputSchema } from '../../../shared/schemas/dev-console.ts';
import {
  changeOrganizationTier,
  createOrganizationAsDeveloper,
  updateOrganization,
} from '../../domain/dev/organization-admin.ts';
import { deleteOrganization, exportOrganizationArchive } from '../../domain/dev/delete-organization.ts';
import { getOrganizationOverview } from '../../domain/dev/organization-overview.ts';
import { getArchive, listArchives } from '../../domain/dev/archives.ts';
import { listAudit } from '../../domain/dev/audit.ts';
import { stripeGateway } from '../../integrations/stripe.ts';
import { consoleCtx } from './dev-context.ts';
import { PageInputSchema } from '../../../shared/schemas/orgs.ts';

export const devOrganizationsRouter = router({
  /** The tiers to choose from when creating an organization or moving one. */
  tierOptions: devProcedure.meta({ permission: 'dev.all_organizations' }).query(({ ctx }) =>
    ctx.db.subscriptionTier.findMany({
      orderBy: { sortOrder: 'asc' },
      select: { key: true, name: true, billingProvider: true, isCustomerFacing: true },
    }),
  ),
  create: devProcedure
    .meta({ permission: 'dev.create_organizations' })
    .input(CreateOrganizationInputSchema)
    .mutation(({ ctx, input }) => createOrganizationAsDeveloper(ctx.db, consoleCtx(ctx), input)),
  update: devProcedure
    .meta({ permission: 'dev.modify_any_organization' })
    .input(UpdateOrganizationInputSchema)
    .mutation(({ ctx, input }) => updateOrganization(ctx.db, consoleCtx(ctx), input)),
  /** A billing override, audited as such. */
  changeTier: devProcedure
    .meta({ permission: 'dev.billing_override' })
    .input(ChangeOrganizationTierInputSchema)
    .mutation(({ ctx, input }) => changeOrganizationTier(ctx.db, consoleCtx(ctx), input)),
  delete: devProcedure
    .meta({ permission: 'dev.delete_organizations' })
    .input(DeleteOrganizationInputSchema)
    .mutation(({ ctx, input }) => deleteOrganization(ctx.db, { ...consoleCtx(ctx), stripe: stripeGateway() }, input)),
  overview: devProcedure
    .meta({ permission: 'dev.all_organizations' })
    .input(OrganizationRefSchema)
    .query(({ ctx, input }) => getOrganizationOverview(ctx.db, ctx.services, input)),
  /** All of an organization's data, as a zip (base64): the download route streams it. */
  export: devProcedure
    .meta({ permission: 'dev.delete_organizations' })
    .input(OrganizationRefSchema)
    .mutation(({ ctx, input }) => exportOrganizationArchive(ctx.db, consoleCtx(ctx), input)),
  archives: devProcedure
    .meta({ permission: 'dev.delete_organizations' })
    .input(PageInputSchema)
    .query(({ ctx, input }) => listArchives(ctx.db, input)),
  archive: devProcedure
    .meta({ permission: 'dev.delete_organizations' })
    .input(ArchiveRefSchema)
    .query(({ ctx, input }) => getArchive(ctx.db, input)),
  audit: devProcedure
    .meta({ permission: 'dev.all_organizations' })
    .input(ListAuditInputSchema)
    .query(({ ctx, input }) => listAudit(ctx.db, input)),
});
