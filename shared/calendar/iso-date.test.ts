import { afterEach, describe, expect, test } from 'vitest';
import { CalendarError } from './errors.ts';
import {
  addDays,
  addYears,
  dayOfWeek,
  diffDays,
  formatVn,
  isIsoDate,
  isoDate,
  parseIsoDate,
  parseVnDate,
  startOfVnDay,
  toVnDate
} from './iso-date.ts';
import { calendarErrorOf } from './test-helpers.ts';

describe('parseIsoDate', () => {
  test('when the date exists, returns it unchanged', () => {
    expect(parseIsoDate('2026-02-17')).toBe('2026-02-17');
    expect(parseIsoDate('2028-02-29')).toBe('2028-02-29');
  });

  test('when the day does not exist in that month (2026-02-30), throws a CalendarError naming the date and the valid days', () => {
    expect(() => parseIsoDate('2026-02-30')).toThrow(CalendarError);
    expect(() => parseIsoDate('2026-02-30')).toThrow('Invalid date "2026-02-30": 2026-02 has days 1–28');
    const err = calendarErrorOf(() => parseIsoDate('2026-02-30'));
    expect(err).toBeInstanceOf(RangeError);
    expect(err.code).toBe('calendar.invalid_date');
    expect(err.messageVi).toBe('Ngày không hợp lệ "2026-02-30": tháng 2/2026 chỉ có ngày 1–28');
  });

  test('when 29 February is not in a leap year, or the month is 13, throws', () => {
    expect(() => parseIsoDate('2025-02-29')).toThrow('2025-02 has days 1–28');
    expect(() => parseIsoDate('2026-13-01')).toThrow('month must be 1–12');
    expect(() => parseIsoDate('2026-04-31')).toThrow('2026-04 has days 1–30');
  });

  test('when the text is not exactly YYYY-MM-DD (other format, time part, padding), throws', () => {
    for (const bad of ['17/02/2026', '2026-2-17', '2026-02-17T00:00:00Z', ' 2026-02-17', '', '20260217']) {
      expect(() => parseIsoDate(bad), bad).toThrow(/expected YYYY-MM-DD/);
    }
    expect(() => parseIsoDate(undefined as unknown as string)).toThrow(CalendarError);
  });

  test('isIsoDate answers without throwing', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate(20260228)).toBe(false);
  });
});

describe('isoDate and parseVnDate', () => {
  test('when given parts or dd/mm/yyyy, builds the padded IsoDate', () => {
    expect(isoDate(2027, 2, 6)).toBe('2027-02-06');
    expect(parseVnDate('6/2/2027')).toBe('2027-02-06');
    expect(parseVnDate('30/04/2026')).toBe('2026-04-30');
    expect(formatVn('2027-02-06')).toBe('06/02/2027');
  });

  test('when the parts do not make a date, throws', () => {
    expect(() => isoDate(2026, 2, 30)).toThrow(CalendarError);
    expect(() => isoDate(99, 1, 1)).toThrow('year must be 1000–9999');
    expect(() => parseVnDate('30/02/2026')).toThrow('Invalid date "30/02/2026"');
    expect(() => parseVnDate('2026-02-01')).toThrow('expected dd/mm/yyyy');
  });
});

describe('date arithmetic', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    process.env.TZ = originalTz;
  });

  test('addDays and diffDays cross months, years and leap days', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(diffDays('2026-02-17', '2027-02-06')).toBe(354);
    expect(diffDays('2027-02-06', '2026-02-17')).toBe(-354);
    expect(() => addDays('2026-01-01', 0.5)).toThrow('Day count must be an integer');
  });

  test('addYears keeps day and month, and maps 29/02 to 28/02 in a common year (BLDS 2015 Điều 148)', () => {
    expect(addYears('2026-03-02', 1)).toBe('2027-03-02');
    expect(addYears('2028-02-29', 1)).toBe('2029-02-28');
  });

  test('dayOfWeek gives 0 = Sunday … 6 = Saturday', () => {
    expect(dayOfWeek('2026-02-17')).toBe(2); // Tuesday, mùng 1 Tết Bính Ngọ
    expect(dayOfWeek('2027-02-06')).toBe(6); // Saturday, mùng 1 Tết Đinh Mùi
    expect(dayOfWeek('2026-04-26')).toBe(0); // Sunday, Giỗ Tổ
  });

  test('when the process runs in another time zone, dates and weekdays do not shift', () => {
    for (const tz of ['America/Los_Angeles', 'Pacific/Kiritimati', 'UTC']) {
      process.env.TZ = tz;
      expect(dayOfWeek('2027-02-06')).toBe(6);
      expect(addDays('2026-03-08', 1)).toBe('2026-03-09');
      expect(toVnDate(new Date('2026-02-16T17:30:00Z'))).toBe('2026-02-17');
      expect(toVnDate(new Date('2026-02-16T16:59:59Z'))).toBe('2026-02-16');
    }
  });

  test('startOfVnDay is 00:00 in Vietnam, i.e. 17:00 UTC the day before', () => {
    expect(startOfVnDay('2026-02-17').toISOString()).toBe('2026-02-16T17:00:00.000Z');
    expect(toVnDate(startOfVnDay('2026-02-17'))).toBe('2026-02-17');
    expect(() => toVnDate(new Date('nope'))).toThrow(CalendarError);
  });
});
