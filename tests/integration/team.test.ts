import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestEnv, resetData, type TestEnv } from '../helpers/db.ts';
import { PASSWORD, callerFor, cookieOf, makeMember, makeOrg } from '../helpers/factories.ts';

let env: TestEnv;
beforeAll(async () => (env = await createTestEnv()));
beforeEach(() => resetData(env.db));
afterAll(() => env.close());

const roleId = (organizationId: string, name: string) =>
  env.db.role.findFirstOrThrow({ where: { organizationId, name } }).then((r) => r.id);

describe('invitations', () => {
  it('invites by email with a role, mails the link, and the invitee joins signed in with that role', async () => {
    const org = await makeOrg(env, { name: 'Wick & Co' });
    const owner = await callerFor(env, org.owner.id);
    const res = await owner.team.invite({ email: 'New.Person@Example.com', roleId: await roleId(org.id, 'viewer') });
    expect(res.email).toBe('new.person@example.com');
    const mail = await env.db.mailMessage.findFirstOrThrow({ where: { to: 'new.person@example.com' } });
    expect(mail.subject).toBe("You're invited to Wick & Co on BatchTrack");
    const token = mail.text.match(/\/invite\/([a-z2-7]+)/)![1]!;
    expect(res.link).toBe(`http://app.test/invite/${token}`);
    // only the hash is stored
    expect(await env.db.invite.count({ where: { tokenHash: token } })).toBe(0);

    const anon = await callerFor(env, null);
    expect(await anon.auth.invite({ token })).toEqual({
      email: 'new.person@example.com',
      organizationName: 'Wick & Co',
      roleName: 'viewer',
    });
    await anon.auth.acceptInvite({
      token,
      firstName: 'New',
      lastName: 'Person',
      username: 'newbie',
      password: 'newbie-pass',
    });
    expect(cookieOf(anon)).toBeTruthy();
    const user = await env.db.user.findUniqueOrThrow({
      where: { username: 'newbie' },
      include: { assignments: { include: { role: true } } },
    });
    expect(user.organizationId).toBe(org.id);
    expect(user.assignments.map((a) => a.role!.name)).toEqual(['viewer']);
    await expect(
      anon.auth.acceptInvite({ token, firstName: 'A', lastName: 'B', username: 'again', password: 'newbie-pass' }),
    ).rejects.toMatchObject({
      message: 'This invitation has already been used. Sign in instead.',
    });
  });

  it('refuses a registered email, the owner role and expired links', async () => {
    const org = await makeOrg(env);
    const owner = await callerFor(env, org.owner.id);
    await expect(
      owner.team.invite({ email: org.owner.email, roleId: await roleId(org.id, 'viewer') }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    const ownerRole = await env.db.role.findFirstOrThrow({ where: { name: 'organization_owner' } });
    await expect(owner.team.invite({ email: 'a@example.com', roleId: ownerRole.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'Role not found',
    });
    await owner.team.invite({ email: 'late@example.com', roleId: await roleId(org.id, 'viewer') });
    const token = (await env.db.mailMessage.findFirstOrThrow({ where: { to: 'late@example.com' } })).text.match(
      /\/invite\/([a-z2-7]+)/,
    )![1]!;
    env.clock.advance(8 * 86_400_000);
    const anon = await callerFor(env, null);
    await expect(anon.auth.invite({ token })).rejects.toMatchObject({
      message: 'This invitation has expired. Ask for a new invite.',
    });
    env.clock.advance(-8 * 86_400_000);
  });

  it("enforces the tier's user limit with the limit and the tiers that lift it", async () => {
    const org = await makeOrg(env, { tierKey: 'solo' });
    // Solo has no organization.manage_users: the tier ceiling answers first, with an upgrade hint.
    const owner = await callerFor(env, org.owner.id);
    await expect(
      owner.team.invite({ email: 'b@example.com', roleId: await roleId(org.id, 'viewer') }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'Your Solo plan does not include organization.manage_users. Upgrade to Team or Enterprise to use it.',
    });
    // A Team organization at its 10-user limit
    const team = await makeOrg(env, { tierKey: 'team' });
    for (let i = 0; i < 9; i++) await makeMember(env, team.id, 'viewer');
    const teamOwner = await callerFor(env, team.owner.id);
    await expect(
      teamOwner.team.invite({ email: 'eleven@example.com', roleId: await roleId(team.id, 'viewer') }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message:
        'Cannot invite user. Organization has reached user limit (10/10) on the Team plan. Upgrade to Enterprise for more users.',
    });
    expect(await env.db.invite.count({ where: { organizationId: team.id } })).toBe(0);
  });
});

describe('member management (owner only)', () => {
  it('deactivates and reactivates, refusing activation over the limit', async () => {
    const org = await makeOrg(env);
    const owner = await callerFor(env, org.owner.id);
    const inactive = await makeMember(env, org.id, 'viewer', { active: false });
    for (let i = 0; i < 9; i++) await makeMember(env, org.id, 'viewer');
    await expect(owner.team.setActive({ userId: inactive.id, active: true })).rejects.toMatchObject({
      message:
        'Cannot activate user. Organization has reached user limit (10/10) on the Team plan. Upgrade to Enterprise for more users.',
    });
    const other = await env.db.user.findFirstOrThrow({
      where: { organizationId: org.id, isActive: true, id: { not: org.owner.id } },
    });
    await owner.team.setActive({ userId: other.id, active: false });
    await owner.team.setActive({ userId: inactive.id, active: true });
    expect((await env.db.user.findUniqueOrThrow({ where: { id: inactive.id } })).isActive).toBe(true);
    expect((await env.db.user.findUniqueOrThrow({ where: { id: other.id } })).isActive).toBe(false);
  });

  it('lets only the owner manage members, and never themselves or the owner', async () => {
    const org = await makeOrg(env);
    const admin = await makeMember(env, org.id, 'admin');
    const viewer = await makeMember(env, org.id, 'viewer');
    const asAdmin = await callerFor(env, admin.id);
    await expect(asAdmin.team.setActive({ userId: viewer.id, active: false })).rejects.toMatchObject({
      message: 'Only the organization owner can do this.',
    });
    const owner = await callerFor(env, org.owner.id);
    await expect(owner.team.setActive({ userId: org.owner.id, active: false })).rejects.toMatchObject({
      message: 'You cannot deactivate yourself.',
    });
  });

  it('soft-deletes and restores a user with their roles', async () => {
    const org = await makeOrg(env);
    const viewer = await makeMember(env, org.id, 'viewer');
    const owner = await callerFor(env, org.owner.id);
    await owner.team.softDelete({ userId: viewer.id });
    let row = await env.db.user.findUniqueOrThrow({ where: { id: viewer.id }, include: { assignments: true } });
    expect([row.isDeleted, row.isActive, row.assignments[0]!.isActive]).toEqual([true, false, false]);
    const anon = await callerFor(env, null);
    await expect(anon.auth.signIn({ identifier: viewer.email, password: PASSWORD })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await owner.team.restore({ userId: viewer.id });
    row = await env.db.user.findUniqueOrThrow({ where: { id: viewer.id }, include: { assignments: true } });
    expect([row.isDeleted, row.isActive, row.assignments[0]!.isActive]).toEqual([false, true, true]);
  });

  it('transfers ownership so exactly one owner remains; the previous owner becomes admin', async () => {
    const org = await makeOrg(env);
    const admin = await makeMember(env, org.id, 'admin');
    const owner = await callerFor(env, org.owner.id);
    await owner.team.transferOwnership({ userId: admin.id });
    const owners = await env.db.userRoleAssignment.findMany({
      where: { organizationId: org.id, isActive: true, role: { name: 'organization_owner' } },
    });
    expect(owners.map((o) => o.userId)).toEqual([admin.id]);
    const formerRoles = await env.db.userRoleAssignment.findMany({
      where: { userId: org.owner.id, isActive: true },
      include: { role: true },
    });
    expect(formerRoles.map((r) => r.role!.name)).toEqual(['admin']);
    // the former owner can no longer do owner-only things
    await expect(owner.team.transferOwnership({ userId: org.owner.id })).rejects.toMatchObject({
      message: 'Only the organization owner can do this.',
    });
  });

  it('lists members with paging, search and sorting', async () => {
    const org = await makeOrg(env);
    for (const r of ['viewer', 'viewer', 'admin', 'production']) await makeMember(env, org.id, r);
    const owner = await callerFor(env, org.owner.id);
    const page1 = await owner.team.list({ page: 1, pageSize: 2, sort: 'email', direction: 'asc' });
    expect(page1.total).toBe(5);
    expect(page1.rows).toHaveLength(2);
    const page3 = await owner.team.list({ page: 3, pageSize: 2, sort: 'email', direction: 'asc' });
    expect(page3.rows).toHaveLength(1);
    const emails = (await owner.team.list({ pageSize: 10, sort: 'email', direction: 'desc' })).rows.map((r) => r.email);
    expect(emails).toEqual([...emails].sort().reverse());
    const found = await owner.team.list({ search: 'production' });
    expect(found.rows.map((r) => r.roles.map((x) => x.name))).toEqual([['production']]);
    const me = (await owner.team.list({ search: org.owner.email })).rows[0]!;
    expect(me.isOwner).toBe(true);
  });
});

describe('custom roles', () => {
  it('creates a role from the catalogue whose holders get exactly those permissions', async () => {
    const org = await makeOrg(env);
    const owner = await callerFor(env, org.owner.id);
    const role = await owner.roles.create({
      name: 'Team lead',
      permissions: ['organization.view', 'organization.manage_users'],
    });
    await expect(owner.roles.create({ name: 'team LEAD', permissions: ['organization.view'] })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'A role named "team LEAD" already exists',
    });
    await expect(owner.roles.create({ name: 'Bad', permissions: ['dev.system_admin' as never] })).rejects.toMatchObject(
      { code: 'BAD_REQUEST' },
    );
    const lead = await makeMember(env, org.id, 'Team lead');
    const asLead = await callerFor(env, lead.id);
    await expect(
      asLead.team.invite({ email: 'via-lead@example.com', roleId: await roleId(org.id, 'viewer') }),
    ).resolves.toMatchObject({ role: 'viewer' });
    await expect(asLead.roles.create({ name: 'Nope', permissions: ['organization.view'] })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'You do not have permission organization.manage_roles. Ask your organization owner for access.',
    });
    await expect(owner.roles.delete({ roleId: role.id })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('is still capped by the tier: a Solo role with organization.view cannot use it', async () => {
    const org = await makeOrg(env, { tierKey: 'solo' });
    const owner = await callerFor(env, org.owner.id);
    // Solo lacks organization.manage_roles itself, so the owner is refused with the upgrade hint.
    await expect(owner.roles.create({ name: 'x', permissions: ['organization.view'] })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'Your Solo plan does not include organization.manage_roles. Upgrade to Team or Enterprise to use it.',
    });
  });
});
