// Creating and editing customers (docs/rules/orders.md, Customers). Empty optional fields are stored
// as null, so "no email" is one thing.
import type { z } from 'zod';
import type { TenantDb } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { AppError } from '../../errors.ts';
import { CreateCustomerInputSchema, UpdateCustomerInputSchema } from '../../../shared/schemas/orders.ts';

const orNull = (v: string | undefined) => (v === undefined ? undefined : v === '' ? null : v);

export async function createCustomer(db: TenantDb, ctx: OrgCtx, raw: z.input<typeof CreateCustomerInputSchema>) {
  const input = CreateCustomerInputSchema.parse(raw);
  return db.customer.create({
    data: {
      organizationId: ctx.organizationId,
      name: input.name,
      email: orNull(input.email) ?? null,
      phone: orNull(input.phone) ?? null,
      address: orNull(input.address) ?? null,
      notes: orNull(input.notes) ?? null,
    },
    select: { id: true, name: true, email: true },
  });
}

export async function updateCustomer(db: TenantDb, ctx: OrgCtx, raw: z.input<typeof UpdateCustomerInputSchema>) {
  const input = UpdateCustomerInputSchema.parse(raw);
  const found = await db.customer.findUnique({ where: { id: input.customerId }, select: { id: true } });
  if (!found) throw new AppError('NOT_FOUND', 'Customer not found');
  return db.customer.update({
    where: { id: input.customerId },
    data: {
      name: input.name,
      email: orNull(input.email),
      phone: orNull(input.phone),
      address: orNull(input.address),
      notes: orNull(input.notes),
    },
    select: { id: true, name: true, email: true },
  });
}
