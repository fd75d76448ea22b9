/**
 * Analytics for leaders (issue 6 item 5), for a unit's subtree and a period, as JSON: on-time rate
 * by unit below, average processing time by type and by field, backlog ageing, top fields and
 * localities, repeat complaints (cases with several letters: no one's identity) and the monthly
 * trend of the last 12 months. Figures over what the subtree holds now.
 */
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { outsideScope, withScope } from '../../db/scoped.ts';

export function createAnalyticsService(deps: { db: Db }) {
  return {
    /** Aggregates only (no rows): counted as the owner role, bounded by the subtree the caller may read. */
    compute(callerScope: readonly string[], scope: { subtree: string; from: Date; until: Date }) {
      return withScope(deps.db, callerScope, (tx) => outsideScope(tx, () => computeIn(tx, scope)));
    }
  };
}
export type AnalyticsService = ReturnType<typeof createAnalyticsService>;

async function computeIn(tx: Tx, scope: { subtree: string; from: Date; until: Date }) {
  // One connection runs one query at a time: the queries are chained rather than sent at once
  // (pg queues them anyway, and warns that sending them together is going away in pg 9).
  let previous: Promise<unknown> = Promise.resolve();
  const q = <T extends Record<string, unknown>>(query: ReturnType<typeof sql>): Promise<T[]> => {
    const run = previous.then(async () => (await tx.execute<T>(query)).rows as T[]);
    previous = run.catch(() => undefined);
    return run;
  };
  const inTree = sql`p.unit_path <@ ${scope.subtree}::ltree`;
  const closedIn = sql`p.closed_at >= ${scope.from} AND p.closed_at < ${scope.until}`;
  const receivedIn = sql`p.received_at >= ${scope.from} AND p.received_at < ${scope.until}`;
  const depth = sql`nlevel(${scope.subtree}::ltree) + 1`;
  const [onTimeByUnit, byType, byField, ageing, topFields, topLocalities, repeats, trend] = await Promise.all([
    q<{ unit: string; closed: number; on_time: number }>(sql`
      SELECT coalesce(u.name, 'Trực thuộc trực tiếp') AS unit, count(*)::int AS closed, count(*) FILTER (WHERE p.closed_on_time)::int AS on_time
        FROM petitions p LEFT JOIN units u ON u.path = subpath(p.unit_path, 0, ${depth}) AND nlevel(p.unit_path) >= ${depth}
       WHERE ${inTree} AND ${closedIn} GROUP BY 1 ORDER BY 2 DESC LIMIT 40`),
    q<{ key: string; days: number; n: number }>(sql`SELECT p.type AS key, round(avg(extract(epoch FROM p.closed_at - p.received_at) / 86400)::numeric, 1)::float AS days, count(*)::int AS n FROM petitions p WHERE ${inTree} AND ${closedIn} GROUP BY 1 ORDER BY 1`),
    q<{ key: string; days: number; n: number }>(sql`SELECT coalesce(p.field, 'KHAC') AS key, round(avg(extract(epoch FROM p.closed_at - p.received_at) / 86400)::numeric, 1)::float AS days, count(*)::int AS n FROM petitions p WHERE ${inTree} AND ${closedIn} GROUP BY 1 ORDER BY 1`),
    q<{ bucket: string; n: number }>(sql`
      SELECT CASE WHEN age < 30 THEN '<30' WHEN age < 90 THEN '30-89' WHEN age < 180 THEN '90-179' ELSE '>=180' END AS bucket, count(*)::int AS n
        FROM (SELECT extract(epoch FROM ${scope.until}::timestamptz - p.received_at) / 86400 AS age FROM petitions p WHERE ${inTree} AND p.closed_at IS NULL AND p.received_at < ${scope.until}) a
       GROUP BY 1`),
    q<{ key: string; n: number }>(sql`SELECT coalesce(p.field, 'KHAC') AS key, count(*)::int AS n FROM petitions p WHERE ${inTree} AND ${receivedIn} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 5`),
    q<{ key: string; n: number }>(sql`SELECT coalesce(u.name, p.province_code, '?') AS key, count(*)::int AS n FROM petitions p LEFT JOIN units u ON u.code = p.province_code WHERE ${inTree} AND ${receivedIn} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 5`),
    q<{ cases: number; letters: number }>(sql`
      SELECT count(*)::int AS cases, coalesce(sum(n), 0)::int AS letters FROM (
        SELECT p.case_id, count(*) AS n FROM petitions p WHERE ${inTree} AND ${receivedIn} AND p.case_id IS NOT NULL GROUP BY 1 HAVING count(*) >= 2) r`),
    q<{ month: string; n: number }>(sql`
      SELECT to_char(p.received_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM') AS month, count(*)::int AS n FROM petitions p
       WHERE ${inTree} AND p.received_at >= ${scope.until}::timestamptz - interval '12 months' AND p.received_at < ${scope.until} GROUP BY 1 ORDER BY 1`)
  ]);
  const order = ['<30', '30-89', '90-179', '>=180'];
  return {
    onTimeByUnit: onTimeByUnit.map((r) => ({ unit: r.unit, closed: r.closed, onTime: r.on_time, rate: r.closed ? Math.round((1000 * r.on_time) / r.closed) / 10 : null })),
    averageDaysByType: byType,
    averageDaysByField: byField,
    backlogAgeing: order.map((bucket) => ({ bucket, n: ageing.find((a) => a.bucket === bucket)?.n ?? 0 })),
    topFields,
    topLocalities,
    repeatComplaints: repeats[0] ?? { cases: 0, letters: 0 },
    monthlyTrend: trend,
    // The last month against the one before, in per cent (null without a month before, or with none received then).
    monthOnMonth: trend.length >= 2 && trend[trend.length - 2]!.n > 0 ? Math.round((1000 * (trend[trend.length - 1]!.n - trend[trend.length - 2]!.n)) / trend[trend.length - 2]!.n) / 10 : null
  };
}
