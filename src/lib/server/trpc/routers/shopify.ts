import { orgProcedure, router } from '../procedures.ts';
import { SaveShopifyConnectionInputSchema } from '../../../shared/schemas/orders.ts';
import { shopifyKey } from '../../integrations/shopify.ts';
import {
  getShopifyConnection,
  removeShopifyConnection,
  saveShopifyConnection,
} from '../../domain/orders/shopify/connection.ts';

// The server's key comes from the environment here, at the edge; the domain only receives it.
export const shopifyRouter = router({
  connection: orgProcedure
    .meta({ permission: 'integrations.shopify' })
    .query(({ ctx }) => getShopifyConnection(ctx.tdb, ctx.orgCtx, shopifyKey())),
  save: orgProcedure
    .meta({ permission: 'integrations.shopify' })
    .input(SaveShopifyConnectionInputSchema)
    .mutation(({ ctx, input }) => saveShopifyConnection(ctx.tdb, ctx.orgCtx, input, shopifyKey())),
  remove: orgProcedure
    .meta({ permission: 'integrations.shopify' })
    .mutation(({ ctx }) => removeShopifyConnection(ctx.tdb, ctx.orgCtx)),
});
