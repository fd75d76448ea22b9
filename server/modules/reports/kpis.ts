/**
 * Dashboard KPIs for a caller's scope (issue 6 item 6: ≤ 100 ms at national scale): petitions
 * held, open, due soon, overdue; received today and this month; closed this year and on time.
 * For the root and the provinces they are read from the counts the petitions' own statements
 * keep (report_kpi_state, report_kpi_daily; migration 0013); for a deeper scope (a commune, a
 * few thousand petitions) they are counted from the petitions. Both read the same definitions.
 */
import { sql } from 'drizzle-orm';
import { startOfVnDay, toVnDate, type IsoDate } from '../../../shared/calendar/index.ts';
import { isWithin } from '../../../shared/unit-path.ts';
import type { Db, Tx } from '../../db/client.ts';
import { arrayParam } from '../../db/columns.ts';
import { outsideScope, withScope } from '../../db/scoped.ts';
import { requirePetitionRead } from '../access/policy.ts';
import type { AuthUser } from '../auth/auth.types.ts';

export interface Kpis {
  total: number;
  open: number;
  dueSoon: number;
  overdue: number;
  receivedToday: number;
  receivedMonth: number;
  closedYear: number;
  onTimeYear: number;
  /** Per cent of this year's closures that were on time (null with none). */
  onTimeRate: number | null;
}

/** The scope's roots without those inside another (so nothing is counted twice). */
export function disjointRoots(paths: readonly string[]): string[] {
  return paths.filter((p, i) => !paths.some((q, j) => j !== i && q !== p && isWithin(p, q))).filter((p, i, all) => all.indexOf(p) === i);
}

/** Summaries exist for the root and the provinces (two levels). */
const SUMMARISED_LEVELS = 2;

export async function kpisIn(tx: Tx, roots: readonly string[], at: Date): Promise<Kpis> {
  const today = toVnDate(at);
  const month = `${today.slice(0, 8)}01` as IsoDate;
  const year = `${today.slice(0, 5)}01-01` as IsoDate;
  const paths = arrayParam(roots, 'ltree');
  let row: Record<string, string | null>;
  if (roots.every((p) => p.split('.').length <= SUMMARISED_LEVELS)) {
    const state = await tx.execute<Record<string, string | null>>(sql`
      SELECT sum(n) AS total, sum(n) FILTER (WHERE open) AS open,
             sum(n) FILTER (WHERE open AND deadline_state = 'DUE_SOON') AS due_soon, sum(n) FILTER (WHERE open AND deadline_state = 'OVERDUE') AS overdue
        FROM report_kpi_state WHERE path = ANY(${paths})`);
    const daily = await tx.execute<Record<string, string | null>>(sql`
      SELECT sum(n) FILTER (WHERE kind = 'RECEIVED' AND day = ${today}::date) AS received_today,
             sum(n) FILTER (WHERE kind = 'RECEIVED' AND day >= ${month}::date) AS received_month,
             sum(n) FILTER (WHERE kind = 'CLOSED' AND day >= ${year}::date) AS closed_year,
             sum(n) FILTER (WHERE kind = 'CLOSED_ON_TIME' AND day >= ${year}::date) AS on_time_year
        FROM report_kpi_daily WHERE path = ANY(${paths}) AND day >= least(${month}::date, ${year}::date) AND day <= ${today}::date`);
    row = { ...state.rows[0], ...daily.rows[0] };
  } else {
    const counted = await tx.execute<Record<string, string | null>>(sql`
      SELECT count(*) AS total, count(*) FILTER (WHERE closed_at IS NULL) AS open,
             count(*) FILTER (WHERE closed_at IS NULL AND deadline_state = 'DUE_SOON') AS due_soon, count(*) FILTER (WHERE closed_at IS NULL AND deadline_state = 'OVERDUE') AS overdue,
             count(*) FILTER (WHERE received_at >= ${startOfVnDay(today)}) AS received_today, count(*) FILTER (WHERE received_at >= ${startOfVnDay(month)}) AS received_month,
             count(*) FILTER (WHERE closed_at >= ${startOfVnDay(year)}) AS closed_year, count(*) FILTER (WHERE closed_at >= ${startOfVnDay(year)} AND closed_on_time) AS on_time_year
        FROM petitions WHERE unit_path <@ ANY(${paths})`);
    row = counted.rows[0]!;
  }
  const n = (k: string) => Number(row[k] ?? 0);
  const closedYear = n('closed_year');
  return {
    total: n('total'),
    open: n('open'),
    dueSoon: n('due_soon'),
    overdue: n('overdue'),
    receivedToday: n('received_today'),
    receivedMonth: n('received_month'),
    closedYear,
    onTimeYear: n('on_time_year'),
    onTimeRate: closedYear ? Math.round((1000 * n('on_time_year')) / closedYear) / 10 : null
  };
}

export function createKpis(deps: { db: Db; now?: () => Date }) {
  return {
    /** The caller's whole scope (counts only, bounded by the scope's own roots). */
    async forUser(user: AuthUser): Promise<Kpis> {
      const scope = requirePetitionRead(user);
      return withScope(deps.db, scope, (tx) => outsideScope(tx, () => kpisIn(tx, disjointRoots(scope), (deps.now ?? (() => new Date()))())));
    }
  };
}
export type KpisService = ReturnType<typeof createKpis>;
