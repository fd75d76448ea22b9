import { describe, expect, it } from 'vitest';
import { accountRetryAt, DEFAULT_THROTTLE } from './login-throttle.ts';
import { isBreachedPassword, passwordProblems } from './password-policy.ts';

describe('lock-out delays', () => {
  const at = new Date('2026-11-24T03:00:00Z');
  const wait = (failures: number) => {
    const retry = accountRetryAt(failures, at, DEFAULT_THROTTLE);
    return retry ? { seconds: (retry.until.getTime() - at.getTime()) / 1000, locked: retry.locked } : null;
  };

  it('lets the first four failures pass, then grows the delay, then locks at the tenth', () => {
    expect([1, 2, 3, 4].map(wait)).toEqual([null, null, null, null]);
    expect([5, 6, 7, 8, 9].map((n) => wait(n)!.seconds)).toEqual([2, 4, 8, 16, 32]);
    expect(wait(10)).toEqual({ seconds: 15 * 60, locked: true });
    expect(wait(11)).toEqual({ seconds: 30 * 60, locked: true });
    expect(wait(40)!.seconds).toBe(24 * 60 * 60); // at most a day
  });
});

describe('password policy', () => {
  it('refuses common and leaked passwords, also with decoration', () => {
    expect(isBreachedPassword('password')).toBe(true);
    expect(isBreachedPassword('Password123!')).toBe(true);
    expect(isBreachedPassword('matkhau@123')).toBe(true);
    expect(isBreachedPassword('Hoa sen nở giữa mùa thu 2026')).toBe(false);
  });

  it('counts characters, not bytes, and has no low maximum', () => {
    expect(passwordProblems('ầầầầầầầầầầ', 'canbo')).toEqual([]); // 10 Vietnamese letters, 30 bytes
    expect(passwordProblems('a'.repeat(9), 'canbo')).toContain('too_short');
    expect(passwordProblems('Một câu rất dài '.repeat(8), 'canbo')).toEqual([]); // 128 characters
    expect(passwordProblems('x'.repeat(257), 'canbo')).toContain('too_long');
  });

  it('refuses a password that contains the identity code', () => {
    expect(passwordProblems('canbo.hn-rất-bí-mật', 'canbo.hn')).toContain('contains_identity');
  });
});
