import { orgProcedure, router } from '../procedures.ts';
import {
  InviteIdInputSchema,
  InviteUserInputSchema,
  ListMembersInputSchema,
  SetUserActiveInputSchema,
  SetUserRoleInputSchema,
  UserIdInputSchema,
} from '../../../shared/schemas/team.ts';
import { listMembers, listPendingInvites } from '../../domain/team/queries.ts';
import { inviteUser, revokeInvite } from '../../domain/team/invite-user.ts';
import {
  restoreUser,
  setUserActive,
  setUserRole,
  softDeleteUser,
  transferOwnership,
} from '../../domain/team/manage-member.ts';

export const teamRouter = router({
  list: orgProcedure
    .meta({ permission: 'organization.view' })
    .input(ListMembersInputSchema)
    .query(({ ctx, input }) => listMembers(ctx.tdb, ctx.orgCtx, input)),
  invites: orgProcedure
    .meta({ permission: 'organization.view' })
    .query(({ ctx }) => listPendingInvites(ctx.tdb, ctx.orgCtx)),
  invite: orgProcedure
    .meta({ permission: 'organization.manage_users' })
    .input(InviteUserInputSchema)
    .mutation(({ ctx, input }) => inviteUser(ctx.tdb, ctx.orgCtx, input)),
  revokeInvite: orgProcedure
    .meta({ permission: 'organization.manage_users' })
    .input(InviteIdInputSchema)
    .mutation(({ ctx, input }) => revokeInvite(ctx.tdb, ctx.orgCtx, input)),
  setActive: orgProcedure
    .meta({ permission: 'organization.manage_users' })
    .input(SetUserActiveInputSchema)
    .mutation(({ ctx, input }) => setUserActive(ctx.tdb, ctx.orgCtx, input)),
  setRole: orgProcedure
    .meta({ permission: 'organization.manage_users' })
    .input(SetUserRoleInputSchema)
    .mutation(({ ctx, input }) => setUserRole(ctx.tdb, ctx.orgCtx, input)),
  softDelete: orgProcedure
    .meta({ permission: 'organization.manage_users' })
    .input(UserIdInputSchema)
    .mutation(({ ctx, input }) => softDeleteUser(ctx.tdb, ctx.orgCtx, input)),
  restore: orgProcedure
    .meta({ permission: 'organization.manage_users' })
    .input(UserIdInputSchema)
    .mutation(({ ctx, input }) => restoreUser(ctx.tdb, ctx.orgCtx, input)),
  transferOwnership: orgProcedure
    .meta({ permission: 'organization.manage_users' })
    .input(UserIdInputSchema)
    .mutation(({ ctx, input }) => transferOwnership(ctx.tdb, ctx.orgCtx, input)),
});
