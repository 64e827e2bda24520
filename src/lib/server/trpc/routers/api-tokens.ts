import { orgProcedure, router } from '../procedures.ts';
import { ApiTokenIdSchema, CreateApiTokenInputSchema } from '../../../shared/schemas/orders.ts';
import { createApiToken, listApiTokens, revokeApiToken } from '../../domain/orders/api/tokens.ts';

export const apiTokensRouter = router({
  list: orgProcedure
    .meta({ permission: 'integrations.api_access' })
    .query(({ ctx }) => listApiTokens(ctx.tdb, ctx.orgCtx)),
  create: orgProcedure
    .meta({ permission: 'integrations.api_access' })
    .input(CreateApiTokenInputSchema)
    .mutation(({ ctx, input }) => createApiToken(ctx.tdb, ctx.orgCtx, input)),
  revoke: orgProcedure
    .meta({ permission: 'integrations.api_access' })
    .input(ApiTokenIdSchema)
    .mutation(({ ctx, input }) => revokeApiToken(ctx.tdb, ctx.orgCtx, input)),
});
