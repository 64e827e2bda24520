// The console's users (docs/rules/platform-console.md, Users): lists, edit, password reset (link or
// temporary), end sessions, soft and hard delete with their refusals, developer accounts; each audited.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestEnv, resetData, type TestEnv } from '../helpers/db.ts';
import { PASSWORD, callerFor, cookieOf, makeDeveloper, makeMember, makeOrg } from '../helpers/factories.ts';
import { validateSessionToken } from '../../src/lib/server/auth/sessions.ts';
import { passwordChangeGate } from '../../src/lib/server/auth/password-change-gate.ts';
import { makeRecipe } from '../helpers/production.ts';
import { hardDeleteUser } from '../../src/lib/server/domain/dev/user-admin.ts';
import type { StripeGateway } from '../../src/lib/server/integrations/stripe.ts';

let env: TestEnv;
beforeAll(async () => (env = await createTestEnv()));
beforeEach(async () => {
  await resetData(env.db);
  await env.db.auditLog.deleteMany();
});
afterAll(() => env.close());

async function devCaller(role = 'system_admin') {
  const user = await makeDeveloper(env, role);
  return { user, api: await callerFor(env, user.id) };
}

describe('listing users', () => {
  it('lists customers and developers apart, paged and searchable', async () => {
    const a = await makeOrg(env, { name: 'Lavender Lane' });
    await makeMember(env, a.id, 'viewer');
    await makeMember(env, a.id, 'production');
    const { user: dev, api } = await devCaller();
    const customers = await api.dev.users.list({ kind: 'customer' });
    expect(customers.total).toBe(3);
    expect(customers.rows.every((r) => r.userType === 'customer')).toBe(true);
    const developers = await api.dev.users.list({ kind: 'developer' });
    expect(developers.rows.map((r) => [r.username, r.roles])).toEqual([[dev.username, ['system_admin']]]);
    const byOrg = await api.dev.users.list({ kind: 'customer', search: 'lavender', pageSize: 2, page: 2 });
    expect([byOrg.total, byOrg.rows.length]).toEqual([3, 1]);
    expect((await api.dev.users.list({ kind: 'customer', search: a.owner.email })).rows.map((r) => r.id)).toEqual([
      a.owner.id,
    ]);
  });
});

describe('editing a user', () => {
  it('changes names and email with an audit row, and refuses duplicates as already in use', async () => {
    const a = await makeOrg(env);
    const m = await makeMember(env, a.id, 'viewer');
    const { api } = await devCaller();
    await api.dev.users.update({ userId: m.id, firstName: 'Vera', email: 'vera@example.com' });
    const row = await env.db.user.findUniqueOrThrow({ where: { id: m.id } });
    expect([row.firstName, row.email]).toEqual(['Vera', 'vera@example.com']);
    await expect(api.dev.users.update({ userId: m.id, email: a.owner.email })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'That email is already in use.',
    });
    await expect(
      api.dev.users.update({ userId: m.id, username: a.owner.username.toUpperCase() }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: 'That username is already in use.' });
    const audit = await env.db.auditLog.findMany();
    expect(audit.map((x) => [x.action, x.before, x.after])).toEqual([
      ['user.update', { firstName: 'viewer', email: m.email }, { firstName: 'Vera', email: 'vera@example.com' }],
    ]);
  });

  it('deactivating ends their sessions', async () => {
    const a = await makeOrg(env);
    const m = await makeMember(env, a.id, 'viewer');
    await callerFor(env, m.id);
    const { api } = await devCaller();
    await api.dev.users.update({ userId: m.id, isActive: false });
    expect(await env.db.session.count({ where: { userId: m.id } })).toBe(0);
  });
});

describe('resetting a password', () => {
  it('a temporary password signs in but must be changed before anything else', async () => {
    const a = await makeOrg(env);
    const { api } = await devCaller();
    const r = await api.dev.users.resetPassword({
      userId: a.owner.id,
      mode: 'temporary',
      temporaryPassword: 'temporary-pass-1',
    });
    expect(r).toEqual({ mode: 'temporary', link: null });
    const anon = await callerFor(env, null);
    const signedIn = await anon.auth.signIn({ identifier: a.owner.email, password: 'temporary-pass-1' });
    expect(signedIn).toEqual({ userType: 'customer', mustChangePassword: true });
    // The session that sign-in opened carries the flag…
    const validated = await validateSessionToken(env.db, cookieOf(anon)!, env.clock.now());
    expect(validated.session?.mustChangePassword).toBe(true);
    // …and the request gate (hooks.server.ts) sends pages to the change and refuses other procedures.
    expect(passwordChangeGate('/dashboard', true)).toEqual({ kind: 'redirect', location: '/change-password' });
    expect(passwordChangeGate('/api/trpc/team.list', true)).toEqual({ kind: 'refuse' });
    expect(passwordChangeGate('/api/trpc/me.get,team.list', true)).toEqual({ kind: 'refuse' });
    expect(passwordChangeGate('/api/trpc/auth.changePassword', true)).toEqual({ kind: 'pass' });
    expect(passwordChangeGate('/change-password', true)).toEqual({ kind: 'pass' });
    expect(passwordChangeGate('/dashboard', false)).toEqual({ kind: 'pass' });
    const owner = await callerFor(env, a.owner.id);
    await owner.auth.changePassword({ currentPassword: 'temporary-pass-1', newPassword: 'my-own-pass-2' });
    expect((await env.db.user.findUniqueOrThrow({ where: { id: a.owner.id } })).mustChangePassword).toBe(false);
    const audit = await env.db.auditLog.findFirstOrThrow();
    expect(audit).toMatchObject({ action: 'user.temporary_password', after: { mode: 'temporary' } });
    expect(JSON.stringify(audit)).not.toContain('temporary-pass-1');
  });

  it('a reset link sets a new password once and ends every session', async () => {
    const a = await makeOrg(env);
    await callerFor(env, a.owner.id);
    const { api } = await devCaller();
    const r = await api.dev.users.resetPassword({ userId: a.owner.id, mode: 'link' });
    const token = r.link!.split('/').pop()!;
    const anon = await callerFor(env, null);
    expect(await anon.auth.passwordLink({ token })).toEqual({ username: a.owner.username });
    await anon.auth.usePasswordLink({ token, password: 'reset-pass-123' });
    await expect(anon.auth.usePasswordLink({ token, password: 'again-pass-123' })).rejects.toMatchObject({
      message: 'This link is invalid or has expired. Ask for a new one.',
    });
    expect(await anon.auth.passwordLink({ token })).toBeNull();
    await expect(anon.auth.signIn({ identifier: a.owner.email, password: 'reset-pass-123' })).resolves.toMatchObject({
      userType: 'customer',
    });
    await expect(anon.auth.signIn({ identifier: a.owner.email, password: PASSWORD })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
  });

  it("ends a user's sessions from the console", async () => {
    const a = await makeOrg(env);
    await callerFor(env, a.owner.id);
    await callerFor(env, a.owner.id);
    const { api } = await devCaller();
    expect(await api.dev.users.endSessions({ userId: a.owner.id })).toEqual({ ended: 2 });
  });
});

describe('deleting users', () => {
  it('soft delete disables the user and ends their roles; never a developer or the owner', async () => {
    const a = await makeOrg(env);
    const m = await makeMember(env, a.id, 'viewer');
    const { api } = await devCaller();
    await api.dev.users.softDelete({ userId: m.id });
    const row = await env.db.user.findUniqueOrThrow({ where: { id: m.id }, include: { assignments: true } });
    expect([row.isActive, row.isDeleted, row.assignments.map((x) => x.isActive)]).toEqual([false, true, [false]]);
    const other = await makeDeveloper(env, 'support');
    await expect(api.dev.users.softDelete({ userId: other.id })).rejects.toMatchObject({
      message: 'Developer accounts cannot be deleted.',
    });
    await expect(api.dev.users.softDelete({ userId: a.owner.id })).rejects.toMatchObject({
      message: 'This user owns the organization: transfer ownership first, or delete the organization.',
    });
  });

  it('hard delete keeps their recipes and batches with the creator set to null', async () => {
    const a = await makeOrg(env);
    const m = await makeMember(env, a.id, 'production');
    const owner = await callerFor(env, a.owner.id);
    const oil = await owner.inventory.create({ name: 'Oil', unit: 'gram', openingQuantity: '1000', cost: '0.02' });
    const recipe = await makeRecipe(env, a.id, {
      name: 'Bar',
      lines: [{ itemId: oil.id, quantity: '100', unit: 'gram' }],
    });
    await env.db.recipe.update({ where: { id: recipe.id }, data: { createdById: m.id } });
    const mCaller = await callerFor(env, m.id);
    const batch = await mCaller.batches.start({ recipeId: recipe.id });
    expect((await env.db.batch.findUniqueOrThrow({ where: { id: batch.batchId } })).startedById).toBe(m.id);
    const { api } = await devCaller();
    await expect(api.dev.users.hardDelete({ userId: m.id, confirmUsername: 'wrong' })).rejects.toMatchObject({
      message: 'The username typed does not match.',
    });
    const r = await api.dev.users.hardDelete({ userId: m.id, confirmUsername: m.username });
    expect(r.nulled).toMatchObject({ 'recipes.created_by_id': 1, 'batches.started_by_id': 1 });
    expect(await env.db.user.count({ where: { id: m.id } })).toBe(0);
    expect((await env.db.recipe.findUniqueOrThrow({ where: { id: recipe.id } })).createdById).toBeNull();
    expect((await env.db.batch.findUniqueOrThrow({ where: { id: batch.batchId } })).startedById).toBeNull();
    const audit = await env.db.auditLog.findFirstOrThrow({ where: { action: 'user.hard_delete' } });
    expect(audit.before).toMatchObject({ username: m.username, owner: false });
  });

  it('refuses to hard-delete a developer', async () => {
    const other = await makeDeveloper(env, 'support');
    const { api } = await devCaller();
    await expect(api.dev.users.hardDelete({ userId: other.id, confirmUsername: other.username })).rejects.toMatchObject(
      {
        code: 'CONFLICT',
        message: 'Developer accounts cannot be deleted.',
      },
    );
    expect(await env.db.user.count({ where: { id: other.id } })).toBe(1);
  });

  it('the last customer of a paying organization cancels Stripe first, and aborts when it fails', async () => {
    const a = await makeOrg(env);
    await env.db.organization.update({ where: { id: a.id }, data: { stripeCustomerId: 'cus_last' } });
    let fail = true;
    const cancelled: string[] = [];
    const stripe = {
      sdk: {
        subscriptions: {
          list: async () => ({ data: [{ id: 'sub_1', status: 'active' }] }),
          cancel: async (id: string) => {
            if (fail) throw new Error('card_declined');
            cancelled.push(id);
            return { id };
          },
        },
      },
    } as unknown as StripeGateway;
    const { user } = await devCaller();
    const ctx = { ...env.services, actor: { userId: user.id, name: user.username }, stripe };
    await expect(
      hardDeleteUser(env.db, ctx, { userId: a.owner.id, confirmUsername: a.owner.username }),
    ).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(await env.db.user.count({ where: { id: a.owner.id } })).toBe(1);
    fail = false;
    const r = await hardDeleteUser(env.db, ctx, { userId: a.owner.id, confirmUsername: a.owner.username });
    expect(r.stripe).toEqual({ cancelled: ['sub_1'], note: null });
    expect(cancelled).toEqual(['sub_1']);
  });
});

describe('developer accounts', () => {
  it('creates a developer with a role and moves them to another; a customer is refused', async () => {
    const { api } = await devCaller();
    const d = await api.dev.users.createDeveloper({
      username: 'sam_support',
      email: 'sam@batchtrack.test',
      firstName: 'Sam',
      lastName: 'Port',
      password: PASSWORD,
      roleName: 'support',
    });
    const sam = await callerFor(env, d.id);
    await expect(sam.dev.users.list({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await api.dev.users.setDeveloperRole({ userId: d.id, roleName: 'system_admin' });
    await expect((await callerFor(env, d.id)).dev.users.list({})).resolves.toBeTruthy();
    await expect(
      api.dev.users.createDeveloper({
        username: 'SAM_SUPPORT',
        email: 'other@batchtrack.test',
        firstName: 'S',
        lastName: 'P',
        password: PASSWORD,
        roleName: 'support',
      }),
    ).rejects.toMatchObject({ message: 'That username is already in use.' });
    const a = await makeOrg(env);
    await expect(api.dev.users.setDeveloperRole({ userId: a.owner.id, roleName: 'support' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
