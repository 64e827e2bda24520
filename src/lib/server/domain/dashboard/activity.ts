// Recent activity on the dashboard (docs/rules/dashboard.md): the last stock movements and batches, with
// who did them. Movements need inventory.view, batches batches.view.
import type { TenantDb } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';

export const ACTIVITY_ROWS = 12;

export type ActivityRow = {
  id: string;
  at: Date;
  kind: 'movement' | 'batch';
  /** What happened, e.g. "restock" or "batch started". */
  action: string;
  subject: string;
  /** Signed, in the item's unit, for movements. */
  quantity: string | null;
  unit: string | null;
  who: string;
  href: string;
};

const nameOf = (u: { firstName: string | null; lastName: string | null; username: string } | undefined) =>
  u ? [u.firstName, u.lastName].filter(Boolean).join(' ') || u.username : 'Someone outside the team';

export async function recentActivity(db: TenantDb, ctx: OrgCtx): Promise<{ rows: ActivityRow[] }> {
  const can = (p: string) => ctx.actor.permissions.has(p);
  const [movements, batches] = await Promise.all([
    can('inventory.view')
      ? db.inventoryMovement.findMany({
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
          take: ACTIVITY_ROWS,
          select: {
            id: true,
            createdAt: true,
            changeType: true,
            quantityDelta: true,
            actorId: true,
            item: { select: { id: true, name: true, unit: true } },
          },
        })
      : [],
    can('batches.view')
      ? db.batch.findMany({
          orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
          take: ACTIVITY_ROWS,
          select: {
            id: true,
            label: true,
            status: true,
            startedAt: true,
            startedById: true,
            completedAt: true,
            failedAt: true,
            cancelledAt: true,
            recipe: { select: { name: true } },
          },
        })
      : [],
  ]);
  const userIds = [...new Set([...movements.map((m) => m.actorId), ...batches.map((b) => b.startedById)])].filter(
    (x): x is string => !!x,
  );
  const users = userIds.length
    ? await db.user.findMany({
        where: { id: { in: userIds } },
        select: { id: true, firstName: true, lastName: true, username: true },
      })
    : [];
  const userById = new Map(users.map((u) => [u.id, u]));
  const rows: ActivityRow[] = [
    ...movements.map((m): ActivityRow => ({
      id: m.id,
      at: m.createdAt,
      kind: 'movement',
      action: m.changeType,
      subject: m.item.name,
      quantity: m.quantityDelta.toString(),
      unit: m.item.unit,
      who: m.actorId ? nameOf(userById.get(m.actorId)) : 'BatchTrack',
      href: `/inventory/${m.item.id}`,
    })),
    ...batches.map((b): ActivityRow => {
      const ended = b.completedAt ?? b.failedAt ?? b.cancelledAt;
      return {
        id: b.id,
        at: ended ?? b.startedAt,
        kind: 'batch',
        action: b.status === 'in_progress' ? 'batch started' : `batch ${b.status.replace('_', ' ')}`,
        subject: `${b.label} · ${b.recipe.name}`,
        quantity: null,
        unit: null,
        who: b.startedById ? nameOf(userById.get(b.startedById)) : 'BatchTrack',
        href: `/batches/${b.id}`,
      };
    }),
  ];
  // Newest first; a batch before the movements it booked at the same moment.
  rows.sort((a, b) => b.at.getTime() - a.at.getTime() || Number(b.kind === 'batch') - Number(a.kind === 'batch'));
  return { rows: rows.slice(0, ACTIVITY_ROWS) };
}
