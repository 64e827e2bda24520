// THE EVENT REGISTRY: every domain event name the app emits, with the zod schema of its properties and its
// schema version (docs/rules/events.md). One list, like jobs/job-types.ts: emit.ts refuses a name or
// properties that are not here, the activity log and the webhook settings list the names from it.
// A leaf module (zod only), so any domain file can import it without a cycle.
import { z } from 'zod';

export type EventType<S extends z.ZodType = z.ZodType> = {
  /** What kind of record entityId names (for the activity log's link). */
  entityType:
    | 'user'
    | 'organization'
    | 'inventory_item'
    | 'recipe'
    | 'batch'
    | 'timer'
    | 'product'
    | 'sku'
    | 'order'
    | 'webhook_endpoint';
  properties: S;
  /** Bumped when the properties change shape; receivers read it from the payload. */
  schemaVersion: number;
  label: string;
};

function defineEvent<S extends z.ZodType>(def: EventType<S>): EventType<S> {
  return def;
}

const none = z.object({}).strict();
const recipeProps = z.object({ name: z.string(), isTest: z.boolean(), isVariation: z.boolean() });
const batchProps = z.object({ label: z.string(), recipeId: z.string() });
const orderProps = z.object({ orderNumber: z.string().optional() });

export const EVENT_TYPES = {
  account_created: defineEvent({
    entityType: 'organization',
    properties: z.object({ organizationName: z.string(), tier: z.string() }),
    schemaVersion: 1,
    label: 'Account created',
  }),
  signup_completed: defineEvent({
    entityType: 'user',
    properties: z.object({ tier: z.string() }),
    schemaVersion: 1,
    label: 'Sign-up completed',
  }),
  user_login_succeeded: defineEvent({ entityType: 'user', properties: none, schemaVersion: 1, label: 'Signed in' }),
  inventory_item_created: defineEvent({
    entityType: 'inventory_item',
    properties: z.object({ name: z.string(), itemType: z.string() }),
    schemaVersion: 1,
    label: 'Inventory item created',
  }),
  inventory_adjusted: defineEvent({
    entityType: 'inventory_item',
    properties: z.object({ changeType: z.string(), quantity: z.string(), unit: z.string() }),
    schemaVersion: 1,
    label: 'Inventory adjusted',
  }),
  recipe_created: defineEvent({
    entityType: 'recipe',
    properties: recipeProps,
    schemaVersion: 1,
    label: 'Recipe created',
  }),
  recipe_updated: defineEvent({
    entityType: 'recipe',
    properties: z.object({ name: z.string() }),
    schemaVersion: 1,
    label: 'Recipe updated',
  }),
  recipe_deleted: defineEvent({
    entityType: 'recipe',
    properties: z.object({ name: z.string(), reason: z.enum(['user', 'retention']) }),
    schemaVersion: 1,
    label: 'Recipe deleted',
  }),
  recipe_variation_created: defineEvent({
    entityType: 'recipe',
    properties: recipeProps,
    schemaVersion: 1,
    label: 'Recipe variation created',
  }),
  recipe_test_created: defineEvent({
    entityType: 'recipe',
    properties: recipeProps,
    schemaVersion: 1,
    label: 'Recipe test created',
  }),
  batch_started: defineEvent({ entityType: 'batch', properties: batchProps, schemaVersion: 1, label: 'Batch started' }),
  batch_completed: defineEvent({
    entityType: 'batch',
    properties: batchProps,
    schemaVersion: 1,
    label: 'Batch completed',
  }),
  batch_cancelled: defineEvent({
    entityType: 'batch',
    properties: batchProps,
    schemaVersion: 1,
    label: 'Batch cancelled',
  }),
  batch_failed: defineEvent({
    entityType: 'batch',
    properties: batchProps.extend({ reason: z.string() }),
    schemaVersion: 1,
    label: 'Batch failed',
  }),
  timer_started: defineEvent({
    entityType: 'timer',
    properties: z.object({ batchId: z.string(), name: z.string(), durationSeconds: z.number() }),
    schemaVersion: 1,
    label: 'Timer started',
  }),
  timer_stopped: defineEvent({
    entityType: 'timer',
    properties: z.object({ batchId: z.string(), status: z.string() }),
    schemaVersion: 1,
    label: 'Timer stopped',
  }),
  product_created: defineEvent({
    entityType: 'product',
    properties: z.object({ name: z.string() }),
    schemaVersion: 1,
    label: 'Product created',
  }),
  product_variant_created: defineEvent({
    entityType: 'product',
    properties: z.object({ variantId: z.string(), name: z.string() }),
    schemaVersion: 1,
    label: 'Product variant created',
  }),
  sku_created: defineEvent({
    entityType: 'sku',
    properties: z.object({ sku: z.string() }),
    schemaVersion: 1,
    label: 'SKU created',
  }),
  order_created: defineEvent({ entityType: 'order', properties: orderProps, schemaVersion: 1, label: 'Order created' }),
  order_reserved: defineEvent({
    entityType: 'order',
    properties: orderProps,
    schemaVersion: 1,
    label: 'Order reserved',
  }),
  order_released: defineEvent({
    entityType: 'order',
    properties: orderProps,
    schemaVersion: 1,
    label: 'Order reservation released',
  }),
  order_cancelled: defineEvent({
    entityType: 'order',
    properties: orderProps,
    schemaVersion: 1,
    label: 'Order cancelled',
  }),
  order_returned: defineEvent({
    entityType: 'order',
    properties: orderProps.extend({ status: z.string() }),
    schemaVersion: 1,
    label: 'Order returned',
  }),
  billing_plan_changed: defineEvent({
    entityType: 'organization',
    properties: z.object({ tier: z.string() }),
    schemaVersion: 1,
    label: 'Plan changed',
  }),
  billing_subscription_updated: defineEvent({
    entityType: 'organization',
    properties: z.object({ status: z.string(), billingStatus: z.string().nullable() }),
    schemaVersion: 1,
    label: 'Subscription status changed',
  }),
  order_fulfilled: defineEvent({
    entityType: 'order',
    properties: orderProps,
    schemaVersion: 1,
    label: 'Order fulfilled',
  }),
  webhook_test: defineEvent({
    entityType: 'webhook_endpoint',
    properties: z.object({ message: z.string() }),
    schemaVersion: 1,
    label: 'Webhook test',
  }),
} satisfies Record<string, EventType<any>>;

export type EventName = keyof typeof EVENT_TYPES;
export type EventProps<N extends EventName> = z.input<(typeof EVENT_TYPES)[N]['properties']>;
export const EVENT_NAMES = Object.keys(EVENT_TYPES) as EventName[];

export function isEventName(name: string): name is EventName {
  return name in EVENT_TYPES;
}
