/**
 * Field encryption for citizens' personal data (DESIGN.md security model: AES-256-GCM, key from
 * the environment; issue 3, item 4). Pure node:crypto.
 *
 * Stored value (bytea):
 *
 *   version (1 byte, 0x01) | key id (4 bytes) | IV (12 random bytes) | ciphertext | GCM tag (16 bytes)
 *
 * The associated data is the header (version and key id) followed by the caller's context, e.g.
 * 'petition_parties.full_name:<row id>': a value copied into another column or another row does
 * not open, and neither does one whose header was altered.
 *
 * Keys rotate: the keyring holds the current key (DATA_KEY, used for every new value) and older
 * keys (DATA_KEYS_OLD, comma-separated base64) that only decrypt. A key's id is derived from the
 * key itself, so the operator never has to name keys, and the same key always has the same id.
 *
 * Neither the encryption key nor the blind-index key is the data key itself: each is derived from
 * it with HKDF under its own label (the auth module derives a third one for TOTP seeds).
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';

const FORMAT_VERSION = 0x01;
const KEY_ID_BYTES = 4;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + KEY_ID_BYTES;
const MIN_LENGTH = HEADER_BYTES + IV_BYTES + TAG_BYTES;

const ENCRYPTION_INFO = 'don-thu/personal-data/aes-256-gcm/v1';
const BLIND_INDEX_INFO = 'don-thu/personal-data/blind-index/v1';
const KEY_ID_LABEL = 'don-thu/personal-data/key-id/v1';

export type FieldCipherErrorCode = 'bad_key' | 'bad_format' | 'unknown_key' | 'auth_failed';

/** Never carries the plaintext or the key: safe to log. */
export class FieldCipherError extends Error {
  readonly code: FieldCipherErrorCode;
  constructor(code: FieldCipherErrorCode, message: string) {
    super(message);
    this.name = 'FieldCipherError';
    this.code = code;
  }
}

interface KeyEntry {
  id: string;
  idBytes: Buffer;
  encryptionKey: Buffer;
  indexKey: Buffer;
}

export interface KeyringConfig {
  /** The current data key, base64 of 32 bytes (Secrets.dataKey). */
  currentKey: string;
  /** Previous data keys, base64 of 32 bytes each, for decryption only. */
  oldKeys?: readonly string[];
}

function decodeKey(base64: string, name: string): Buffer {
  const trimmed = base64.trim();
  const key = Buffer.from(trimmed, 'base64');
  // Buffer.from ignores characters outside the alphabet; re-encoding catches a mangled value.
  if (key.length !== 32 || key.toString('base64').replace(/=+$/, '') !== trimmed.replace(/=+$/, '')) {
    throw new FieldCipherError('bad_key', `${name}: expected the base64 encoding of 32 bytes (got ${key.length} bytes)`);
  }
  return key;
}

/** The id of a data key: first 4 bytes (8 hex characters) of SHA-256 over a label and the key. */
export function keyIdOf(dataKeyBase64: string): string {
  return deriveEntry(decodeKey(dataKeyBase64, 'data key')).id;
}

function deriveEntry(dataKey: Buffer): KeyEntry {
  const idBytes = createHash('sha256').update(KEY_ID_LABEL).update(dataKey).digest().subarray(0, KEY_ID_BYTES);
  return {
    id: idBytes.toString('hex'),
    idBytes,
    encryptionKey: Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), ENCRYPTION_INFO, 32)),
    indexKey: Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), BLIND_INDEX_INFO, 32))
  };
}

/** DATA_KEYS_OLD: comma-separated base64 keys; blanks ignored. */
export function parseOldKeys(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k.length > 0);
}

export interface FieldCipher {
  /** Id of the current key (8 hex characters); stored beside each row as key_id. */
  readonly keyId: string;
  /** Ids of every key that can decrypt, current first. */
  readonly keyIds: readonly string[];
  /** Encrypt UTF-8 text under the current key, bound to `aad` (e.g. 'petition_parties.phone:<id>'). */
  encrypt(text: string, aad: string): Buffer;
  /** Decrypt a value made by encrypt with the same `aad`; throws FieldCipherError otherwise. */
  decrypt(value: Uint8Array, aad: string): string;
  /** The key id a stored value was written with (no decryption). */
  keyIdOfValue(value: Uint8Array): string;
  /**
   * Blind index for exact-match lookups without decrypting: HMAC-SHA256 under a key derived from
   * the current data key, over `kind` and the NORMALISED value (shared/identity.ts). `kind`
   * separates columns: the same digits as a phone and as an id number give different indexes.
   */
  blindIndex(kind: string, normalisedValue: string): Buffer;
  /** The blind index under every key of the ring (current first): a lookup matches rows indexed before a rotation too. */
  blindIndexes(kind: string, normalisedValue: string): Buffer[];
}

export function createFieldCipher(config: KeyringConfig): FieldCipher {
  const current = deriveEntry(decodeKey(config.currentKey, 'DATA_KEY'));
  const ring = new Map<string, KeyEntry>([[current.id, current]]);
  (config.oldKeys ?? []).forEach((old, i) => {
    const entry = deriveEntry(decodeKey(old, `DATA_KEYS_OLD[${i}]`));
    if (!ring.has(entry.id)) ring.set(entry.id, entry);
  });
  const entries = [...ring.values()];

  const header = (entry: KeyEntry) => Buffer.concat([Buffer.from([FORMAT_VERSION]), entry.idBytes]);
  const aadOf = (head: Uint8Array, aad: string) => Buffer.concat([head, Buffer.from(aad, 'utf8')]);

  function parse(value: Uint8Array): { keyId: string; head: Buffer; iv: Buffer; body: Buffer; tag: Buffer } {
    const buf = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    if (buf.length < MIN_LENGTH) throw new FieldCipherError('bad_format', `encrypted field: ${buf.length} bytes is shorter than any encrypted value`);
    if (buf[0] !== FORMAT_VERSION) throw new FieldCipherError('bad_format', `encrypted field: unknown format version ${buf[0]}`);
    return {
      keyId: buf.subarray(1, HEADER_BYTES).toString('hex'),
      head: buf.subarray(0, HEADER_BYTES),
      iv: buf.subarray(HEADER_BYTES, HEADER_BYTES + IV_BYTES),
      body: buf.subarray(HEADER_BYTES + IV_BYTES, buf.length - TAG_BYTES),
      tag: buf.subarray(buf.length - TAG_BYTES)
    };
  }

  const indexOf = (entry: KeyEntry, kind: string, value: string) =>
    // kind and value joined by a byte that neither contains (kinds are ASCII names).
    createHmac('sha256', entry.indexKey).update(kind, 'utf8').update(Buffer.from([0])).update(value, 'utf8').digest();

  return {
    keyId: current.id,
    keyIds: entries.map((e) => e.id),

    encrypt(text, aad) {
      const iv = randomBytes(IV_BYTES);
      const head = header(current);
      const cipher = createCipheriv('aes-256-gcm', current.encryptionKey, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(aadOf(head, aad));
      const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      return Buffer.concat([head, iv, body, cipher.getAuthTag()]);
    },

    decrypt(value, aad) {
      const { keyId, head, iv, body, tag } = parse(value);
      const entry = ring.get(keyId);
      if (!entry) {
        throw new FieldCipherError(
          'unknown_key',
          `encrypted field: written with key id ${keyId}, which is not in the keyring (current ${current.id}` +
            `${entries.length > 1 ? `; old ${entries.slice(1).map((e) => e.id).join(', ')}` : ''}). ` +
            'Put that key back in DATA_KEY or DATA_KEYS_OLD.'
        );
      }
      const decipher = createDecipheriv('aes-256-gcm', entry.encryptionKey, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(aadOf(head, aad));
      decipher.setAuthTag(tag);
      try {
        return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
      } catch {
        throw new FieldCipherError(
          'auth_failed',
          `encrypted field: authentication failed under key id ${keyId} (the value was altered, or belongs to another column or row)`
        );
      }
    },

    keyIdOfValue(value) {
      return parse(value).keyId;
    },

    blindIndex(kind, normalisedValue) {
      return indexOf(current, kind, normalisedValue);
    },

    blindIndexes(kind, normalisedValue) {
      return entries.map((entry) => indexOf(entry, kind, normalisedValue));
    }
  };
}

/** The keyring of a running server: Secrets.dataKey plus DATA_KEYS_OLD from the environment. */
export function createFieldCipherFromEnv(dataKey: string, env: Record<string, string | undefined> = process.env): FieldCipher {
  return createFieldCipher({ currentKey: dataKey, oldKeys: parseOldKeys(env.DATA_KEYS_OLD) });
}
