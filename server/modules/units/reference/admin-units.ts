/**
 * Vietnam's administrative units after 01/07/2025 (34 provinces, 3,321 communes, no district level),
 * from the committed vn-admin-units.json built by scripts/build-admin-units.ts, with the dated
 * changes made since (e.g. Đồng Nai a centrally-run city from 30/04/2026) applied by date.
 *
 *   loadAdminUnits()              state today in Vietnam (Asia/Ho_Chi_Minh)
 *   loadAdminUnits('2026-04-29')  state on that day
 *   ADMIN_UNIT_CHANGES            the dated changes, for a dated database migration
 */
import { readFileSync } from 'node:fs';

/** A calendar date 'YYYY-MM-DD'. */
export type IsoDateString = `${number}-${number}-${number}`;

/** tp_tw: thành phố trực thuộc trung ương; tinh: tỉnh. */
export type ProvinceKind = 'tp_tw' | 'tinh';
/** xa: xã; phuong: phường; dac_khu: đặc khu. */
export type CommuneKind = 'xa' | 'phuong' | 'dac_khu';

export interface Province {
  /** GSO code, 2 digits ('01' Hà Nội). */
  readonly code: string;
  /** Official full name: 'Thành phố Hà Nội', 'Tỉnh Cao Bằng'. */
  readonly name: string;
  /** Without the 'Thành phố'/'Tỉnh' prefix: 'Hà Nội'. */
  readonly shortName: string;
  readonly kind: ProvinceKind;
}

export interface Commune {
  /** GSO code, 5 digits ('00004' Phường Ba Đình). */
  readonly code: string;
  /** Official name with its prefix: 'Phường Ba Đình', 'Xã Ba Chẽ', 'Đặc khu Hoàng Sa'. */
  readonly name: string;
  readonly kind: CommuneKind;
  readonly provinceCode: string;
}

/** One field of one unit changed from a date on, by a legal act. */
export interface AdminUnitChange {
  readonly effectiveFrom: IsoDateString;
  /** e.g. 'Nghị quyết 30/2026/QH16'. */
  readonly legalRef: string;
  readonly level: 'province' | 'commune';
  readonly unitCode: string;
  readonly field: 'name' | 'kind';
  readonly from: string;
  readonly to: string;
}

export interface AdminUnits {
  /** The date the state is for. */
  readonly asOf: IsoDateString;
  readonly provinces: readonly Province[];
  readonly communes: readonly Commune[];
}

interface AdminUnitsFile {
  baseDate: IsoDateString;
  provinces: Province[];
  communes: Commune[];
  changes: AdminUnitChange[];
}

/** The data describes the units from this date on; earlier dates had 63 provinces and districts. */
export const BASE_DATE: IsoDateString = '2025-07-01';
/** Provinces since 01/07/2025 (NQ 202/2025/QH15); no change since has altered the number. */
export const PROVINCE_COUNT = 34;
/** Commune-level units since 01/07/2025. */
export const COMMUNE_COUNT = 3321;

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

let cached: Readonly<AdminUnitsFile> | undefined;

function readFile(): Readonly<AdminUnitsFile> {
  if (!cached) {
    const text = readFileSync(new URL('./vn-admin-units.json', import.meta.url), 'utf8');
    const data = JSON.parse(text) as AdminUnitsFile;
    if (data.baseDate !== BASE_DATE) throw new Error(`vn-admin-units.json: base date ${data.baseDate}, expected ${BASE_DATE}`);
    cached = Object.freeze(data);
  }
  return cached;
}

/** Today's date in Vietnam (UTC+7, no daylight saving), as 'YYYY-MM-DD'. */
export function todayInVietnam(now: Date = new Date()): IsoDateString {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now) as IsoDateString;
}

export function isIsoDateString(s: string): s is IsoDateString {
  return ISO_DATE.test(s);
}

/** The dated changes after BASE_DATE, oldest first (a copy). */
export function adminUnitChanges(): AdminUnitChange[] {
  return sortChanges(readFile().changes);
}

function sortChanges(changes: readonly AdminUnitChange[]): AdminUnitChange[] {
  // Stable sort: changes of the same day keep their file order.
  return [...changes].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0));
}

/**
 * Applies the changes whose effectiveFrom <= asOf to copies of the units. Pure: the inputs are not
 * modified. Throws if a change names a unit that does not exist or its `from` is not the value the
 * field holds at that point (the data and the changes disagree).
 */
export function applyAdminUnitChanges(
  base: { readonly provinces: readonly Province[]; readonly communes: readonly Commune[] },
  changes: readonly AdminUnitChange[],
  asOf: IsoDateString
): { provinces: Province[]; communes: Commune[] } {
  const provinces = base.provinces.map((p) => ({ ...p }));
  const communes = base.communes.map((c) => ({ ...c }));
  const provinceIndex = new Map(provinces.map((p, i) => [p.code, i]));
  const communeIndex = new Map(communes.map((c, i) => [c.code, i]));
  for (const change of sortChanges(changes)) {
    if (change.effectiveFrom > asOf) continue;
    const where = `${change.level} ${change.unitCode} ${change.field} (${change.legalRef}, ${change.effectiveFrom})`;
    if (change.level === 'province') {
      const i = provinceIndex.get(change.unitCode);
      const p = i === undefined ? undefined : provinces[i];
      if (!p) throw new Error(`admin unit change: no ${where}`);
      if (p[change.field] !== change.from) throw new Error(`admin unit change: ${where} is "${p[change.field]}", expected "${change.from}"`);
      provinces[i!] = change.field === 'kind' ? { ...p, kind: change.to as ProvinceKind } : { ...p, name: change.to, shortName: change.to.replace(/^(Thành phố|Tỉnh) /, '') };
    } else {
      const i = communeIndex.get(change.unitCode);
      const c = i === undefined ? undefined : communes[i];
      if (!c) throw new Error(`admin unit change: no ${where}`);
      if (c[change.field] !== change.from) throw new Error(`admin unit change: ${where} is "${c[change.field]}", expected "${change.from}"`);
      communes[i!] = change.field === 'kind' ? { ...c, kind: change.to as CommuneKind } : { ...c, name: change.to };
    }
  }
  return { provinces, communes };
}

/**
 * The provinces and communes as they stand on `asOf` (default: today in Vietnam). The JSON file is
 * read once per process; each call returns fresh arrays of fresh objects.
 */
export function loadAdminUnits(asOf: IsoDateString = todayInVietnam()): AdminUnits {
  if (!isIsoDateString(asOf)) throw new RangeError(`asOf must be YYYY-MM-DD, got ${String(asOf)}`);
  if (asOf < BASE_DATE) throw new RangeError(`asOf ${asOf} is before ${BASE_DATE}: the data describes the units from ${BASE_DATE} on`);
  const file = readFile();
  const { provinces, communes } = applyAdminUnitChanges(file, file.changes, asOf);
  return { asOf, provinces, communes };
}
