import { orgProcedure, router } from '../procedures.ts';
import { RoleIdInputSchema, RoleInputSchema, UpdateRoleInputSchema } from '../../../shared/schemas/roles.ts';
import {
  createRole,
  deleteRole,
  listPermissionCatalogue,
  listRoles,
  updateRole,
} from '../../domain/roles/manage-roles.ts';

export const rolesRouter = router({
  list: orgProcedure.meta({ permission: 'organization.view' }).query(({ ctx }) => listRoles(ctx.tdb, ctx.orgCtx)),
  catalogue: orgProcedure
    .meta({ permission: 'organization.manage_roles' })
    .query(({ ctx }) => listPermissionCatalogue(ctx.access.tierPermissions)),
  create: orgProcedure
    .meta({ permission: 'organization.manage_roles' })
    .input(RoleInputSchema)
    .mutation(({ ctx, input }) => createRole(ctx.tdb, ctx.orgCtx, input)),
  update: orgProcedure
    .meta({ permission: 'organization.manage_roles' })
    .input(UpdateRoleInputSchema)
    .mutation(({ ctx, input }) => updateRole(ctx.tdb, ctx.orgCtx, input)),
  delete: orgProcedure
    .meta({ permission: 'organization.manage_roles' })
    .input(RoleIdInputSchema)
    .mutation(({ ctx, input }) => deleteRole(ctx.tdb, ctx.orgCtx, input)),
});
