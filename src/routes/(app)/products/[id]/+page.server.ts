import { pageLoad } from '#lib/server/trpc/page-load.ts';
import type { PageServerLoadEvent } from './$types';

export const load = pageLoad(async (api, { params, parent }: PageServerLoadEvent) => {
  const [product, { me }] = await Promise.all([api.products.get({ productId: params.id }), parent()]);
  // The bulk-SKU form's units (a unit list is inventory data).
  const perms = me.permissions;
  const units = perms.includes('products.create') && perms.includes('inventory.view') ? await api.units.list() : null;
  // On hand, reserved for orders and available, per SKU (docs/rules/orders.md, Reserved stock).
  const availability = product.skus.length
    ? await api.orders.availability({ skuIds: product.skus.map((s) => s.id) })
    : [];
  return { product, units, availability };
});
