/**
 * Computed default holidays of Bộ luật Lao động 2019 (45/2019/QH14) Điều 112 khoản 1: 11 days.
 *   a) Tết Dương lịch 01/01 (1 day)       b) Tết Âm lịch (5 days)
 *   c) Ngày Chiến thắng 30/4 (1 day)      d) Ngày Quốc tế lao động 01/5 (1 day)
 *   đ) Quốc khánh 02/9 + 1 day before or after (2 days)
 *   e) Giỗ Tổ Hùng Vương 10/3 âm lịch (1 day)
 * Two of them are placed each year by the Prime Minister (khoản 3): the 5 days of Tết Âm lịch and
 * the day next to 02/9. The defaults below are what we assume until the yearly announcement is
 * entered as overrides (official-days-data.ts); they are defaults, not law.
 */
import { CalendarError } from './errors.ts';
import { addDays, dateParts, isoDate, type IsoDate } from './iso-date.ts';
import { gregorianToLunar, lunarToGregorian, tetDate } from './lunar.ts';
import { HOLIDAY_NAMES, type BilingualName } from './names.ts';
import type { AdditionalHolidayRule, CalendarDay, HolidayKey, StatutoryHoliday } from './types.ts';

const LEGAL_REF = 'BLLĐ 2019 Điều 112 khoản 1';

export type IsRestDay = (d: IsoDate) => boolean;

export interface StatutoryOptions {
  /**
   * How many of the 5 Tết days fall before mùng 1 (0–4). Default 2 (28/29 Chạp … mùng 3): the shape
   * the Prime Minister chose for 2020, 2021, 2023, 2024 and 2025, and in both recent years when Tết
   * fell on a Saturday (2020, 2024), as it does in 2027. 2022 and 2026 were 1 + 4; those years are
   * entered as overrides. [S: press reports of the yearly decisions]
   */
  tetDaysBefore?: number;
  /** Holidays beyond Điều 112 (additional-holidays-data.ts); only enabled ones apply. */
  additionalHolidays?: readonly AdditionalHolidayRule[];
}

export const DEFAULT_TET_DAYS_BEFORE = 2;

function day(date: IsoDate, holiday: HolidayKey, name: string, nameEn: string, legalRef: string): CalendarDay {
  return { date, kind: 'NGHI_LE', name, nameEn, legalRef, holiday, source: 'COMPUTED', isDayOff: true };
}

function statutory(date: IsoDate, holiday: StatutoryHoliday, point: string, suffix?: BilingualName): CalendarDay {
  const names = HOLIDAY_NAMES[holiday];
  return day(
    date,
    holiday,
    suffix === undefined ? names.vi : `${names.vi} (${suffix.vi})`,
    suffix === undefined ? names.en : `${names.en} (${suffix.en})`,
    `${LEGAL_REF} điểm ${point}`
  );
}

function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

function tetDayLabel(d: IsoDate): BilingualName {
  const lunar = gregorianToLunar(d);
  if (lunar.month === 1 && !lunar.leapMonth) {
    return { vi: `mùng ${lunar.day}`, en: `${ordinal(lunar.day)} day of the 1st lunar month` };
  }
  return { vi: `${lunar.day} tháng Chạp`, en: `${ordinal(lunar.day)} day of the 12th lunar month` };
}

/** The 5 default Tết days: `before` days before mùng 1, then mùng 1 onwards. */
export function tetBlock(year: number, before = DEFAULT_TET_DAYS_BEFORE): IsoDate[] {
  if (!Number.isInteger(before) || before < 0 || before > 4) {
    throw new CalendarError(
      'calendar.invalid_argument',
      `tetDaysBefore must be 0–4, got ${before}`,
      `Số ngày nghỉ Tết trước mùng 1 phải từ 0 đến 4, nhận được ${before}`
    );
  }
  const first = addDays(tetDate(year), -before);
  return [0, 1, 2, 3, 4].map((i) => addDays(first, i));
}

/**
 * Default day next to 02/9: the weekday neighbour that touches a weekend, so the break joins the
 * weekend; otherwise a weekday neighbour; ties go to 01/9. This reproduces the announced choices
 * 2021 (3/9), 2022 (1/9), 2023 (1/9), 2024 (3/9), 2025 (1/9) and 2026 (1/9).
 */
export function quocKhanhAdjacentDay(year: number, isRestDay: IsRestDay): IsoDate {
  const national = isoDate(year, 9, 2);
  const score = (d: IsoDate, outward: IsoDate): number => (isRestDay(d) ? 0 : isRestDay(outward) ? 2 : 1);
  const before = addDays(national, -1);
  const after = addDays(national, 1);
  return score(after, addDays(after, 1)) > score(before, addDays(before, -1)) ? after : before;
}

function additionalDays(year: number, rules: readonly AdditionalHolidayRule[]): CalendarDay[] {
  return rules.flatMap((rule) => {
    if (!rule.enabled) {
      return [];
    }
    const date = rule.lunar === true ? lunarToGregorian(year, rule.month, rule.day) : isoDate(year, rule.month, rule.day);
    if (rule.effectiveFrom !== undefined && date < rule.effectiveFrom) {
      return [];
    }
    return [day(date, rule.holiday, rule.name, rule.nameEn, rule.legalRef)];
  });
}

/** Every holiday of `year` (NGHI_LE only; compensatory days are resolved later), in date order. */
export function statutoryHolidays(year: number, isRestDay: IsRestDay, opts: StatutoryOptions = {}): CalendarDay[] {
  const adjacent = quocKhanhAdjacentDay(year, isRestDay);
  const adjacentDay = dateParts(adjacent).day;
  const adjacentHoliday: CalendarDay = {
    ...statutory(adjacent, 'QUOC_KHANH', 'đ'),
    name: `Quốc khánh (ngày liền kề ${adjacentDay}/9)`,
    nameEn: `National Day (adjacent day, ${adjacentDay} September)`
  };
  const days: CalendarDay[] = [
    statutory(isoDate(year, 1, 1), 'TET_DUONG_LICH', 'a'),
    ...tetBlock(year, opts.tetDaysBefore).map((d) => statutory(d, 'TET_AM_LICH', 'b', tetDayLabel(d))),
    statutory(lunarToGregorian(year, 3, 10), 'GIO_TO_HUNG_VUONG', 'e'),
    statutory(isoDate(year, 4, 30), 'GIAI_PHONG_MIEN_NAM', 'c'),
    statutory(isoDate(year, 5, 1), 'QUOC_TE_LAO_DONG', 'd'),
    adjacentHoliday,
    statutory(isoDate(year, 9, 2), 'QUOC_KHANH', 'đ'),
    ...additionalDays(year, opts.additionalHolidays ?? [])
  ];
  return days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
