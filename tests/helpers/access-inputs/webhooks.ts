import { defineArea } from './types.ts';

// Inputs for the webhook procedures: org B has an endpoint with one delivery.
export default defineArea({
  async setup({ env, bOrgId, bOwner }) {
    const ep = await bOwner.webhooks.create({ url: 'https://b-secret.example.com/hook' });
    const ev = await env.db.domainEvent.findFirstOrThrow({ where: { organizationId: bOrgId } });
    const d = await env.db.webhookDelivery.create({
      data: { organizationId: bOrgId, endpointId: ep.id, eventId: ev.id, nextAttemptAt: new Date() },
    });
    return { endpointId: ep.id, deliveryId: d.id };
  },
  inputs: (fx) => ({
    'webhooks.list': { input: undefined, foreign: false },
    'webhooks.create': { input: { url: 'https://a.example.com/hook' }, foreign: false },
    'webhooks.delete': { input: { endpointId: fx.endpointId }, foreign: true },
    'webhooks.sendTest': { input: { endpointId: fx.endpointId }, foreign: true },
    'webhooks.deliveries': { input: {}, foreign: false },
    'webhooks.resend': { input: { deliveryId: fx.deliveryId }, foreign: true },
  }),
  secrets: (fx) => ['b-secret.example.com', fx.endpointId, fx.deliveryId],
});
