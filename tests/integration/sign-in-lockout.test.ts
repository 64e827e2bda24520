// Sign-in lockout (issue 9): attempts are counted atomically, per account whatever identifier names it,
// and per source address; the rightful user from their own address is slowed, never locked out.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestEnv, resetData, type TestEnv } from '../helpers/db.ts';
import { PASSWORD, callerFor, makeOrg } from '../helpers/factories.ts';
import { signIn } from '../../src/lib/server/domain/auth/sign-in.ts';
import { LOCKOUT_POLICY, delayAfterFailures } from '../../src/lib/server/auth/lockout.ts';
import { AppError } from '../../src/lib/server/errors.ts';

let env: TestEnv;
beforeAll(async () => (env = await createTestEnv()));
beforeEach(async () => {
  await resetData(env.db);
  env.clock.set(new Date('2026-03-01T12:00:00Z'));
});
afterAll(() => env.close());

const codeOf = (r: PromiseSettledResult<unknown>) =>
  r.status === 'fulfilled' ? 'OK' : r.reason instanceof AppError ? r.reason.code : String(r.reason);

async function burst(identifier: string, n: number, opts: { delayAfter?: number } = {}) {
  const lockout = { ...LOCKOUT_POLICY, ...opts };
  const results = await Promise.allSettled(
    Array.from({ length: n }, () =>
      signIn(
        env.db,
        { now: env.clock.now, clientAddress: '203.0.113.9', lockout },
        {
          identifier,
          password: 'wrong-password',
        },
      ),
    ),
  );
  const codes = results.map(codeOf);
  return {
    evaluated: codes.filter((c) => c === 'UNAUTHENTICATED').length,
    locked: codes.filter((c) => c === 'LOCKED').length,
  };
}

describe('sign-in lockout', () => {
  it('honours the threshold under 60 parallel wrong passwords: exactly 10 are evaluated', async () => {
    const org = await makeOrg(env);
    // Without the delay, only the threshold stands between a burst and the password check.
    const result = await burst(org.owner.email, 60, { delayAfter: Number.POSITIVE_INFINITY });
    console.log(
      `[lockout] 60 parallel wrong passwords, no delay: ${result.evaluated} evaluated, ${result.locked} locked`,
    );
    expect(result).toEqual({ evaluated: LOCKOUT_POLICY.threshold, locked: 60 - LOCKOUT_POLICY.threshold });
    expect(await env.db.loginAttempt.count({ where: { userId: org.owner.id } })).toBe(LOCKOUT_POLICY.threshold);
  });

  it('with the default policy, the delay stops a burst after the first 3', async () => {
    const org = await makeOrg(env);
    const result = await burst(org.owner.username, 60);
    console.log(
      `[lockout] 60 parallel wrong passwords, default policy: ${result.evaluated} evaluated, ${result.locked} locked`,
    );
    expect(result).toEqual({ evaluated: LOCKOUT_POLICY.delayAfter, locked: 60 - LOCKOUT_POLICY.delayAfter });
  });

  it('counts an account once whatever identifier is used, and slows rather than blocks its rightful user', async () => {
    const org = await makeOrg(env);
    const attacker = await callerFor(env, null, { clientAddress: '198.51.100.7' });
    const rightful = await callerFor(env, null, { clientAddress: '192.0.2.44' });
    // Ten failures from one address, alternating email and username, a minute apart.
    for (let i = 0; i < 10; i++) {
      const identifier = i % 2 ? org.owner.username : org.owner.email.toUpperCase();
      await expect(attacker.auth.signIn({ identifier, password: 'wrong-password' })).rejects.toMatchObject({
        code: 'UNAUTHORIZED',
      });
      env.clock.advance(60_000);
    }
    // That address is locked out of the account by either identifier, even with the right password ...
    for (const identifier of [org.owner.email, org.owner.username])
      await expect(attacker.auth.signIn({ identifier, password: PASSWORD })).rejects.toMatchObject({
        code: 'TOO_MANY_REQUESTS',
        message: 'Too many failed sign-in attempts. Your account is locked for 15 minutes; try again later.',
      });
    // ... while the owner, from their own address, signs in (the account's delay has long passed).
    await expect(rightful.auth.signIn({ identifier: org.owner.username, password: PASSWORD })).resolves.toEqual({
      userType: 'customer',
    });
  });

  it('spaces attempts on an account exponentially after 3 failures, from any address', async () => {
    const org = await makeOrg(env);
    const from = (ip: string) => callerFor(env, null, { clientAddress: ip });
    for (const ip of ['10.0.0.1', '10.0.0.2', '10.0.0.3'])
      await expect(
        (await from(ip)).auth.signIn({ identifier: org.owner.email, password: 'nope-nope' }),
      ).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const fourth = (await from('10.0.0.4')).auth.signIn({ identifier: org.owner.email, password: PASSWORD });
    await expect(fourth).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      message: 'Too many failed sign-in attempts. Wait 1 second before trying again.',
    });
    env.clock.advance(1000);
    await expect(
      (await from('10.0.0.4')).auth.signIn({ identifier: org.owner.email, password: PASSWORD }),
    ).resolves.toEqual({ userType: 'customer' });
    expect([3, 4, 5, 8, 9, 20].map((f) => delayAfterFailures(f))).toEqual([1000, 2000, 4000, 30_000, 30_000, 30_000]);
  });

  it('treats an unknown identifier like an account, so its answers do not tell them apart', async () => {
    await makeOrg(env);
    const result = await burst('nobody@example.com', 20, { delayAfter: Number.POSITIVE_INFINITY });
    expect(result).toEqual({ evaluated: 10, locked: 10 });
  });
});
