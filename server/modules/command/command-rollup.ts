/**
 * Turns per-unit counts (one SQL pass over petitions, command.repository.ts) into snapshots:
 * either one snapshot for a caller's whole scope (the API), or one per unit path for every
 * ancestor of every unit holding petitions (the retained MQTT snapshots), summed in memory so a
 * single query serves all scopes at once. Pure: no database, no clock.
 */
import { addDays, diffDays, startOfVnDay, toVnDate, type IsoDate } from '../../../shared/calendar/iso-date.ts';
import { emptyFigures, onTimeRate, provinceOfPath, TREND_DAYS, type CommandSnapshot } from '../../../shared/command.ts';

/** Counts of one (unit, status) group. */
export type UnitStatusCounts = {
  unitPath: string;
  status: string;
  total: number;
  today: number;
  month: number;
  open: number;
  dueSoon: number;
  overdue: number;
  closedYear: number;
  onTimeYear: number;
};

/** Received in the trend window, by unit and one of: day, type or field. */
export type UnitRecentCounts = {
  unitPath: string;
  day: IsoDate | null;
  type: string | null;
  field: string | null;
  n: number;
};

/** The Vietnamese day, month and year an instant falls in, as instants (bounds for SQL). */
export interface CommandBounds {
  day: IsoDate;
  today: Date;
  month: Date;
  year: Date;
  /** First day of the trend window. */
  trendFrom: IsoDate;
  trendStart: Date;
}

export function boundsAt(instant: Date): CommandBounds {
  const day = toVnDate(instant);
  const trendFrom = addDays(day, -(TREND_DAYS - 1));
  return {
    day,
    today: startOfVnDay(day),
    month: startOfVnDay(`${day.slice(0, 7)}-01`),
    year: startOfVnDay(`${day.slice(0, 4)}-01-01`),
    trendFrom,
    trendStart: startOfVnDay(trendFrom)
  };
}

class Accumulator {
  readonly snapshot: CommandSnapshot;
  constructor(scope: string[], bounds: CommandBounds, computedAt: Date) {
    this.snapshot = {
      scope,
      computedAt: computedAt.toISOString(),
      day: bounds.day,
      figures: emptyFigures(),
      byStatus: {},
      byProvince: {},
      trend: new Array<number>(TREND_DAYS).fill(0),
      byType: {},
      byField: {}
    };
  }

  addStatus(row: UnitStatusCounts, province: string | null): void {
    const s = this.snapshot;
    const f = s.figures;
    f.receivedToday += row.today;
    f.receivedThisMonth += row.month;
    f.inProcess += row.open;
    f.dueSoon += row.dueSoon;
    f.overdue += row.overdue;
    f.closedThisYear += row.closedYear;
    f.closedOnTimeThisYear += row.onTimeYear;
    s.byStatus[row.status] = (s.byStatus[row.status] ?? 0) + row.total;
    if (province && (row.open > 0 || row.overdue > 0)) {
      const p = (s.byProvince[province] ??= { open: 0, overdue: 0 });
      p.open += row.open;
      p.overdue += row.overdue;
    }
  }

  addRecent(row: UnitRecentCounts, trendFrom: IsoDate): void {
    const s = this.snapshot;
    if (row.day !== null) {
      const i = diffDays(trendFrom, row.day);
      if (i >= 0 && i < TREND_DAYS) s.trend[i]! += row.n;
    } else if (row.type !== null) {
      s.byType[row.type] = (s.byType[row.type] ?? 0) + row.n;
    } else if (row.field !== null) {
      s.byField[row.field] = (s.byField[row.field] ?? 0) + row.n;
    }
  }

  finish(): CommandSnapshot {
    const f = this.snapshot.figures;
    f.onTimeRate = onTimeRate(f.closedThisYear, f.closedOnTimeThisYear);
    return this.snapshot;
  }
}

/** One snapshot for a whole scope; the rows must already be limited to that scope. */
export function snapshotOf(scope: string[], status: readonly UnitStatusCounts[], recent: readonly UnitRecentCounts[], bounds: CommandBounds, computedAt: Date): CommandSnapshot {
  const acc = new Accumulator(scope, bounds, computedAt);
  for (const row of status) acc.addStatus(row, provinceOfPath(row.unitPath));
  for (const row of recent) acc.addRecent(row, bounds.trendFrom);
  return acc.finish();
}

/** 'VN.01.00004' → ['VN', 'VN.01', 'VN.01.00004']. */
function ancestorsAndSelf(path: string): string[] {
  const labels = path.split('.');
  return labels.map((_, i) => labels.slice(0, i + 1).join('.'));
}

/** A snapshot for every unit path that holds petitions and for each of its ancestors. */
export function snapshotsByPath(status: readonly UnitStatusCounts[], recent: readonly UnitRecentCounts[], bounds: CommandBounds, computedAt: Date): Map<string, CommandSnapshot> {
  const accumulators = new Map<string, Accumulator>();
  const at = (path: string) => {
    let acc = accumulators.get(path);
    if (!acc) accumulators.set(path, (acc = new Accumulator([path], bounds, computedAt)));
    return acc;
  };
  for (const row of status) {
    const province = provinceOfPath(row.unitPath);
    for (const path of ancestorsAndSelf(row.unitPath)) at(path).addStatus(row, province);
  }
  for (const row of recent) for (const path of ancestorsAndSelf(row.unitPath)) at(path).addRecent(row, bounds.trendFrom);
  return new Map([...accumulators].map(([path, acc]) => [path, acc.finish()]));
}

/** The snapshot of a scope with nothing in it (a unit whose last petitions moved away). */
export function emptySnapshot(scope: string[], bounds: CommandBounds, computedAt: Date): CommandSnapshot {
  return new Accumulator(scope, bounds, computedAt).finish();
}
