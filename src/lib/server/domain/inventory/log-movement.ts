import type { PrismaClient } from '../../db/client.ts';

type MovementRef = { organizationId: string; movementId: string };

/**
 * Counts movements into their organizations' daily activity, each once, in one transaction for a whole
 * batch of inventory.log-movement jobs (the worker hands them over together, docs/rules/jobs.md). Each
 * movement is claimed by marking it logged in that transaction, so a second run (a retry, a duplicate
 * job, a batch replayed after a crash) finds it logged and adds nothing; the day rows get one upsert
 * per organization, day and change type, not one per movement.
 */
export async function logMovements(db: PrismaClient, refs: MovementRef[]) {
  if (!refs.length) return { logged: 0 };
  return db.$transaction(async (tx) => {
    // Claimed in a stable order, so two batches sharing movements cannot deadlock each other.
    const claimed = await tx.$queryRaw<{ organization_id: string; day: string; change_type: string; qty: string }[]>`
      WITH wanted AS (
        SELECT DISTINCT w.id, w.org FROM unnest(${refs.map((r) => r.movementId)}::text[], ${refs.map((r) => r.organizationId)}::text[]) AS w(id, org)
      ), locked AS (
        SELECT m.id FROM inventory_movements m JOIN wanted w ON w.id = m.id AND w.org = m.organization_id
         WHERE m.logged_at IS NULL ORDER BY m.id FOR UPDATE OF m
      )
      UPDATE inventory_movements m SET logged_at = now() AT TIME ZONE 'UTC' FROM locked
       WHERE m.id = locked.id AND m.logged_at IS NULL
      RETURNING m.organization_id, to_char(m.created_at, 'YYYY-MM-DD') AS day, m.change_type,
                abs(m.quantity_delta)::text AS qty`;
    if (!claimed.length) return { logged: 0 };
    await tx.$executeRaw`
      INSERT INTO inventory_activity_daily (id, organization_id, day, change_type, movements, quantity)
      SELECT gen_random_uuid()::text, c.org, c.day, c.change_type, count(*), sum(c.qty::numeric)
        FROM unnest(${claimed.map((c) => c.organization_id)}::text[], ${claimed.map((c) => c.day)}::text[],
                    ${claimed.map((c) => c.change_type)}::text[], ${claimed.map((c) => c.qty)}::text[])
             AS c(org, day, change_type, qty)
       GROUP BY c.org, c.day, c.change_type
      ON CONFLICT (organization_id, day, change_type) DO UPDATE
        SET movements = inventory_activity_daily.movements + EXCLUDED.movements,
            quantity = inventory_activity_daily.quantity + EXCLUDED.quantity`;
    return { logged: claimed.length };
  });
}

/** One movement: the same as a batch of one. */
export async function logMovement(db: PrismaClient, input: MovementRef) {
  const { logged } = await logMovements(db, [input]);
  if (!logged) return { logged: false };
  const m = await db.inventoryMovement.findUniqueOrThrow({
    where: { id: input.movementId },
    select: { changeType: true, createdAt: true },
  });
  return { logged: true, day: m.createdAt.toISOString().slice(0, 10), changeType: m.changeType };
}
