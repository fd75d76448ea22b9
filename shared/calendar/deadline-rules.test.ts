import { describe, expect, test } from 'vitest';
import {
  DEADLINE_RULES,
  DEADLINE_UNITS,
  applyDeadlineSettings,
  computeDeadline,
  deadlineAmount,
  getDeadlineRule,
  type DeadlineRule
} from './deadline-rules.ts';
import { calendarErrorOf } from './test-helpers.ts';
import { createWorkingCalendar } from './working-calendar.ts';

const cal = createWorkingCalendar();
const rule = (id: Parameters<typeof getDeadlineRule>[0]): DeadlineRule => getDeadlineRule(id);

describe('DEADLINE_RULES table', () => {
  test('every rule has a unique id, labels in both languages, an amount, a unit and a legal basis', () => {
    const ids = DEADLINE_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of DEADLINE_RULES as readonly DeadlineRule[]) {
      expect(r.label.trim(), r.id).not.toBe('');
      expect(r.labelEn.trim(), r.id).not.toBe('');
      expect(r.startsFrom.trim(), r.id).not.toBe('');
      expect(r.startsFromEn.trim(), r.id).not.toBe('');
      expect(Number.isInteger(r.amount) && r.amount > 0, r.id).toBe(true);
      expect(DEADLINE_UNITS, r.id).toContain(r.unit);
      expect(r.legalBasis.trim(), r.id).not.toBe('');
      expect(['V', 'S', 'U'], r.id).toContain(r.verification);
    }
  });

  test('every unverified rule is configurable', () => {
    for (const r of DEADLINE_RULES as readonly DeadlineRule[]) {
      if (r.verification === 'U') {
        expect(r.configurable, r.id).toBe(true);
      }
    }
  });

  test('matches DOMAIN.md §3 for the main limits', () => {
    expect(rule('XU_LY_DON')).toMatchObject({ amount: 10, unit: 'WORKING_DAYS', verification: 'U', configurable: true });
    expect(rule('TCD_TRA_LOI')).toMatchObject({ amount: 10, unit: 'WORKING_DAYS', legalBasis: 'Luật Tiếp công dân 2013 Điều 28 khoản 1' });
    expect(rule('KN_THOI_HIEU')).toMatchObject({ amount: 90, unit: 'CALENDAR_DAYS' });
    expect(rule('KN_GIAI_QUYET_LAN_1')).toMatchObject({ amount: 30, variants: { complex: 45, remote: 45, remoteComplex: 60 } });
    expect(rule('KN_GIAI_QUYET_LAN_2')).toMatchObject({ amount: 45, variants: { complex: 60, remote: 60, remoteComplex: 70 } });
    expect(rule('TC_XU_LY_BAN_DAU')).toMatchObject({ amount: 7, unit: 'WORKING_DAYS', extension: { amount: 3 } });
    expect(rule('TC_CHUYEN_DON')).toMatchObject({ amount: 5, unit: 'WORKING_DAYS' });
    expect(rule('TC_GIAI_QUYET')).toMatchObject({ amount: 30, unit: 'CALENDAR_DAYS', extension: { amount: 30, maxCount: { THUONG: 0, PHUC_TAP: 1, DAC_BIET_PHUC_TAP: 2 } } });
    expect(rule('LUU_DON')).toMatchObject({ amount: 1, unit: 'YEARS' });
  });

  test('when the id is unknown, getDeadlineRule throws', () => {
    expect(() => getDeadlineRule('NOPE' as never)).toThrow('Unknown deadline rule: NOPE');
  });
});

describe('computeDeadline: working-day rules', () => {
  test('when a denunciation is received Monday 01/02/2027, initial processing (7 working days) crosses Tết and ends 17/02/2027', () => {
    expect(computeDeadline(rule('TC_XU_LY_BAN_DAU'), '2027-02-01', cal)).toBe('2027-02-17');
  });

  test('when initial processing is extended (multi-site verification), it ends on the 10th working day, 22/02/2027', () => {
    expect(deadlineAmount(rule('TC_XU_LY_BAN_DAU'), { extensions: 1 })).toBe(10);
    expect(computeDeadline(rule('TC_XU_LY_BAN_DAU'), '2027-02-01', cal, { extensions: 1 })).toBe('2027-02-22');
    expect(() => computeDeadline(rule('TC_XU_LY_BAN_DAU'), '2027-02-01', cal, { extensions: 2 })).toThrow('allows 1 extension(s)');
  });

  test('when a petition is received Friday 09/01/2026, processing (10 working days) counts làm bù Saturday 10/01', () => {
    // 10/01 (Sat, làm bù) 1, 12–16/01 2–6, 19–22/01 7–10.
    expect(computeDeadline(rule('XU_LY_DON'), '2026-01-09', cal)).toBe('2026-01-22');
  });

  test('when a petition is received on a Saturday, day 1 is the Monday after', () => {
    expect(computeDeadline(rule('TC_CHUYEN_DON'), '2026-03-07', cal)).toBe('2026-03-13');
  });
});

describe('computeDeadline: calendar-day rules', () => {
  test('first complaint accepted 02/03/2026: 30 days normal, 45 complex or remote, 60 remote and complex (rolled over 1/5 to 04/5)', () => {
    const r = rule('KN_GIAI_QUYET_LAN_1');
    expect(computeDeadline(r, '2026-03-02', cal)).toBe('2026-04-01');
    expect(computeDeadline(r, '2026-03-02', cal, { complexity: 'PHUC_TAP' })).toBe('2026-04-16');
    expect(computeDeadline(r, '2026-03-02', cal, { remoteArea: true })).toBe('2026-04-16');
    // 02/03 + 60 = Friday 01/05 (holiday), weekend 02–03/05 → Monday 04/05.
    expect(computeDeadline(r, '2026-03-02', cal, { remoteArea: true, complexity: 'DAC_BIET_PHUC_TAP' })).toBe('2026-05-04');
  });

  test('second complaint: 45 / 60 / 60 / 70 days', () => {
    const r = rule('KN_GIAI_QUYET_LAN_2');
    expect(deadlineAmount(r)).toBe(45);
    expect(deadlineAmount(r, { complexity: 'PHUC_TAP' })).toBe(60);
    expect(deadlineAmount(r, { remoteArea: true })).toBe(60);
    expect(deadlineAmount(r, { remoteArea: true, complexity: 'PHUC_TAP' })).toBe(70);
    expect(deadlineAmount(rule('KN_THOI_HIEU_LAN_2'), { remoteArea: true, complexity: 'PHUC_TAP' })).toBe(45);
  });

  test('when a 90-day limitation from 08/11/2026 ends on Tết 2027 (06/02), it rolls to the first working day, 11/02/2027', () => {
    expect(computeDeadline(rule('KN_THOI_HIEU'), '2026-11-08', cal)).toBe('2027-02-11');
  });

  test('denunciation resolution: 30 days; complex +1 extension; especially complex +2 extensions (max 90)', () => {
    const r = rule('TC_GIAI_QUYET');
    expect(computeDeadline(r, '2026-06-01', cal)).toBe('2026-07-01');
    expect(computeDeadline(r, '2026-06-01', cal, { complexity: 'PHUC_TAP', extensions: 1 })).toBe('2026-07-31');
    // 01/06 + 90 = Sunday 30/08; 31/08 hoán đổi, 01–02/09 Quốc khánh → Thursday 03/09.
    expect(computeDeadline(r, '2026-06-01', cal, { complexity: 'DAC_BIET_PHUC_TAP', extensions: 2 })).toBe('2026-09-03');
  });

  test('when more extensions are asked than the complexity allows, throws calendar.invalid_rule', () => {
    const r = rule('TC_GIAI_QUYET');
    expect(calendarErrorOf(() => computeDeadline(r, '2026-06-01', cal, { extensions: 1 })).code).toBe('calendar.invalid_rule');
    expect(() => computeDeadline(r, '2026-06-01', cal, { complexity: 'PHUC_TAP', extensions: 2 })).toThrow(
      'TC_GIAI_QUYET allows 1 extension(s) for complexity PHUC_TAP, got 2'
    );
    expect(() => computeDeadline(r, '2026-06-01', cal, { complexity: 'PHUC_TAP', extensions: -1 })).toThrow(
      'allows 1 extension(s) for complexity PHUC_TAP, got -1'
    );
  });

  test('a posting period counts its first day and does not roll over: 15 days from Saturday 07/03/2026 end Saturday 21/03', () => {
    expect(computeDeadline(rule('TC_CONG_KHAI_KET_LUAN'), '2026-03-07', cal)).toBe('2026-03-21');
  });

  test('archive retention is one year, 29/02 → 28/02', () => {
    expect(computeDeadline(rule('LUU_DON'), '2026-03-02', cal)).toBe('2027-03-02');
    expect(computeDeadline(rule('LUU_DON'), '2028-02-29', cal)).toBe('2029-02-28');
  });

  test("voters' recommendation answer: 60 days", () => {
    expect(computeDeadline(rule('KNCT_TRA_LOI'), '2026-03-02', cal)).toBe('2026-05-04');
  });

  test('when the start date is invalid, throws calendar.invalid_date', () => {
    expect(calendarErrorOf(() => computeDeadline(rule('KN_THOI_HIEU'), '2026-02-30', cal)).code).toBe('calendar.invalid_date');
  });

  test('when a rule has an effective period, a start outside it is refused', () => {
    const r = { ...rule('XU_LY_DON'), effectiveTo: '2026-06-30' };
    expect(computeDeadline(r, '2026-06-30', cal)).toBe('2026-07-14');
    expect(() => computeDeadline(r, '2026-07-01', cal)).toThrow('XU_LY_DON is not in force on 2026-07-01');
  });
});

describe('applyDeadlineSettings', () => {
  test('when a configurable rule is changed (processing in calendar days), computeDeadline follows', () => {
    const rules = applyDeadlineSettings({ XU_LY_DON: { unit: 'CALENDAR_DAYS' } });
    const r = rules.find((x) => x.id === 'XU_LY_DON');
    expect(r).toMatchObject({ amount: 10, unit: 'CALENDAR_DAYS' });
    if (r === undefined) {
      throw new Error('missing rule');
    }
    expect(computeDeadline(r, '2026-01-09', cal)).toBe('2026-01-19');
    expect(DEADLINE_RULES.find((x) => x.id === 'XU_LY_DON')?.unit).toBe('WORKING_DAYS');
  });

  test('when a statutory rule is changed without a new legal basis, refuses; with one, applies it', () => {
    expect(() => applyDeadlineSettings({ TC_GIAI_QUYET: { amount: 20 } })).toThrow('changing it requires the new legalBasis');
    const rules = applyDeadlineSettings({ TC_GIAI_QUYET: { amount: 20, legalBasis: 'Luật X/2026 Điều Y' } });
    expect(rules.find((x) => x.id === 'TC_GIAI_QUYET')).toMatchObject({ amount: 20, legalBasis: 'Luật X/2026 Điều Y' });
  });

  test('when a setting is invalid or names an unknown rule, throws calendar.invalid_rule', () => {
    expect(calendarErrorOf(() => applyDeadlineSettings({ NOPE: { amount: 3 } })).code).toBe('calendar.invalid_rule');
    expect(() => applyDeadlineSettings({ XU_LY_DON: { amount: 0 } })).toThrow('XU_LY_DON.amount must be a positive integer');
    expect(() => applyDeadlineSettings({ XU_LY_DON: { unit: 'HOURS' as never } })).toThrow('XU_LY_DON.unit must be one of');
    expect(() => applyDeadlineSettings({ XU_LY_DON: { effectiveFrom: '2026-02-30' } })).toThrow('Invalid date "2026-02-30"');
  });
});
