import { describe, expect, it } from 'vitest';
import { createWorkingCalendar, OFFICIAL_DAYS } from './calendar/index.ts';
import { checkVisitors, describeRule, maxRepresentatives, requiredFrequency, sessionDates } from './reception.ts';

describe('groups under Luật Tiếp công dân 2013 Điều 30.2', () => {
  it('lets 5–10 people send 1 or 2 representatives and more than 10 people up to 5', () => {
    for (const [size, reps, ok] of [
      [5, 1, true], [5, 2, true], [5, 3, false], [10, 2, true], [10, 3, false],
      [11, 3, true], [12, 5, true], [12, 6, false], [200, 5, true], [200, 0, false]
    ] as const) {
      expect(checkVisitors({ isGroup: true, groupSize: size, visitorCount: reps }).length === 0, `${size} people, ${reps} representatives`).toBe(ok);
    }
    expect(maxRepresentatives(10)).toBe(2);
    expect(maxRepresentatives(11)).toBe(5);
  });

  it('calls 4 people no group, and 5 people without the group box a group', () => {
    expect(checkVisitors({ isGroup: true, groupSize: 4, visitorCount: 1 })[0]?.field).toBe('groupSize');
    expect(checkVisitors({ isGroup: false, visitorCount: 4 })).toEqual([]);
    expect(checkVisitors({ isGroup: false, visitorCount: 5 })[0]?.message).toMatch(/đoàn đông người/);
  });
});

describe('periodic reception rules', () => {
  const calendar = createWorkingCalendar({ overrides: OFFICIAL_DAYS });

  it('names every Thursday of a month, and the last Friday of each month', () => {
    expect(sessionDates({ frequency: 'WEEKLY', weekday: 4 }, '2026-10-01', '2026-10-31').map((d) => d.date)).toEqual(['2026-10-01', '2026-10-08', '2026-10-15', '2026-10-22', '2026-10-29']);
    expect(sessionDates({ frequency: 'MONTHLY', weekday: 5, week: 5 }, '2026-01-01', '2026-04-30').map((d) => d.date)).toEqual(['2026-01-30', '2026-02-27', '2026-03-27', '2026-04-24']);
  });

  it('moves a session off a day off to the next working day and keeps the rule’s own date', () => {
    // 02/09/2026 (Wednesday) is Quốc khánh; the first Wednesday of September moves to Thursday 03/09.
    const [september] = sessionDates({ frequency: 'MONTHLY', weekday: 3, week: 1 }, '2026-09-01', '2026-09-30', calendar);
    expect(september).toEqual({ scheduledFor: '2026-09-02', date: '2026-09-03' });
  });

  it('requires a weekly rule of a commune chair (Điều 15), a monthly one of a province (Điều 12.5)', () => {
    expect(requiredFrequency('XA').frequency).toBe('WEEKLY');
    expect(requiredFrequency('PHUONG').legalRef).toMatch(/Điều 15/);
    expect(requiredFrequency('TINH')).toEqual({ frequency: 'MONTHLY', legalRef: 'Luật Tiếp công dân 2013 Điều 12 khoản 5' });
    expect(describeRule({ frequency: 'MONTHLY', weekday: 1, week: 2 }).vi).toBe('Thứ Hai tuần thứ 2 hằng tháng');
  });
});
