/**
 * Reporting periods (DOMAIN.md §4; TT 01/2024 as DOMAIN.md reports it [S]): a quarter, 6 or 9
 * months or a year runs from the cut-off day of the month before it starts to the day before the
 * cut-off of its last month (Q1 = 15/12 of the previous year to 14/03). TT 03/2013 used the 16th
 * and TT 06/2025 is unverified, so the cut-off day is a setting (REPORT_CUTOFF_DAY); 0 means
 * calendar periods (a quarter from the 1st). A month is a calendar month; any dates are allowed.
 */
import { addDays, type IsoDate } from '../calendar/index.ts';

export const PERIOD_KINDS = ['MONTH', 'QUARTER', 'SIX_MONTHS', 'NINE_MONTHS', 'YEAR', 'CUSTOM'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export const PERIOD_LABELS: Record<PeriodKind, { vi: string; en: string }> = {
  MONTH: { vi: 'Tháng', en: 'Month' },
  QUARTER: { vi: 'Quý', en: 'Quarter' },
  SIX_MONTHS: { vi: '6 tháng', en: 'Six months' },
  NINE_MONTHS: { vi: '9 tháng', en: 'Nine months' },
  YEAR: { vi: 'Năm', en: 'Year' },
  CUSTOM: { vi: 'Tùy chọn', en: 'Custom dates' }
};

/** Both ends are Vietnamese civil dates; `to` is inclusive. */
export interface ReportPeriod {
  from: IsoDate;
  to: IsoDate;
}

const iso = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` as IsoDate;
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/**
 * The period of a kind, for a year and an index (month 1–12, quarter 1–4; ignored otherwise).
 * With a cut-off day c > 0, a reporting period of months [a..b] runs from day c of month a−1 to
 * day c−1 of month b.
 */
export function reportPeriod(kind: Exclude<PeriodKind, 'CUSTOM'>, year: number, index = 1, cutoffDay = 15): ReportPeriod {
  if (kind === 'MONTH') return { from: iso(year, index, 1), to: iso(year, index, lastDay(year, index)) };
  const [first, last] = kind === 'QUARTER' ? [3 * (index - 1) + 1, 3 * index] : kind === 'SIX_MONTHS' ? [1, 6] : kind === 'NINE_MONTHS' ? [1, 9] : [1, 12];
  if (cutoffDay <= 0) return { from: iso(year, first, 1), to: iso(year, last, lastDay(year, last)) };
  const startYear = first === 1 ? year - 1 : year;
  const startMonth = first === 1 ? 12 : first - 1;
  return { from: iso(startYear, startMonth, cutoffDay), to: addDays(iso(year, last, cutoffDay), -1) };
}
