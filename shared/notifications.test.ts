import { describe, expect, it } from 'vitest';
import { isAppLink, isQuietHour, vnHour } from './notifications.ts';

describe('quiet hours', () => {
  it('holds within a range, also one that wraps past midnight; no range is never quiet', () => {
    expect([21, 22, 23, 0, 5, 6, 12].map((h) => isQuietHour(h, 22, 6))).toEqual([false, true, true, true, true, false, false]);
    expect([7, 8, 11, 12].map((h) => isQuietHour(h, 8, 12))).toEqual([false, true, true, false]);
    expect(isQuietHour(3, null, 6)).toBe(false);
    expect(isQuietHour(3, 5, 5)).toBe(false);
  });

  it('counts hours in Vietnam time (UTC+7)', () => {
    expect(vnHour(new Date('2026-11-24T16:30:00Z'))).toBe(23);
    expect(vnHour(new Date('2026-11-24T17:00:00Z'))).toBe(0);
  });
});

describe('alert links', () => {
  it('are paths of this app only', () => {
    expect(['/directives/5e1c', '/petitions?deadline=DUE_SOON', '/api/reports/files/1'].every(isAppLink)).toBe(true);
    expect(['//evil.example/x', 'https://evil.example', 'javascript:alert(1)', '/a b', ''].some(isAppLink)).toBe(false);
  });
});
