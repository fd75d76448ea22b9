/**
 * Civil dates in Vietnam (Asia/Ho_Chi_Minh) as 'YYYY-MM-DD' strings.
 *
 * Deadlines are days, not instants: a petition received "on 16/02" is received on that civil day
 * wherever the server or the browser runs. All arithmetic goes through Date.UTC and getUTC*, so the
 * process's TZ never matters. Vietnam is UTC+7 all year (no daylight saving since 1975).
 */
import { CalendarError } from './errors.ts';

/** A civil date 'YYYY-MM-DD' (4-digit year). Strings compare in date order. */
export type IsoDate = string;

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

export const VN_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const VN_RE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function invalidDate(text: string, why: string, whyVi: string): CalendarError {
  return new CalendarError(
    'calendar.invalid_date',
    `Invalid date ${JSON.stringify(text)}: ${why}`,
    `Ngày không hợp lệ ${JSON.stringify(text)}: ${whyVi}`
  );
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function checked(year: number, month: number, day: number, text: string): IsoDate {
  // Date.UTC treats years 0–99 as 1900+; the range excludes them.
  if (!Number.isInteger(year) || year < 1000 || year > 9999) {
    throw invalidDate(text, 'year must be 1000–9999', 'năm phải từ 1000 đến 9999');
  }
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw invalidDate(text, 'month must be 1–12', 'tháng phải từ 1 đến 12');
  }
  const last = daysInMonth(year, month);
  if (!Number.isInteger(day) || day < 1 || day > last) {
    throw invalidDate(
      text,
      `${pad(year, 4)}-${pad(month, 2)} has days 1–${last}`,
      `tháng ${month}/${year} chỉ có ngày 1–${last}`
    );
  }
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Builds an IsoDate; throws CalendarError for a date that does not exist (31/02, 29/02/2025). */
export function isoDate(year: number, month: number, day: number): IsoDate {
  return checked(year, month, day, `${year}-${month}-${day}`);
}

/** Strict 'YYYY-MM-DD' parser; returns the date unchanged or throws CalendarError. */
export function parseIsoDate(text: string): IsoDate {
  if (typeof text !== 'string') {
    throw invalidDate(String(text), 'expected a YYYY-MM-DD string', 'cần chuỗi dạng YYYY-MM-DD');
  }
  const m = ISO_RE.exec(text);
  if (!m) {
    throw invalidDate(text, 'expected YYYY-MM-DD', 'cần dạng YYYY-MM-DD');
  }
  return checked(Number(m[1]), Number(m[2]), Number(m[3]), text);
}

export function isIsoDate(text: unknown): text is IsoDate {
  if (typeof text !== 'string') {
    return false;
  }
  try {
    parseIsoDate(text);
    return true;
  } catch {
    return false;
  }
}

/** Parses the Vietnamese form 'dd/mm/yyyy' (what officials type and read). */
export function parseVnDate(text: string): IsoDate {
  const m = VN_RE.exec(text.trim());
  if (!m) {
    throw invalidDate(text, 'expected dd/mm/yyyy', 'cần dạng dd/mm/yyyy');
  }
  return checked(Number(m[3]), Number(m[2]), Number(m[1]), text);
}

/** Year, month and day of a valid IsoDate (throws CalendarError otherwise). */
export function dateParts(d: IsoDate): DateParts {
  const [year, month, day] = parseIsoDate(d).split('-').map(Number) as [number, number, number];
  return { year, month, day };
}

/** Days since 1970-01-01 (the UTC day number); the basis of all date arithmetic here. */
function toDayNumber(d: IsoDate): number {
  const { year, month, day } = dateParts(d);
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

function fromDayNumber(n: number): IsoDate {
  const t = new Date(n * DAY_MS);
  return isoDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** The civil date in Vietnam (UTC+7) at this instant: 2026-02-16T23:30Z is 17/02/2026 in Hà Nội. */
export function toVnDate(instant: Date): IsoDate {
  const t = instant.getTime();
  if (Number.isNaN(t)) {
    throw new CalendarError('calendar.invalid_date', 'Invalid Date instance', 'Thời điểm không hợp lệ');
  }
  const shifted = new Date(t + VN_OFFSET_MS);
  return isoDate(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
}

/** The instant 00:00 of that day in Vietnam, e.g. to store a deadline as a timestamp. */
export function startOfVnDay(d: IsoDate): Date {
  return new Date(toDayNumber(d) * DAY_MS - VN_OFFSET_MS);
}

function invalidCount(what: 'Day' | 'Year', n: number): CalendarError {
  return new CalendarError(
    'calendar.invalid_argument',
    `${what} count must be an integer: ${n}`,
    `Số ${what === 'Day' ? 'ngày' : 'năm'} phải là số nguyên: ${n}`
  );
}

export function addDays(d: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) {
    throw invalidCount('Day', n);
  }
  return fromDayNumber(toDayNumber(d) + n);
}

/** Number of days from a to b (b − a); negative when b is before a. */
export function diffDays(a: IsoDate, b: IsoDate): number {
  return toDayNumber(b) - toDayNumber(a);
}

/**
 * Same day and month `years` later. BLDS 2015 Điều 148 khoản 4: a period in years ends on the
 * corresponding day and month; for 29/02 we follow khoản 3 (no corresponding day → last day of
 * that month), so 29/02/2028 + 1 year = 28/02/2029.
 */
export function addYears(d: IsoDate, years: number): IsoDate {
  if (!Number.isInteger(years)) {
    throw invalidCount('Year', years);
  }
  const { year, month, day } = dateParts(d);
  const y = year + years;
  return isoDate(y, month, Math.min(day, daysInMonth(y, month)));
}

/** 0 = Chủ nhật (Sunday) … 6 = thứ Bảy (Saturday), as Date#getDay. */
export function dayOfWeek(d: IsoDate): number {
  // 1970-01-01 was a Thursday (4).
  return (((toDayNumber(d) + 4) % 7) + 7) % 7;
}

export function compareIsoDate(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** 'dd/mm/yyyy', the form used on Vietnamese official documents. */
export function formatVn(d: IsoDate): string {
  const { year, month, day } = dateParts(d);
  return `${pad(day, 2)}/${pad(month, 2)}/${pad(year, 4)}`;
}
