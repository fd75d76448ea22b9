/**
 * Short-lived tokens for the MQTT connection: `base64url(json).base64url(hmac-sha256)`.
 * They name the login session, so revoking the session also stops the next reconnection.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface RealtimeClaims {
  uid: string;
  sid: string;
  /** Expiry, epoch seconds. */
  exp: number;
}

export const REALTIME_TOKEN_TTL_SECONDS = 10 * 60;

function mac(key: string, body: string): Buffer {
  return createHmac('sha256', Buffer.from(key, 'base64')).update(body).digest();
}

export function signRealtimeToken(key: string, claims: RealtimeClaims): string {
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${body}.${mac(key, body).toString('base64url')}`;
}

export function verifyRealtimeToken(key: string, token: string, nowSeconds = Math.floor(Date.now() / 1000)): RealtimeClaims | null {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return null;
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(key, body);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as RealtimeClaims;
    if (typeof claims.uid !== 'string' || typeof claims.sid !== 'string' || typeof claims.exp !== 'number') return null;
    return claims.exp > nowSeconds ? claims : null;
  } catch {
    return null;
  }
}
