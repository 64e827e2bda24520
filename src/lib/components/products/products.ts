/** Client-side helpers shared by the products pages. */
import type { trpc } from '$lib/trpc';

export type ProductDetail = Awaited<ReturnType<typeof trpc.products.get.query>>;
export type SkuDetail = Awaited<ReturnType<typeof trpc.products.getSku.query>>;
export type ProductCategoryRow = Awaited<ReturnType<typeof trpc.products.categories.query>>[number];

/** The badge class for a SKU's stock status. */
export function statusClass(status: string): string {
  return status === 'Out of Stock' ? 'bad' : status === 'Low Stock' ? 'warn' : 'ok';
}

export const SIZE_KIND_LABELS: Record<string, string> = { bulk: 'Bulk', container: 'Container', portion: 'Portion' };
