// Feature flags, app settings, integrations readiness and the permission debugger
// (docs/rules/platform-console.md).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestEnv, resetData, type TestEnv } from '../helpers/db.ts';
import { callerFor, makeDeveloper, makeMember, makeOrg } from '../helpers/factories.ts';
import { FLAG_CACHE_MS, clearFlagCache, isEnabled } from '../../src/lib/server/domain/dev/feature-flags.ts';
import { TEST_DATABASE_URL } from '../helpers/env.ts';
import { integrationsReadiness } from '../../src/lib/server/domain/dev/platform-settings.ts';

let env: TestEnv;
beforeAll(async () => (env = await createTestEnv()));
beforeEach(async () => {
  await resetData(env.db);
  await env.db.auditLog.deleteMany();
  await env.db.featureFlag.deleteMany();
  await env.db.appSetting.deleteMany();
  clearFlagCache();
});
afterAll(async () => {
  await env.db.featureFlag.deleteMany();
  await env.db.appSetting.deleteMany();
  await env.close();
});

async function devApi(role = 'system_admin') {
  return callerFor(env, (await makeDeveloper(env, role)).id);
}

describe('feature flags', () => {
  it('default, platform switch, organization override; cached for a short time', async () => {
    const a = await makeOrg(env);
    const b = await makeOrg(env);
    const dev = await devApi();
    expect(await isEnabled(env.db, 'FEATURE_CSV_EXPORT', a.id)).toBe(true); // the catalogue default
    await dev.dev.platform.setFlag({ key: 'FEATURE_CSV_EXPORT', enabled: false });
    expect(await isEnabled(env.db, 'FEATURE_CSV_EXPORT', a.id)).toBe(false);
    await dev.dev.platform.setFlag({ key: 'FEATURE_CSV_EXPORT', enabled: true, organizationId: b.id });
    expect([
      await isEnabled(env.db, 'FEATURE_CSV_EXPORT', a.id),
      await isEnabled(env.db, 'FEATURE_CSV_EXPORT', b.id),
    ]).toEqual([false, true]);
    const flags = await dev.dev.platform.flags();
    expect(flags.find((f) => f.key === 'FEATURE_CSV_EXPORT')).toMatchObject({
      enabled: false,
      platformSet: true,
      overrides: [{ organizationId: b.id, enabled: true }],
    });
    // a change made elsewhere (another process) is seen once the cache entry is older than FLAG_CACHE_MS
    const t = Date.now();
    expect(await isEnabled(env.db, 'FEATURE_CSV_EXPORT', a.id, t)).toBe(false);
    await env.db.featureFlag.update({ where: { key: 'FEATURE_CSV_EXPORT' }, data: { enabled: true } });
    expect(await isEnabled(env.db, 'FEATURE_CSV_EXPORT', a.id, t + 1000)).toBe(false);
    expect(await isEnabled(env.db, 'FEATURE_CSV_EXPORT', a.id, t + FLAG_CACHE_MS + 1)).toBe(true);
    await dev.dev.platform.setFlag({ key: 'FEATURE_CSV_EXPORT', enabled: null, organizationId: b.id });
    expect(await env.db.featureFlagOverride.count()).toBe(0);
    expect((await env.db.auditLog.findMany({ orderBy: { createdAt: 'asc' } })).map((x) => x.action)).toEqual([
      'feature_flag.set',
      'feature_flag.override',
      'feature_flag.override',
    ]);
  });
});

describe('app settings', () => {
  it('starts from the defaults, validates, and audits a change', async () => {
    const dev = await devApi();
    expect(await dev.dev.platform.settings()).toEqual({
      supportEmail: 'support@batchtrack.local',
      signupOpen: true,
      maintenanceBanner: '',
      defaultRetentionDays: 365,
    });
    await expect(
      dev.dev.platform.updateSettings({
        supportEmail: 'not an email',
        signupOpen: true,
        maintenanceBanner: '',
        defaultRetentionDays: 365,
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await dev.dev.platform.updateSettings({
      supportEmail: 'help@batchtrack.test',
      signupOpen: false,
      maintenanceBanner: 'Maintenance at 22:00 UTC',
      defaultRetentionDays: 180,
    });
    expect((await dev.dev.platform.settings()).defaultRetentionDays).toBe(180);
    // Sign-up is closed, with the support address, and every page shows the maintenance banner.
    const anon = await callerFor(env, null);
    await expect(
      anon.auth.signUp({
        organizationName: 'Closed Co',
        tierKey: 'free',
        owner: { email: 'closed@example.com', password: 'longenough1', firstName: 'C', lastName: 'C' },
      }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'Sign-up is closed on this server right now. Write to help@batchtrack.test for an account.',
    });
    process.env.DATABASE_URL = TEST_DATABASE_URL; // the root layout's own client
    const { load } = await import('../../src/routes/+layout.server.ts');
    expect(await load({} as never)).toEqual({ maintenanceBanner: 'Maintenance at 22:00 UTC' });
    const audit = await env.db.auditLog.findFirstOrThrow();
    expect(audit.before).toEqual({
      supportEmail: 'support@batchtrack.local',
      signupOpen: true,
      maintenanceBanner: '',
      defaultRetentionDays: 365,
    });
    const support = await devApi('support');
    await expect(support.dev.platform.settings()).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('integrations readiness', () => {
  it('says which keys are set, never their values', () => {
    const r = integrationsReadiness({ MAIL_TRANSPORT: 'smtp', STRIPE_SECRET_KEY: 'sk_test_secret_value' });
    expect(r.mail).toMatchObject({ transport: 'smtp', ready: false });
    expect(r.stripe).toMatchObject({ billing: 'on', webhookReady: false });
    expect(JSON.stringify(r)).not.toContain('sk_test_secret_value');
  });

  it('sends a test email', async () => {
    const dev = await devApi();
    expect(await dev.dev.platform.sendTestEmail({ to: 'ops@batchtrack.test' })).toEqual({
      sent: true,
      transport: 'log',
    });
    expect(await env.db.mailMessage.count({ where: { to: 'ops@batchtrack.test' } })).toBe(1);
  });
});

describe('permission debugger', () => {
  it('walks the steps of an allowed case', async () => {
    const org = await makeOrg(env, { name: 'Debug Co', tierKey: 'team' });
    const viewer = await makeMember(env, org.id, 'viewer');
    const dev = await devApi();
    const r = await dev.dev.platform.debugPermission({ userId: viewer.id, permission: 'inventory.view' });
    expect([r.allowed, r.message]).toEqual([true, 'Allowed.']);
    expect(r.steps.map((s) => [s.step, s.outcome])).toEqual([
      ['Developer permission', 'skip'],
      ['Organization', 'pass'],
      ['Billing', 'pass'],
      ['Tier ceiling and add-ons', 'pass'],
      ['Owner or role', 'pass'],
    ]);
  });

  it('walks the steps of denied cases and stops where it is refused', async () => {
    const org = await makeOrg(env, { name: 'Debug Co', tierKey: 'team' });
    const viewer = await makeMember(env, org.id, 'viewer');
    const dev = await devApi();
    const role = await dev.dev.platform.debugPermission({ userId: viewer.id, permission: 'inventory.edit' });
    expect([role.allowed, role.reason]).toEqual([false, 'permission_denied']);
    expect(role.steps.at(-1)).toMatchObject({ step: 'Owner or role', outcome: 'fail' });
    const solo = await makeOrg(env, { tierKey: 'solo' });
    const tier = await dev.dev.platform.debugPermission({ userId: solo.owner.id, permission: 'organization.view' });
    expect([tier.allowed, tier.reason, tier.message]).toEqual([
      false,
      'tier_ceiling',
      'Your Solo plan does not include organization.view.',
    ]);
    expect(tier.steps.map((s) => s.outcome)).toEqual(['skip', 'pass', 'pass', 'fail']);
    const customerDev = await dev.dev.platform.debugPermission({ userId: viewer.id, permission: 'dev.dashboard' });
    expect([customerDev.reason, customerDev.steps]).toEqual([
      'developer_only',
      [{ step: 'Developer permission', outcome: 'fail', detail: 'A customer never holds dev.* permissions.' }],
    ]);
  });
});

describe('scheduled jobs', () => {
  it('lists each scheduled job with its next run, runs one now for an organization, and keeps its history', async () => {
    const org = await makeOrg(env);
    const dev = await devApi();
    const before = await dev.dev.platform.scheduledJobs();
    const rollup = before.find((j) => j.name === 'stats.rollup')!;
    // 17 * * * * after 12:00 UTC on the fixed clock: 12:17
    expect([rollup.cron, rollup.nextRun?.toISOString()]).toEqual(['17 * * * *', '2026-03-01T12:17:00.000Z']);
    expect(before.find((j) => j.name === 'orders.expire-reservations')!.nextRun?.toISOString()).toBe(
      '2026-03-01T12:05:00.000Z',
    );
    expect(before.find((j) => j.name === 'retention.sweep')!.nextRun?.toISOString()).toBe('2026-03-02T03:30:00.000Z');
    const r = await dev.dev.platform.runJobNow({ name: 'retention.sweep', organizationId: org.id });
    expect(r.alreadyQueued).toBe(false);
    const after = (await dev.dev.platform.scheduledJobs()).find((j) => j.name === 'retention.sweep')!;
    expect(after.history.map((h) => [h.state, h.organizationId])).toEqual([['created', org.id]]);
    expect((await env.db.auditLog.findFirstOrThrow({ where: { action: 'job.run_now' } })).targetOrgId).toBe(org.id);
    await expect(dev.dev.platform.runJobNow({ name: 'batch.complete', organizationId: '*' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const support = await devApi('support');
    await expect(support.dev.platform.runJobNow({ name: 'stats.rollup', organizationId: '*' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
