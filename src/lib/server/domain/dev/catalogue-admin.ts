// Tiers, add-ons and the permission matrix, edited in the console (docs/rules/platform-console.md, Catalogue).
// Code seeds the defaults (seed/seed-catalogue.ts); every field changed here is recorded in the row's
// editedFields, and the seed never overwrites an edited field. A tier's permissions are read at every
// request (auth/access.ts), so an edit takes effect at its organizations' next request.
import type { z } from 'zod';
import type { PrismaClient } from '../../db/client.ts';
import { withTransaction, type Tx } from '../../db/transaction.ts';
import { AppError } from '../../errors.ts';
import { ALL_CUSTOMER_PERMISSIONS, PRESET_ROLES, OWNER_ROLE } from '../../../shared/permission-catalogue.ts';
import {
  CreateTierInputSchema,
  SetPermissionActiveInputSchema,
  UpdateAddonInputSchema,
  UpdateTierInputSchema,
} from '../../../shared/schemas/dev-console.ts';
import { changedFields, recordAudit, type ConsoleCtx } from './audit.ts';

/** Tiers that can never be deleted: the exempt tier and the free tier. */
export const PROTECTED_TIERS = ['exempt', 'free'];

const TIER_SCALARS = [
  'name',
  'description',
  'isCustomerFacing',
  'userLimit',
  'maxRecipes',
  'maxProducts',
  'maxBatches',
  'maxMonthlyBatches',
  'maxBatchbotRequests',
  'retentionPolicy',
  'billingProvider',
  'stripeLookupKey',
] as const;

export async function listTiers(db: PrismaClient) {
  const tiers = await db.subscriptionTier.findMany({
    orderBy: { sortOrder: 'asc' },
    include: {
      permissions: { select: { permission: { select: { name: true } } } },
      addons: { select: { included: true, addon: { select: { key: true } } } },
      _count: { select: { organizations: true } },
    },
  });
  return tiers.map(({ permissions, addons, _count, ...t }) => ({
    ...t,
    permissions: permissions.map((p) => p.permission.name).sort(),
    addons: addons.map((a) => ({ key: a.addon.key, included: a.included })).sort((a, b) => a.key.localeCompare(b.key)),
    organizations: _count.organizations,
    deletable: !PROTECTED_TIERS.includes(t.key) && _count.organizations === 0,
  }));
}

export async function listAddons(db: PrismaClient) {
  return db.addon.findMany({ orderBy: { key: 'asc' } });
}

async function writeTierLinks(
  tx: Tx,
  tierId: string,
  links: { permissions?: string[]; addons?: { key: string; included: boolean }[] },
) {
  if (links.permissions) {
    const unknown = links.permissions.filter((p) => !(ALL_CUSTOMER_PERMISSIONS as string[]).includes(p));
    if (unknown.length) throw new AppError('VALIDATION', `Unknown permission: ${unknown.join(', ')}`);
    const rows = await tx.permission.findMany({ where: { name: { in: links.permissions } }, select: { id: true } });
    await tx.tierPermission.deleteMany({ where: { tierId } });
    await tx.tierPermission.createMany({ data: rows.map((p) => ({ tierId, permissionId: p.id })) });
  }
  if (links.addons) {
    const rows = await tx.addon.findMany({ where: { key: { in: links.addons.map((a) => a.key) } } });
    const byKey = new Map(rows.map((a) => [a.key, a.id]));
    const unknown = links.addons.filter((a) => !byKey.has(a.key)).map((a) => a.key);
    if (unknown.length) throw new AppError('VALIDATION', `Unknown add-on: ${unknown.join(', ')}`);
    await tx.tierAddon.deleteMany({ where: { tierId } });
    await tx.tierAddon.createMany({
      data: links.addons.map((a) => ({ tierId, addonId: byKey.get(a.key)!, included: a.included })),
    });
  }
}

async function assertLookupKeyFree(tx: Tx, key: string | null | undefined, tierId: string | null) {
  if (!key) return;
  const taken = await tx.subscriptionTier.findFirst({
    where: { stripeLookupKey: key, ...(tierId ? { id: { not: tierId } } : {}) },
  });
  if (taken)
    throw new AppError('CONFLICT', `The lookup key ${key} is already used by ${taken.name}.`, {
      field: 'stripeLookupKey',
    });
}

export async function updateTier(db: PrismaClient, ctx: ConsoleCtx, raw: z.input<typeof UpdateTierInputSchema>) {
  const input = UpdateTierInputSchema.parse(raw);
  return withTransaction(db, async (tx) => {
    const tier = await tx.subscriptionTier.findUnique({
      where: { key: input.tierKey },
      include: {
        permissions: { select: { permission: { select: { name: true } } } },
        addons: { select: { included: true, addon: { select: { key: true } } } },
      },
    });
    if (!tier) throw new AppError('NOT_FOUND', 'Tier not found.');
    const current = {
      ...Object.fromEntries(TIER_SCALARS.map((k) => [k, tier[k]])),
      permissions: tier.permissions.map((p) => p.permission.name).sort(),
      addons: tier.addons
        .map((a) => ({ key: a.addon.key, included: a.included }))
        .sort((a, b) => a.key.localeCompare(b.key)),
    } as Record<string, unknown>;
    const wanted: Record<string, unknown> = { ...Object.fromEntries(TIER_SCALARS.map((k) => [k, input[k]])) };
    if (input.permissions) wanted.permissions = [...new Set(input.permissions)].sort();
    if (input.addons) wanted.addons = [...input.addons].sort((a, b) => a.key.localeCompare(b.key));
    const diff = changedFields(current, wanted);
    if (diff.fields.length === 0) return { tierKey: tier.key, changed: [] as string[] };
    if (diff.after.name !== undefined) {
      const taken = await tx.subscriptionTier.findFirst({
        where: { name: String(diff.after.name), id: { not: tier.id } },
      });
      if (taken) throw new AppError('CONFLICT', 'A tier with that name already exists.', { field: 'name' });
    }
    await assertLookupKeyFree(tx, diff.after.stripeLookupKey as string | null | undefined, tier.id);
    const { permissions, addons, ...scalars } = diff.after as Record<string, unknown> & {
      permissions?: string[];
      addons?: { key: string; included: boolean }[];
    };
    const editedFields = [...new Set([...tier.editedFields, ...diff.fields])].sort();
    await tx.subscriptionTier.update({ where: { id: tier.id }, data: { ...scalars, editedFields } });
    await writeTierLinks(tx, tier.id, { permissions, addons });
    await recordAudit(tx, ctx, {
      action: 'tier.update',
      targetType: 'tier',
      targetKey: tier.key,
      targetLabel: tier.name,
      before: diff.before,
      after: diff.after,
    });
    return { tierKey: tier.key, changed: diff.fields };
  });
}

export async function createTier(db: PrismaClient, ctx: ConsoleCtx, raw: z.input<typeof CreateTierInputSchema>) {
  const input = CreateTierInputSchema.parse(raw);
  return withTransaction(db, async (tx) => {
    if (await tx.subscriptionTier.findFirst({ where: { OR: [{ key: input.key }, { name: input.name }] } }))
      throw new AppError('CONFLICT', 'A tier with that key or name already exists.', { field: 'key' });
    await assertLookupKeyFree(tx, input.stripeLookupKey, null);
    const { permissions, addons, key, ...fields } = input;
    const last = await tx.subscriptionTier.aggregate({ _max: { sortOrder: true } });
    const tier = await tx.subscriptionTier.create({
      data: { key, ...fields, sortOrder: (last._max.sortOrder ?? 0) + 1, editedFields: [] },
    });
    await writeTierLinks(tx, tier.id, { permissions, addons });
    await recordAudit(tx, ctx, {
      action: 'tier.create',
      targetType: 'tier',
      targetKey: key,
      targetLabel: input.name,
      after: input,
    });
    return { tierKey: key };
  });
}

export async function deleteTier(db: PrismaClient, ctx: ConsoleCtx, input: { tierKey: string }) {
  return withTransaction(db, async (tx) => {
    const tier = await tx.subscriptionTier.findUnique({
      where: { key: input.tierKey },
      include: { _count: { select: { organizations: true } } },
    });
    if (!tier) throw new AppError('NOT_FOUND', 'Tier not found.');
    if (PROTECTED_TIERS.includes(tier.key))
      throw new AppError('INVALID_STATE', `The ${tier.name} tier cannot be deleted.`);
    if (tier._count.organizations > 0)
      throw new AppError(
        'INVALID_STATE',
        `${tier._count.organizations} organization(s) are on ${tier.name}: move them first.`,
      );
    await tx.subscriptionTier.delete({ where: { id: tier.id } });
    await recordAudit(tx, ctx, {
      action: 'tier.delete',
      targetType: 'tier',
      targetKey: tier.key,
      targetLabel: tier.name,
      before: { name: tier.name },
    });
    return { ok: true };
  });
}

export async function updateAddon(db: PrismaClient, ctx: ConsoleCtx, raw: z.input<typeof UpdateAddonInputSchema>) {
  const input = UpdateAddonInputSchema.parse(raw);
  return withTransaction(db, async (tx) => {
    const addon = await tx.addon.findUnique({ where: { key: input.addonKey } });
    if (!addon) throw new AppError('NOT_FOUND', 'Add-on not found.');
    if (input.permissionName && !(ALL_CUSTOMER_PERMISSIONS as string[]).includes(input.permissionName))
      throw new AppError('VALIDATION', `Unknown permission: ${input.permissionName}`, { field: 'permissionName' });
    const { addonKey: _k, ...wanted } = input;
    const diff = changedFields(addon as unknown as Record<string, unknown>, wanted);
    if (diff.fields.length === 0) return { addonKey: addon.key, changed: [] as string[] };
    const editedFields = [...new Set([...addon.editedFields, ...diff.fields])].sort();
    await tx.addon.update({ where: { id: addon.id }, data: { ...diff.after, editedFields } });
    await recordAudit(tx, ctx, {
      action: 'addon.update',
      targetType: 'addon',
      targetKey: addon.key,
      targetLabel: addon.name,
      before: diff.before,
      after: diff.after,
    });
    return { addonKey: addon.key, changed: diff.fields };
  });
}

/** Every permission with its category, the tiers and preset roles that carry it, and its platform switch. */
export async function permissionMatrix(db: PrismaClient) {
  const [perms, devPerms] = await Promise.all([
    db.permission.findMany({
      orderBy: [{ category: 'asc' }, { name: 'asc' }],
      include: { tiers: { select: { tier: { select: { key: true, sortOrder: true } } } } },
    }),
    db.developerPermission.findMany({
      orderBy: { name: 'asc' },
      include: { roles: { select: { role: { select: { name: true } } } } },
    }),
  ]);
  return {
    customer: perms.map((p) => ({
      name: p.name,
      category: p.category,
      isActive: p.isActive,
      tiers: p.tiers.sort((a, b) => a.tier.sortOrder - b.tier.sortOrder).map((t) => t.tier.key),
      presetRoles: [
        OWNER_ROLE,
        ...PRESET_ROLES.filter((r) => (r.permissions as string[]).includes(p.name)).map((r) => r.name),
      ],
    })),
    developer: devPerms.map((p) => ({
      name: p.name,
      isActive: p.isActive,
      roles: p.roles.map((r) => r.role.name).sort(),
    })),
  };
}

/** Switches a permission off (or on) for the whole platform: no tier, role or add-on grants it while off. */
export async function setPermissionActive(
  db: PrismaClient,
  ctx: ConsoleCtx,
  raw: z.input<typeof SetPermissionActiveInputSchema>,
) {
  const input = SetPermissionActiveInputSchema.parse(raw);
  return withTransaction(db, async (tx) => {
    const dev = input.name.startsWith('dev.');
    const row = dev
      ? await tx.developerPermission.findUnique({ where: { name: input.name } })
      : await tx.permission.findUnique({ where: { name: input.name } });
    if (!row) throw new AppError('NOT_FOUND', 'Permission not found.');
    if (dev && !input.isActive && input.name === 'dev.assign_permissions')
      throw new AppError(
        'INVALID_STATE',
        'dev.assign_permissions cannot be switched off: nobody could switch it back.',
      );
    if (row.isActive === input.isActive) return { ok: true };
    if (dev) await tx.developerPermission.update({ where: { id: row.id }, data: { isActive: input.isActive } });
    else await tx.permission.update({ where: { id: row.id }, data: { isActive: input.isActive } });
    await recordAudit(tx, ctx, {
      action: input.isActive ? 'permission.activate' : 'permission.deactivate',
      targetType: 'permission',
      targetKey: input.name,
      targetLabel: input.name,
      before: { isActive: row.isActive },
      after: { isActive: input.isActive },
    });
    return { ok: true };
  });
}
