// The profile (issue 8; docs/rules/tenancy-and-auth.md, Profile): a person edits their own name, email and
// time zone; the layout's me.get carries the time zone dates are shown in; signing in records the last login.
import { describe, expect, it } from 'vitest';
import { FIXED_NOW, useTestEnv } from '../helpers/db.ts';
import { PASSWORD, callerFor, makeMember, makeOrg } from '../helpers/factories.ts';

const env = useTestEnv();

describe('profile', () => {
  it('edits name, email and time zone; me.get carries the zone; bad input is said per field', async () => {
    const org = await makeOrg(env);
    const owner = await callerFor(env, org.owner.id);
    expect((await owner.me.get()).timezone).toBe('UTC');
    const saved = await owner.me.updateProfile({
      firstName: 'Ada',
      lastName: 'Soaper',
      email: 'ADA@Example.com',
      timezone: 'Europe/Paris',
    });
    expect(saved).toEqual({ firstName: 'Ada', lastName: 'Soaper', email: 'ada@example.com', timezone: 'Europe/Paris' });
    expect((await owner.me.get()).timezone).toBe('Europe/Paris');
    await expect(
      owner.me.updateProfile({
        firstName: 'Ada',
        lastName: 'Soaper',
        email: 'ada@example.com',
        timezone: 'Mars/Olympus',
      }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('Choose a time zone from the list'),
    });
    const other = await makeMember(env, org.id, 'viewer');
    await expect(
      owner.me.updateProfile({ firstName: 'Ada', lastName: 'Soaper', email: other.email, timezone: 'UTC' }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: 'Another account uses that email.' });
  });

  it('signing in fills in the last login', async () => {
    const org = await makeOrg(env);
    expect((await env.db.user.findUniqueOrThrow({ where: { id: org.owner.id } })).lastLoginAt).toBeNull();
    const anon = await callerFor(env, null);
    await anon.auth.signIn({ identifier: org.owner.email, password: PASSWORD });
    const user = await env.db.user.findUniqueOrThrow({ where: { id: org.owner.id } });
    expect(user.lastLoginAt?.toISOString()).toBe(FIXED_NOW.toISOString());
  });
});
