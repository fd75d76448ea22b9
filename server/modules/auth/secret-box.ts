/**
 * Seals small account secrets (the TOTP seed) with AES-256-GCM under a key derived from the
 * data key (HKDF, so this key is never the one used for citizens' personal data). The context
 * (column and account id) is bound as associated data: a sealed value moved to another
 * account does not open.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { SecretBox } from './auth.service.ts';

const VERSION = 1;

export function createSecretBox(dataKeyBase64: string): SecretBox {
  const key = Buffer.from(hkdfSync('sha256', Buffer.from(dataKeyBase64, 'base64'), Buffer.alloc(0), 'don-thu/auth-secrets/v1', 32));
  return {
    seal(plain, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([VERSION]), iv, body, cipher.getAuthTag()]);
    },
    open(sealed, context) {
      if (sealed[0] !== VERSION || sealed.length < 1 + 12 + 16) throw new Error('sealed secret: unknown format');
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(1, 13));
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(sealed.subarray(sealed.length - 16));
      return Buffer.concat([decipher.update(sealed.subarray(13, sealed.length - 16)), decipher.final()]).toString('utf8');
    }
  };
}
