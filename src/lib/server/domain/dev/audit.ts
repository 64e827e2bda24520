// The console's audit trail (docs/rules/platform-console.md, Audit): every developer-console mutation
// writes one AuditLog row in the transaction of its change, naming who did what, the state before and
// after, and when. Targets are copied (type, key, label, organization) so the row outlives them.
import type { z } from 'zod';
import type { PrismaClient } from '../../db/client.ts';
import type { Prisma } from '../../db/client.ts';
import type { Tx } from '../../db/transaction.ts';
import { ListAuditInputSchema } from '../../../shared/schemas/dev-console.ts';

/** The developer acting in the console. */
export type ConsoleActor = { userId: string; name: string };

/** A console action's context: who acts, and the clock. */
export type ConsoleCtx = { actor: ConsoleActor; now: () => Date };

export type AuditEntry = {
  /** `area.verb`, e.g. `organization.delete`, `tier.update`. */
  action: string;
  targetType:
    'organization' | 'user' | 'tier' | 'addon' | 'permission' | 'feature_flag' | 'app_setting' | 'job' | 'global_item';
  targetKey?: string | null;
  targetLabel?: string | null;
  targetOrgId?: string | null;
  before?: unknown;
  after?: unknown;
  note?: string | null;
};

/** Decimals, dates and bigints as JSON: the audit row keeps what was shown, not live objects. */
function snapshot(v: unknown): Prisma.InputJsonValue | undefined {
  if (v === undefined || v === null) return undefined;
  return JSON.parse(JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x))) as Prisma.InputJsonValue;
}

/** Writes the audit row; call it with the transaction of the change it records. */
export async function recordAudit(tx: Tx | PrismaClient, ctx: ConsoleCtx, entry: AuditEntry) {
  await tx.auditLog.create({
    data: {
      actorUserId: ctx.actor.userId,
      actorName: ctx.actor.name,
      action: entry.action,
      targetType: entry.targetType,
      targetKey: entry.targetKey ?? null,
      targetLabel: entry.targetLabel ?? null,
      targetOrgId: entry.targetOrgId ?? null,
      before: snapshot(entry.before),
      after: snapshot(entry.after),
      note: entry.note ?? null,
      createdAt: ctx.now(),
    },
  });
}

/** Only the fields that changed, before and after: what an audit row shows for an edit. */
export function changedFields<T extends Record<string, unknown>>(before: T, after: Partial<T>) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const k of Object.keys(after)) {
    if (after[k] === undefined) continue;
    if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) {
      b[k] = before[k];
      a[k] = after[k];
    }
  }
  return { before: b, after: a, fields: Object.keys(a) };
}

export async function listAudit(db: PrismaClient, raw: z.input<typeof ListAuditInputSchema>) {
  const input = ListAuditInputSchema.parse(raw);
  const where: Prisma.AuditLogWhereInput = {
    ...(input.organizationId ? { targetOrgId: input.organizationId } : {}),
    ...(input.targetType ? { targetType: input.targetType } : {}),
    ...(input.targetKey ? { targetKey: input.targetKey } : {}),
    ...(input.search
      ? {
          OR: [
            { action: { contains: input.search, mode: 'insensitive' } },
            { actorName: { contains: input.search, mode: 'insensitive' } },
            { targetLabel: { contains: input.search, mode: 'insensitive' } },
          ],
        }
      : {}),
  };
  const [total, rows] = await Promise.all([
    db.auditLog.count({ where }),
    db.auditLog.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
    }),
  ]);
  return { total, page: input.page, pageSize: input.pageSize, rows };
}
