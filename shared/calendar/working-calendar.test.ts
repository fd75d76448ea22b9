import { describe, expect, test } from 'vitest';
import { ADDITIONAL_HOLIDAYS } from './additional-holidays-data.ts';
import { addDays } from './iso-date.ts';
import { OFFICIAL_DAYS } from './official-days-data.ts';
import { mergeOverrides } from './overrides.ts';
import { calendarErrorOf } from './test-helpers.ts';
import type { OfficialDayOverride } from './types.ts';
import { createWorkingCalendar } from './working-calendar.ts';

const cal = createWorkingCalendar();

function daysOff(from: string, to: string, calendar = cal): string[] {
  const off: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    if (!calendar.isWorkingDay(d)) {
      off.push(d);
    }
  }
  return off;
}

describe('weekends', () => {
  test('when a week has no holiday, Monday–Friday work and Saturday–Sunday rest', () => {
    expect(daysOff('2026-03-02', '2026-03-15')).toEqual(['2026-03-07', '2026-03-08', '2026-03-14', '2026-03-15']);
  });

  test('when counting from a Friday, the weekend is skipped', () => {
    expect(cal.nextWorkingDay('2026-03-06')).toBe('2026-03-09');
    expect(cal.addWorkingDays('2026-03-06', 1)).toBe('2026-03-09');
    expect(cal.addWorkingDays('2026-03-06', 5)).toBe('2026-03-13');
    expect(cal.workingDaysBetween('2026-03-06', '2026-03-09')).toBe(1);
  });

  test('when the start is itself a weekend day, counting still starts the day after', () => {
    expect(cal.addWorkingDays('2026-03-07', 1)).toBe('2026-03-09');
    expect(cal.addWorkingDays('2026-03-08', 0)).toBe('2026-03-08');
    expect(cal.workingDayOnOrAfter('2026-03-08')).toBe('2026-03-09');
    expect(cal.workingDayOnOrAfter('2026-03-09')).toBe('2026-03-09');
  });

  test('when counting backwards, n < 0 gives earlier working days', () => {
    expect(cal.addWorkingDays('2026-03-09', -1)).toBe('2026-03-06');
    expect(cal.workingDaysBetween('2026-03-09', '2026-03-06')).toBe(-1);
  });

  test('when an agency rests on Sunday only, Saturday is a working day', () => {
    const sixDay = createWorkingCalendar({ weeklyRestDays: [0] });
    expect(sixDay.isWorkingDay('2026-03-07')).toBe(true);
    expect(sixDay.addWorkingDays('2026-03-06', 1)).toBe('2026-03-07');
  });
});

describe('swapped working Saturdays (làm bù) and swapped days off (hoán đổi)', () => {
  test('when Saturday 10/01/2026 is a làm bù day, it is a working day and counts', () => {
    expect(cal.isWorkingDay('2026-01-10')).toBe(true);
    expect(cal.officialDay('2026-01-10')).toMatchObject({ kind: 'LAM_BU', isDayOff: false, source: 'OVERRIDE' });
    expect(cal.addWorkingDays('2026-01-09', 1)).toBe('2026-01-10');
    // 06–09 (Tue–Fri) = 4, Saturday 10 = 5, Monday 12 = 6.
    expect(cal.workingDaysBetween('2026-01-05', '2026-01-12')).toBe(6);
  });

  test('when Friday 02/01/2026 is swapped off, New Year is 01–04/01 and the first working day is 05/01', () => {
    expect(daysOff('2025-12-31', '2026-01-05')).toEqual(['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04']);
    expect(cal.addWorkingDays('2025-12-31', 1)).toBe('2026-01-05');
  });

  test('when 2025 swapped Friday 02/5 with Saturday 26/4, 30/4–04/5 is off and 26/4 works', () => {
    expect(cal.isWorkingDay('2025-04-26')).toBe(true);
    expect(daysOff('2025-04-28', '2025-05-05')).toEqual([
      '2025-04-30', '2025-05-01', '2025-05-02', '2025-05-03', '2025-05-04'
    ]);
  });

  test('when Quốc khánh 2026 swaps Monday 31/8 with Saturday 22/8, 29/8–02/9 is off', () => {
    expect(cal.isWorkingDay('2026-08-22')).toBe(true);
    expect(daysOff('2026-08-28', '2026-09-03')).toEqual([
      '2026-08-29', '2026-08-30', '2026-08-31', '2026-09-01', '2026-09-02'
    ]);
  });
});

describe('Tết Nguyên đán', () => {
  test('when the 2026 announcement is used, 14/02–22/02 is off (9 days) and 23/02 works', () => {
    expect(daysOff('2026-02-13', '2026-02-23')).toEqual([
      '2026-02-14', '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18',
      '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22'
    ]);
    // Received Friday 13/02: 10 working days end Friday 06/03.
    expect(cal.addWorkingDays('2026-02-13', 10)).toBe('2026-03-06');
  });

  test('when 2027 has no announcement, the computed block 28 Chạp–mùng 3 plus nghỉ bù for Sat 06/02 and Sun 07/02 closes 04/02–10/02', () => {
    expect(daysOff('2027-02-01', '2027-02-14')).toEqual([
      '2027-02-04', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10',
      '2027-02-13', '2027-02-14'
    ]);
    expect(cal.officialDay('2027-02-09')).toMatchObject({ kind: 'NGHI_BU', source: 'COMPUTED', legalRef: 'BLLĐ 2019 Điều 111 khoản 3' });
  });

  test('when a deadline of 7 working days starts Monday 01/02/2027, it crosses Tết and ends Wednesday 17/02/2027', () => {
    // 02/02 (1), 03/02 (2), [04–10/02 Tết], 11/02 (3), 12/02 (4), [weekend], 15/02 (5), 16/02 (6), 17/02 (7).
    expect(cal.addWorkingDays('2027-02-01', 7)).toBe('2027-02-17');
    expect(cal.workingDaysBetween('2027-02-01', '2027-02-17')).toBe(7);
    // Without the holidays it would have been Wednesday 10/02.
    expect(createWorkingCalendar({ overrides: [], computeDefaults: false }).addWorkingDays('2027-02-01', 7)).toBe('2027-02-10');
  });

  test('when an administrator enters the 2027 announcement, it replaces the computed block and its nghỉ bù', () => {
    // A made-up announcement for the test: 05–14/02 off, Friday 12/02 swapped with Saturday 30/01.
    const ref = 'Test: hypothetical announcement';
    const tet2027: OfficialDayOverride[] = [
      ...['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09'].map((date) => ({
        date, kind: 'NGHI_LE' as const, name: 'Tết Âm lịch', legalRef: ref, holiday: 'TET_AM_LICH'
      })),
      { date: '2027-02-10', kind: 'NGHI_BU', name: 'Nghỉ bù Tết', legalRef: ref, holiday: 'TET_AM_LICH' },
      { date: '2027-02-11', kind: 'NGHI_BU', name: 'Nghỉ bù Tết', legalRef: ref, holiday: 'TET_AM_LICH' },
      { date: '2027-02-12', kind: 'NGHI_HOAN_DOI', name: 'Nghỉ hoán đổi', legalRef: ref, holiday: 'TET_AM_LICH' },
      { date: '2027-01-30', kind: 'LAM_BU', name: 'Làm bù cho 12/02', legalRef: ref, holiday: 'TET_AM_LICH' }
    ];
    const announced = createWorkingCalendar({ overrides: mergeOverrides(OFFICIAL_DAYS, tet2027) });
    expect(announced.isWorkingDay('2027-02-04')).toBe(true);
    expect(daysOff('2027-02-04', '2027-02-15', announced)).toEqual([
      '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10',
      '2027-02-11', '2027-02-12', '2027-02-13', '2027-02-14'
    ]);
    // 02/02 (1), 03/02 (2), 04/02 (3), [05–14/02], 15/02 (4) … 18/02 (7).
    expect(announced.addWorkingDays('2027-02-01', 7)).toBe('2027-02-18');
    // The làm bù Saturday counts: from Friday 29/01, day 1 is Saturday 30/01.
    expect(announced.addWorkingDays('2027-01-29', 1)).toBe('2027-01-30');
    expect(announced.officialDay('2027-02-10')).toMatchObject({ source: 'OVERRIDE', nameEn: 'Compensatory day off (Lunar New Year)' });
  });

  test('when tetDaysBefore is 1, the default block is 29 Chạp–mùng 4', () => {
    const oneBefore = createWorkingCalendar({ tetDaysBefore: 1 });
    expect(daysOff('2027-02-03', '2027-02-12', oneBefore)).toEqual([
      '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11'
    ]);
    expect(() => createWorkingCalendar({ tetDaysBefore: 5 })).toThrow('tetDaysBefore must be 0–4');
  });
});

describe('other statutory holidays', () => {
  test('when Giỗ Tổ falls on Sunday 26/4/2026, Monday 27/4 is nghỉ bù, computed the same as announced', () => {
    const computedOnly = createWorkingCalendar({ overrides: [] });
    expect(computedOnly.officialDay('2026-04-26')).toMatchObject({ kind: 'NGHI_LE', holiday: 'GIO_TO_HUNG_VUONG' });
    expect(computedOnly.officialDay('2026-04-27')).toMatchObject({ kind: 'NGHI_BU', source: 'COMPUTED' });
    expect(cal.officialDay('2026-04-27')).toMatchObject({ kind: 'NGHI_BU', source: 'OVERRIDE' });
    expect(daysOff('2026-04-24', '2026-05-04', computedOnly)).toEqual(daysOff('2026-04-24', '2026-05-04'));
  });

  test('Giỗ Tổ is a day off on its lunar date', () => {
    expect(cal.isWorkingDay('2025-04-07')).toBe(false);
    expect(cal.isWorkingDay('2027-04-16')).toBe(false);
    expect(cal.isWorkingDay('2028-04-04')).toBe(false);
    expect(cal.officialDay('2028-04-04')).toMatchObject({ holiday: 'GIO_TO_HUNG_VUONG', source: 'COMPUTED' });
  });

  test('when 01/5/2027 is a Saturday, Monday 03/5 is nghỉ bù', () => {
    expect(daysOff('2027-04-29', '2027-05-04')).toEqual(['2027-04-30', '2027-05-01', '2027-05-02', '2027-05-03']);
  });

  test('Quốc khánh is two days: 2027 (Thursday 2/9) adds Friday 3/9; 2029 (Sunday) adds Monday 3/9 and nghỉ bù Tuesday 4/9', () => {
    expect(daysOff('2027-09-01', '2027-09-06')).toEqual(['2027-09-02', '2027-09-03', '2027-09-04', '2027-09-05']);
    expect(daysOff('2029-08-31', '2029-09-05')).toEqual(['2029-09-01', '2029-09-02', '2029-09-03', '2029-09-04']);
  });

  test('a computed year has the 11 holiday days of BLLĐ 2019 Điều 112', () => {
    const holidays = cal.holidaysOf(2027).filter((d) => d.kind === 'NGHI_LE');
    expect(holidays).toHaveLength(11);
    expect(new Set(holidays.map((d) => d.holiday))).toEqual(
      new Set(['TET_DUONG_LICH', 'TET_AM_LICH', 'GIO_TO_HUNG_VUONG', 'GIAI_PHONG_MIEN_NAM', 'QUOC_TE_LAO_DONG', 'QUOC_KHANH'])
    );
  });
});

describe('holidaysOf', () => {
  test('lists the days off of a year in date order with Vietnamese and English names', () => {
    const days = cal.holidaysOf(2027);
    expect(days.map((d) => d.date)).toEqual([...days.map((d) => d.date)].sort());
    expect(days.find((d) => d.date === '2027-02-06')).toMatchObject({
      name: 'Tết Âm lịch (mùng 1)',
      nameEn: 'Lunar New Year (1st day of the 1st lunar month)',
      legalRef: 'BLLĐ 2019 Điều 112 khoản 1 điểm b',
      isDayOff: true
    });
    expect(days.find((d) => d.date === '2027-04-16')).toMatchObject({
      name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)',
      nameEn: 'Hùng Kings Commemoration (10th day of the 3rd lunar month)'
    });
    expect(days.find((d) => d.date === '2027-09-03')).toMatchObject({
      name: 'Quốc khánh (ngày liền kề 3/9)',
      nameEn: 'National Day (adjacent day, 3 September)'
    });
    for (const d of days) {
      expect(d.name.length, d.date).toBeGreaterThan(0);
      expect(d.nameEn.length, d.date).toBeGreaterThan(0);
    }
  });

  test('leaves out làm bù Saturdays, which officialDaysOf includes', () => {
    expect(cal.holidaysOf(2026).some((d) => d.kind === 'LAM_BU')).toBe(false);
    expect(cal.officialDaysOf(2026).filter((d) => d.kind === 'LAM_BU').map((d) => d.date)).toEqual(['2026-01-10', '2026-08-22']);
    expect(cal.holidaysOf(2026).map((d) => d.date)).toEqual([
      '2026-01-01', '2026-01-02', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20',
      '2026-04-26', '2026-04-27', '2026-04-30', '2026-05-01', '2026-08-31', '2026-09-01', '2026-09-02'
    ]);
  });

  test('returns copies: editing the result does not change the calendar', () => {
    const [first] = cal.holidaysOf(2027);
    if (first === undefined) {
      throw new Error('no holidays');
    }
    first.kind = 'NGAY_LAM_VIEC';
    expect(cal.isWorkingDay(first.date)).toBe(false);
  });
});

describe('additional holidays (24/11 Ngày Văn hóa Việt Nam, not enacted)', () => {
  test('by default 24/11 is an ordinary working day', () => {
    expect(ADDITIONAL_HOLIDAYS.find((h) => h.holiday === 'VAN_HOA_VIET_NAM')).toMatchObject({ enabled: false, verification: 'U' });
    expect(cal.isWorkingDay('2026-11-24')).toBe(true);
  });

  test('when enabled from a date, it is a holiday from then on, with nghỉ bù when it falls on a weekend', () => {
    const enacted = createWorkingCalendar({
      additionalHolidays: ADDITIONAL_HOLIDAYS.map((h) => ({ ...h, enabled: true, effectiveFrom: '2027-01-01' }))
    });
    expect(enacted.isWorkingDay('2026-11-24')).toBe(true);
    expect(enacted.officialDay('2027-11-24')).toMatchObject({ name: 'Ngày Văn hóa Việt Nam (24/11)', nameEn: 'Vietnam Culture Day (24 November)' });
    expect(enacted.isWorkingDay('2027-11-24')).toBe(false);
    // 24/11/2029 is a Saturday.
    expect(enacted.officialDay('2029-11-26')).toMatchObject({ kind: 'NGHI_BU', holiday: 'VAN_HOA_VIET_NAM' });
  });
});

describe('counting rules', () => {
  test('workingDaysBetween(a, addWorkingDays(a, n)) === n for every start in 2026–2027 and n up to 30', () => {
    for (let a = '2026-01-01'; a <= '2027-12-31'; a = addDays(a, 3)) {
      for (const n of [0, 1, 7, 10, 30]) {
        expect(cal.workingDaysBetween(a, cal.addWorkingDays(a, n)), `${a} + ${n}`).toBe(n);
        expect(cal.isWorkingDay(cal.addWorkingDays(a, n)) || n === 0).toBe(true);
      }
    }
  });

  test('addCalendarDays rolls a deadline on a day off to the next working day, unless told not to', () => {
    // 09/02/2026 + 7 = 16/02 (Tết) → 23/02.
    expect(cal.addCalendarDays('2026-02-09', 7)).toBe('2026-02-23');
    expect(cal.addCalendarDays('2026-02-09', 7, { rollToWorkingDay: false })).toBe('2026-02-16');
    expect(cal.addCalendarDays('2026-03-02', 3)).toBe('2026-03-05');
  });
});

describe('invalid input', () => {
  test('when a date does not exist (2026-02-30), every function throws calendar.invalid_date', () => {
    for (const call of [
      () => cal.isWorkingDay('2026-02-30'),
      () => cal.addWorkingDays('2026-02-30', 1),
      () => cal.workingDaysBetween('2026-02-01', '2026-02-30'),
      () => cal.nextWorkingDay('2026-02-30'),
      () => cal.addCalendarDays('2026-02-30', 1),
      () => cal.officialDay('2026-02-30')
    ]) {
      const err = calendarErrorOf(call);
      expect(err.code).toBe('calendar.invalid_date');
      expect(err.message).toBe('Invalid date "2026-02-30": 2026-02 has days 1–28');
    }
  });

  test('when the format is wrong or a count is not an integer, throws a clear error', () => {
    expect(() => cal.isWorkingDay('17/02/2026')).toThrow('Invalid date "17/02/2026": expected YYYY-MM-DD');
    expect(() => cal.addWorkingDays('2026-02-17', 1.5)).toThrow('Day count must be an integer: 1.5');
    expect(() => cal.holidaysOf(1800)).toThrow('Year out of range 1900–2199: 1800');
    expect(() => createWorkingCalendar({ weeklyRestDays: [0, 1, 2, 3, 4, 5, 6] })).toThrow('Invalid weekly rest days');
  });

  test('when an override is malformed, createWorkingCalendar refuses it', () => {
    const bad = { date: '2026-02-30', kind: 'NGHI_LE', name: 'x', legalRef: 'y' } as OfficialDayOverride;
    expect(calendarErrorOf(() => createWorkingCalendar({ overrides: [bad] })).code).toBe('calendar.invalid_override');
  });

  test('when every day is off for months, the calendar reports broken data instead of looping', () => {
    const closed: OfficialDayOverride[] = [];
    for (let d = '2026-06-01'; d <= '2026-09-30'; d = addDays(d, 1)) {
      closed.push({ date: d, kind: 'NGHI_HOAN_DOI', name: 'Đóng cửa', legalRef: 'test' });
    }
    const broken = createWorkingCalendar({ overrides: closed });
    expect(calendarErrorOf(() => broken.addWorkingDays('2026-06-01', 1)).code).toBe('calendar.data_broken');
  });
});
