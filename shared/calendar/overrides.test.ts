import { describe, expect, test } from 'vitest';
import { dateParts, dayOfWeek } from './iso-date.ts';
import { gregorianToLunar } from './lunar.ts';
import { OFFICIAL_DAYS } from './official-days-data.ts';
import { mergeOverrides, validateOverride, validateOverrides } from './overrides.ts';
import { calendarErrorOf } from './test-helpers.ts';
import type { OfficialDayOverride } from './types.ts';
import { createWorkingCalendar } from './working-calendar.ts';

const swap: OfficialDayOverride = {
  date: '2027-04-17',
  kind: 'LAM_BU',
  name: 'Làm bù cho ngày 19/4',
  legalRef: 'CV giả định (test)',
  holiday: 'GIO_TO_HUNG_VUONG'
};

describe('mergeOverrides', () => {
  test('when a change has a new date, adds it; the result stays sorted', () => {
    const merged = mergeOverrides(OFFICIAL_DAYS, [swap]);
    expect(merged).toHaveLength(OFFICIAL_DAYS.length + 1);
    expect(merged.map((o) => o.date)).toEqual([...merged.map((o) => o.date)].sort());
    expect(createWorkingCalendar({ overrides: merged }).isWorkingDay('2027-04-17')).toBe(true);
  });

  test('when a change has an existing date, replaces that entry', () => {
    const merged = mergeOverrides(OFFICIAL_DAYS, [
      { date: '2026-01-10', kind: 'NGAY_LAM_VIEC', name: 'Thứ Bảy làm việc', legalRef: 'test' }
    ]);
    expect(merged.filter((o) => o.date === '2026-01-10')).toEqual([
      { date: '2026-01-10', kind: 'NGAY_LAM_VIEC', name: 'Thứ Bảy làm việc', legalRef: 'test' }
    ]);
  });

  test('when a change is { date, remove: true }, drops that entry and the day falls back to the computed rules', () => {
    const merged = mergeOverrides(OFFICIAL_DAYS, [{ date: '2026-01-10', remove: true }, { date: '2026-01-02', remove: true }]);
    expect(merged.some((o) => o.date === '2026-01-10')).toBe(false);
    const calendar = createWorkingCalendar({ overrides: merged });
    expect(calendar.isWorkingDay('2026-01-10')).toBe(false); // an ordinary Saturday again
    expect(calendar.isWorkingDay('2026-01-02')).toBe(true); // an ordinary Friday again
  });

  test('does not modify the base list', () => {
    const before = JSON.stringify(OFFICIAL_DAYS);
    mergeOverrides(OFFICIAL_DAYS, [swap, { date: '2026-02-16', remove: true }]);
    expect(JSON.stringify(OFFICIAL_DAYS)).toBe(before);
  });

  test('when a change is malformed, throws calendar.invalid_override naming the entry and field', () => {
    const err = calendarErrorOf(() => mergeOverrides(OFFICIAL_DAYS, [{ ...swap, kind: 'HOLIDAY' as never }]));
    expect(err.code).toBe('calendar.invalid_override');
    expect(err.message).toContain('#0: kind must be one of');
    expect(() => mergeOverrides([], [{ date: '2026-02-30', remove: true }])).toThrow('date must be a real YYYY-MM-DD date');
  });
});

describe('validateOverride(s)', () => {
  test('when data comes from JSON, checks each field and keeps only known ones', () => {
    expect(validateOverride(JSON.parse(JSON.stringify({ ...swap, extra: 1 })))).toEqual(swap);
    expect(() => validateOverride(null)).toThrow('entry must be an object');
    expect(() => validateOverride({ ...swap, date: '2027-02-29' })).toThrow('date must be a real YYYY-MM-DD date');
    expect(() => validateOverride({ ...swap, name: ' ' })).toThrow('name must be a non-empty Vietnamese name');
    expect(() => validateOverride({ ...swap, legalRef: '' })).toThrow('legalRef must name the document');
    expect(() => validateOverride({ ...swap, holiday: 3 })).toThrow('holiday must be a non-empty code');
  });

  test('when a list has two entries on the same date, refuses it', () => {
    expect(() => validateOverrides([swap, { ...swap, kind: 'NGHI_LE' }])).toThrow('2027-04-17 appears twice');
  });
});

describe('bundled official days (OFFICIAL_DAYS)', () => {
  test('are valid, one entry per date, each with a legal reference', () => {
    expect(validateOverrides(OFFICIAL_DAYS)).toHaveLength(OFFICIAL_DAYS.length);
  });

  test('every làm bù day is a weekend day and every hoán đổi day a weekday; they pair up per year', () => {
    const byYear = new Map<number, { lamBu: number; hoanDoi: number }>();
    for (const o of OFFICIAL_DAYS) {
      const count = byYear.get(dateParts(o.date).year) ?? { lamBu: 0, hoanDoi: 0 };
      if (o.kind === 'LAM_BU') {
        expect([0, 6], o.date).toContain(dayOfWeek(o.date));
        count.lamBu++;
      }
      if (o.kind === 'NGHI_HOAN_DOI') {
        expect([0, 6], o.date).not.toContain(dayOfWeek(o.date));
        count.hoanDoi++;
      }
      byYear.set(dateParts(o.date).year, count);
    }
    for (const [year, count] of byYear) {
      expect(count.lamBu, String(year)).toBe(count.hoanDoi);
    }
  });

  test('every announced Tết day names its real lunar date, and each year has 5 of them', () => {
    const tet = OFFICIAL_DAYS.filter((o) => o.holiday === 'TET_AM_LICH' && o.kind === 'NGHI_LE');
    for (const o of tet) {
      const l = gregorianToLunar(o.date);
      const expected = l.month === 1 ? `mùng ${l.day}` : `${l.day} tháng Chạp`;
      expect(o.name, o.date).toContain(expected);
    }
    expect(tet.filter((o) => o.date.startsWith('2025'))).toHaveLength(5);
    expect(tet.filter((o) => o.date.startsWith('2026'))).toHaveLength(5);
  });
});
