/** SQL of the report forms: figures per row unit, the ids behind a figure, and the rows of a list. */
import { sql } from 'drizzle-orm';
import type { CellQuery, CellSource, FormCell } from '../../../shared/reports/forms.ts';
import type { DbOrTx } from '../../db/client.ts';
import { arrayParam } from '../../db/columns.ts';
import { casesFigure, cellListCount, cellListIds, groupedFigures, type CellScope } from './form-query.ts';

export type RowUnit = {
  id: string;
  code: string;
  name: string;
  path: string;
  closed: boolean;
};

export type FactItem = {
  id: string;
  petition_id: string;
  code: string;
  type: string;
  in_at: Date;
  out_at: Date | null;
  in_action: string;
  out_action: string | null;
  received_at: Date;
  unit_name: string | null;
  status: string | null;
  case_code: string | null;
};
export type VisitItem = {
  id: string;
  year: number;
  seq: number;
  visited_at: Date;
  session_type: string;
  host_mode: string | null;
  round: string;
  classification: string;
  outcome: string;
  group_size: number;
  is_group: boolean;
  petition_code: string | null;
  unit_name: string;
};
export type SessionItem = {
  id: string;
  session_date: string;
  type: string;
  host_mode: string | null;
  channel: string;
  unit_name: string;
  visits: number;
};

export function createReportsRepository(db: DbOrTx) {
  return {
    /** The units directly under a unit (the rows of its report besides its own). */
    async childUnits(parentId: string): Promise<RowUnit[]> {
      const { rows } = await db.execute<RowUnit>(sql`
        SELECT id, code, name, path::text AS path, valid_to IS NOT NULL AS closed FROM units WHERE parent_id = ${parentId} ORDER BY code`);
      return rows;
    },

    /** Every counted cell's figure, per row of the form (row = unit path of the root or of a child). */
    async figures(cells: readonly FormCell[], s: CellScope): Promise<Map<string, Record<string, number>>> {
      const out = new Map<string, Record<string, number>>();
      const add = (rows: Record<string, unknown>[], codes: string[]) => {
        for (const r of rows) {
          const values = out.get(String(r.row_path)) ?? {};
          codes.forEach((code, i) => (values[code] = (values[code] ?? 0) + Number(r[`c${i}`] ?? 0)));
          out.set(String(r.row_path), values);
        }
      };
      const bySource = new Map<CellSource, FormCell[]>();
      for (const c of cells) if (c.query) bySource.set(c.query.source, [...(bySource.get(c.query.source) ?? []), c]);
      for (const [source, group] of bySource) {
        add((await db.execute<Record<string, unknown>>(groupedFigures(source, group.map((c) => c.query!), s))).rows, group.map((c) => c.code));
      }
      for (const c of cells) {
        if (c.query?.measure === 'CASES') add((await db.execute<Record<string, unknown>>(casesFigure(c.query, s))).rows, [c.code]);
      }
      return out;
    },

    async listIds(query: CellQuery, s: CellScope, limit: number): Promise<string[]> {
      const { rows } = await db.execute<{ id: string }>(cellListIds(query, s, limit));
      return rows.map((r) => String(r.id));
    },

    async listCount(query: CellQuery, s: CellScope): Promise<number> {
      const { rows } = await db.execute<{ n: number }>(cellListCount(query, s));
      return rows[0]?.n ?? 0;
    },

    /** Rows behind a figure of the petition facts; a petition now outside the caller's scope shows no status. */
    async factItems(ids: readonly string[]): Promise<FactItem[]> {
      if (ids.length === 0) return [];
      const { rows } = await db.execute<FactItem>(sql`
        SELECT f.id::text, f.petition_id, f.petition_code AS code, coalesce(f.type_out, f.type_in) AS type, f.in_at, f.out_at, f.in_action, f.out_action,
               f.received_at, u.name AS unit_name, p.status, c.code AS case_code
          FROM report_facts f LEFT JOIN units u ON u.id = f.unit_id LEFT JOIN petitions p ON p.id = f.petition_id LEFT JOIN cases c ON c.id = f.case_id
         WHERE f.id = ANY(${arrayParam(ids, 'bigint')})`);
      return orderBy(ids, rows);
    },

    async visitItems(ids: readonly string[]): Promise<VisitItem[]> {
      if (ids.length === 0) return [];
      const { rows } = await db.execute<VisitItem>(sql`
        SELECT v.id, v.year, v.seq, v.visited_at, s.type AS session_type, s.host_mode, v.round, v.classification, v.outcome, v.group_size, v.is_group,
               v.petition_code, u.name AS unit_name
          FROM reception_visits v JOIN reception_sessions s ON s.id = v.session_id JOIN units u ON u.id = v.unit_id
         WHERE v.id = ANY(${arrayParam(ids, 'uuid')})`);
      return orderBy(ids, rows);
    },

    async sessionItems(ids: readonly string[]): Promise<SessionItem[]> {
      if (ids.length === 0) return [];
      const { rows } = await db.execute<SessionItem>(sql`
        SELECT s.id, s.session_date::text, s.type, s.host_mode, s.channel, u.name AS unit_name,
               (SELECT count(*)::int FROM reception_visits v WHERE v.session_id = s.id) AS visits
          FROM reception_sessions s JOIN units u ON u.id = s.unit_id WHERE s.id = ANY(${arrayParam(ids, 'uuid')})`);
      return orderBy(ids, rows);
    }
  };
}

function orderBy<T extends { id: string }>(ids: readonly string[], rows: T[]): T[] {
  const byId = new Map(rows.map((r) => [String(r.id), r]));
  return ids.map((id) => byId.get(id)).filter((r): r is T => r !== undefined);
}
