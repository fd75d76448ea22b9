/**
 * Vietnamese lunar calendar (âm lịch) → civil dates.
 *
 * Vietnam computes its lunar calendar for UTC+7, China for UTC+8, so a new moon close to midnight
 * can put Tết a day apart: 2030 (02/02 in Vietnam, 03/02 in China) and 2007 (17/02 vs 18/02).
 * date-chinese's CalendarVietnamese uses UTC+7 from 1968 on; code derived from Hồ Ngọc Đức's
 * algorithm is avoided for licence reasons (ECOSYSTEM.md "Calendar, holidays, deadlines").
 */
import { CalendarVietnamese } from 'date-chinese';
import { CalendarError } from './errors.ts';
import { addDays, dateParts, isoDate, type IsoDate } from './iso-date.ts';

const MIN_YEAR = 1900;
const MAX_YEAR = 2199;

function invalidLunar(message: string, messageVi: string): CalendarError {
  return new CalendarError('calendar.invalid_lunar_date', message, messageVi);
}

// One instance keeps date-chinese's internal cache of new moons and solstices warm.
const calendar = new CalendarVietnamese();
const cache = new Map<string, IsoDate>();

/**
 * Civil date of lunar day `day` of lunar month `month` (1–12; `leapMonth` for the nhuận month)
 * in the lunar year whose Tết falls in Gregorian year `lunarYear`: lunarToGregorian(2026, 1, 1)
 * is Tết Bính Ngọ (17/02/2026); lunarToGregorian(2026, 12, 29) is 05/02/2027, the eve of Tết
 * Đinh Mùi (that tháng Chạp has 29 days, so (2026, 12, 30) throws).
 * Throws CalendarError for a day that year does not have (30th of a 29-day month, a missing leap
 * month).
 */
export function lunarToGregorian(lunarYear: number, month: number, day: number, leapMonth = false): IsoDate {
  if (!Number.isInteger(lunarYear) || lunarYear < MIN_YEAR || lunarYear > MAX_YEAR) {
    throw invalidLunar(
      `Lunar year out of range ${MIN_YEAR}–${MAX_YEAR}: ${lunarYear}`,
      `Năm âm lịch ngoài phạm vi ${MIN_YEAR}–${MAX_YEAR}: ${lunarYear}`
    );
  }
  if (!Number.isInteger(month) || month < 1 || month > 12 || !Number.isInteger(day) || day < 1 || day > 30) {
    throw invalidLunar(`Not a lunar day/month: ${day}/${month}`, `Không phải ngày/tháng âm lịch: ${day}/${month}`);
  }
  const key = `${lunarYear}-${month}-${leapMonth ? 'L' : ''}${day}`;
  const hit = cache.get(key);
  if (hit !== undefined) {
    return hit;
  }

  calendar.set(0, 0, month, leapMonth ? 1 : 0, day);
  const g = calendar.toGregorian(lunarYear);
  // date-chinese silently rolls a non-existent day into the next month: convert back and compare.
  calendar.fromGregorian(g.year, g.month, g.day);
  if (calendar.month !== month || Boolean(calendar.leap) !== leapMonth || calendar.day !== day) {
    throw invalidLunar(
      `Lunar year ${lunarYear} has no ${leapMonth ? 'leap ' : ''}month ${month} day ${day}`,
      `Năm âm lịch ${lunarYear} không có ngày ${day} tháng ${month}${leapMonth ? ' nhuận' : ''}`
    );
  }
  const result = isoDate(g.year, g.month, g.day);
  cache.set(key, result);
  return result;
}

/** Mùng 1 Tết: the first day of the lunar year that begins in Gregorian `year`. */
export function tetDate(year: number): IsoDate {
  return lunarToGregorian(year, 1, 1);
}

/**
 * Giao thừa day: the last day of the lunar year that ends just before Tết of `year`
 * (29 or 30 tháng Chạp, depending on the year).
 */
export function lunarNewYearEve(year: number): IsoDate {
  return addDays(tetDate(year), -1);
}

export interface LunarDate {
  /** Gregorian year in which this lunar year's Tết falls. */
  lunarYear: number;
  month: number;
  day: number;
  leapMonth: boolean;
}

/** The Vietnamese lunar date of a civil date: gregorianToLunar('2026-02-16') is 29/12 of 2025. */
export function gregorianToLunar(d: IsoDate): LunarDate {
  const { year, month, day } = dateParts(d);
  if (year < MIN_YEAR || year > MAX_YEAR) {
    throw invalidLunar(
      `Year out of range ${MIN_YEAR}–${MAX_YEAR}: ${year}`,
      `Năm ngoài phạm vi ${MIN_YEAR}–${MAX_YEAR}: ${year}`
    );
  }
  calendar.fromGregorian(year, month, day);
  const lunar = { month: calendar.month, day: calendar.day, leapMonth: Boolean(calendar.leap) };
  // Months 11–12 before Tết belong to the lunar year that began in the previous Gregorian year.
  const lunarYear = d < tetDate(year) ? year - 1 : year;
  return { lunarYear, ...lunar };
}
