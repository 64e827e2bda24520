// The console's users and developer accounts (docs/rules/platform-console.md, Users).
import { devProcedure, router } from '../procedures.ts';
import {
  CreateDeveloperInputSchema,
  HardDeleteUserInputSchema,
  ListUsersInputSchema,
  ResetPasswordInputSchema,
  SetDeveloperRoleInputSchema,
  UpdateUserInputSchema,
  UserRefSchema,
} from '../../../shared/schemas/dev-console.ts';
import {
  endUserSessions,
  hardDeleteUser,
  listUsers,
  resetUserPassword,
  softDeleteUserAsDeveloper,
  updateUser,
} from '../../domain/dev/user-admin.ts';
import { createDeveloper, listDeveloperRoles, setDeveloperRole } from '../../domain/dev/developer-admin.ts';
import { stripeGateway } from '../../integrations/stripe.ts';
import { consoleCtx } from './dev-context.ts';

const users = devProcedure.meta({ permission: 'dev.manage_users' });
const roles = devProcedure.meta({ permission: 'dev.manage_roles' });

export const devUsersRouter = router({
  list: users.input(ListUsersInputSchema).query(({ ctx, input }) => listUsers(ctx.db, input)),
  update: users.input(UpdateUserInputSchema).mutation(({ ctx, input }) => updateUser(ctx.db, consoleCtx(ctx), input)),
  resetPassword: users
    .input(ResetPasswordInputSchema)
    .mutation(({ ctx, input }) => resetUserPassword(ctx.db, consoleCtx(ctx), input)),
  endSessions: users.input(UserRefSchema).mutation(({ ctx, input }) => endUserSessions(ctx.db, consoleCtx(ctx), input)),
  softDelete: users
    .input(UserRefSchema)
    .mutation(({ ctx, input }) => softDeleteUserAsDeveloper(ctx.db, consoleCtx(ctx), input)),
  hardDelete: users
    .input(HardDeleteUserInputSchema)
    .mutation(({ ctx, input }) => hardDeleteUser(ctx.db, { ...consoleCtx(ctx), stripe: stripeGateway() }, input)),
  developerRoles: roles.query(({ ctx }) => listDeveloperRoles(ctx.db)),
  createDeveloper: roles
    .input(CreateDeveloperInputSchema)
    .mutation(({ ctx, input }) => createDeveloper(ctx.db, consoleCtx(ctx), input)),
  setDeveloperRole: roles
    .input(SetDeveloperRoleInputSchema)
    .mutation(({ ctx, input }) => setDeveloperRole(ctx.db, consoleCtx(ctx), input)),
});
