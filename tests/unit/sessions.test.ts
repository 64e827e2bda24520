import { describe, expect, it } from 'vitest';
import { generateToken, hashToken, sessionCookieOptions } from '../../src/lib/server/auth/sessions.ts';
import { assertPasswordPolicy, hashPassword, verifyPassword } from '../../src/lib/server/auth/password.ts';

describe('session tokens and passwords', () => {
  it('makes random 32-character tokens and stores only their SHA-256', () => {
    const a = generateToken();
    expect(a).toMatch(/^[a-z2-7]{32}$/);
    expect(generateToken()).not.toBe(a);
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
  it('hashes with argon2id and verifies', async () => {
    const h = await hashPassword('hunter2hunter2');
    expect(h.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(h, 'hunter2hunter2')).toBe(true);
    expect(await verifyPassword(h, 'wrong-password')).toBe(false);
  });
  it('requires at least 8 characters', () => {
    expect(() => assertPasswordPolicy('1234567')).toThrow('Password must be at least 8 characters');
    expect(() => assertPasswordPolicy('12345678')).not.toThrow();
  });
  it('sets httpOnly, SameSite=Lax cookies, Secure in production', () => {
    const exp = new Date('2026-04-01T00:00:00Z');
    expect(sessionCookieOptions(exp)).toMatchObject({ httpOnly: true, sameSite: 'lax', path: '/', expires: exp });
    const prev = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    expect(sessionCookieOptions(exp).secure).toBe(true);
    process.env.NODE_ENV = prev;
  });
});
