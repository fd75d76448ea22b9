import { describe, expect, it } from 'vitest';
import { boundsAt, snapshotOf, snapshotsByPath, type UnitStatusCounts } from './command-rollup.ts';

const row = (unitPath: string, status: string, n: Partial<UnitStatusCounts>): UnitStatusCounts => ({
  unitPath, status, total: 0, today: 0, month: 0, open: 0, dueSoon: 0, overdue: 0, closedYear: 0, onTimeYear: 0, ...n
});

describe('command rollup', () => {
  // 23:30 on 31/01/2026 in UTC is 06:30 on 01/02/2026 in Vietnam: a new day and a new month there.
  const at = new Date('2026-01-31T23:30:00Z');
  const bounds = boundsAt(at);

  it('counts days, months and years in Vietnamese time', () => {
    expect(bounds.day).toBe('2026-02-01');
    expect(bounds.today.toISOString()).toBe('2026-01-31T17:00:00.000Z');
    expect(bounds.month.toISOString()).toBe('2026-01-31T17:00:00.000Z');
    expect(bounds.year.toISOString()).toBe('2025-12-31T17:00:00.000Z');
    expect(bounds.trendFrom).toBe('2026-01-03');
  });

  it('sums each unit into itself and every ancestor, provinces only where they belong', () => {
    const rows = [
      row('VN.01.00004', 'NHAN_DON', { total: 2, today: 2, month: 2, open: 2, overdue: 1 }),
      row('VN.01', 'KET_THUC', { total: 3, closedYear: 3, onTimeYear: 2 }),
      row('VN.79', 'XAC_MINH', { total: 4, open: 4, dueSoon: 1 }),
      row('VN.TTCP', 'NHAN_DON', { total: 1, open: 1 })
    ];
    const byPath = snapshotsByPath(rows, [{ unitPath: 'VN.01.00004', day: '2026-02-01', type: null, field: null, n: 2 }], bounds, at);
    expect([...byPath.keys()].sort()).toEqual(['VN', 'VN.01', 'VN.01.00004', 'VN.79', 'VN.TTCP']);
    const vn = byPath.get('VN')!;
    expect(vn.figures).toMatchObject({ receivedToday: 2, inProcess: 7, dueSoon: 1, overdue: 1, closedThisYear: 3, closedOnTimeThisYear: 2, onTimeRate: 66.7 });
    expect(vn.byProvince).toEqual({ '01': { open: 2, overdue: 1 }, '79': { open: 4, overdue: 0 } });
    expect(vn.trend[29]).toBe(2);
    const hn = byPath.get('VN.01')!;
    expect(hn.byProvince).toEqual({ '01': { open: 2, overdue: 1 } });
    expect(hn.byStatus).toEqual({ NHAN_DON: 2, KET_THUC: 3 });
    expect(byPath.get('VN.TTCP')!.byProvince).toEqual({});
    expect(snapshotOf(['VN'], rows, [], bounds, at).figures).toEqual(vn.figures);
  });
});
