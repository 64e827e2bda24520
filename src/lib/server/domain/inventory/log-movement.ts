import type { PrismaClient } from '../../db/client.ts';

/** Movements counted per statement: one batch is one short transaction, whatever the backlog. */
export const LOG_BATCH = 1000;

/**
 * The inventory.log-movement job (docs/rules/jobs.md): counts the movements not logged yet into their
 * organizations' daily activity, in batches, until none is left. Nothing is enqueued per movement: the
 * worker runs this every minute and the rows themselves say what is left (logged_at IS NULL, a partial
 * index keeps finding them cheap). Each batch is one statement, so one transaction: it claims up to
 * LOG_BATCH movements FOR UPDATE SKIP LOCKED (two workers running it at once take different rows),
 * marks them logged and adds them to the day rows with one upsert per organization, day and change
 * type. A movement is therefore counted exactly once, also across retries and crashes. A movement whose
 * transaction has not committed yet is invisible here and counted by a later run.
 */
export async function logMovements(
  db: PrismaClient,
  input: { organizationId: string | '*'; batchSize?: number; maxBatches?: number },
): Promise<{ logged: number; batches: number }> {
  const org = input.organizationId === '*' ? null : input.organizationId;
  const size = input.batchSize ?? LOG_BATCH;
  let logged = 0;
  let batches = 0;
  for (; batches < (input.maxBatches ?? Infinity); batches++) {
    const rows = await db.$queryRaw<{ n: bigint | null }[]>`
      WITH picked AS (
        SELECT id FROM inventory_movements
         WHERE logged_at IS NULL AND (${org}::text IS NULL OR organization_id = ${org})
         LIMIT ${size} FOR UPDATE SKIP LOCKED
      ), claimed AS (
        UPDATE inventory_movements m SET logged_at = now() AT TIME ZONE 'UTC' FROM picked
         WHERE m.id = picked.id
        RETURNING m.organization_id, to_char(m.created_at, 'YYYY-MM-DD') AS day, m.change_type,
                  abs(m.quantity_delta) AS qty
      ), days AS (
        SELECT organization_id, day, change_type, count(*) AS n, sum(qty) AS qty FROM claimed
         GROUP BY organization_id, day, change_type
      ), counted AS (
        -- In key order, so two workers upserting the same day rows wait for each other instead of deadlocking.
        INSERT INTO inventory_activity_daily (id, organization_id, day, change_type, movements, quantity)
        SELECT gen_random_uuid()::text, organization_id, day, change_type, n, qty FROM days
         ORDER BY organization_id, day, change_type
        ON CONFLICT (organization_id, day, change_type) DO UPDATE
          SET movements = inventory_activity_daily.movements + EXCLUDED.movements,
              quantity = inventory_activity_daily.quantity + EXCLUDED.quantity
      )
      SELECT sum(n) AS n FROM days`;
    const n = Number(rows[0]?.n ?? 0);
    if (!n) break;
    logged += n;
  }
  return { logged, batches };
}
