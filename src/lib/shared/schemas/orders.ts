// Inputs of customers, sales orders, reservations, fulfilment, returns and the sales report
// (docs/rules/orders.md). Shared with the forms, which check them before sending.
import { z } from 'zod';
import { PageInputSchema } from './orgs.ts';
import { Count, DateInput, MultilineText, Secret, Text, money, quantity } from './primitives.ts';

export const ORDER_STATUSES = [
  'draft',
  'needs_attention',
  'reserved',
  'fulfilled',
  'partially_returned',
  'returned',
  'cancelled',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export const ORDER_CHANNELS = ['manual', 'shopify', 'api'] as const;
export type OrderChannel = (typeof ORDER_CHANNELS)[number];
export const RESERVATION_STATUSES = ['active', 'released', 'expired', 'fulfilled', 'returned'] as const;
export const RETURN_DISPOSITIONS = ['restock', 'damaged'] as const;

const Email = Text()
  .max(254)
  .pipe(z.union([z.literal(''), z.email('Enter a valid email address')]));

const CustomerFields = {
  name: Text().min(1, 'Customer name is required').max(160),
  email: Email.optional(),
  phone: Text().max(40).optional(),
  address: MultilineText().max(500).optional(),
  notes: MultilineText().max(2000).optional(),
};

export const CreateCustomerInputSchema = z.object(CustomerFields);
export type CreateCustomerInput = z.input<typeof CreateCustomerInputSchema>;

export const UpdateCustomerInputSchema = z.object({
  customerId: z.uuid(),
  name: CustomerFields.name.optional(),
  email: CustomerFields.email,
  phone: CustomerFields.phone,
  address: CustomerFields.address,
  notes: CustomerFields.notes,
});
export type UpdateCustomerInput = z.input<typeof UpdateCustomerInputSchema>;

export const CustomerIdSchema = z.object({ customerId: z.uuid() });

export const CUSTOMER_SORTS = ['name', 'createdAt', 'orders', 'revenue'] as const;
export const ListCustomersInputSchema = PageInputSchema.extend({
  sort: z.enum(CUSTOMER_SORTS).default('name'),
  direction: z.enum(['asc', 'desc']).default('asc'),
});
export type ListCustomersInput = z.input<typeof ListCustomersInputSchema>;

/** One line: a SKU (by id, or by code as a channel names it), how many, at what price, less a discount. */
export const OrderLineInputSchema = z.object({
  skuId: z.uuid().optional(),
  skuCode: Text().max(120).optional(),
  quantity: quantity({ sign: 'positive', label: 'Quantity' }),
  unitPrice: money({ label: 'Unit price' }).default('0'),
  discount: money({ label: 'Discount' }).default('0'),
  externalLineId: Text().max(120).optional(),
});
export type OrderLineInput = z.input<typeof OrderLineInputSchema>;

export const CreateOrderInputSchema = z.object({
  /** The order's reference; ORD-<n> when left empty. */
  number: Text().max(64).optional(),
  customerId: z.uuid().optional(),
  externalId: Text().max(120).optional(),
  notes: MultilineText().max(2000).optional(),
  lines: z.array(OrderLineInputSchema).min(1, 'Add at least one line').max(200, 'At most 200 lines'),
});
export type CreateOrderInput = z.input<typeof CreateOrderInputSchema>;

export const OrderIdSchema = z.object({ orderId: z.uuid() });

export const ReserveOrderInputSchema = z.object({
  orderId: z.uuid(),
  /** The reservation is released by the expiry job after this many hours; none: held until released. */
  expiresInHours: Count(1, 'Expiry', 24 * 365, ' hours').optional(),
});
export type ReserveOrderInput = z.input<typeof ReserveOrderInputSchema>;

export const ReturnOrderInputSchema = z.object({
  orderId: z.uuid(),
  /** Per line; left out, the whole order (everything not yet returned) comes back. */
  lines: z
    .array(z.object({ lineId: z.uuid(), quantity: quantity({ sign: 'positive', label: 'Return quantity' }) }))
    .max(200)
    .optional(),
  disposition: z.enum(RETURN_DISPOSITIONS).default('restock'),
  reason: MultilineText().max(500).optional(),
});
export type ReturnOrderInput = z.input<typeof ReturnOrderInputSchema>;

export const ORDER_SORTS = ['createdAt', 'number', 'status', 'revenue'] as const;
export const ListOrdersInputSchema = PageInputSchema.extend({
  status: z.enum(ORDER_STATUSES).optional(),
  customerId: z.uuid().optional(),
  sort: z.enum(ORDER_SORTS).default('createdAt'),
  direction: z.enum(['asc', 'desc']).default('desc'),
});
export type ListOrdersInput = z.input<typeof ListOrdersInputSchema>;

export const SkuAvailabilityInputSchema = z.object({ skuIds: z.array(z.uuid()).min(1).max(200) });

export const SalesReportInputSchema = z.object({
  from: DateInput().optional(),
  to: DateInput().optional(),
});
export type SalesReportInput = z.input<typeof SalesReportInputSchema>;

/** A Shopify connection: the shop, the app's webhook signing secret, and SKU codes that differ. */
export const SaveShopifyConnectionInputSchema = z.object({
  shopDomain: Text()
    .max(120)
    .transform((s) => s.toLowerCase())
    .refine((s) => /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/.test(s), 'Enter the shop domain, like my-shop.myshopify.com'),
  /** Left out when editing: the stored secret stays. */
  webhookSecret: Secret().min(8, 'Paste the webhook signing secret from Shopify').max(200).optional(),
  /** Shopify SKU -> our SKU code. */
  skuMapping: z.record(Text().min(1).max(120), Text().min(1).max(120)).default({}),
});
export type SaveShopifyConnectionInput = z.input<typeof SaveShopifyConnectionInputSchema>;

export const CreateApiTokenInputSchema = z.object({
  name: Text().min(1, 'Name the token (what will use it)').max(80),
});
export const ApiTokenIdSchema = z.object({ tokenId: z.uuid() });

/** A customer CSV: a header row naming the columns (name required; email, phone, address, notes). */
export const ImportCustomersInputSchema = z.object({
  csv: MultilineText().min(1, 'The file is empty').max(2_000_000, 'The file is too large (2 MB at most)'),
});
