import { z } from 'zod';
import { Count, Text } from './primitives.ts';

export const WebhookUrl = Text()
  .max(2000)
  .refine((s) => {
    try {
      const u = new URL(s);
      return u.protocol === 'https:' || u.protocol === 'http:';
    } catch {
      return false;
    }
  }, 'Enter an http:// or https:// address');

export const CreateWebhookEndpointSchema = z.object({
  url: WebhookUrl,
  /** Event names to send; none = every event. */
  eventTypes: z.array(Text().max(80)).max(100).default([]),
});
export const WebhookEndpointIdSchema = z.object({ endpointId: z.uuid() });
export const WebhookDeliveryIdSchema = z.object({ deliveryId: z.uuid() });
export const ListDeliveriesInputSchema = z.object({
  page: Count(1, 'Page', 100_000).default(1),
  pageSize: Count(1, 'Page size', 100).default(25),
});
