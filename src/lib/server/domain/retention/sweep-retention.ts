// The nightly retention sweep (docs/rules/retention.md, The sweep). Idempotent: each entry is settled once,
// under its row lock, and a run with nothing due changes nothing.
import type { PrismaClient } from '../../db/client.ts';
import { createTenantDb } from '../../db/tenant.ts';
import type { Services } from '../context.ts';
import { OWNER_ROLE } from '../../../shared/permission-catalogue.ts';
import { emitEvent } from '../../events/emit.ts';
import { branchOf, ensureBranchCurrent } from '../recipes/store.ts';
import { DAY_MS, DEFAULT_RETENTION_DAYS, RETENTION_NOTICE_DAYS, retentionCutoff } from './rules.ts';

export { DEFAULT_RETENTION_DAYS };

type Input = { organizationId: string | '*'; now: Date; log: (msg: string, extra?: object) => void };
type Deps = Pick<Services, 'mailer' | 'appUrl'>;

export async function sweepRetention(db: PrismaClient, deps: Deps, input: Input) {
  const orgs = await db.organization.findMany({
    where: input.organizationId === '*' ? {} : { id: input.organizationId },
    select: { id: true, name: true },
    orderBy: { createdAt: 'asc' },
  });
  const report = [];
  for (const o of orgs) {
    const r = await sweepOrganization(db, deps, o, input.now);
    if (r.deleted.length || r.canceled.length || r.noticed.length)
      input.log(
        `retention: ${o.name}: deleted ${r.deleted.length}, canceled ${r.canceled.length}, noticed ${r.noticed.length}`,
        { organizationId: o.id },
      );
    report.push({ organizationId: o.id, ...r });
  }
  return {
    organizations: report.length,
    deleted: report.reduce((n, r) => n + r.deleted.length, 0),
    canceled: report.reduce((n, r) => n + r.canceled.length, 0),
    report,
  };
}

async function sweepOrganization(db: PrismaClient, deps: Deps, org: { id: string; name: string }, now: Date) {
  const tdb = createTenantDb(db, org.id);
  const cutoff = await retentionCutoff(db, org.id, now);
  const deleted: string[] = [];
  const canceled: string[] = [];
  if (!cutoff) {
    // The add-on came after an acknowledgement: nothing is deleted any more.
    const c = await tdb.retentionDeletionQueue.updateMany({
      where: { status: 'queued' },
      data: { status: 'canceled', resolvedAt: now },
    });
    return { deleted, canceled: Array.from({ length: c.count }, () => 'exempt'), noticed: [] as string[] };
  }
  const due = await tdb.retentionDeletionQueue.findMany({
    where: { status: 'queued', deleteAfterAt: { lte: now } },
    select: { id: true },
    orderBy: { deleteAfterAt: 'asc' },
  });
  for (const { id } of due) {
    const outcome = await tdb.$transaction(async (tx) => {
      const locked = await tx.$queryRaw<{ status: string; recipe_id: string; recipe_name: string }[]>`
        SELECT status, recipe_id, recipe_name FROM retention_deletion_queue
         WHERE id = ${id} AND organization_id = ${org.id} FOR UPDATE`;
      const entry = locked[0];
      if (entry?.status !== 'queued') return null; // settled by a run before us
      const recipe = await tx.recipe.findUnique({
        where: { id: entry.recipe_id },
        select: { id: true, groupId: true, isMaster: true, variationName: true, _count: { select: { batches: true } } },
      });
      if (!recipe || recipe._count.batches > 0) {
        await tx.retentionDeletionQueue.update({ where: { id }, data: { status: 'canceled', resolvedAt: now } });
        return { kind: 'canceled' as const, name: entry.recipe_name };
      }
      await tx.recipeLine.deleteMany({ where: { recipeId: recipe.id } });
      await tx.recipe.delete({ where: { id: recipe.id } });
      if ((await tx.recipe.count({ where: { groupId: recipe.groupId } })) === 0)
        await tx.recipeGroup.delete({ where: { id: recipe.groupId } });
      else await ensureBranchCurrent(tx, branchOf(recipe));
      await tx.retentionDeletionQueue.update({ where: { id }, data: { status: 'deleted', resolvedAt: now } });
      await emitEvent(tx, { organizationId: org.id, now: () => now }, 'recipe_deleted', recipe.id, {
        name: entry.recipe_name,
        reason: 'retention',
      });
      return { kind: 'deleted' as const, name: entry.recipe_name };
    });
    if (outcome?.kind === 'deleted') deleted.push(outcome.name);
    if (outcome?.kind === 'canceled') canceled.push(outcome.name);
  }
  const noticed = await noticeApproaching(db, org.id, cutoff, now);
  const owner = await ownerEmail(db, org.id);
  if (owner && (deleted.length || canceled.length)) {
    await deps.mailer.send({
      to: owner,
      subject: `${org.name}: ${deleted.length} recipe(s) deleted by data retention`,
      text: [
        `The data retention sweep ran for ${org.name}.`,
        deleted.length ? `Deleted (acknowledged and unused): ${deleted.join(', ')}.` : 'Nothing was deleted.',
        canceled.length ? `Kept, because a batch now uses them: ${canceled.join(', ')}.` : '',
      ]
        .filter(Boolean)
        .join('\n'),
    });
  }
  if (owner && noticed.length) {
    await deps.mailer.send({
      to: owner,
      subject: `${org.name}: ${noticed.length} recipe(s) reach the retention limit within ${RETENTION_NOTICE_DAYS} days`,
      text: [
        `These recipes were never used by a batch and will be older than ${DEFAULT_RETENTION_DAYS} days within ${RETENTION_NOTICE_DAYS} days:`,
        ...noticed.map((n) => `- ${n}`),
        `Export or keep them from the Data Retention Notice: ${deps.appUrl}/recipes/retention`,
      ].join('\n'),
    });
  }
  return { deleted, canceled, noticed };
}

/**
 * Recipes that become at risk within RETENTION_NOTICE_DAYS, never noticed before: a pending queue entry records
 * the notice, so each recipe is mailed about once.
 */
async function noticeApproaching(db: PrismaClient, organizationId: string, cutoff: Date, now: Date) {
  const soon = new Date(cutoff.getTime() + RETENTION_NOTICE_DAYS * DAY_MS);
  const known = await db.retentionDeletionQueue.findMany({ where: { organizationId }, select: { recipeId: true } });
  const approaching = await db.recipe.findMany({
    where: {
      organizationId,
      createdAt: { gte: cutoff, lt: soon },
      batches: { none: {} },
      id: { notIn: known.map((k) => k.recipeId) },
    },
    select: { id: true, name: true },
    orderBy: { createdAt: 'asc' },
  });
  if (approaching.length)
    await db.retentionDeletionQueue.createMany({
      data: approaching.map((r) => ({
        organizationId,
        recipeId: r.id,
        recipeName: r.name,
        status: 'pending',
        noticeSentAt: now,
      })),
      skipDuplicates: true,
    });
  return approaching.map((r) => r.name);
}

async function ownerEmail(db: PrismaClient, organizationId: string): Promise<string | null> {
  const a = await db.userRoleAssignment.findFirst({
    where: { organizationId, role: { name: OWNER_ROLE, isSystemRole: true }, user: { isActive: true } },
    select: { user: { select: { email: true } } },
    orderBy: { user: { createdAt: 'asc' } },
  });
  return a?.user.email ?? null;
}
