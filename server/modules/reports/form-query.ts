/**
 * Compiles a cell's query definition (shared/reports/forms.ts) into ONE SQL predicate and one
 * measure over its source. The figure is the measure aggregated under the predicate; the list
 * behind the figure is the rows under the very same predicate (one row per distinct case for a
 * CASES measure; the PEOPLE figure is the sum of the list's people column). Nothing else decides
 * what a figure counts, so the list always reconciles with the figure (issue 6 item 2).
 *
 * Every source is first projected to the same shape `f`: the row of the form it falls in, the
 * windows of the period it belongs to (w_start, w_in, w_out, w_end, w_total) and the columns the
 * filters read. Predicates read only that shape, so the figures can be counted over the rows
 * grouped by those columns (a few thousand groups instead of hundreds of thousands of rows),
 * while the lists read the ungrouped rows with the same predicate.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { CellFilter, CellQuery, CellSource, CellWindow } from '../../../shared/reports/forms.ts';
import { arrayParam } from '../../db/columns.ts';

/** A unit subtree (or the unit alone) and a period: [from, until) as instants, [fromDate, toDate] as civil dates. */
export interface CellScope {
  root: string;
  /** Only the root unit's own rows, not its subtree. */
  own?: boolean;
  from: Date;
  until: Date;
  fromDate: string;
  toDate: string;
}

const unitFilter = (path: SQL, s: CellScope) => (s.own ? sql`${path} = ${s.root}::ltree` : sql`${path} <@ ${s.root}::ltree`);

/** The row of the form a unit path falls in: the root itself, or the root's child above it. */
export function rowKey(path: SQL, s: CellScope): SQL {
  return sql`CASE WHEN nlevel(${path}) > nlevel(${s.root}::ltree) THEN subpath(${path}, 0, nlevel(${s.root}::ltree) + 1) ELSE ${path} END`;
}

/** Columns every projection has besides the windows (NULL where a source has no such column). */
const DIMENSIONS = ['type_in', 'type_out', 'sender_kind', 'out_action', 'in_action', 'eligible', 'result', 'round', 'on_time', 'session_type', 'host_mode', 'visit_round', 'is_group', 'multi_case'] as const;
const WINDOWS = ['w_start', 'w_in', 'w_out', 'w_end', 'w_total'] as const;

function factsProjection(stage: 'XLD' | 'GQ' | 'EVENT', s: CellScope, onlyMulti = false): SQL {
  const stageLiteral = sql.raw(`'${stage}'`);
  const multi = onlyMulti ? sql` AND f.multi_case` : sql``;
  // A literal stage so the planner uses the stage's partial index; the span index finds the
  // stints that meet the period (a closed range: a step at an instant is found too).
  const base =
    stage === 'EVENT'
      ? sql`f.stage = ${stageLiteral} AND ${unitFilter(sql`f.unit_path`, s)} AND f.in_at >= ${s.from} AND f.in_at < ${s.until}`
      : sql`f.stage = ${stageLiteral}${multi} AND ${unitFilter(sql`f.unit_path`, s)} AND tstzrange(f.in_at, f.out_at, '[]') && tstzrange(${s.from}::timestamptz, ${s.until}::timestamptz, '[)')`;
  // A single step (EVENT) is "in the period" for every window.
  const windows =
    stage === 'EVENT'
      ? sql`true AS w_start, true AS w_in, true AS w_out, true AS w_end, true AS w_total`
      : sql`(f.in_at < ${s.from} AND (f.out_at IS NULL OR f.out_at >= ${s.from})) AS w_start,
            (f.in_at >= ${s.from} AND f.in_at < ${s.until}) AS w_in,
            (f.out_at >= ${s.from} AND f.out_at < ${s.until}) IS TRUE AS w_out,
            (f.in_at < ${s.until} AND (f.out_at IS NULL OR f.out_at >= ${s.until})) AS w_end,
            (f.in_at < ${s.until} AND (f.out_at IS NULL OR f.out_at >= ${s.from})) AS w_total`;
  return sql`SELECT f.id::text AS id, ${rowKey(sql`f.unit_path`, s)} AS row_path, f.unit_path, coalesce(f.case_id, f.petition_id) AS case_ref, 1 AS people, f.in_at AS ord,
      ${windows}, f.type_in, f.type_out, f.sender_kind, f.out_action, f.in_action, f.eligible, f.result, f.round::int AS round, f.on_time,
      NULL::text AS session_type, NULL::text AS host_mode, NULL::text AS visit_round, NULL::boolean AS is_group, f.multi_case
    FROM report_facts f WHERE ${base}`;
}

const PROJECTIONS: Record<CellSource, (s: CellScope) => SQL> = {
  XLD: (s) => factsProjection('XLD', s),
  GQ: (s) => factsProjection('GQ', s),
  EVENT: (s) => factsProjection('EVENT', s),
  // Lines of the reception book on a day of the period; the matter (vụ việc) is the case of the
  // petition recorded at the visit, else the visit itself.
  VISIT: (s) => sql`SELECT v.id::text AS id, ${rowKey(sql`v.unit_path`, s)} AS row_path, v.unit_path, coalesce(vp.case_id, v.id) AS case_ref, v.group_size AS people, v.visited_at AS ord,
      true AS w_start, true AS w_in, true AS w_out, true AS w_end, true AS w_total,
      NULL::text AS type_in, NULL::text AS type_out, NULL::text AS sender_kind, NULL::text AS out_action, NULL::text AS in_action, NULL::boolean AS eligible, NULL::text AS result,
      NULL::int AS round, NULL::boolean AS on_time, s.type AS session_type, s.host_mode, v.round AS visit_round, v.is_group, true AS multi_case
    FROM reception_visits v JOIN reception_sessions s ON s.id = v.session_id LEFT JOIN petitions vp ON vp.id = v.petition_id
    WHERE ${unitFilter(sql`v.unit_path`, s)} AND v.visited_at >= ${s.from} AND v.visited_at < ${s.until}`,
  // Receptions held on a day of the period: closed as held, or with visits recorded (never a cancelled one).
  SESSION: (s) => sql`SELECT s.id::text AS id, ${rowKey(sql`s.unit_path`, s)} AS row_path, s.unit_path, s.id AS case_ref, 1 AS people, s.session_date::timestamptz AS ord,
      true AS w_start, true AS w_in, true AS w_out, true AS w_end, true AS w_total,
      NULL::text AS type_in, NULL::text AS type_out, NULL::text AS sender_kind, NULL::text AS out_action, NULL::text AS in_action, NULL::boolean AS eligible, NULL::text AS result,
      NULL::int AS round, NULL::boolean AS on_time, s.type AS session_type, s.host_mode, NULL::text AS visit_round, NULL::boolean AS is_group, true AS multi_case
    FROM reception_sessions s
    WHERE ${unitFilter(sql`s.unit_path`, s)} AND s.session_date >= ${s.fromDate}::date AND s.session_date <= ${s.toDate}::date
      AND s.status <> 'HUY' AND (s.status = 'DA_TIEP' OR EXISTS (SELECT 1 FROM reception_visits sv WHERE sv.session_id = s.id))`
};

/** The rows of a source for a scope and period, projected to the shape `f` the predicates read. */
export function projection(source: CellSource, s: CellScope): SQL {
  return sql`(${PROJECTIONS[source](s)}) f`;
}

const WINDOW_COLUMN: Record<CellWindow, string> = { START: 'w_start', IN: 'w_in', OUT: 'w_out', END: 'w_end', TOTAL: 'w_total' };
const inList = (column: string, values: readonly (string | number)[], type: 'text' | 'int') => sql`${sql.raw(`f.${column}`)} = ANY(${arrayParam(values, type)})`;

function filterOf(where: CellFilter = {}): SQL[] {
  const parts: SQL[] = [];
  if (where.typeIn) parts.push(inList('type_in', where.typeIn, 'text'));
  if (where.typeOut) parts.push(inList('type_out', where.typeOut, 'text'));
  if (where.senderKind) parts.push(inList('sender_kind', where.senderKind, 'text'));
  if (where.outAction) parts.push(inList('out_action', where.outAction, 'text'));
  if (where.inAction) parts.push(inList('in_action', where.inAction, 'text'));
  if (where.result) parts.push(inList('result', where.result, 'text'));
  if (where.round) parts.push(inList('round', where.round, 'int'));
  if (where.eligible !== undefined) parts.push(where.eligible ? sql`f.eligible IS TRUE` : sql`f.eligible IS NOT TRUE`);
  if (where.onTime !== undefined) parts.push(where.onTime ? sql`f.on_time IS NOT FALSE` : sql`f.on_time IS FALSE`);
  if (where.sessionType) parts.push(inList('session_type', where.sessionType, 'text'));
  if (where.hostMode) parts.push(inList('host_mode', where.hostMode, 'text'));
  if (where.visitRound) parts.push(inList('visit_round', where.visitRound, 'text'));
  if (where.group !== undefined) parts.push(where.group ? sql`f.is_group IS TRUE` : sql`f.is_group IS NOT TRUE`);
  return parts;
}

/** The one predicate of a cell, over the projection `f` (grouped or not). */
export function cellPredicate(query: CellQuery): SQL {
  return sql.join([sql.raw(`f.${WINDOW_COLUMN[query.window]}`), ...filterOf(query.where)].map((p) => sql`(${p})`), sql` AND `);
}

/**
 * The figures of one source's cells, per row of the form: the projection is grouped by every
 * column a predicate may read, then each cell sums its groups. A CASES cell sums here only the
 * rows that are surely their own case (multi_case false); casesFigure adds the distinct count of
 * the others, so the sum is exactly the number of distinct cases under the predicate.
 */
export function groupedFigures(source: CellSource, queries: readonly CellQuery[], s: CellScope): SQL {
  const columns = sql.raw(['row_path', ...WINDOWS, ...DIMENSIONS].join(', '));
  const aggregates = queries.map((q, i) => {
    const measure = q.measure ?? 'COUNT';
    const where = measure === 'CASES' ? sql`${cellPredicate(q)} AND NOT f.multi_case` : cellPredicate(q);
    return sql`coalesce(sum(${sql.raw(measure === 'PEOPLE' ? 'f.people' : 'f.n')}) FILTER (WHERE ${where}), 0)::bigint AS ${sql.identifier(`c${i}`)}`;
  });
  return sql`SELECT f.row_path::text AS row_path, ${sql.join(aggregates, sql`, `)}
    FROM (SELECT ${columns}, count(*) AS n, sum(people) AS people FROM ${projection(source, s)} GROUP BY ${columns}) f
    GROUP BY f.row_path`;
}

/** The rest of a CASES figure per row: distinct cases among the rows that may share one (see groupedFigures). */
export function casesFigure(query: CellQuery, s: CellScope): SQL {
  const rows = query.source === 'XLD' || query.source === 'GQ' ? sql`(${factsProjection(query.source, s, true)}) f` : projection(query.source, s);
  return sql`SELECT d.row_path::text AS row_path, count(*)::bigint AS c0
    FROM (SELECT DISTINCT f.row_path, f.unit_path, f.case_ref FROM ${rows} WHERE ${cellPredicate(query)} AND f.multi_case) d GROUP BY d.row_path`;
}

/** Ids of the rows behind a cell, in order (one per distinct case for CASES). */
export function cellListIds(query: CellQuery, s: CellScope, limit: number): SQL {
  const where = cellPredicate(query);
  if (query.measure === 'CASES') {
    return sql`SELECT d.id FROM (SELECT DISTINCT ON (f.unit_path, f.case_ref) f.id, f.ord FROM ${projection(query.source, s)} WHERE ${where} ORDER BY f.unit_path, f.case_ref, f.ord, f.id) d ORDER BY d.ord, d.id LIMIT ${limit}`;
  }
  return sql`SELECT f.id FROM ${projection(query.source, s)} WHERE ${where} ORDER BY f.ord, f.id LIMIT ${limit}`;
}

/** How many rows the list behind a cell has (the figure for COUNT and CASES). */
export function cellListCount(query: CellQuery, s: CellScope): SQL {
  const where = cellPredicate(query);
  if (query.measure === 'CASES') return sql`SELECT count(*)::int AS n FROM (SELECT DISTINCT f.unit_path, f.case_ref FROM ${projection(query.source, s)} WHERE ${where}) d`;
  return sql`SELECT count(*)::int AS n FROM ${projection(query.source, s)} WHERE ${where}`;
}
