// The parts of Shopify's webhook payloads we use (Order and Refund resources of the Admin REST API),
// parsed leniently: unknown fields are ignored, ids arrive as numbers, money as strings.
import { z } from 'zod';

const Id = z.union([z.number(), z.string()]).transform((v) => String(v));
const Money = z.union([z.string(), z.number()]).transform((v) => String(v));

export const ShopifyLineItemSchema = z.object({
  id: Id,
  sku: z.string().nullish(),
  title: z.string().nullish(),
  quantity: z.number().int().positive(),
  price: Money.default('0'),
  total_discount: Money.default('0'),
});

export const ShopifyCustomerSchema = z.object({
  id: Id,
  email: z.string().nullish(),
  phone: z.string().nullish(),
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  default_address: z
    .object({
      address1: z.string().nullish(),
      address2: z.string().nullish(),
      city: z.string().nullish(),
      zip: z.string().nullish(),
      country: z.string().nullish(),
    })
    .nullish(),
});

export const ShopifyOrderSchema = z.object({
  id: Id,
  name: z.string().nullish(),
  email: z.string().nullish(),
  customer: ShopifyCustomerSchema.nullish(),
  line_items: z.array(ShopifyLineItemSchema).default([]),
});
export type ShopifyOrder = z.output<typeof ShopifyOrderSchema>;

export const ShopifyRefundSchema = z.object({
  id: Id,
  order_id: Id,
  refund_line_items: z
    .array(
      z.object({
        line_item_id: Id,
        quantity: z.number().int().positive(),
        /** no_restock: the goods are not coming back to stock (we book them damaged). */
        restock_type: z.string().nullish(),
      }),
    )
    .default([]),
});
export type ShopifyRefund = z.output<typeof ShopifyRefundSchema>;
