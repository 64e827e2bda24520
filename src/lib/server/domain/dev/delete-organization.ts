// Deleting an organization (docs/rules/platform-console.md, Deleting an organization), in this order:
//  1. the developer typed the organization's name;
//  2. its Stripe subscriptions are cancelled (billing's cancelOrganizationSubscriptions); a refusal or an
//     unreachable Stripe aborts the whole delete; with billing off it is skipped with a note;
//  3. in ONE transaction: its data is exported (a zip of JSON per table, kept as an OrganizationArchive to
//     download), other organizations' recipes cloned from its recipes are detached (they become their own
//     roots), every tenant row is deleted children first, then the organization, and the audit row written.
import type { z } from 'zod';
import type { PrismaClient } from '../../db/client.ts';
import { withTransaction, type Tx } from '../../db/transaction.ts';
import { AppError } from '../../errors.ts';
import type { StripeGateway } from '../../integrations/stripe.ts';
import { cancelOrganizationSubscriptions } from '../billing/platform-billing.ts';
import { DeleteOrganizationInputSchema } from '../../../shared/schemas/dev-console.ts';
import { recordAudit, type ConsoleCtx } from './audit.ts';
import { createZip } from './zip.ts';
import { childFirstOrder, tenantTables, type TenantTable } from './tenant-tables.ts';

export const CONFIRM_NAME_MESSAGE = "The name typed does not match the organization's name.";

/** The zip of an organization's data: organization.json plus one <table>.json per tenant table. */
async function exportOrganization(tx: Tx, tables: TenantTable[], orgId: string, at: Date) {
  const counts: Record<string, number> = {};
  const entries: { name: string; data: string }[] = [];
  const [org] = await tx.$queryRawUnsafe<{ j: unknown }[]>(
    `SELECT row_to_json(o) AS j FROM organizations o WHERE id = $1`,
    orgId,
  );
  entries.push({ name: 'organizations.json', data: JSON.stringify([org!.j], null, 2) });
  counts.organizations = 1;
  for (const t of tables) {
    const [r] = await tx.$queryRawUnsafe<{ rows: unknown[]; n: number }[]>(
      `SELECT coalesce(json_agg(t), '[]'::json) AS rows, count(*)::int AS n
         FROM "${t.table}" t WHERE t.organization_id = $1`,
      orgId,
    );
    counts[t.table] = r!.n;
    entries.push({ name: `${t.table}.json`, data: JSON.stringify(r!.rows, null, 2) });
  }
  entries.unshift({
    name: 'manifest.json',
    data: JSON.stringify({ organizationId: orgId, exportedAt: at.toISOString(), tables: counts }, null, 2),
  });
  return { zip: createZip(entries, at), counts };
}

function archiveFileName(name: string, at: Date) {
  const slug =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'organization';
  return `${slug}-${at.toISOString().slice(0, 10)}.zip`;
}

/** A live organization's export, for the "Download data" button (nothing is stored or deleted). */
export async function exportOrganizationArchive(db: PrismaClient, ctx: ConsoleCtx, input: { organizationId: string }) {
  const tables = tenantTables(db);
  return withTransaction(
    db,
    async (tx) => {
      const org = await tx.organization.findUnique({ where: { id: input.organizationId }, select: { name: true } });
      if (!org) throw new AppError('NOT_FOUND', 'Organization not found.');
      const { zip } = await exportOrganization(tx, tables, input.organizationId, ctx.now());
      await recordAudit(tx, ctx, {
        action: 'organization.export',
        targetType: 'organization',
        targetKey: input.organizationId,
        targetLabel: org.name,
        targetOrgId: input.organizationId,
      });
      return { fileName: archiveFileName(org.name, ctx.now()), base64: zip.toString('base64') };
    },
    { timeout: 120_000, isolationLevel: 'RepeatableRead' },
  );
}

export async function deleteOrganization(
  db: PrismaClient,
  ctx: ConsoleCtx & { stripe: StripeGateway | null },
  raw: z.input<typeof DeleteOrganizationInputSchema>,
) {
  const input = DeleteOrganizationInputSchema.parse(raw);
  const org = await db.organization.findUnique({
    where: { id: input.organizationId },
    select: { id: true, name: true, stripeCustomerId: true, tier: { select: { key: true } } },
  });
  if (!org) throw new AppError('NOT_FOUND', 'Organization not found.');
  if (input.confirmName.trim() !== org.name.trim())
    throw new AppError('VALIDATION', CONFIRM_NAME_MESSAGE, { field: 'confirmName' });
  // Stripe first: when it refuses or cannot be reached, nothing has been deleted.
  const billing = await cancelSubscriptionsOrAbort(db, ctx.stripe, org.id);
  const tables = tenantTables(db);
  return withTransaction(
    db,
    async (tx) => {
      const at = ctx.now();
      const { zip, counts } = await exportOrganization(tx, tables, org.id, at);
      const detached = await detachClones(tx, org.id);
      const order = await childFirstOrder(tx, tables);
      for (const t of order) await tx.$executeRawUnsafe(`DELETE FROM "${t.table}" WHERE organization_id = $1`, org.id);
      // Its queued work has nothing left to act on.
      await tx.$executeRawUnsafe(
        `DELETE FROM pgboss.job WHERE data->>'organizationId' = $1 AND state IN ('created', 'retry')`,
        org.id,
      );
      await tx.organization.delete({ where: { id: org.id } });
      const archive = await tx.organizationArchive.create({
        data: {
          sourceOrgId: org.id,
          orgName: org.name,
          fileName: archiveFileName(org.name, at),
          data: new Uint8Array(zip),
          sizeBytes: zip.length,
          tableCounts: counts,
          createdById: ctx.actor.userId,
          createdAt: at,
        },
        select: { id: true, fileName: true, sizeBytes: true },
      });
      await recordAudit(tx, ctx, {
        action: 'organization.delete',
        targetType: 'organization',
        targetKey: org.id,
        targetLabel: org.name,
        targetOrgId: org.id,
        before: { name: org.name, tier: org.tier.key, rows: counts },
        after: {
          archiveId: archive.id,
          stripeSubscriptionsCancelled: billing.cancelled,
          clonesDetached: detached,
        },
        note: billing.note,
      });
      return {
        archive,
        deletedRows: counts,
        order: order.map((t) => t.table),
        stripe: billing,
        clonesDetached: detached,
      };
    },
    { timeout: 120_000 },
  );
}

/**
 * Other organizations' recipes that came from this one's keep their content and lose the link: the clone's
 * source, its lineage events' source, and a parent across organizations are cleared, so each becomes its
 * own root. Their lineage records the detach.
 */
async function detachClones(tx: Tx, orgId: string): Promise<number> {
  const mine = (await tx.recipe.findMany({ where: { organizationId: orgId }, select: { id: true } })).map((r) => r.id);
  if (mine.length === 0) return 0;
  const clones = await tx.recipe.findMany({
    where: {
      organizationId: { not: orgId },
      OR: [{ clonedFromId: { in: mine } }, { parentRecipeId: { in: mine } }],
    },
    select: { id: true, organizationId: true },
  });
  if (clones.length > 0) {
    await tx.recipe.updateMany({
      where: { organizationId: { not: orgId }, clonedFromId: { in: mine } },
      data: { clonedFromId: null },
    });
    await tx.recipe.updateMany({
      where: { organizationId: { not: orgId }, parentRecipeId: { in: mine } },
      data: { parentRecipeId: null },
    });
    await tx.recipeLineage.createMany({
      data: clones.map((c) => ({
        organizationId: c.organizationId,
        recipeId: c.id,
        eventType: 'DETACH',
        notes: 'Its source organization was deleted; this recipe is now its own root.',
      })),
    });
  }
  await tx.recipeLineage.updateMany({
    where: { organizationId: { not: orgId }, sourceRecipeId: { in: mine } },
    data: { sourceRecipeId: null },
  });
  return clones.length + (await detachLibraryClones(tx, orgId, mine, new Set(clones.map((c) => c.id))));
}

/**
 * Clones taken from its public recipes (docs/rules/recipe-sharing.md, Deleting the source): each clone
 * loses its source organization and recipe and becomes its own root; the versions, variations and copies
 * made from a clone take the clone as their root.
 */
async function detachLibraryClones(tx: Tx, orgId: string, mine: string[], counted: Set<string>): Promise<number> {
  const direct = await tx.$queryRaw<{ id: string; organization_id: string }[]>`
    UPDATE recipes SET root_recipe_id = id, origin_organization_id = NULL, origin_recipe_id = NULL
     WHERE organization_id <> ${orgId} AND origin_organization_id = ${orgId}
       AND parent_recipe_id IS NULL AND cloned_from_id IS NULL
    RETURNING id, organization_id`;
  // What was made from a clone follows its parent (or copy source) down to the clone, one step a round.
  for (let moved = 1; moved > 0;) {
    moved = await tx.$executeRaw`
      UPDATE recipes c SET root_recipe_id = p.root_recipe_id
        FROM recipes p
       WHERE c.organization_id <> ${orgId} AND c.root_recipe_id = ANY(${mine}::text[])
         AND p.id = COALESCE(c.parent_recipe_id, c.cloned_from_id) AND NOT (p.root_recipe_id = ANY(${mine}::text[]))`;
  }
  await tx.$executeRaw`
    UPDATE recipes SET root_recipe_id = id WHERE organization_id <> ${orgId} AND root_recipe_id = ANY(${mine}::text[])`;
  await tx.$executeRaw`
    UPDATE recipes SET origin_organization_id = NULL, origin_recipe_id = NULL
     WHERE organization_id <> ${orgId} AND origin_organization_id = ${orgId}`;
  const fresh = direct.filter((d) => !counted.has(d.id));
  if (fresh.length)
    await tx.recipeLineage.createMany({
      data: fresh.map((c) => ({
        organizationId: c.organization_id,
        recipeId: c.id,
        eventType: 'DETACH',
        notes: 'Its source organization was deleted; this recipe is now its own root.',
      })),
    });
  return fresh.length;
}

export const STRIPE_ABORT_MESSAGE = 'Stripe did not cancel the subscription, so nothing was deleted';

/** billing's cancelOrganizationSubscriptions, with any refusal turned into a message that says nothing happened. */
export async function cancelSubscriptionsOrAbort(
  db: PrismaClient,
  stripe: StripeGateway | null,
  organizationId: string,
) {
  try {
    return await cancelOrganizationSubscriptions(db, { stripe }, { organizationId });
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new AppError('UNAVAILABLE', `${STRIPE_ABORT_MESSAGE}: ${why}`);
  }
}
