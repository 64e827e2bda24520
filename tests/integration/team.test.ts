import { describe, expect, it } from 'vitest';
import { useTestEnv } from '../helpers/db.ts';
import { PASSWORD, callerFor, cookieOf, makeMember, makeOrg } from '../helpers/factories.ts';

const env = useTestEnv();

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
      phone: '+44 20 7946 0958',
    });
    expect(cookieOf(anon)).toBeTruthy();
    const user = await env.db.user.findUniqueOrThrow({
      where: { username: 'newbie' },
      include: { assignments: { include: { role: true } } },
    });
    expect(user.organizationId).toBe(org.id);
    // The setup page's phone number is stored on the user.
    expect(user.phone).toBe('+44 20 7946 0958');
    expect(user.assignments.map((a) => a.role!.name)).toEqual(['viewer']);
    await expect(
      anon.auth.acceptInvite({ token, firstName: 'A', lastName: 'B', username: 'again', password: 'newbie-pass' }),
    ).rejects.toMatchObject({
      message: 'This invitation has already been used. Sign in instead.',
    });
  });

  it('refuses a phone number that is not one, and takes an empty field as none', async () => {
    const org = await makeOrg(env, { name: 'Phone Co' });
    const owner = await callerFor(env, org.owner.id);
    await owner.team.invite({ email: 'phone@example.com', roleId: await roleId(org.id, 'viewer') });
    const mail = await env.db.mailMessage.findFirstOrThrow({ where: { to: 'phone@example.com' } });
    const token = mail.text.match(/\/invite\/([a-z2-7]+)/)![1]!;
    const anon = await callerFor(env, null);
    const base = { token, firstName: 'Pat', lastName: 'Lee', username: 'patlee', password: 'newbie-pass' };
    await expect(anon.auth.acceptInvite({ ...base, phone: 'call me' })).rejects.toThrow(
      'Enter a phone number: digits, spaces and + - ( )',
    );
    await expect(anon.auth.acceptInvite({ ...base, phone: '12-34' })).rejects.toThrow(
      'A phone number has 7 to 20 digits',
    );
    await anon.auth.acceptInvite({ ...base, phone: '  ' });
    expect((await env.db.user.findUniqueOrThrow({ where: { username: 'patlee' } })).phone).toBeNull();
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
    const orgViewer = await owner.roles.create({ name: 'Org viewer', permissions: ['organization.view'] });
    await expect(asLead.team.invite({ email: 'via-lead@example.com', roleId: orgViewer.id })).resolves.toMatchObject({
      role: 'Org viewer',
    });
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

describe('no self-escalation', () => {
  const billing = 'organization.manage_billing';

  it('lets only the owner put a permission into a role that the actor does not hold', async () => {
    const org = await makeOrg(env);
    const owner = await callerFor(env, org.owner.id);
    const asAdmin = await callerFor(env, (await makeMember(env, org.id, 'admin')).id);
    const adminRole = await env.db.role.findFirstOrThrow({
      where: { organizationId: org.id, name: 'admin' },
      include: { permissions: { include: { permission: true } } },
    });
    const adminPermissions = adminRole.permissions.map((p) => p.permission.name) as never[];
    const refused = {
      code: 'FORBIDDEN',
      message: `Only the organization owner can grant permissions you do not hold: ${billing}.`,
    };
    // The admin adding billing to its own role, or to a new one: refused, and nothing changed.
    await expect(
      asAdmin.roles.update({ roleId: adminRole.id, name: 'admin', permissions: [...adminPermissions, billing] }),
    ).rejects.toMatchObject(refused);
    await expect(asAdmin.roles.create({ name: 'Billing', permissions: [billing] })).rejects.toMatchObject(refused);
    expect(await env.db.rolePermission.count({ where: { roleId: adminRole.id, permission: { name: billing } } })).toBe(
      0,
    );
    expect(await env.db.role.count({ where: { organizationId: org.id, name: 'Billing' } })).toBe(0);
    // Within what it holds, the admin manages roles as before.
    const packer = await asAdmin.roles.create({ name: 'Packer', permissions: ['inventory.view', 'inventory.adjust'] });
    await expect(
      asAdmin.roles.update({ roleId: packer.id, name: 'Packer', permissions: ['inventory.view'] }),
    ).resolves.toMatchObject({ id: packer.id });
    // A role carrying what the admin lacks is the owner's: the admin can neither change nor delete it.
    const finance = await owner.roles.create({ name: 'Finance', permissions: ['organization.view', billing] });
    await expect(
      asAdmin.roles.update({ roleId: finance.id, name: 'Finance', permissions: ['organization.view'] }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: `Only the organization owner can change a role with permissions you do not hold: ${billing}.`,
    });
    await expect(asAdmin.roles.delete({ roleId: finance.id })).rejects.toMatchObject({
      message: `Only the organization owner can delete a role with permissions you do not hold: ${billing}.`,
    });
    // The owner may do all of it.
    await expect(
      owner.roles.update({ roleId: adminRole.id, name: 'admin', permissions: [...adminPermissions, billing] }),
    ).resolves.toMatchObject({ id: adminRole.id });
    await expect(owner.roles.delete({ roleId: finance.id })).resolves.toEqual({ ok: true });
  });

  it('never lets team.setRole or an invite hand on a role with permissions the actor lacks', async () => {
    const org = await makeOrg(env);
    const owner = await callerFor(env, org.owner.id);
    const lead = await owner.roles.create({
      name: 'Team lead',
      permissions: ['organization.view', 'organization.manage_users', 'inventory.view'],
    });
    const stock = await owner.roles.create({ name: 'Stock viewer', permissions: ['inventory.view'] });
    const asLead = await callerFor(env, (await makeMember(env, org.id, 'Team lead')).id);
    const member = await makeMember(env, org.id, 'Stock viewer');
    const admin = await makeMember(env, org.id, 'admin');
    const adminRoleId = await roleId(org.id, 'admin');
    // A lead making someone admin, or inviting an admin: refused, naming what it would have granted.
    const setAdmin = asLead.team.setRole({ userId: member.id, roleId: adminRoleId });
    await expect(setAdmin).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(setAdmin).rejects.toThrow(
      /^Only the organization owner can grant permissions you do not hold: .*batches\.finish/,
    );
    await expect(asLead.team.invite({ email: 'new-admin@example.com', roleId: adminRoleId })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    // Nor may it change the role of someone who holds more than it does (demoting the admin).
    await expect(asLead.team.setRole({ userId: admin.id, roleId: stock.id })).rejects.toThrow(
      /^Only the organization owner can change the role of someone with permissions you do not hold: /,
    );
    const rolesOf = async (userId: string) =>
      (await env.db.userRoleAssignment.findMany({ where: { userId, isActive: true }, include: { role: true } })).map(
        (a) => a.role!.name,
      );
    expect([await rolesOf(member.id), await rolesOf(admin.id)]).toEqual([['Stock viewer'], ['admin']]);
    expect(await env.db.invite.count({ where: { email: 'new-admin@example.com' } })).toBe(0);
    // Within what it holds, the lead manages members; the owner and an admin may make someone admin.
    await expect(asLead.team.setRole({ userId: member.id, roleId: lead.id })).resolves.toEqual({ ok: true });
    await expect(asLead.team.setRole({ userId: member.id, roleId: stock.id })).resolves.toEqual({ ok: true });
    const asAdmin = await callerFor(env, admin.id);
    await expect(asAdmin.team.setRole({ userId: member.id, roleId: adminRoleId })).resolves.toEqual({ ok: true });
    await expect(owner.team.setRole({ userId: member.id, roleId: stock.id })).resolves.toEqual({ ok: true });
    expect(await rolesOf(member.id)).toEqual(['Stock viewer']);
  });
});
