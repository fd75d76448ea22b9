/**
 * Personal identifiers of petition parties: normalisation (one canonical form, so that the blind
 * index finds "0912 345 678" and "+84912345678" to be the same phone) and validation with
 * messages in Vietnamese and English. Pure TypeScript: the web form and the server use the same
 * rules. Nothing here is legal text; sources are named where a rule comes from one.
 */
import type { PetitionType } from './petition.ts';
import { nameKey } from './text/fold.ts';

export interface Invalid {
  ok: false;
  message: string;
  messageEn: string;
}
export type Checked<T> = ({ ok: true } & T) | Invalid;

const invalid = (message: string, messageEn: string): Invalid => ({ ok: false, message, messageEn });

/** Separators people type inside numbers: spaces (incl. no-break), dots, dashes, slashes, parentheses. */
const SEPARATORS = /[\s.\-\u2010-\u2015\u2212/()]/gu;

// ---------------------------------------------------------------- identity numbers

/**
 * CCCD / số định danh cá nhân: 12 digits (3 = province of birth registration, 1 = sex and
 * century, 2 = year of birth, 6 = serial). CMND (old identity card): 9 digits; the 12-digit
 * CMND issued 2012-2016 has the CCCD layout. Hộ chiếu (Vietnamese passport): one letter and
 * 7 digits. The register of citizen reception (TT 04/2021, Mẫu 03) has one column for all three.
 */
export const ID_NUMBER_KINDS = ['CCCD', 'CMND', 'HO_CHIEU'] as const;
export type IdNumberKind = (typeof ID_NUMBER_KINDS)[number];

/** Canonical form: separators removed, letters upper-case. Does not validate. */
export function normalizeIdNumber(raw: string): string {
  return raw.normalize('NFKC').replace(SEPARATORS, '').toUpperCase();
}

export function checkIdNumber(raw: string): Checked<{ value: string; kind: IdNumberKind }> {
  const value = normalizeIdNumber(raw);
  if (value === '') return invalid('chưa nhập số giấy tờ', 'no number given');
  if (/^\d{12}$/.test(value)) {
    // Province codes of the CCCD run 001-096 (codes of the 63 pre-2025 provinces; numbers keep them).
    const province = Number(value.slice(0, 3));
    if (province < 1 || province > 96) {
      return invalid(`3 số đầu của CCCD (${value.slice(0, 3)}) không phải mã tỉnh hợp lệ (001–096)`, `the first 3 digits of a CCCD (${value.slice(0, 3)}) are not a province code (001–096)`);
    }
    return { ok: true, value, kind: 'CCCD' };
  }
  if (/^\d{9}$/.test(value)) return { ok: true, value, kind: 'CMND' };
  if (/^[A-Z]\d{7}$/.test(value)) return { ok: true, value, kind: 'HO_CHIEU' };
  if (/^\d+$/.test(value)) {
    return invalid(
      `có ${value.length} chữ số; CCCD có 12 chữ số, CMND có 9 chữ số`,
      `has ${value.length} digits; a CCCD has 12 digits, an old identity card (CMND) 9`
    );
  }
  return invalid(
    'không đúng định dạng CCCD (12 chữ số), CMND (9 chữ số) hay hộ chiếu (1 chữ cái và 7 chữ số)',
    'is not a CCCD (12 digits), an old identity card (9 digits) or a passport number (1 letter and 7 digits)'
  );
}

// ---------------------------------------------------------------- phone numbers

/**
 * 11-digit mobile prefixes retired in 2018 and their 10-digit replacements (the Ministry of
 * Information and Communications' conversion, 15/09/2018 – 15/11/2018). Old letters still carry
 * them; converting lets the duplicate check match them with the same subscriber's new number.
 */
const OLD_MOBILE_PREFIXES: Record<string, string> = {
  // Viettel
  '0162': '032', '0163': '033', '0164': '034', '0165': '035', '0166': '036', '0167': '037', '0168': '038', '0169': '039',
  // MobiFone
  '0120': '070', '0121': '079', '0122': '077', '0126': '076', '0128': '078',
  // VinaPhone
  '0123': '083', '0124': '084', '0125': '085', '0127': '081', '0129': '082',
  // Vietnamobile, Gmobile
  '0186': '056', '0188': '058', '0199': '059'
};

export type PhoneKind = 'MOBILE' | 'LANDLINE';

/**
 * Canonical national form: digits only, trunk prefix 0 ("0912345678", "02438251234").
 * +84 / 84 / 0084 become 0; "+84 (0) 912…" loses the extra 0; separators go; a retired 11-digit
 * mobile number is converted. Returns what it could make of the input; checkPhone validates.
 */
export function normalizePhone(raw: string): string {
  let s = raw.normalize('NFKC').trim().replace(/\(0\)/g, '').replace(SEPARATORS, '');
  if (s.startsWith('+')) s = s.slice(1);
  else if (s.startsWith('00')) s = s.slice(2);
  else if (s.startsWith('0')) return convertRetired(s);
  // Country code 84 before the national number (9 or 10 digits after it; a stray trunk 0 is dropped).
  if (s.startsWith('84') && s.length >= 11) return convertRetired(`0${s.slice(2).replace(/^0/, '')}`);
  return s;
}

function convertRetired(national: string): string {
  if (national.length === 11) {
    const replacement = OLD_MOBILE_PREFIXES[national.slice(0, 4)];
    if (replacement) return replacement + national.slice(4);
  }
  return national;
}

/**
 * Mobile: 10 digits, 03/05/07/08/09 (numbering since 2018). Landline: 11 digits starting 02
 * (area codes 02x/02xx since the 2017 change; Hà Nội 024, TP.HCM 028).
 */
export function checkPhone(raw: string): Checked<{ value: string; kind: PhoneKind }> {
  if (/[^\d\s.\-\u2010-\u2015\u2212/()+]/u.test(raw.normalize('NFKC'))) {
    return invalid('chỉ được gồm chữ số, dấu cách, dấu chấm, gạch ngang và dấu + ở đầu', 'may contain only digits, spaces, dots, dashes and a leading +');
  }
  const value = normalizePhone(raw);
  if (value === '') return invalid('chưa nhập số điện thoại', 'no number given');
  if (/^0[35789]\d{8}$/.test(value)) return { ok: true, value, kind: 'MOBILE' };
  if (/^02\d{9}$/.test(value)) return { ok: true, value, kind: 'LANDLINE' };
  if (!/^0\d+$/.test(value)) {
    return invalid('không phải số điện thoại Việt Nam (bắt đầu bằng 0 hoặc +84)', 'is not a Vietnamese number (it must start with 0 or +84)');
  }
  return invalid(
    'không hợp lệ: di động có 10 chữ số bắt đầu bằng 03, 05, 07, 08, 09; máy bàn có 11 chữ số bắt đầu bằng 02',
    'is not valid: a mobile number has 10 digits starting 03, 05, 07, 08 or 09; a landline 11 digits starting 02'
  );
}

/** "0912 345 678" / "024 3825 1234" for display. */
export function formatPhone(normalised: string): string {
  if (/^0\d{9}$/.test(normalised)) return `${normalised.slice(0, 4)} ${normalised.slice(4, 7)} ${normalised.slice(7)}`;
  if (/^02\d{9}$/.test(normalised)) return `${normalised.slice(0, 3)} ${normalised.slice(3, 7)} ${normalised.slice(7)}`;
  return normalised;
}

// ---------------------------------------------------------------- names

export const FULL_NAME_MIN = 2;
export const FULL_NAME_MAX = 200;
export const ADDRESS_MAX = 500;

/** For display and storage: NFC, trimmed, runs of whitespace as one space. Diacritics are kept. */
export function normalizeFullName(raw: string): string {
  return raw.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/**
 * For matching only (blind index): marks removed, đ → d, lower-case, punctuation as spaces.
 * Letters are often typed without a Vietnamese keyboard ("Nguyen Van An") or with the tone mark
 * on another vowel ("Hoà"/"Hòa"); both must match the same person.
 */
export function nameMatchKey(raw: string): string {
  return nameKey(raw);
}

export function checkFullName(raw: string): Checked<{ value: string }> {
  const value = normalizeFullName(raw);
  if (value.length < FULL_NAME_MIN) return invalid(`cần ít nhất ${FULL_NAME_MIN} ký tự`, `must be at least ${FULL_NAME_MIN} characters`);
  if (value.length > FULL_NAME_MAX) return invalid(`dài quá ${FULL_NAME_MAX} ký tự`, `must be at most ${FULL_NAME_MAX} characters`);
  if (!/\p{L}/u.test(value)) return invalid('phải có chữ cái', 'must contain letters');
  return { ok: true, value };
}

/** Addresses: NFC, trimmed, whitespace collapsed; empty means none. */
export function normalizeAddress(raw: string): string {
  return raw.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

// ---------------------------------------------------------------- party roles

/**
 * Who a person is in a petition. The national database names the same three groups (DOMAIN.md §6:
 * NguoiKNTC, NguoiBiKNTC, NguoiUyQuyen): the filer (by petition type), the representative
 * (authorised person, lawyer, group representative: Luật TCD Điều 29–30) and the respondent.
 */
export const PARTY_ROLES = [
  'NGUOI_KHIEU_NAI',
  'NGUOI_TO_CAO',
  'NGUOI_KIEN_NGHI',
  'NGUOI_PHAN_ANH',
  'NGUOI_DAI_DIEN',
  'NGUOI_BI_KHIEU_NAI',
  'NGUOI_BI_TO_CAO'
] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

export const PARTY_ROLE_LABELS: Record<PartyRole, { vi: string; en: string }> = {
  NGUOI_KHIEU_NAI: { vi: 'Người khiếu nại', en: 'Complainant' },
  NGUOI_TO_CAO: { vi: 'Người tố cáo', en: 'Denouncer' },
  NGUOI_KIEN_NGHI: { vi: 'Người kiến nghị', en: 'Petitioner (recommendation)' },
  NGUOI_PHAN_ANH: { vi: 'Người phản ánh', en: 'Petitioner (reflection)' },
  NGUOI_DAI_DIEN: { vi: 'Người đại diện, người được ủy quyền', en: 'Representative' },
  NGUOI_BI_KHIEU_NAI: { vi: 'Người bị khiếu nại', en: 'Person complained of' },
  NGUOI_BI_TO_CAO: { vi: 'Người bị tố cáo', en: 'Person denounced' }
};

/** Roles on the side of the person the petition is against; everyone else filed it or speaks for whoever did. */
export const RESPONDENT_ROLES: readonly PartyRole[] = ['NGUOI_BI_KHIEU_NAI', 'NGUOI_BI_TO_CAO'];

/**
 * Must this party's identity be kept secret by law? Luật Tố cáo 2018 Điều 8.3, 9.1.b and 56: the
 * denouncer's name, address and identifying details may not be disclosed. That covers the
 * denouncer and, in a denunciation, whoever filed or represents it: a petition classified as
 * tố cáo after intake (classification follows content, not title: TT 05/2021 Điều 6) protects its
 * filers from then on, so callers evaluate this with the petition's CURRENT type.
 */
export function identityProtectedByLaw(role: PartyRole, petitionType: PetitionType): boolean {
  return role === 'NGUOI_TO_CAO' || (petitionType === 'TO_CAO' && !RESPONDENT_ROLES.includes(role));
}

/** What a caller without the right sees instead of a protected identity. */
export const WITHHELD = 'Đã được giữ bí mật / Withheld';
