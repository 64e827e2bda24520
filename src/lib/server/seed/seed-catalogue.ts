// Idempotent catalogue seed: permissions, developer permissions and roles, the owner system role,
// tiers and add-ons, all from the code catalogues. Running it twice changes nothing the second time;
// running it after a catalogue change brings the database in line.
import type { PrismaClient } from '../db/client.ts';
import {
  CUSTOMER_PERMISSIONS,
  DEVELOPER_PERMISSIONS,
  DEVELOPER_ROLES,
  OWNER_ROLE,
  ALL_CUSTOMER_PERMISSIONS,
} from '../../shared/permission-catalogue.ts';
import { ADDONS, TIERS, tierAddonLinks } from '../auth/tiers.ts';
import { STANDARD_UNITS } from '../domain/units/standard-units.ts';
import { INGREDIENT_CATEGORIES } from '../domain/inventory/categories.ts';
import { PRODUCT_CATEGORIES } from '../domain/recipes/product-categories.ts';
import { seedGlobalItems } from './seed-global-items.ts';

export async function seedCatalogue(db: PrismaClient) {
  await db.$transaction(
    async (tx) => {
      for (const p of CUSTOMER_PERMISSIONS) {
        await tx.permission.upsert({
          where: { name: p.name },
          create: { name: p.name, category: p.category },
          update: { category: p.category },
        });
      }
      for (const name of DEVELOPER_PERMISSIONS) {
        await tx.developerPermission.upsert({ where: { name }, create: { name }, update: {} });
      }
      const perms = new Map((await tx.permission.findMany()).map((p) => [p.name, p.id]));
      const devPerms = new Map((await tx.developerPermission.findMany()).map((p) => [p.name, p.id]));

      for (const role of DEVELOPER_ROLES) {
        const row = await tx.developerRole.upsert({
          where: { name: role.name },
          create: { name: role.name, description: role.description },
          update: { description: role.description },
        });
        await tx.developerRolePermission.deleteMany({ where: { developerRoleId: row.id } });
        await tx.developerRolePermission.createMany({
          data: role.permissions.map((n) => ({ developerRoleId: row.id, developerPermissionId: devPerms.get(n)! })),
        });
      }

      // The owner role is one system role shared by all organizations; it carries every customer permission.
      const owner =
        (await tx.role.findFirst({ where: { name: OWNER_ROLE, organizationId: null } })) ??
        (await tx.role.create({
          data: { name: OWNER_ROLE, isSystemRole: true, description: 'Owns the organization' },
        }));
      await tx.rolePermission.deleteMany({ where: { roleId: owner.id } });
      await tx.rolePermission.createMany({
        data: ALL_CUSTOMER_PERMISSIONS.map((n) => ({ roleId: owner.id, permissionId: perms.get(n)! })),
      });

      // Seeding never overwrites a field edited in the console (docs/rules/platform-console.md, Catalogue):
      // the row's editedFields name them, and they are left out of the update.
      for (const a of ADDONS) {
        const { key, ...data } = a;
        const existing = await tx.addon.findUnique({ where: { key }, select: { editedFields: true } });
        await tx.addon.upsert({ where: { key }, create: a, update: withoutEdited(data, existing?.editedFields) });
      }
      const addons = new Map((await tx.addon.findMany()).map((a) => [a.key, a.id]));

      for (const tier of TIERS) {
        const { permissions, ...data } = tier;
        const existing = await tx.subscriptionTier.findUnique({
          where: { key: tier.key },
          select: { editedFields: true },
        });
        const edited = new Set(existing?.editedFields ?? []);
        const row = await tx.subscriptionTier.upsert({
          where: { key: tier.key },
          create: data,
          update: withoutEdited(data, existing?.editedFields),
        });
        if (!edited.has('permissions')) {
          await tx.tierPermission.deleteMany({ where: { tierId: row.id } });
          await tx.tierPermission.createMany({
            data: permissions.map((n) => ({ tierId: row.id, permissionId: perms.get(n)! })),
          });
        }
        if (!edited.has('addons')) {
          await tx.tierAddon.deleteMany({ where: { tierId: row.id } });
          await tx.tierAddon.createMany({
            data: tierAddonLinks(tier).map((l) => ({
              tierId: row.id,
              addonId: addons.get(l.addonKey)!,
              included: l.included,
            })),
          });
        }
      }

      for (const { aliases: _aliases, ...u } of STANDARD_UNITS) {
        await tx.unit.upsert({
          where: { name: u.name },
          create: u,
          update: { symbol: u.symbol, unitType: u.unitType, factor: u.factor },
        });
      }
      for (const c of PRODUCT_CATEGORIES) {
        await tx.productCategory.upsert({
          where: { name: c.name },
          create: { ...c },
          update: { isTypicallyPortioned: c.isTypicallyPortioned, skuNameTemplate: c.skuNameTemplate },
        });
      }
      for (const c of INGREDIENT_CATEGORIES) {
        await tx.ingredientCategory.upsert({
          where: { name: c.name },
          create: c,
          update: { defaultDensity: c.defaultDensity },
        });
      }
    },
    { timeout: 60_000 },
  );
  // The item library's starter catalogue (docs/rules/library.md), after the categories it refers to.
  await seedGlobalItems(db);
}

/** The seed's values minus the fields a developer edited in the console. */
function withoutEdited<T extends Record<string, unknown>>(data: T, edited: string[] | undefined): Partial<T> {
  if (!edited?.length) return data;
  return Object.fromEntries(Object.entries(data).filter(([k]) => !edited.includes(k))) as Partial<T>;
}
