import { orgProcedure, router } from '../procedures.ts';
import {
  CreateWebhookEndpointSchema,
  ListDeliveriesInputSchema,
  WebhookDeliveryIdSchema,
  WebhookEndpointIdSchema,
} from '../../../shared/schemas/webhooks.ts';
import {
  createEndpoint,
  deleteEndpoint,
  listDeliveries,
  listEndpoints,
  resendDelivery,
  sendTestEvent,
} from '../../domain/webhooks/endpoints.ts';

// Webhook endpoints (docs/webhooks.md): integrations.api_access for all of it.
const p = orgProcedure.meta({ permission: 'integrations.api_access' });
export const webhooksRouter = router({
  list: p.query(({ ctx }) => listEndpoints(ctx.tdb)),
  create: p.input(CreateWebhookEndpointSchema).mutation(({ ctx, input }) => createEndpoint(ctx.tdb, ctx.orgCtx, input)),
  delete: p.input(WebhookEndpointIdSchema).mutation(({ ctx, input }) => deleteEndpoint(ctx.tdb, ctx.orgCtx, input)),
  sendTest: p.input(WebhookEndpointIdSchema).mutation(({ ctx, input }) => sendTestEvent(ctx.tdb, ctx.orgCtx, input)),
  deliveries: p.input(ListDeliveriesInputSchema).query(({ ctx, input }) => listDeliveries(ctx.tdb, ctx.orgCtx, input)),
  resend: p.input(WebhookDeliveryIdSchema).mutation(({ ctx, input }) => resendDelivery(ctx.tdb, ctx.orgCtx, input)),
});
