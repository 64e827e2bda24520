// Every transition of an order starts by locking its row, so two requests (a click and a webhook, or two
// clicks) on one order run one after the other and the second sees the first's status.
import type { TenantTx } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { AppError } from '../../errors.ts';

export type LockedOrder = { id: string; number: string; status: string; customerId: string | null };

export async function lockOrder(tx: TenantTx, ctx: OrgCtx, orderId: string): Promise<LockedOrder> {
  const rows = await tx.$queryRaw<{ id: string; number: string; status: string; customer_id: string | null }[]>`
    SELECT id, number, status, customer_id FROM sales_orders
     WHERE id = ${orderId} AND organization_id = ${ctx.organizationId} FOR UPDATE`;
  const r = rows[0];
  if (!r) throw new AppError('NOT_FOUND', 'Order not found');
  return { id: r.id, number: r.number, status: r.status, customerId: r.customer_id };
}
