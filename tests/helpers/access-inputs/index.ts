import recipes from './recipes.ts';
import products from './products.ts';
import batches from './batches.ts';
import orders from './orders.ts';
import billing from './billing.ts';
import dashboard from './dashboard.ts';
import retention from './retention.ts';
import activity from './activity.ts';
import webhooks from './webhooks.ts';
import reports from './reports.ts';
import library from './library.ts';
import bulk from './bulk.ts';
import type { AccessArea } from './types.ts';

export const AREAS: AccessArea<any>[] = [
  recipes,
  products,
  batches,
  orders,
  billing,
  dashboard,
  retention,
  activity,
  webhooks,
  reports,
  library,
  bulk,
];
