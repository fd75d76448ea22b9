import { describe, expect, it } from 'vitest';
import { reportPeriod } from './periods.ts';

describe('reporting periods with the TT 01/2024 cut-off (15th)', () => {
  it('Q1 2026 runs 15/12/2025–14/03/2026; Q2 15/03–14/06; the year 15/12/2025–14/12/2026', () => {
    expect(reportPeriod('QUARTER', 2026, 1)).toEqual({ from: '2025-12-15', to: '2026-03-14' });
    expect(reportPeriod('QUARTER', 2026, 2)).toEqual({ from: '2026-03-15', to: '2026-06-14' });
    expect(reportPeriod('SIX_MONTHS', 2026)).toEqual({ from: '2025-12-15', to: '2026-06-14' });
    expect(reportPeriod('NINE_MONTHS', 2026)).toEqual({ from: '2025-12-15', to: '2026-09-14' });
    expect(reportPeriod('YEAR', 2026)).toEqual({ from: '2025-12-15', to: '2026-12-14' });
  });
  it('TT 03/2013 (16th) and calendar periods are settings; a month is a calendar month', () => {
    expect(reportPeriod('QUARTER', 2026, 1, 16)).toEqual({ from: '2025-12-16', to: '2026-03-15' });
    expect(reportPeriod('QUARTER', 2026, 4, 0)).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(reportPeriod('MONTH', 2028, 2)).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });
});
