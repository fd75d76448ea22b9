import { describe, expect, test } from 'vitest';
import {
  checkFullName,
  checkIdNumber,
  checkPhone,
  formatPhone,
  identityProtectedByLaw,
  nameMatchKey,
  normalizeFullName,
  normalizeIdNumber,
  normalizePhone,
  PARTY_ROLES
} from './identity.ts';

describe('normalizePhone', () => {
  test('when the same mobile number is written with +84, 84, 0084 or 0 and any separators, gives one canonical form', () => {
    const forms = ['0912 345 678', '0912.345.678', '0912-345-678', '+84912345678', '+84 912 345 678', '84912345678', '0084912345678', '+84 (0) 912 345 678', '+840912345678', ' 0912\u00A0345\u00A0678 ', '(+84) 912-345-678'];
    for (const form of forms) expect(normalizePhone(form), form).toBe('0912345678');
  });

  test('when a landline is written with its area code, keeps the 11 digits', () => {
    expect(normalizePhone('024 3825 1234')).toBe('02438251234');
    expect(normalizePhone('+84 24 3825 1234')).toBe('02438251234');
    expect(normalizePhone('(028) 3829.1234')).toBe('02838291234');
  });

  test('when an old 11-digit mobile number is given, converts it to the 2018 number', () => {
    expect(normalizePhone('0166 234 5678')).toBe('0362345678');
    expect(normalizePhone('+84 123 456 7890')).toBe('0834567890');
    expect(normalizePhone('0199 123 4567')).toBe('0591234567');
  });

  test('when the digits are full-width (some input methods), reads them as digits', () => {
    expect(normalizePhone('０９１２３４５６７８')).toBe('0912345678');
  });
});

describe('checkPhone', () => {
  test('when the number is a mobile number of any current prefix, accepts it as MOBILE', () => {
    for (const n of ['0321234567', '0561234567', '0701234567', '0861234567', '0981234567']) {
      expect(checkPhone(n)).toEqual({ ok: true, value: n, kind: 'MOBILE' });
    }
  });

  test('when the number is a landline (02x area code, 11 digits), accepts it as LANDLINE', () => {
    expect(checkPhone('024 3825 1234')).toEqual({ ok: true, value: '02438251234', kind: 'LANDLINE' });
  });

  test('when the number has the wrong length or prefix, refuses it with a message in both languages', () => {
    for (const bad of ['091234567', '09123456789', '0112345678', '0412345678', '0612345678', '1900 1234', '912345678', '+1 415 555 0100']) {
      const result = checkPhone(bad);
      expect(result.ok, bad).toBe(false);
      if (!result.ok) {
        expect(result.message).toMatch(/[a-zà-ỹ]/);
        expect(result.messageEn).toMatch(/[a-z]/);
      }
    }
  });

  test('when the text has letters or is empty, refuses it', () => {
    expect(checkPhone('0912 345 678 ext 2').ok).toBe(false);
    expect(checkPhone('không có').ok).toBe(false);
    expect(checkPhone('   ').ok).toBe(false);
  });
});

describe('formatPhone', () => {
  test('when given canonical numbers, groups the digits for reading', () => {
    expect(formatPhone('0912345678')).toBe('0912 345 678');
    expect(formatPhone('02438251234')).toBe('024 3825 1234');
  });
});

describe('checkIdNumber', () => {
  test('when given 12 digits with a valid province code, accepts a CCCD, separators removed', () => {
    expect(checkIdNumber('001 090 012 345')).toEqual({ ok: true, value: '001090012345', kind: 'CCCD' });
    expect(checkIdNumber('079-301-000-123')).toEqual({ ok: true, value: '079301000123', kind: 'CCCD' });
  });

  test('when given 9 digits, accepts an old CMND', () => {
    expect(checkIdNumber('012.345.678')).toEqual({ ok: true, value: '012345678', kind: 'CMND' });
  });

  test('when given one letter and 7 digits, accepts a passport number in upper case', () => {
    expect(checkIdNumber('c1234567')).toEqual({ ok: true, value: 'C1234567', kind: 'HO_CHIEU' });
  });

  test('when a CCCD starts with a code that is no province (000, 097–999), refuses it', () => {
    const result = checkIdNumber('000123456789');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/mã tỉnh/);
    expect(checkIdNumber('123456789012').ok).toBe(false);
  });

  test('when the number of digits is neither 9 nor 12, says how many digits it has', () => {
    const result = checkIdNumber('0010900123');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toMatch(/10 chữ số/);
      expect(result.messageEn).toMatch(/10 digits/);
    }
    expect(checkIdNumber('abc').ok).toBe(false);
    expect(checkIdNumber('').ok).toBe(false);
  });

  test('normalizeIdNumber removes separators and upper-cases', () => {
    expect(normalizeIdNumber(' b 123 4567 ')).toBe('B1234567');
  });
});

describe('names', () => {
  test('when a name has irregular spaces or NFD letters, normalizeFullName gives NFC with single spaces and keeps diacritics', () => {
    const nfd = '  Nguyễn   Thị\tHoà '.normalize('NFD');
    const display = normalizeFullName(nfd);
    expect(display).toBe('Nguyễn Thị Hoà'.normalize('NFC'));
    expect(display.normalize('NFC')).toBe(display);
  });

  test('when the same name is typed with or without marks, or with the tone on another vowel, nameMatchKey matches', () => {
    const key = nameMatchKey('Nguyễn Thị Hòa');
    expect(nameMatchKey('NGUYEN THI HOA')).toBe(key);
    expect(nameMatchKey('Nguyễn Thị Hoà')).toBe(key);
    expect(nameMatchKey(' nguyễn  thị hòa '.normalize('NFD'))).toBe(key);
    expect(nameMatchKey('Đặng Văn Đức')).toBe('dang van duc');
  });

  test('checkFullName refuses too short, too long or letterless names', () => {
    expect(checkFullName(' A ').ok).toBe(false);
    expect(checkFullName('x'.repeat(201)).ok).toBe(false);
    expect(checkFullName('12345').ok).toBe(false);
    expect(checkFullName(' Lê  Văn Tám ')).toEqual({ ok: true, value: 'Lê Văn Tám' });
  });
});

describe('identityProtectedByLaw', () => {
  test('a denouncer is protected whatever the petition type', () => {
    for (const type of ['KHIEU_NAI', 'TO_CAO', 'KIEN_NGHI', 'PHAN_ANH'] as const) expect(identityProtectedByLaw('NGUOI_TO_CAO', type)).toBe(true);
  });

  test('in a denunciation, whoever filed or represents it is protected; the persons denounced are not', () => {
    const protectedRoles = PARTY_ROLES.filter((role) => identityProtectedByLaw(role, 'TO_CAO'));
    expect(protectedRoles).toEqual(['NGUOI_KHIEU_NAI', 'NGUOI_TO_CAO', 'NGUOI_KIEN_NGHI', 'NGUOI_PHAN_ANH', 'NGUOI_DAI_DIEN']);
  });

  test('in a complaint, recommendation or reflection, only a denouncer is protected by law', () => {
    for (const type of ['KHIEU_NAI', 'KIEN_NGHI', 'PHAN_ANH'] as const) {
      expect(PARTY_ROLES.filter((role) => identityProtectedByLaw(role, type))).toEqual(['NGUOI_TO_CAO']);
    }
  });
});
