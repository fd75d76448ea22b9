/**
 * TOTP second factor (RFC 6238, 30 s steps, 6 digits) with otplib 13. otplib's verify() returns
 * an object, so we test `.valid`; the last accepted time step is stored per account and passed
 * as `afterTimeStep`, so a code cannot be used twice, even within its window.
 */
import { createHash, randomInt } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';

export const TOTP_ISSUER = 'Đơn Thư';
/** Accept the previous and next step as well: phones' clocks drift. */
const TOLERANCE_SECONDS = 30;

export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

export async function totpEnrolment(secret: string, identifierCode: string): Promise<{ otpauthUri: string; qrSvg: string }> {
  const otpauthUri = generateURI({ issuer: TOTP_ISSUER, label: identifierCode, secret });
  const qrSvg = await QRCode.toString(otpauthUri, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
  return { otpauthUri, qrSvg };
}

/** The accepted time step, or null for a wrong, expired or replayed code. */
export async function verifyTotp(secret: string, code: string, lastStep: number | null): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const result = await verify({
    secret,
    token: code,
    epochTolerance: TOLERANCE_SECONDS,
    ...(lastStep !== null ? { afterTimeStep: lastStep } : {})
  });
  if (!result.valid) return null;
  return 'timeStep' in result && typeof result.timeStep === 'number' ? result.timeStep : null;
}

/** Ten one-time backup codes, shown once; only their hashes are kept. Format: xxxx-xxxx (digits). */
export function newBackupCodes(count = 10): string[] {
  return Array.from({ length: count }, () => {
    const n = String(randomInt(0, 100_000_000)).padStart(8, '0');
    return `${n.slice(0, 4)}-${n.slice(4)}`;
  });
}

export function normaliseBackupCode(code: string): string | null {
  const digits = code.replace(/[\s-]/g, '');
  return /^\d{8}$/.test(digits) ? digits : null;
}

export function hashBackupCode(digits: string, userId: string): Buffer {
  return createHash('sha256').update(`${userId}:${digits}`).digest();
}
