import { describe, expect, test } from 'vitest';
import { foldVietnamese, nameKey } from './fold.ts';

describe('foldVietnamese', () => {
  test('when given a full Vietnamese name, removes every mark, maps đ and lower-cases', () => {
    expect(foldVietnamese('Nguyễn Văn Đức')).toBe('nguyen van duc');
    expect(foldVietnamese('Thành phố Hồ Chí Minh')).toBe('thanh pho ho chi minh');
  });

  test('when a letter carries two marks (ễ, ặ, ử, ờ, ậ), folds it to the bare letter', () => {
    expect(foldVietnamese('ễ ặ ử ờ ậ ỗ ữ ẫ ằ')).toBe('e a u o a o u a a');
    expect(foldVietnamese('ỄẶỬỜẬ')).toBe('eauoa');
    expect(foldVietnamese('Lặng lẽ, những cửa sổ')).toBe('lang le, nhung cua so');
  });

  test('when the text contains đ, Đ or the look-alike Ð (U+00D0), maps them all to d', () => {
    expect(foldVietnamese('đĐ\u00D0\u00F0')).toBe('dddd');
    expect(foldVietnamese('\u00D0ồng Nai')).toBe('dong nai');
    expect(foldVietnamese('\u0189\u0256ắk Lắk')).toBe('ddak lak');
  });

  test('when the input is NFD instead of NFC, gives the same result', () => {
    const nfc = 'Đắk Lắk Thừa Thiên Huế Khánh Hòa'.normalize('NFC');
    const nfd = nfc.normalize('NFD');
    expect(nfd).not.toBe(nfc);
    expect(foldVietnamese(nfd)).toBe(foldVietnamese(nfc));
    expect(foldVietnamese(nfd)).toBe('dak lak thua thien hue khanh hoa');
  });

  test('when whitespace is irregular (tabs, newlines, no-break space), collapses it to single spaces and trims', () => {
    expect(foldVietnamese('  Xã \t Ba\u00A0Chẽ \n')).toBe('xa ba che');
  });

  test('when the text has punctuation, keeps it', () => {
    expect(foldVietnamese('Văn Miếu - Quốc Tử Giám')).toBe('van mieu - quoc tu giam');
  });

  test('when the input is empty or plain ASCII, returns it lower-cased', () => {
    expect(foldVietnamese('')).toBe('');
    expect(foldVietnamese('ABC 123')).toBe('abc 123');
  });
});

describe('nameKey', () => {
  test('when tone marks are placed the old or the new way ("Hoà"/"Hòa", "Thuỷ"/"Thủy"), gives the same key', () => {
    expect(nameKey('Hoà Bình')).toBe(nameKey('Hòa Bình'));
    expect(nameKey('Thuỷ')).toBe(nameKey('Thủy'));
    expect(nameKey('Khánh Hoà')).toBe(nameKey('Khánh Hòa'));
    expect(nameKey('Thanh Hoá')).toBe('thanh hoa');
    expect(nameKey('Tỉnh Hoà Bình')).toBe('tinh hoa binh');
  });

  test('when one name is NFC and the other NFD, gives the same key', () => {
    const nfc = 'Phường Tân Sơn Nhất'.normalize('NFC');
    expect(nameKey(nfc.normalize('NFD'))).toBe(nameKey(nfc));
    expect(nameKey(nfc)).toBe('phuong tan son nhat');
  });

  test('when names differ only by apostrophe form, gives the same key with the apostrophe dropped', () => {
    expect(nameKey("Xã Ea H'Leo")).toBe('xa ea hleo');
    expect(nameKey('Xã Ea H’Leo')).toBe('xa ea hleo');
    expect(nameKey('Xã M\u02BCDrắk')).toBe(nameKey("Xã M'Drắk"));
  });

  test('when names contain hyphens, dots or repeated spaces, reduces them to single spaces', () => {
    expect(nameKey('Phường Văn Miếu - Quốc Tử Giám')).toBe('phuong van mieu quoc tu giam');
    expect(nameKey('Bà Rịa–Vũng Tàu')).toBe('ba ria vung tau');
    expect(nameKey('  TP.  Hồ Chí Minh ')).toBe('tp ho chi minh');
  });

  test('when names differ by a real letter (Phó/Phố keeps folding to pho), the key cannot tell them apart but different words stay different', () => {
    expect(nameKey('Xã Phó Bảng')).toBe(nameKey('Xã Phố Bảng'));
    expect(nameKey('Xã Ba Chẽ')).not.toBe(nameKey('Xã Ba Vì'));
  });
});
