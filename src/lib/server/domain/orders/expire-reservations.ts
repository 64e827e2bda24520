// The orders.expire-reservations job (docs/rules/orders.md, Expiry): every 5 minutes, active
// reservations past their expiry go back to their lots and are marked expired; the order returns to
// draft. Each order is handled in its own transaction under its lock, re-checked there, so a run that
// overlaps another, or a retry after a crash, releases nothing twice.
import type { PrismaClient } from '../../db/client.ts';
import { withTransaction } from '../../db/transaction.ts';
import { createTenantDb } from '../../db/tenant.ts';
import type { Services } from '../context.ts';
import { orgContextFor } from '../orgs/context-for.ts';
import { lockOrder } from './lock-order.ts';
import { releaseReservationsInTx } from './release-order.ts';

export async function expireReservations(db: PrismaClient, services: Services, input: { organizationId: string }) {
  const now = services.now();
  const due = await db.$queryRaw<{ order_id: string; organization_id: string; created_by_id: string | null }[]>`
    SELECT DISTINCT r.order_id, r.organization_id, o.created_by_id
      FROM reservations r JOIN sales_orders o ON o.id = r.order_id
     WHERE r.status = 'active' AND r.expires_at IS NOT NULL AND r.expires_at <= ${now}
       AND (${input.organizationId} = '*' OR r.organization_id = ${input.organizationId})
     ORDER BY r.organization_id, r.order_id`;
  let expired = 0;
  for (const d of due) {
    const ctx = await orgContextFor(db, services, d.organization_id, d.created_by_id);
    const tdb = createTenantDb(db, d.organization_id);
    const done = await tdb.$transaction(async (tx) => {
      const order = await lockOrder(tx, ctx, d.order_id);
      const stillDue = await tx.reservation.count({
        where: { orderId: order.id, status: 'active', expiresAt: { lte: now } },
      });
      if (order.status !== 'reserved' || !stillDue) return 0;
      const n = await releaseReservationsInTx(tx, ctx, order, 'expired');
      await tx.salesOrder.update({ where: { id: order.id }, data: { status: 'draft', reservedAt: null } });
      return n;
    });
    expired += done;
  }
  return { orders: due.length, expired };
}

/** "Run now" in the developer job console: queues the expiry for every organization (once while queued). */
export async function triggerExpireReservations(db: PrismaClient, jobs: Services['jobs']) {
  const jobId = await withTransaction(db, (tx) =>
    jobs.enqueue(tx, 'orders.expire-reservations', { organizationId: '*' }),
  );
  return { jobId, alreadyQueued: jobId === null };
}
