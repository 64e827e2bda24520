/** Client-side helpers shared by the products pages. */

/** The badge class for a SKU's stock status. */
export function statusClass(status: string): string {
  return status === 'Out of Stock' ? 'bad' : status === 'Low Stock' ? 'warn' : 'ok';
}

export const SIZE_KIND_LABELS: Record<string, string> = { bulk: 'Bulk', container: 'Container', portion: 'Portion' };
