import { randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { createFieldCipher, createFieldCipherFromEnv, FieldCipherError, keyIdOf, parseOldKeys } from './field-cipher.ts';

const keyA = randomBytes(32).toString('base64');
const keyB = randomBytes(32).toString('base64');
const AAD = 'petition_parties.full_name:6f1c3a2e-0000-4000-8000-000000000001';

function thrown(fn: () => unknown): FieldCipherError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(FieldCipherError);
    return error as FieldCipherError;
  }
  throw new Error('expected a FieldCipherError');
}

describe('field cipher', () => {
  test('when a value is encrypted and decrypted with the same context, gives back the text', () => {
    const cipher = createFieldCipher({ currentKey: keyA });
    for (const text of ['Nguyễn Thị Hòa', '', 'Số 12, ngõ 34, phố Hàng Bạc, phường Hoàn Kiếm, Hà Nội', '🙂 '.repeat(100)]) {
      const sealed = cipher.encrypt(text, AAD);
      expect(cipher.decrypt(sealed, AAD)).toBe(text);
    }
  });

  test('the stored value is version | key id | 12-byte IV | ciphertext | 16-byte tag, with a fresh IV each time', () => {
    const cipher = createFieldCipher({ currentKey: keyA });
    const a = cipher.encrypt('Nguyễn Thị Hòa', AAD);
    const b = cipher.encrypt('Nguyễn Thị Hòa', AAD);
    expect(a[0]).toBe(1);
    expect(a.subarray(1, 5).toString('hex')).toBe(cipher.keyId);
    expect(cipher.keyId).toBe(keyIdOf(keyA));
    expect(cipher.keyId).toMatch(/^[0-9a-f]{8}$/);
    expect(a.length).toBe(1 + 4 + 12 + Buffer.byteLength('Nguyễn Thị Hòa') + 16);
    expect(a.equals(b)).toBe(false);
    expect(a.subarray(5, 17).equals(b.subarray(5, 17))).toBe(false);
    expect(a.includes(Buffer.from('Nguy'))).toBe(false);
  });

  test('when the context differs (another column or another row), decryption fails', () => {
    const cipher = createFieldCipher({ currentKey: keyA });
    const sealed = cipher.encrypt('0912345678', 'petition_parties.phone:row-1');
    expect(thrown(() => cipher.decrypt(sealed, 'petition_parties.id_number:row-1')).code).toBe('auth_failed');
    expect(thrown(() => cipher.decrypt(sealed, 'petition_parties.phone:row-2')).code).toBe('auth_failed');
  });

  test('when any byte of the stored value is altered, decryption fails', () => {
    const cipher = createFieldCipher({ currentKey: keyA });
    const sealed = cipher.encrypt('Trần Văn Bình', AAD);
    for (let i = 0; i < sealed.length; i++) {
      const tampered = Buffer.from(sealed);
      tampered[i]! ^= 0x01;
      const error = thrown(() => cipher.decrypt(tampered, AAD));
      // Byte 0 is the version, bytes 1-4 the key id: those fail before AES; the rest fail the tag.
      expect(error.code, `byte ${i}`).toBe(i === 0 ? 'bad_format' : i < 5 ? 'unknown_key' : 'auth_failed');
    }
    expect(thrown(() => cipher.decrypt(sealed.subarray(0, sealed.length - 1), AAD)).code).toBe('auth_failed');
    expect(thrown(() => cipher.decrypt(sealed.subarray(0, 20), AAD)).code).toBe('bad_format');
  });

  test('when the key changes and the old key is kept in DATA_KEYS_OLD, values written before still decrypt', () => {
    const before = createFieldCipher({ currentKey: keyA });
    const sealed = before.encrypt('Lê Thị Mai', AAD);
    const after = createFieldCipherFromEnv(keyB, { DATA_KEYS_OLD: ` ${randomBytes(32).toString('base64')}, ${keyA} ` });
    expect(after.keyId).toBe(keyIdOf(keyB));
    expect(after.keyIds).toHaveLength(3);
    expect(after.keyIdOfValue(sealed)).toBe(before.keyId);
    expect(after.decrypt(sealed, AAD)).toBe('Lê Thị Mai');
    // New values go under the new key.
    expect(after.keyIdOfValue(after.encrypt('x', AAD))).toBe(keyIdOf(keyB));
  });

  test('when the key that wrote a value is in no slot of the ring, the error names the missing key id', () => {
    const sealed = createFieldCipher({ currentKey: keyA }).encrypt('Lê Thị Mai', AAD);
    const error = thrown(() => createFieldCipher({ currentKey: keyB }).decrypt(sealed, AAD));
    expect(error.code).toBe('unknown_key');
    expect(error.message).toContain(keyIdOf(keyA));
    expect(error.message).toContain('DATA_KEYS_OLD');
    expect(error.message).not.toContain('Lê Thị Mai');
  });

  test('when a key is not 32 bytes of base64, the keyring refuses to start and says which key', () => {
    expect(thrown(() => createFieldCipher({ currentKey: randomBytes(16).toString('base64') })).message).toMatch(/DATA_KEY.*32 bytes/);
    expect(thrown(() => createFieldCipher({ currentKey: keyA, oldKeys: [keyB, 'not a key!'] })).message).toMatch(/DATA_KEYS_OLD\[1\]/);
  });

  test('parseOldKeys ignores blanks', () => {
    expect(parseOldKeys(undefined)).toEqual([]);
    expect(parseOldKeys(' a , ,b,')).toEqual(['a', 'b']);
  });
});

describe('blind index', () => {
  test('is deterministic for a key, separates kinds, and depends on the key', () => {
    const a = createFieldCipher({ currentKey: keyA });
    expect(a.blindIndex('phone', '0912345678').equals(createFieldCipher({ currentKey: keyA }).blindIndex('phone', '0912345678'))).toBe(true);
    expect(a.blindIndex('phone', '0912345678')).toHaveLength(32);
    expect(a.blindIndex('phone', '0912345678').equals(a.blindIndex('id_number', '0912345678'))).toBe(false);
    expect(a.blindIndex('phone', '0912345678').equals(a.blindIndex('phone', '0912345679'))).toBe(false);
    expect(a.blindIndex('phone', '0912345678').equals(createFieldCipher({ currentKey: keyB }).blindIndex('phone', '0912345678'))).toBe(false);
  });

  test('is not a bare hash of the value, nor the HMAC under the data key itself', async () => {
    const { createHash, createHmac } = await import('node:crypto');
    const index = createFieldCipher({ currentKey: keyA }).blindIndex('phone', '0912345678');
    expect(index.equals(createHash('sha256').update('0912345678').digest())).toBe(false);
    expect(index.equals(createHmac('sha256', Buffer.from(keyA, 'base64')).update('phone\u00000912345678').digest())).toBe(false);
  });

  test('after a rotation, blindIndexes still yields the index rows got under the old key', () => {
    const old = createFieldCipher({ currentKey: keyA }).blindIndex('phone', '0912345678');
    const rotated = createFieldCipher({ currentKey: keyB, oldKeys: [keyA] });
    const all = rotated.blindIndexes('phone', '0912345678');
    expect(all[0]!.equals(rotated.blindIndex('phone', '0912345678'))).toBe(true);
    expect(all.some((i) => i.equals(old))).toBe(true);
  });
});
