import type { IsoDate } from './iso-date.ts';

/**
 * What an official day is:
 * - NGHI_LE: a public holiday (Bộ luật Lao động 2019 Điều 112 khoản 1, or a holiday added later);
 * - NGHI_BU: a compensatory day off for a holiday on a weekly rest day (BLLĐ 2019 Điều 111 khoản 3);
 * - NGHI_HOAN_DOI: a working day made a day off by a swap the Government approves (hoán đổi);
 * - LAM_BU: a weekly rest day (usually a Saturday) worked in exchange for a NGHI_HOAN_DOI day;
 * - NGAY_LAM_VIEC: forced working day, e.g. to cancel a computed default the announcement dropped.
 */
export const DAY_KINDS = ['NGHI_LE', 'NGHI_BU', 'NGHI_HOAN_DOI', 'LAM_BU', 'NGAY_LAM_VIEC'] as const;
export type DayKind = (typeof DAY_KINDS)[number];

export const DAY_OFF_KINDS: ReadonlySet<DayKind> = new Set<DayKind>(['NGHI_LE', 'NGHI_BU', 'NGHI_HOAN_DOI']);

/** The statutory holidays of BLLĐ 2019 Điều 112 khoản 1, by point. */
export const STATUTORY_HOLIDAYS = [
  'TET_DUONG_LICH', // a) 01/01
  'TET_AM_LICH', // b) 5 days, dates decided yearly by the Prime Minister (khoản 3)
  'GIAI_PHONG_MIEN_NAM', // c) 30/4
  'QUOC_TE_LAO_DONG', // d) 01/5
  'QUOC_KHANH', // đ) 02/9 + 1 adjacent day, decided yearly by the Prime Minister (khoản 3)
  'GIO_TO_HUNG_VUONG' // e) 10/3 lunar
] as const;
export type StatutoryHoliday = (typeof STATUTORY_HOLIDAYS)[number];

/** A statutory holiday, or the code of a holiday enacted later (e.g. 'VAN_HOA_VIET_NAM' for 24/11). */
export type HolidayKey = StatutoryHoliday | (string & {});

/**
 * One announced official day. Overrides win over computed days on the same date.
 * When any override names a `holiday` for a year, it replaces that holiday's whole computed block
 * for that year, compensatory days included: an announcement lists every day it changes.
 */
export interface OfficialDayOverride {
  date: IsoDate;
  kind: DayKind;
  /** Vietnamese name shown to officials, e.g. 'Tết Âm lịch (29 tháng Chạp)'. */
  name: string;
  /** English name; derived from `kind` and `holiday` when absent. */
  nameEn?: string;
  /** Document number or URL the day comes from. */
  legalRef: string;
  holiday?: HolidayKey;
}

/**
 * An administrator's change to a list of overrides: a day to add or replace (same date), or
 * `{ date, remove: true }` to drop the entry on that date (mergeOverrides in overrides.ts).
 */
export type OverrideChange = OfficialDayOverride | { date: IsoDate; remove: true };

/** A day that differs from the ordinary week, as the calendar resolved it. */
export interface CalendarDay extends OfficialDayOverride {
  nameEn: string;
  source: 'COMPUTED' | 'OVERRIDE';
  isDayOff: boolean;
}

/**
 * A holiday beyond BLLĐ 2019 Điều 112 khoản 1 as enacted, kept as data because it is not law yet
 * or its start is not known (additional-holidays-data.ts). Only `enabled` rules are applied, from
 * `effectiveFrom` on.
 */
export interface AdditionalHolidayRule {
  holiday: HolidayKey;
  /** Solar day, or lunar day when `lunar` is true. */
  month: number;
  day: number;
  lunar?: boolean;
  name: string;
  nameEn: string;
  legalRef: string;
  /** DOMAIN.md tags: V verified, S secondary source, U unverified. */
  verification: 'V' | 'S' | 'U';
  enabled: boolean;
  /** First date the holiday applies (the enacting law's effective date). */
  effectiveFrom?: IsoDate;
}
