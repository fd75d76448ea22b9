/**
 * Vietnamese text folding for search and for comparing names. Pure TypeScript, no dependencies:
 * runs in the browser and in Node.
 *
 * Why not a library: `lodash.deburr` misses letters that carry two marks (ễ, ặ, ử) and `slugify`
 * needs `{ locale: 'vi' }` to fold đ. Canonical decomposition handles every precomposed letter,
 * whatever Unicode form (NFC or NFD) or tone-mark placement ("Hoà"/"Hòa") the input uses.
 */

/** Letters that no Unicode decomposition turns into `d`: đ Đ, the look-alike Ð (U+00D0, eth)
 *  with its lower case ð, and the African D Ɖ/ɖ (U+0189/U+0256) that some keyboards produce. */
const D_LIKE = /[\u0110\u0111\u00D0\u00F0\u0189\u0256]/g;

/** Apostrophe-like marks inside names ("Ea H'Leo", "Ea H’Leo", "M`Drắk"): removed, not spaced. */
const APOSTROPHES = /['\u2018\u2019\u02BC\u02BB\u0060\u00B4]/g;

/**
 * Removes diacritics (tone and vowel marks), maps đ/Đ/Ð to d, lower-cases and collapses runs of
 * whitespace to one space (trimmed). Punctuation is kept.
 *
 *   foldVietnamese('  Nguyễn  Văn Đức ') === 'nguyen van duc'
 */
export function foldVietnamese(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(D_LIKE, 'd')
    .toLowerCase()
    .replace(/\s+/gu, ' ')
    .trim();
}

/**
 * Key for comparing names across sources: folded, apostrophes dropped, every other run of
 * punctuation or whitespace reduced to one space. Never join data on raw names; join on codes
 * and compare names with this key.
 *
 *   nameKey('Phường Văn Miếu - Quốc Tử Giám') === 'phuong van mieu quoc tu giam'
 *   nameKey("Xã Ea H'Leo") === nameKey('Xã Ea H’Leo') === 'xa ea hleo'
 */
export function nameKey(s: string): string {
  return foldVietnamese(s)
    .replace(APOSTROPHES, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
