// Small factories for integration tests. They go through the same domain functions as the app.
import type { PrismaClient } from '../../src/lib/server/db/client.ts';
import { createOrganizationWithOwner } from '../../src/lib/server/domain/orgs/create-organization.ts';
import { hashPassword } from '../../src/lib/server/auth/password.ts';
import { createSession } from '../../src/lib/server/auth/sessions.ts';
import { ensureDeveloper } from '../../src/lib/server/seed/seed-demo.ts';
import { appRouter } from '../../src/lib/server/trpc/root.ts';
import type { TrpcContext } from '../../src/lib/server/trpc/context.ts';
import type { TestEnv } from './db.ts';

export const PASSWORD = 'correct-horse-1';
let seq = 0;
const uniq = () => `${Date.now().toString(36)}${(seq++).toString(36)}`;

export async function makeOrg(env: TestEnv, opts: { tierKey?: string; name?: string } = {}) {
  const id = uniq();
  const created = await createOrganizationWithOwner(env.db, env.services, {
    organizationName: opts.name ?? `Org ${id}`,
    tierKey: opts.tierKey ?? 'team',
    owner: { email: `owner-${id}@example.com`, password: PASSWORD, firstName: 'Owner', lastName: id },
  });
  return { ...created.organization, owner: created.user };
}

/** A member of the organization holding one of its roles (preset name or custom role name). */
export async function makeMember(
  env: TestEnv,
  organizationId: string,
  roleName: string,
  opts: { active?: boolean } = {},
) {
  const id = uniq();
  const role = await env.db.role.findFirstOrThrow({ where: { organizationId, name: roleName } });
  const user = await env.db.user.create({
    data: {
      organizationId,
      username: `u_${id}`,
      email: `member-${id}@example.com`,
      passwordHash: await hashPassword(PASSWORD),
      firstName: roleName,
      lastName: id,
      isActive: opts.active ?? true,
    },
  });
  await env.db.userRoleAssignment.create({ data: { userId: user.id, roleId: role.id, organizationId } });
  return user;
}

export async function makeDeveloper(env: TestEnv, roleName = 'system_admin') {
  const id = uniq();
  return ensureDeveloper(env.db, {
    username: `dev_${id}`,
    email: `dev-${id}@example.com`,
    password: PASSWORD,
    roleName,
  });
}

export type Caller = ReturnType<typeof appRouter.createCaller>;
const cookieJars = new WeakMap<object, { token: string | null }>();
/** The session cookie a caller's last sign-in/out set (the tRPC caller itself is a proxy, so kept aside). */
export function cookieOf(caller: Caller): string | null {
  return cookieJars.get(caller)?.token ?? null;
}

/** A tRPC caller acting as the user (or signed out with null), through a real session row. */
export async function callerFor(
  env: TestEnv,
  userId: string | null,
  opts: { viewAsOrgId?: string; clientAddress?: string } = {},
): Promise<Caller> {
  let user: TrpcContext['user'] = null;
  let session: TrpcContext['session'] = null;
  if (userId) {
    const { session: s } = await createSession(env.db, userId, env.clock.now());
    if (opts.viewAsOrgId) await env.db.session.update({ where: { id: s.id }, data: { viewAsOrgId: opts.viewAsOrgId } });
    const u = await env.db.user.findUniqueOrThrow({ where: { id: userId } });
    user = {
      id: u.id,
      username: u.username,
      email: u.email,
      userType: u.userType as 'customer' | 'developer',
      organizationId: u.organizationId,
      firstName: u.firstName,
      lastName: u.lastName,
    };
    session = { id: s.id, expiresAt: s.expiresAt, viewAsOrgId: opts.viewAsOrgId ?? null, standing: 'ok' };
  }
  const cookies = { token: null as string | null };
  const ctx: TrpcContext = {
    db: env.db,
    services: env.services,
    boss: async () => env.boss,
    user,
    session,
    setSessionCookie: (token) => void (cookies.token = token),
    clearSessionCookie: () => void (cookies.token = null),
    clientAddress: opts.clientAddress,
  };
  const caller = appRouter.createCaller(ctx);
  cookieJars.set(caller, cookies);
  return caller;
}

export { uniq };
export type { PrismaClient };
