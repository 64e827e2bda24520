import { orgProcedure, router } from '../procedures.ts';
import {
  CreateCustomerInputSchema,
  CustomerIdSchema,
  ImportCustomersInputSchema,
  ListCustomersInputSchema,
  UpdateCustomerInputSchema,
} from '../../../shared/schemas/orders.ts';
import { createCustomer, updateCustomer } from '../../domain/customers/manage-customer.ts';
import { getCustomer, listCustomers } from '../../domain/customers/queries.ts';
import { importCustomers } from '../../domain/customers/import-customers.ts';

// Customers' contact details come with selling: products.sales_tracking (docs/rules/orders.md, Permissions).
export const customersRouter = router({
  list: orgProcedure
    .meta({ permission: 'products.sales_tracking' })
    .input(ListCustomersInputSchema)
    .query(({ ctx, input }) => listCustomers(ctx.tdb, ctx.orgCtx, input)),
  get: orgProcedure
    .meta({ permission: 'products.sales_tracking' })
    .input(CustomerIdSchema)
    .query(({ ctx, input }) => getCustomer(ctx.tdb, ctx.orgCtx, input)),
  create: orgProcedure
    .meta({ permission: 'products.sales_tracking' })
    .input(CreateCustomerInputSchema)
    .mutation(({ ctx, input }) => createCustomer(ctx.tdb, ctx.orgCtx, input)),
  update: orgProcedure
    .meta({ permission: 'products.sales_tracking' })
    .input(UpdateCustomerInputSchema)
    .mutation(({ ctx, input }) => updateCustomer(ctx.tdb, ctx.orgCtx, input)),
  import: orgProcedure
    .meta({ permission: 'products.sales_tracking' })
    .input(ImportCustomersInputSchema)
    .mutation(({ ctx, input }) => importCustomers(ctx.tdb, ctx.orgCtx, input)),
});
