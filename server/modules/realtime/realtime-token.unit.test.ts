import { describe, expect, it } from 'vitest';
import { signRealtimeToken, verifyRealtimeToken } from './realtime-token.ts';

const key = Buffer.alloc(32, 7).toString('base64');
const claims = { uid: 'u1', sid: 's1', exp: 2_000 };

describe('realtime tokens', () => {
  it('accepts its own token until it expires', () => {
    const token = signRealtimeToken(key, claims);
    expect(verifyRealtimeToken(key, token, 1_999)).toEqual(claims);
    expect(verifyRealtimeToken(key, token, 2_000)).toBeNull();
  });

  it('refuses a token signed with another key, a changed body or garbage', () => {
    const token = signRealtimeToken(key, claims);
    expect(verifyRealtimeToken(Buffer.alloc(32, 8).toString('base64'), token, 1_000)).toBeNull();
    const [, signature] = token.split('.');
    const forgedBody = Buffer.from(JSON.stringify({ ...claims, uid: 'admin' })).toString('base64url');
    expect(verifyRealtimeToken(key, `${forgedBody}.${signature}`, 1_000)).toBeNull();
    for (const bad of ['', '.', 'abc', 'a.b.c', `${token}.x`]) expect(verifyRealtimeToken(key, bad, 1_000)).toBeNull();
  });
});
