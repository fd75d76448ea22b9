/**
 * Kinds of units in the org tree (DOMAIN.md §8–9). Two families share one tree:
 *  - territorial units, from the statistics office's list (34 provinces and cities, 3,321
 *    communes, wards and special zones since 01/07/2025; no district level);
 *  - bodies that receive and handle petitions (inspectorates, citizen reception boards, people's
 *    committees, party inspection committees, National Assembly delegation offices, departments…),
 *    placed under the territorial unit or the body they belong to.
 * Codes are stored in units.kind (CHECK in migrations/0005_units.sql: add a kind there too).
 */
export const TERRITORIAL_UNIT_KINDS = ['TRUNG_UONG', 'TP_TRUC_THUOC_TW', 'TINH', 'PHUONG', 'XA', 'DAC_KHU'] as const;
export const AGENCY_UNIT_KINDS = [
  'THANH_TRA',
  'BAN_TIEP_CONG_DAN',
  'UBND',
  'HDND',
  'UBKT_DANG',
  'VP_DOAN_DBQH',
  'BO_NGANH',
  'SO_NGANH',
  'PHONG_BAN',
  'CO_QUAN_KHAC'
] as const;
export const UNIT_KINDS = [...TERRITORIAL_UNIT_KINDS, ...AGENCY_UNIT_KINDS] as const;

export type TerritorialUnitKind = (typeof TERRITORIAL_UNIT_KINDS)[number];
export type AgencyUnitKind = (typeof AGENCY_UNIT_KINDS)[number];
export type UnitKind = (typeof UNIT_KINDS)[number];

export const UNIT_KIND_LABELS: Record<UnitKind, { vi: string; en: string }> = {
  TRUNG_UONG: { vi: 'Trung ương', en: 'Central level' },
  TP_TRUC_THUOC_TW: { vi: 'Thành phố trực thuộc trung ương', en: 'Centrally-run city' },
  TINH: { vi: 'Tỉnh', en: 'Province' },
  PHUONG: { vi: 'Phường', en: 'Ward' },
  XA: { vi: 'Xã', en: 'Commune' },
  DAC_KHU: { vi: 'Đặc khu', en: 'Special zone' },
  THANH_TRA: { vi: 'Cơ quan thanh tra', en: 'Inspectorate' },
  BAN_TIEP_CONG_DAN: { vi: 'Ban Tiếp công dân', en: 'Citizen reception board' },
  UBND: { vi: 'Ủy ban nhân dân', en: "People's committee" },
  HDND: { vi: 'Hội đồng nhân dân', en: "People's council" },
  UBKT_DANG: { vi: 'Ủy ban Kiểm tra của Đảng', en: 'Party inspection committee' },
  VP_DOAN_DBQH: { vi: 'Văn phòng Đoàn ĐBQH và HĐND', en: 'Office of the National Assembly delegation and people’s council' },
  BO_NGANH: { vi: 'Bộ, cơ quan ngang bộ', en: 'Ministry or ministry-level agency' },
  SO_NGANH: { vi: 'Sở, ngành', en: 'Department' },
  PHONG_BAN: { vi: 'Phòng, ban trực thuộc', en: 'Division of a body' },
  CO_QUAN_KHAC: { vi: 'Cơ quan, tổ chức khác', en: 'Other body' }
};

export const PROVINCE_KINDS: readonly UnitKind[] = ['TINH', 'TP_TRUC_THUOC_TW'];
export const COMMUNE_KINDS: readonly UnitKind[] = ['XA', 'PHUONG', 'DAC_KHU'];

/** Kinds of the administrative-unit data (server/modules/units/reference) mapped onto ours. */
export const ADMIN_DATA_KINDS: Record<'tp_tw' | 'tinh' | 'xa' | 'phuong' | 'dac_khu', UnitKind> = {
  tp_tw: 'TP_TRUC_THUOC_TW',
  tinh: 'TINH',
  xa: 'XA',
  phuong: 'PHUONG',
  dac_khu: 'DAC_KHU'
};

export function isUnitKind(value: string): value is UnitKind {
  return (UNIT_KINDS as readonly string[]).includes(value);
}

export function isTerritorialKind(kind: string): boolean {
  return (TERRITORIAL_UNIT_KINDS as readonly string[]).includes(kind);
}

/**
 * May a unit of `child` kind sit under a unit of `parent` kind? The territorial hierarchy is
 * fixed by law (centre → province/city → commune/ward/special zone); a body may sit under any
 * unit, including another body (Ban Tiếp công dân Trung ương belongs to Thanh tra Chính phủ,
 * Luật Tiếp công dân 2013 Điều 10).
 */
export function mayBeChildOf(child: UnitKind, parent: UnitKind): boolean {
  if (child === 'TRUNG_UONG') return false;
  if (PROVINCE_KINDS.includes(child)) return parent === 'TRUNG_UONG';
  if (COMMUNE_KINDS.includes(child)) return PROVINCE_KINDS.includes(parent);
  return true;
}
