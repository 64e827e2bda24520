import { describe, expect, it } from 'vitest';
import { useTestEnv } from '../helpers/db.ts';
import { callerFor, makeDeveloper, makeOrg } from '../helpers/factories.ts';
import { JOB_NAMES } from '../../src/lib/server/jobs/job-types.ts';

const env = useTestEnv();

describe('developer dashboard', () => {
  it('lists, searches, sorts and pages organizations', async () => {
    for (const name of ['Candle Cove', 'Soap Shack', 'Balm Barn']) await makeOrg(env, { name });
    const dev = await callerFor(env, (await makeDeveloper(env)).id);
    const all = await dev.dev.organizations({ sort: 'name', direction: 'asc' });
    expect(all.rows.map((r) => r.name)).toEqual(['Balm Barn', 'Candle Cove', 'Soap Shack']);
    expect(all.rows[0]).toMatchObject({ tierName: 'Team', userCount: 1, isActive: true });
    expect((await dev.dev.organizations({ search: 'soap' })).rows.map((r) => r.name)).toEqual(['Soap Shack']);
    const p2 = await dev.dev.organizations({ sort: 'name', direction: 'asc', page: 2, pageSize: 2 });
    expect([p2.total, p2.rows.map((r) => r.name)]).toEqual([3, ['Soap Shack']]);
  });

  it('inspects an organization with its users and roles', async () => {
    const org = await makeOrg(env, { name: 'Detail Co' });
    const dev = await callerFor(env, (await makeDeveloper(env)).id);
    const d = await dev.dev.organization({ organizationId: org.id });
    expect(d.name).toBe('Detail Co');
    expect(d.users).toHaveLength(1);
    expect(d.users[0]).toMatchObject({ isOwner: true, roles: ['organization_owner'] });
    // Its rolled-up statistics come as exact strings the page can receive (a Decimal made the page a 500).
    await env.db.organizationStats.create({
      data: { organizationId: org.id, successRate: '87.50', averageFillEfficiency: '92.25', computedAt: new Date() },
    });
    const withStats = await dev.dev.organization({ organizationId: org.id });
    expect(withStats.stats).toMatchObject({ successRate: '87.5', averageFillEfficiency: '92.25' });
    await expect(
      dev.dev.organization({ organizationId: '00000000-0000-4000-8000-000000000009' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('"view as" makes customer procedures act in that organization until exit', async () => {
    const org = await makeOrg(env, { name: 'Viewed' });
    const devUser = await makeDeveloper(env);
    const dev = await callerFor(env, devUser.id);
    await expect(dev.team.list({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await dev.dev.viewAs({ organizationId: org.id });
    const session = await env.db.session.findFirstOrThrow({ where: { userId: devUser.id } });
    expect(session.viewAsOrgId).toBe(org.id);
    // a new caller on the same session row sees the org
    const viewing = await callerFor(env, devUser.id, { viewAsOrgId: org.id });
    const me = await viewing.me.get();
    expect(me).toMatchObject({ viewingAs: true, organization: { name: 'Viewed', tierName: 'Team' } });
    expect((await viewing.team.list({})).rows.map((r) => r.email)).toEqual([org.owner.email]);
    await viewing.dev.exitViewAs();
  });

  it('gates the job console by dev permissions: support can look but not trigger', async () => {
    const org = await makeOrg(env);
    const support = await callerFor(env, (await makeDeveloper(env, 'support')).id);
    await expect(support.dev.queues()).resolves.toContainEqual(expect.objectContaining({ name: 'stats.rollup' }));
    await expect(support.dev.triggerRollup({ organizationId: org.id })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'Your developer role does not include dev.manage_jobs.',
    });
  });

  it('reports queue counts and the jobs of an organization', async () => {
    const org = await makeOrg(env);
    const dev = await callerFor(env, (await makeDeveloper(env)).id);
    const queues = await dev.dev.queues();
    expect(queues.map((q) => q.name)).toEqual(JOB_NAMES.flatMap((n) => [n, `${n}.dead`]));
    expect(queues[0]!.created).toBe(1);
    const jobs = await dev.dev.jobs({ organizationId: org.id });
    expect(jobs.rows.map((j) => [j.name, j.state])).toEqual([['stats.rollup', 'created']]);
    expect((await dev.dev.triggerRollup({ organizationId: org.id })).alreadyQueued).toBe(true);
  });

  it('shows platform KPIs', async () => {
    await makeOrg(env, { tierKey: 'solo' });
    await makeOrg(env, { tierKey: 'team' });
    const dev = await callerFor(env, (await makeDeveloper(env)).id);
    const k = await dev.dev.kpis();
    expect([k.organizations, k.activeOrganizations, k.users]).toEqual([2, 2, 2]);
    expect(k.tiers.find((t) => t.name === 'Solo')!.organizations).toBe(1);
  });
});
