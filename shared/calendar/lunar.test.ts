import { CalendarChinese } from 'date-chinese';
import { describe, expect, test } from 'vitest';
import { CalendarError } from './errors.ts';
import { addDays, isoDate } from './iso-date.ts';
import { gregorianToLunar, lunarNewYearEve, lunarToGregorian, tetDate } from './lunar.ts';
import { calendarErrorOf } from './test-helpers.ts';

/** Tết computed for UTC+8 (China), to show the Vietnamese calendar really differs. */
function chineseNewYear(year: number): string {
  const c = new CalendarChinese();
  c.set(0, 0, 1, 0, 1);
  const g = c.toGregorian(year);
  return isoDate(g.year, g.month, g.day);
}

describe('tetDate (mùng 1 tháng Giêng, Vietnam UTC+7)', () => {
  test.each([
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
    [2028, '2028-01-26'],
    [2020, '2020-01-25'],
    [2024, '2024-02-10'],
    [2025, '2025-01-29']
  ])('Tết %i is %s', (year, expected) => {
    expect(tetDate(year)).toBe(expected);
  });

  test('when the new moon is near midnight, Vietnam and China differ: 2030 is 02/02 in Vietnam, 03/02 in China', () => {
    expect(tetDate(2030)).toBe('2030-02-02');
    expect(chineseNewYear(2030)).toBe('2030-02-03');
  });

  test('when the new moon is near midnight, Vietnam and China differ: 2007 is 17/02 in Vietnam, 18/02 in China', () => {
    expect(tetDate(2007)).toBe('2007-02-17');
    expect(chineseNewYear(2007)).toBe('2007-02-18');
  });

  test('in years where both calendars agree, the UTC+7 result equals the UTC+8 one', () => {
    for (const year of [2026, 2027, 2028]) {
      expect(tetDate(year)).toBe(chineseNewYear(year));
    }
  });

  test('lunarNewYearEve is the day before Tết (29 or 30 tháng Chạp)', () => {
    expect(lunarNewYearEve(2026)).toBe('2026-02-16');
    expect(gregorianToLunar(lunarNewYearEve(2026))).toEqual({ lunarYear: 2025, month: 12, day: 29, leapMonth: false });
    expect(lunarNewYearEve(2027)).toBe('2027-02-05');
  });
});

describe('Giỗ Tổ Hùng Vương (10/3 âm lịch)', () => {
  test.each([
    [2022, '2022-04-10'],
    [2023, '2023-04-29'], // a year with a leap 2nd month: the 3rd month comes after tháng 2 nhuận
    [2024, '2024-04-18'],
    [2025, '2025-04-07'],
    [2026, '2026-04-26'],
    [2027, '2027-04-16'],
    [2028, '2028-04-04']
  ])('Giỗ Tổ %i is %s', (year, expected) => {
    expect(lunarToGregorian(year, 3, 10)).toBe(expected);
  });
});

describe('lunarToGregorian', () => {
  test('when the year has a leap month, the leap (nhuận) month is reachable and distinct', () => {
    expect(lunarToGregorian(2023, 2, 1)).toBe('2023-02-20');
    expect(lunarToGregorian(2023, 2, 1, true)).toBe('2023-03-22');
    expect(lunarToGregorian(2025, 6, 1, true)).toBe('2025-07-25');
  });

  test('when the day does not exist that year, throws instead of rolling over', () => {
    expect(() => lunarToGregorian(2026, 2, 1, true)).toThrow(CalendarError);
    expect(() => lunarToGregorian(2026, 2, 1, true)).toThrow('Lunar year 2026 has no leap month 2 day 1');
    expect(() => lunarToGregorian(2026, 12, 30)).toThrow('has no month 12 day 30');
    expect(lunarToGregorian(2026, 12, 29)).toBe('2027-02-05');
  });

  test('when the input is out of range, throws a CalendarError with code calendar.invalid_lunar_date', () => {
    expect(() => lunarToGregorian(2026, 13, 1)).toThrow('Not a lunar day/month: 1/13');
    expect(() => lunarToGregorian(2026, 1, 31)).toThrow(CalendarError);
    expect(() => lunarToGregorian(1800, 1, 1)).toThrow('Lunar year out of range');
    expect(calendarErrorOf(() => lunarToGregorian(2026, 0, 1)).code).toBe('calendar.invalid_lunar_date');
  });
});

describe('gregorianToLunar', () => {
  test('every day of 2026–2030 converts back to itself', () => {
    for (let d = '2026-01-01'; d <= '2030-12-31'; d = addDays(d, 1)) {
      const l = gregorianToLunar(d);
      expect(lunarToGregorian(l.lunarYear, l.month, l.day, l.leapMonth)).toBe(d);
    }
  });

  test('days before Tết belong to the previous lunar year', () => {
    expect(gregorianToLunar('2027-02-04')).toEqual({ lunarYear: 2026, month: 12, day: 28, leapMonth: false });
    expect(gregorianToLunar('2027-02-06')).toEqual({ lunarYear: 2027, month: 1, day: 1, leapMonth: false });
  });
});
