/**
 * Working-day calendar for deadlines.
 *
 * Counting convention (used for every limit here):
 * - the day of the triggering event (receipt of a petition, acceptance decision, …) is not counted;
 *   counting starts the next day. Basis: BLDS 2015 Điều 147 khoản 1 ("ngày đầu tiên của thời hạn
 *   không được tính mà tính từ ngày tiếp theo liền kề ngày xảy ra sự kiện"), which the petition laws'
 *   "trong thời hạn … ngày (làm việc), kể từ ngày nhận được …" are read with (DOMAIN.md §3; its
 *   applicability to administrative limits is practice, not settled [U]);
 * - addWorkingDays(start, n) is the n-th working day after start; with n = 0 it is start itself;
 * - workingDaysBetween(a, b) counts working days d with a < d ≤ b, so
 *   workingDaysBetween(a, addWorkingDays(a, n)) === n;
 * - addCalendarDays(start, n) is start + n days; if that day is not a working day the deadline ends
 *   on the next working day (BLDS 2015 Điều 148 khoản 5), unless told not to.
 * A deadline day is inclusive: the act may be done until the end of that day (Điều 148 khoản 6).
 *
 * Weekly rest days default to Saturday and Sunday: the 40-hour week of state bodies
 * (QĐ 188/1999/QĐ-TTg). Pass other rest days for agencies on a different week.
 */
import { ADDITIONAL_HOLIDAYS } from './additional-holidays-data.ts';
import { CalendarError } from './errors.ts';
import { addDays, compareIsoDate, dateParts, dayOfWeek, parseIsoDate, type IsoDate } from './iso-date.ts';
import { OFFICIAL_DAYS } from './official-days-data.ts';
import { validateOverrides } from './overrides.ts';
import { resolveYear } from './resolve-year.ts';
import { DAY_OFF_KINDS, type AdditionalHolidayRule, type CalendarDay, type OfficialDayOverride } from './types.ts';

export interface WorkingCalendarOptions {
  /**
   * Announced days (Tết block, nghỉ bù, hoán đổi, làm bù). Default: the bundled OFFICIAL_DAYS.
   * To add an administrator's edits: mergeOverrides(OFFICIAL_DAYS, changes).
   */
  overrides?: readonly OfficialDayOverride[];
  /** Holidays beyond BLLĐ Điều 112 (default ADDITIONAL_HOLIDAYS; only enabled rules apply). */
  additionalHolidays?: readonly AdditionalHolidayRule[];
  /** Days of the week off (0 = Sunday … 6 = Saturday). Default [0, 6]. */
  weeklyRestDays?: readonly number[];
  /** Default Tết days before mùng 1 for years without an announcement (0–4, default 2). */
  tetDaysBefore?: number;
  /** Compute the statutory holidays of BLLĐ 2019 Điều 112 (default true); overrides always apply. */
  computeDefaults?: boolean;
}

export interface AddCalendarDaysOptions {
  /** Roll a deadline that lands on a day off to the next working day (default true). */
  rollToWorkingDay?: boolean;
}

export interface WorkingCalendar {
  isWorkingDay(d: IsoDate): boolean;
  /** The days off of a year beyond weekends (holidays, nghỉ bù, hoán đổi), by date, names vi + en. */
  holidaysOf(year: number): CalendarDay[];
  /** Every official day of a year: holidaysOf plus make-up working days (làm bù), by date. */
  officialDaysOf(year: number): CalendarDay[];
  /** The official day on `d`, if any. */
  officialDay(d: IsoDate): CalendarDay | undefined;
  /** The n-th working day after start (n < 0: before start; n = 0: start). */
  addWorkingDays(start: IsoDate, n: number): IsoDate;
  /** Working days d with a < d ≤ b; negative when b is before a. */
  workingDaysBetween(a: IsoDate, b: IsoDate): number;
  /** The first working day strictly after d. */
  nextWorkingDay(d: IsoDate): IsoDate;
  /** d itself if it is a working day, else the next one. */
  workingDayOnOrAfter(d: IsoDate): IsoDate;
  /** start + n calendar days, rolled to the next working day unless told not to. */
  addCalendarDays(start: IsoDate, n: number, opts?: AddCalendarDaysOptions): IsoDate;
}

// Longest run of days off we accept before calling the data broken (Tết with swaps is ~10 days).
const MAX_DAYS_OFF_IN_A_ROW = 60;

function invalidArgument(message: string, messageVi: string): CalendarError {
  return new CalendarError('calendar.invalid_argument', message, messageVi);
}

function checkCount(n: number): void {
  if (!Number.isInteger(n)) {
    throw invalidArgument(`Day count must be an integer: ${n}`, `Số ngày phải là số nguyên: ${n}`);
  }
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 1900 || year > 2199) {
    throw invalidArgument(`Year out of range 1900–2199: ${year}`, `Năm ngoài phạm vi 1900–2199: ${year}`);
  }
}

export function createWorkingCalendar(opts: WorkingCalendarOptions = {}): WorkingCalendar {
  const restDays = new Set(opts.weeklyRestDays ?? [0, 6]);
  if (restDays.size >= 7 || [...restDays].some((d) => !Number.isInteger(d) || d < 0 || d > 6)) {
    throw invalidArgument(
      `Invalid weekly rest days: ${[...restDays].join(',')}`,
      `Ngày nghỉ hằng tuần không hợp lệ: ${[...restDays].join(',')}`
    );
  }
  const tetDaysBefore = opts.tetDaysBefore;
  if (tetDaysBefore !== undefined && (!Number.isInteger(tetDaysBefore) || tetDaysBefore < 0 || tetDaysBefore > 4)) {
    throw invalidArgument(
      `tetDaysBefore must be 0–4, got ${tetDaysBefore}`,
      `Số ngày nghỉ Tết trước mùng 1 phải từ 0 đến 4, nhận được ${tetDaysBefore}`
    );
  }
  const data = validateOverrides(opts.overrides ?? OFFICIAL_DAYS);
  const isRestDay = (d: IsoDate): boolean => restDays.has(dayOfWeek(d));
  const resolveOptions = {
    isRestDay,
    computeDefaults: opts.computeDefaults ?? true,
    additionalHolidays: opts.additionalHolidays ?? ADDITIONAL_HOLIDAYS,
    ...(tetDaysBefore === undefined ? {} : { tetDaysBefore })
  };
  const years = new Map<number, Map<IsoDate, CalendarDay>>();

  function yearDays(year: number): Map<IsoDate, CalendarDay> {
    checkYear(year);
    let days = years.get(year);
    if (days === undefined) {
      days = resolveYear(year, data, resolveOptions);
      years.set(year, days);
    }
    return days;
  }

  function sortedDays(year: number, filter: (d: CalendarDay) => boolean): CalendarDay[] {
    return [...yearDays(year).values()]
      .filter(filter)
      .map((d) => ({ ...d }))
      .sort((x, y) => compareIsoDate(x.date, y.date));
  }

  function officialDay(d: IsoDate): CalendarDay | undefined {
    return yearDays(dateParts(d).year).get(d);
  }

  function isWorkingDay(d: IsoDate): boolean {
    const official = officialDay(d);
    if (official !== undefined) {
      return !DAY_OFF_KINDS.has(official.kind);
    }
    return !isRestDay(d);
  }

  function step(d: IsoDate, direction: 1 | -1): IsoDate {
    let next = addDays(d, direction);
    for (let i = 0; !isWorkingDay(next); i++, next = addDays(next, direction)) {
      if (i > MAX_DAYS_OFF_IN_A_ROW) {
        throw new CalendarError(
          'calendar.data_broken',
          `No working day within ${MAX_DAYS_OFF_IN_A_ROW} days of ${d}: check the calendar data`,
          `Không có ngày làm việc nào trong ${MAX_DAYS_OFF_IN_A_ROW} ngày quanh ${d}: kiểm tra dữ liệu lịch`
        );
      }
    }
    return next;
  }

  function addWorkingDays(start: IsoDate, n: number): IsoDate {
    checkCount(n);
    let d = parseIsoDate(start);
    for (let i = 0; i < Math.abs(n); i++) {
      d = step(d, n > 0 ? 1 : -1);
    }
    return d;
  }

  function workingDaysBetween(a: IsoDate, b: IsoDate): number {
    const order = compareIsoDate(parseIsoDate(a), parseIsoDate(b));
    if (order > 0) {
      return -workingDaysBetween(b, a);
    }
    let count = 0;
    for (let d = addDays(a, 1); d <= b; d = addDays(d, 1)) {
      if (isWorkingDay(d)) {
        count++;
      }
    }
    return count;
  }

  function workingDayOnOrAfter(d: IsoDate): IsoDate {
    return isWorkingDay(parseIsoDate(d)) ? d : step(d, 1);
  }

  return {
    isWorkingDay: (d) => isWorkingDay(parseIsoDate(d)),
    holidaysOf: (year) => sortedDays(year, (d) => d.isDayOff),
    officialDaysOf: (year) => sortedDays(year, () => true),
    officialDay: (d) => {
      const day = officialDay(parseIsoDate(d));
      return day === undefined ? undefined : { ...day };
    },
    addWorkingDays,
    workingDaysBetween,
    nextWorkingDay: (d) => step(parseIsoDate(d), 1),
    workingDayOnOrAfter,
    addCalendarDays(start, n, addOpts = {}) {
      checkCount(n);
      const due = addDays(parseIsoDate(start), n);
      return (addOpts.rollToWorkingDay ?? true) ? workingDayOnOrAfter(due) : due;
    }
  };
}
