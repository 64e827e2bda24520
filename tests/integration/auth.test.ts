import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestEnv, resetData, type TestEnv } from '../helpers/db.ts';
import { PASSWORD, callerFor, cookieOf, makeMember, makeOrg } from '../helpers/factories.ts';
import { hashToken, validateSessionToken, SESSION_TTL_MS } from '../../src/lib/server/auth/sessions.ts';
import { billingMode } from '../../src/lib/server/integrations/billing.ts';
import {
  CHECKOUT_REQUIRED_MESSAGE,
  createOrganizationWithOwner,
} from '../../src/lib/server/domain/orgs/create-organization.ts';

let env: TestEnv;
beforeAll(async () => (env = await createTestEnv()));
beforeEach(async () => {
  await resetData(env.db);
  env.clock.set(new Date('2026-03-01T12:00:00Z'));
});
afterAll(() => env.close());

const DAY = 86_400_000;

/** A sign-up that created its organization at once (free tier, or billing off). */
function created<T extends { kind: string }>(r: T): Extract<T, { kind: 'created' }> {
  if (r.kind !== 'created') throw new Error(`expected the organization to be created, got ${r.kind}`);
  return r as Extract<T, { kind: 'created' }>;
}

describe('sign-up', () => {
  it('with billing off (no STRIPE_SECRET_KEY) grants a paid tier unpaid and records it so; with billing on, refuses it', async () => {
    expect(billingMode({})).toBe('off');
    expect(billingMode({ STRIPE_SECRET_KEY: 'sk_test_x' })).toBe('stripe');
    const signUp = (tierKey: string, email: string) => ({
      organizationName: `On ${tierKey}`,
      tierKey,
      owner: { email, password: 'longenough', firstName: 'B', lastName: 'O' },
    });
    const anon = await callerFor(env, null);
    const paid = created(await anon.auth.signUp(signUp('team', 'paid@example.com')));
    const free = created(await anon.auth.signUp(signUp('free', 'free@example.com')));
    const rows = await env.db.organization.findMany({
      where: { id: { in: [paid.organization.id, free.organization.id] } },
      select: {
        name: true,
        billingProvider: true,
        subscriptionStatus: true,
        billingStatus: true,
        stripeCustomerId: true,
      },
      orderBy: { name: 'asc' },
    });
    expect(rows).toEqual([
      {
        name: 'On free',
        billingProvider: 'exempt',
        subscriptionStatus: null,
        billingStatus: 'active',
        stripeCustomerId: null,
      },
      {
        name: 'On team',
        billingProvider: 'none',
        subscriptionStatus: null,
        billingStatus: 'active',
        stripeCustomerId: null,
      },
    ]);
    // Billing on: no paid tier without a paid subscription; free tiers as before.
    await expect(
      createOrganizationWithOwner(env.db, env.services, signUp('team', 'stripe@example.com'), { billing: 'stripe' }),
    ).rejects.toMatchObject({ code: 'VALIDATION', message: CHECKOUT_REQUIRED_MESSAGE, details: { field: 'tierKey' } });
    await expect(
      createOrganizationWithOwner(env.db, env.services, signUp('free', 'stripe@example.com'), { billing: 'stripe' }),
    ).resolves.toMatchObject({ organization: { name: 'On free' } });
  });

  it('creates an organization on the chosen tier with its owner, signs them in and queues a stats rollup', async () => {
    const anon = await callerFor(env, null);
    const res = created(
      await anon.auth.signUp({
        organizationName: 'Lather Lab',
        tierKey: 'free',
        owner: { email: ' Ann@Example.com ', password: 'longenough', firstName: 'Ann', lastName: 'Lee' },
      }),
    );
    expect(cookieOf(anon)).toMatch(/^[a-z2-7]{32}$/);
    const org = await env.db.organization.findUniqueOrThrow({
      where: { id: res.organization.id },
      include: { tier: true },
    });
    expect(org.tier.name).toBe('Free Tools');
    const user = await env.db.user.findUniqueOrThrow({ where: { id: res.user.id } });
    expect(user.email).toBe('ann@example.com');
    expect(user.username).toBe('ann');
    expect(user.passwordHash!.startsWith('$argon2id$')).toBe(true);
    const owners = await env.db.userRoleAssignment.findMany({
      where: { organizationId: org.id, role: { name: 'organization_owner' } },
    });
    expect(owners.map((o) => o.userId)).toEqual([user.id]);
    expect(await env.db.role.count({ where: { organizationId: org.id } })).toBe(4);
    const jobs = await env.db.$queryRawUnsafe<{ n: bigint }[]>(
      `SELECT count(*) n FROM pgboss.job WHERE name='stats.rollup' AND data->>'organizationId'=$1`,
      org.id,
    );
    expect(Number(jobs[0]!.n)).toBe(1);
  });

  it('refuses a short password, a taken email and a tier not offered, writing nothing', async () => {
    const anon = await callerFor(env, null);
    const base = {
      organizationName: 'X Co',
      tierKey: 'solo',
      owner: { email: 'x@example.com', password: 'longenough', firstName: 'X', lastName: 'Y' },
    };
    await expect(anon.auth.signUp({ ...base, owner: { ...base.owner, password: 'short77' } })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('at least 8 characters'),
    });
    await anon.auth.signUp(base);
    await expect(anon.auth.signUp({ ...base, organizationName: 'Other' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'An account with that email already exists. Please log in instead.',
    });
    await expect(
      anon.auth.signUp({ ...base, tierKey: 'exempt', owner: { ...base.owner, email: 'z@example.com' } }),
    ).rejects.toMatchObject({ message: 'Invalid subscription plan selected' });
    expect(await env.db.organization.count()).toBe(1);
  });
});

describe('sign-in and sessions', () => {
  it('signs in by email or username and stores only the token hash', async () => {
    const org = await makeOrg(env);
    const anon = await callerFor(env, null);
    await anon.auth.signIn({ identifier: org.owner.email.toUpperCase(), password: PASSWORD });
    const token = cookieOf(anon)!;
    expect(await env.db.session.findUnique({ where: { id: token } })).toBeNull();
    expect(await env.db.session.findUnique({ where: { id: hashToken(token) } })).not.toBeNull();
    await anon.auth.signIn({ identifier: org.owner.username, password: PASSWORD });
    expect(cookieOf(anon)).not.toBe(token);
    // docs/rules/tenancy-and-auth.md (Sessions): several devices at once
    expect(await env.db.session.count({ where: { userId: org.owner.id } })).toBe(2);
  });

  it('expires sessions after 30 days and slides them while in use', async () => {
    const org = await makeOrg(env);
    const anon = await callerFor(env, null);
    await anon.auth.signIn({ identifier: org.owner.email, password: PASSWORD });
    const token = cookieOf(anon)!;
    const start = env.clock.now().getTime();
    expect((await env.db.session.findUniqueOrThrow({ where: { id: hashToken(token) } })).expiresAt.getTime()).toBe(
      start + SESSION_TTL_MS,
    );
    // 20 days later: still valid, and slid to 30 days from now
    env.clock.advance(20 * DAY);
    const v = await validateSessionToken(env.db, token, env.clock.now());
    expect(v.session!.expiresAt.getTime()).toBe(start + 50 * DAY);
    // 30 days of silence after that: gone
    env.clock.advance(30 * DAY);
    expect((await validateSessionToken(env.db, token, env.clock.now())).session).toBeNull();
    expect(await env.db.session.count({ where: { id: hashToken(token) } })).toBe(0);
  });

  it('logs out one session, or every session', async () => {
    const org = await makeOrg(env);
    const a = await callerFor(env, org.owner.id);
    await callerFor(env, org.owner.id);
    await callerFor(env, org.owner.id);
    expect(await env.db.session.count({ where: { userId: org.owner.id } })).toBe(3);
    await a.auth.signOut();
    expect(await env.db.session.count({ where: { userId: org.owner.id } })).toBe(2);
    const b = await callerFor(env, org.owner.id);
    await b.auth.signOutEverywhere();
    expect(await env.db.session.count({ where: { userId: org.owner.id } })).toBe(0);
  });

  it('locks an identifier after 10 failures in 15 minutes, with a clear message, and unlocks after the window', async () => {
    const org = await makeOrg(env);
    const anon = await callerFor(env, null);
    for (let i = 0; i < 10; i++) {
      await expect(anon.auth.signIn({ identifier: org.owner.email, password: 'wrong-password' })).rejects.toMatchObject(
        { code: 'UNAUTHORIZED' },
      );
      env.clock.advance(60_000);
    }
    await expect(anon.auth.signIn({ identifier: org.owner.email, password: PASSWORD })).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      message: 'Too many failed sign-in attempts. Your account is locked for 15 minutes; try again later.',
    });
    env.clock.advance(15 * 60_000);
    await expect(anon.auth.signIn({ identifier: org.owner.email, password: PASSWORD })).resolves.toEqual({
      userType: 'customer',
    });
  });

  it('does not lock when the failures are spread over more than 15 minutes', async () => {
    const org = await makeOrg(env);
    const anon = await callerFor(env, null);
    for (let i = 0; i < 12; i++) {
      await expect(anon.auth.signIn({ identifier: org.owner.email, password: 'wrong-password' })).rejects.toMatchObject(
        { code: 'UNAUTHORIZED' },
      );
      env.clock.advance(2 * 60_000);
    }
    await expect(anon.auth.signIn({ identifier: org.owner.email, password: PASSWORD })).resolves.toEqual({
      userType: 'customer',
    });
  });

  it('refuses inactive users and users of inactive organizations, and drops their sessions', async () => {
    const org = await makeOrg(env);
    const member = await makeMember(env, org.id, 'viewer');
    const anon = await callerFor(env, null);
    await anon.auth.signIn({ identifier: member.email, password: PASSWORD });
    const token = cookieOf(anon)!;
    await env.db.user.update({ where: { id: member.id }, data: { isActive: false } });
    await expect(anon.auth.signIn({ identifier: member.email, password: PASSWORD })).rejects.toMatchObject({
      message: 'This account is inactive. Contact your organization owner.',
    });
    expect((await validateSessionToken(env.db, token, env.clock.now())).user).toBeNull();
    await env.db.organization.update({ where: { id: org.id }, data: { isActive: false } });
    await expect(anon.auth.signIn({ identifier: org.owner.email, password: PASSWORD })).rejects.toMatchObject({
      message: 'Your organization is currently inactive. Please contact support immediately.',
    });
  });

  it('changing the password ends every other session', async () => {
    const org = await makeOrg(env);
    const current = await callerFor(env, org.owner.id);
    await callerFor(env, org.owner.id);
    await expect(
      current.auth.changePassword({ currentPassword: 'nope-nope', newPassword: 'another-pass' }),
    ).rejects.toMatchObject({ message: 'Current password is incorrect' });
    await current.auth.changePassword({ currentPassword: PASSWORD, newPassword: 'another-pass' });
    expect(await env.db.session.count({ where: { userId: org.owner.id } })).toBe(1);
    const anon = await callerFor(env, null);
    await expect(anon.auth.signIn({ identifier: org.owner.email, password: 'another-pass' })).resolves.toBeTruthy();
  });
});
