// Demo data for `npm start`: one organization with a user per preset role, and a platform developer.
// Idempotent: existing demo accounts are left as they are.
import type { PrismaClient } from '../db/client.ts';
import { hashPassword } from '../auth/password.ts';
import { createOrganizationWithOwner } from '../domain/orgs/create-organization.ts';
import type { Services } from '../domain/context.ts';

export const DEMO_PASSWORD = 'batchtrack-demo';
export const DEMO_ACCOUNTS = [
  { username: 'owner', role: 'owner' },
  { username: 'admin', role: 'admin' },
  { username: 'production', role: 'production' },
  { username: 'warehouse', role: 'warehouse' },
  { username: 'viewer', role: 'viewer' },
] as const;
export const DEMO_DEVELOPER = { username: 'developer', email: 'developer@batchtrack.local' };

export async function seedDemo(db: PrismaClient, ctx: Pick<Services, 'now' | 'jobs'>) {
  let org = await db.organization.findFirst({ where: { name: 'Demo Soap Co.' } });
  if (!org) {
    const created = await createOrganizationWithOwner(
      db,
      ctx,
      {
        organizationName: 'Demo Soap Co.',
        tierKey: 'team',
        owner: {
          email: 'owner@demo.batchtrack.local',
          username: 'owner',
          password: DEMO_PASSWORD,
          firstName: 'Olive',
          lastName: 'Owner',
        },
      },
      { signupSource: 'seed' },
    );
    org = await db.organization.findUniqueOrThrow({ where: { id: created.organization.id } });
  }
  const hash = await hashPassword(DEMO_PASSWORD);
  for (const acct of DEMO_ACCOUNTS.filter((a) => a.role !== 'owner')) {
    if (await db.user.findUnique({ where: { username: acct.username } })) continue;
    const role = await db.role.findFirstOrThrow({ where: { organizationId: org.id, name: acct.role } });
    const user = await db.user.create({
      data: {
        organizationId: org.id,
        username: acct.username,
        email: `${acct.username}@demo.batchtrack.local`,
        passwordHash: hash,
        firstName: acct.role[0]!.toUpperCase() + acct.role.slice(1),
        lastName: 'Demo',
      },
    });
    await db.userRoleAssignment.create({ data: { userId: user.id, roleId: role.id, organizationId: org.id } });
    await db.userPreferences.create({ data: { userId: user.id, organizationId: org.id } });
  }
  await ensureDeveloper(db, { ...DEMO_DEVELOPER, password: DEMO_PASSWORD, roleName: 'system_admin' });
  return { organizationId: org.id };
}

/** Creates a developer user (no organization) holding a developer role, if missing. */
export async function ensureDeveloper(
  db: PrismaClient,
  input: { username: string; email: string; password: string; roleName: string },
) {
  const existing = await db.user.findUnique({ where: { username: input.username } });
  if (existing) return existing;
  const role = await db.developerRole.findUniqueOrThrow({ where: { name: input.roleName } });
  const user = await db.user.create({
    data: {
      userType: 'developer',
      username: input.username,
      email: input.email,
      passwordHash: await hashPassword(input.password),
      firstName: 'Dev',
      lastName: 'Eloper',
    },
  });
  await db.userRoleAssignment.create({ data: { userId: user.id, developerRoleId: role.id } });
  return user;
}
