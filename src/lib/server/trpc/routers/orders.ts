import { devProcedure, orgProcedure, router } from '../procedures.ts';
import {
  CreateOrderInputSchema,
  ListOrdersInputSchema,
  OrderIdSchema,
  ReserveOrderInputSchema,
  ReturnOrderInputSchema,
  SalesReportInputSchema,
  SkuAvailabilityInputSchema,
} from '../../../shared/schemas/orders.ts';
import { createOrder } from '../../domain/orders/create-order.ts';
import { reserveOrder } from '../../domain/orders/reserve-order.ts';
import { cancelOrder, releaseOrder } from '../../domain/orders/release-order.ts';
import { fulfilOrder } from '../../domain/orders/fulfil-order.ts';
import { returnOrder } from '../../domain/orders/return-order.ts';
import { salesReport } from '../../domain/orders/sales-report.ts';
import { triggerExpireReservations } from '../../domain/orders/expire-reservations.ts';
import { getOrder, listOrders, listSkuOptions, skuAvailability } from '../../domain/orders/queries.ts';

// Selling is products.sales_tracking; holding and letting go of stock is inventory.reserve
// (docs/rules/orders.md, Permissions).
export const ordersRouter = router({
  list: orgProcedure
    .meta({ permission: 'products.sales_tracking' })
    .input(ListOrdersInputSchema)
    .query(({ ctx, input }) => listOrders(ctx.tdb, ctx.orgCtx, input)),
  get: orgProcedure
    .meta({ permission: 'products.sales_tracking' })
    .input(OrderIdSchema)
    .query(({ ctx, input }) => getOrder(ctx.tdb, ctx.orgCtx, input)),
  availability: orgProcedure
    .meta({ permission: 'products.view' })
    .input(SkuAvailabilityInputSchema)
    .query(({ ctx, input }) => skuAvailability(ctx.tdb, ctx.orgCtx, input)),
  skuOptions: orgProcedure
    .meta({ permission: 'products.sales_tracking' })
    .query(({ ctx }) => listSkuOptions(ctx.tdb, ctx.orgCtx)),
  salesReport: orgProcedure
    .meta({ permission: 'products.sales_tracking' })
    .input(SalesReportInputSchema)
    .query(({ ctx, input }) => salesReport(ctx.tdb, ctx.orgCtx, input)),
  create: orgProcedure
    .meta({ permission: 'products.sales_tracking' })
    .input(CreateOrderInputSchema)
    .mutation(({ ctx, input }) => createOrder(ctx.tdb, ctx.orgCtx, input)),
  reserve: orgProcedure
    .meta({ permission: 'inventory.reserve' })
    .input(ReserveOrderInputSchema)
    .mutation(({ ctx, input }) => reserveOrder(ctx.tdb, ctx.orgCtx, input)),
  release: orgProcedure
    .meta({ permission: 'inventory.reserve' })
    .input(OrderIdSchema)
    .mutation(({ ctx, input }) => releaseOrder(ctx.tdb, ctx.orgCtx, input)),
  cancel: orgProcedure
    .meta({ permission: 'inventory.reserve' })
    .input(OrderIdSchema)
    .mutation(({ ctx, input }) => cancelOrder(ctx.tdb, ctx.orgCtx, input)),
  fulfil: orgProcedure
    .meta({ permission: 'products.sales_tracking' })
    .input(OrderIdSchema)
    .mutation(({ ctx, input }) => fulfilOrder(ctx.tdb, ctx.orgCtx, input)),
  return: orgProcedure
    .meta({ permission: 'products.sales_tracking' })
    .input(ReturnOrderInputSchema)
    .mutation(({ ctx, input }) => returnOrder(ctx.tdb, ctx.orgCtx, input)),
  /** The developer console's "run now" for the orders.expire-reservations schedule. */
  runExpiryNow: devProcedure
    .meta({ permission: 'dev.manage_jobs' })
    .mutation(({ ctx }) => triggerExpireReservations(ctx.db, ctx.services.jobs)),
});
