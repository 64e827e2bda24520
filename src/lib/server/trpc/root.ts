import { router } from './procedures.ts';
import { authRouter } from './routers/auth.ts';
import { meRouter } from './routers/me.ts';
import { teamRouter } from './routers/team.ts';
import { rolesRouter } from './routers/roles.ts';
import { devRouter } from './routers/dev.ts';
import { inventoryRouter } from './routers/inventory.ts';
import { unitsRouter } from './routers/units.ts';
import { orgRouter } from './routers/org.ts';
import { recipesRouter } from './routers/recipes.ts';
import { productsRouter } from './routers/products.ts';
import { batchesRouter } from './routers/batches.ts';
import { ordersRouter } from './routers/orders.ts';
import { customersRouter } from './routers/customers.ts';
import { shopifyRouter } from './routers/shopify.ts';
import { apiTokensRouter } from './routers/api-tokens.ts';
import { billingRouter } from './routers/billing.ts';
import { dashboardRouter } from './routers/dashboard.ts';
import { retentionRouter } from './routers/retention.ts';
import { activityRouter } from './routers/activity.ts';
import { webhooksRouter } from './routers/webhooks.ts';
import { reportsRouter } from './routers/reports.ts';
import { libraryRouter } from './routers/library.ts';

export const appRouter = router({
  auth: authRouter,
  me: meRouter,
  team: teamRouter,
  roles: rolesRouter,
  dev: devRouter,
  inventory: inventoryRouter,
  units: unitsRouter,
  org: orgRouter,
  recipes: recipesRouter,
  products: productsRouter,
  batches: batchesRouter,
  orders: ordersRouter,
  customers: customersRouter,
  shopify: shopifyRouter,
  apiTokens: apiTokensRouter,
  billing: billingRouter,
  dashboard: dashboardRouter,
  retention: retentionRouter,
  activity: activityRouter,
  webhooks: webhooksRouter,
  reports: reportsRouter,
  library: libraryRouter,
});

export type AppRouter = typeof appRouter;
