// The access stamps of docs/rules/access.md, read as one key. Triggers installed by the migration
// 20261202042257_access_versions bump them in the same transaction as every change that shapes access:
//   u   (users.access_version): the user's role assignments, type, organization and activity;
//   ao  (organizations.access_version): the acting organization's activity, billing, tier, name, currency,
//       purchased add-ons, roles and role permissions;
//   aot (subscription_tiers.access_version): the acting organization's tier, its permissions and add-on links;
//   access_stamps.version: platform-wide data (permissions, add-ons, system roles, developer roles).
// A statement that selects ACCESS_KEY_SQL joins `users u`, `organizations ao` and `subscription_tiers aot`.
import { Prisma } from '../db/client.ts';

export const ACCESS_KEY_SQL = Prisma.raw(
  `concat_ws('.', coalesce(u.access_version::text, '-'), coalesce(ao.access_version::text, '-'), ` +
    `coalesce(aot.access_version::text, '-'), (SELECT coalesce(max(version), 0) FROM access_stamps))`,
);
