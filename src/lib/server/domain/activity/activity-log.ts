// The organization's activity log (docs/rules/events.md, The activity log): its domain events and the
// platform console's audit records about it, newest first, filtered by user, type and date.
import type { z } from 'zod';
import { Prisma } from '../../db/client.ts';
import type { TenantDb } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { toCsv } from '../inventory/csv.ts';
import { ActivityFilterSchema, ListActivityInputSchema } from '../../../shared/schemas/activity.ts';
import { EVENT_TYPES, isEventName } from '../../events/event-types.ts';

export type ActivityRow = {
  id: string;
  source: 'app' | 'console';
  type: string;
  label: string;
  at: Date;
  userId: string | null;
  who: string;
  entityType: string | null;
  entityId: string | null;
  href: string | null;
  detail: string;
};

type Raw = {
  id: string;
  source: 'app' | 'console';
  type: string;
  at: Date;
  user_id: string | null;
  who: string | null;
  entity_type: string | null;
  entity_id: string | null;
  detail: Prisma.JsonValue;
};

/** Where a record of an event lives in the app, for the log's link. */
function hrefOf(entityType: string | null, entityId: string | null, detail: Record<string, unknown>): string | null {
  if (!entityId) return null;
  switch (entityType) {
    case 'inventory_item':
      return `/inventory/${entityId}`;
    case 'recipe':
      return detail.reason === 'retention' || detail.reason === 'user' ? null : `/recipes/${entityId}`;
    case 'batch':
      return `/batches/${entityId}`;
    case 'timer':
      return typeof detail.batchId === 'string' ? `/batches/${detail.batchId}` : null;
    case 'product':
      return `/products/${entityId}`;
    case 'order':
      return `/orders/${entityId}`;
    default:
      return null;
  }
}

function describe(detail: Record<string, unknown>): string {
  return Object.entries(detail)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(', ');
}

function whereOf(organizationId: string, f: z.output<typeof ActivityFilterSchema>) {
  const to = f.to ? new Date(f.to.getTime() + 86_400_000) : null;
  const cond = (user: string, type: string, at: string) =>
    Prisma.sql`${f.userId ? Prisma.sql`AND ${Prisma.raw(user)} = ${f.userId}` : Prisma.empty}
      ${f.type ? Prisma.sql`AND ${Prisma.raw(type)} = ${f.type}` : Prisma.empty}
      ${f.from ? Prisma.sql`AND ${Prisma.raw(at)} >= ${f.from}` : Prisma.empty}
      ${to ? Prisma.sql`AND ${Prisma.raw(at)} < ${to}` : Prisma.empty}`;
  return Prisma.sql`
    SELECT e.id, 'app' AS source, e.event_name AS type, e.occurred_at AS at, e.user_id, e.entity_type, e.entity_id,
           e.properties AS detail
      FROM domain_events e
     WHERE e.organization_id = ${organizationId} ${cond('e.user_id', 'e.event_name', 'e.occurred_at')}
    UNION ALL
    SELECT a.id, 'console', a.action, a.created_at, a.actor_user_id, a.target_type, a.target_key,
           jsonb_strip_nulls(jsonb_build_object('target', a.target_label, 'note', a.note, 'by', a.actor_name))
      FROM audit_logs a
     WHERE a.target_org_id = ${organizationId} ${cond('a.actor_user_id', 'a.action', 'a.created_at')}`;
}

async function fetchRows(
  db: TenantDb,
  organizationId: string,
  f: z.output<typeof ActivityFilterSchema>,
  limit: number,
  offset: number,
) {
  const rows = await db.$queryRaw<Raw[]>`
    SELECT x.*, NULLIF(TRIM(CONCAT(u.first_name, ' ', u.last_name)), '') AS who_name, u.username AS who_username
      FROM (${whereOf(organizationId, f)}) x
      LEFT JOIN users u ON u.id = x.user_id
     ORDER BY x.at DESC, x.id DESC
     LIMIT ${limit} OFFSET ${offset}`;
  return rows.map((r): ActivityRow => {
    const raw = r as Raw & { who_name: string | null; who_username: string | null };
    const detail = (r.detail ?? {}) as Record<string, unknown>;
    const consoleBy = r.source === 'console' ? (detail.by as string | undefined) : undefined;
    return {
      id: r.id,
      source: r.source,
      type: r.type,
      label: isEventName(r.type) ? EVENT_TYPES[r.type].label : r.type,
      at: r.at,
      userId: r.user_id,
      who: raw.who_name ?? raw.who_username ?? consoleBy ?? (r.user_id ? 'Unknown user' : 'System'),
      entityType: r.entity_type,
      entityId: r.entity_id,
      href: r.source === 'app' ? hrefOf(r.entity_type, r.entity_id, detail) : null,
      detail: describe(detail),
    };
  });
}

export async function listActivity(db: TenantDb, ctx: OrgCtx, raw: z.input<typeof ListActivityInputSchema>) {
  const { page, pageSize, ...filter } = ListActivityInputSchema.parse(raw);
  const [rows, total, users] = await Promise.all([
    fetchRows(db, ctx.organizationId, filter, pageSize, (page - 1) * pageSize),
    db.$queryRaw<{ n: bigint }[]>`SELECT count(*) n FROM (${whereOf(ctx.organizationId, filter)}) x`,
    db.user.findMany({
      select: { id: true, username: true, firstName: true, lastName: true },
      orderBy: { username: 'asc' },
    }),
  ]);
  return {
    rows,
    total: Number(total[0]?.n ?? 0),
    page,
    pageSize,
    users: users.map((u) => ({ id: u.id, name: [u.firstName, u.lastName].filter(Boolean).join(' ') || u.username })),
    types: Object.entries(EVENT_TYPES).map(([value, def]) => ({ value, label: def.label })),
  };
}

/** The filtered log as CSV (at most 10,000 rows, newest first). */
export async function exportActivity(db: TenantDb, ctx: OrgCtx, raw: z.input<typeof ActivityFilterSchema>) {
  const filter = ActivityFilterSchema.parse(raw);
  const rows = await fetchRows(db, ctx.organizationId, filter, 10_000, 0);
  return toCsv([
    ['when', 'who', 'type', 'source', 'record_type', 'record_id', 'detail'],
    ...rows.map((r) => [r.at.toISOString(), r.who, r.type, r.source, r.entityType, r.entityId, r.detail]),
  ]);
}
