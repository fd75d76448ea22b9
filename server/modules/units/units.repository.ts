import { and, asc, desc, eq, getTableColumns, isNull, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { arrayParam } from '../../db/columns.ts';
import { PROVINCE_KINDS } from '../../../shared/unit-kinds.ts';
import { unitHistoryTable, unitsTable, type UnitHistoryRow, type UnitRow } from './units.table.ts';

export type NewUnit = typeof unitsTable.$inferInsert;
export type NewUnitHistory = typeof unitHistoryTable.$inferInsert;

export interface UnitListRow extends UnitRow {
  hasChildren: boolean;
}

/** Position of a row in a list ordered by (rank, level, path): the keyset of the next page. */
export interface UnitKeyset {
  rank: number;
  level: number;
  path: string;
}

export interface UnitSearch {
  /** Subtrees the caller may read. */
  scope: string[];
  parentId?: string;
  /** Free text: every word must occur in the name or short name, accents and case ignored; or a code prefix. */
  q?: string;
  kinds?: string[];
  includeClosed: boolean;
  maxDepth?: number;
  limit: number;
  after?: UnitKeyset;
}

/** Must stay the expression of index units_search_trgm (migrations/0005_units.sql). */
const searchText = sql`lower(f_unaccent(${unitsTable.name} || ' ' || coalesce(${unitsTable.shortName}, '')))`;
const folded = (value: string) => sql`lower(f_unaccent(${value}))`;
const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);
const level = sql<number>`nlevel(${unitsTable.path})`;
const levelNumber = () => sql<number>`nlevel(${unitsTable.path})`.mapWith(Number);

/** 0 exact name/short name/code, 1 name starts with the text, 2 contains it as a phrase, 3 contains all words. */
function rankOf(q: string | undefined): SQL {
  if (!q) return sql`0::int`;
  const like = escapeLike(q);
  return sql`(CASE
    WHEN lower(${unitsTable.code}) = lower(${q}) OR lower(f_unaccent(${unitsTable.name})) = ${folded(q)}
      OR lower(f_unaccent(coalesce(${unitsTable.shortName}, ''))) = ${folded(q)} THEN 0
    WHEN ${searchText} LIKE ${folded(like)} || '%' OR lower(f_unaccent(coalesce(${unitsTable.shortName}, ''))) LIKE ${folded(like)} || '%' THEN 1
    WHEN ${searchText} LIKE '%' || ${folded(like)} || '%' THEN 2
    ELSE 3 END)`;
}

function hasChildrenOf(includeClosed: boolean): SQL<boolean> {
  // units.id spelled out: Drizzle renders a column of the only table unqualified, which inside this
  // subquery would mean c.id.
  return sql<boolean>`EXISTS (SELECT 1 FROM units c WHERE c.parent_id = units.id${includeClosed ? sql`` : sql` AND c.valid_to IS NULL`})`;
}

export function createUnitsRepository(db: DbOrTx) {
  const selectListRow = (includeClosed: boolean) => db.select({ ...getTableColumns(unitsTable), hasChildren: hasChildrenOf(includeClosed) }).from(unitsTable);

  return {
    async findById(id: string): Promise<UnitRow | null> {
      const [row] = await db.select().from(unitsTable).where(eq(unitsTable.id, id)).limit(1);
      return row ?? null;
    },
    async findByCode(code: string): Promise<UnitRow | null> {
      const [row] = await db.select().from(unitsTable).where(eq(unitsTable.code, code)).limit(1);
      return row ?? null;
    },
    async findByPath(path: string): Promise<UnitRow | null> {
      const [row] = await db.select().from(unitsTable).where(sql`${unitsTable.path} = ${path}::ltree`).limit(1);
      return row ?? null;
    },
    /** One unit with hasChildren (open children only unless includeClosed). */
    async findListRowById(id: string, includeClosed = false): Promise<UnitListRow | null> {
      const [row] = await selectListRow(includeClosed).where(eq(unitsTable.id, id)).limit(1);
      return row ?? null;
    },
    async listChildren(parentId: string): Promise<UnitRow[]> {
      return db.select().from(unitsTable).where(eq(unitsTable.parentId, parentId)).orderBy(asc(unitsTable.code));
    },
    /** Ancestors of a path, root first (the unit itself excluded). */
    async ancestors(path: string): Promise<UnitListRow[]> {
      return selectListRow(false)
        .where(sql`${unitsTable.path} @> ${path}::ltree AND ${unitsTable.path} <> ${path}::ltree`)
        .orderBy(level);
    },
    /**
     * A page of units inside the scope, ordered by (search rank, level, path), `limit + 1` rows so
     * the caller knows whether a next page exists. Returns each row's keyset.
     */
    async search(s: UnitSearch): Promise<{ row: UnitListRow; keyset: UnitKeyset }[]> {
      if (s.scope.length === 0) return [];
      const q = s.q?.trim().replace(/\s+/g, ' ');
      const rank = rankOf(q);
      const conditions: (SQL | undefined)[] = [sql`${unitsTable.path} <@ ANY(${arrayParam(s.scope, 'ltree')})`];
      if (s.parentId) conditions.push(eq(unitsTable.parentId, s.parentId));
      if (s.kinds?.length) conditions.push(sql`${unitsTable.kind} = ANY(${arrayParam(s.kinds, 'text')})`);
      if (!s.includeClosed) conditions.push(isNull(unitsTable.validTo));
      if (s.maxDepth) conditions.push(sql`${level} <= ${s.maxDepth}`);
      if (q) {
        const words = q.split(' ').map((w) => sql`${searchText} LIKE '%' || ${folded(escapeLike(w))} || '%'`);
        conditions.push(sql`((${sql.join(words, sql` AND `)}) OR ${unitsTable.code} ILIKE ${escapeLike(q)} || '%')`);
      }
      if (s.after) conditions.push(sql`(${rank}, ${level}, ${unitsTable.path}) > (${s.after.rank}::int, ${s.after.level}::int, ${s.after.path}::ltree)`);
      const rows = await db
        .select({ ...getTableColumns(unitsTable), hasChildren: hasChildrenOf(s.includeClosed), rank: sql<number>`${rank}`.mapWith(Number), level: levelNumber() })
        .from(unitsTable)
        .where(and(...conditions))
        .orderBy(...(q ? [rank] : []), level, asc(unitsTable.path))
        .limit(s.limit + 1);
      return rows.map(({ rank: r, level: l, ...row }) => ({ row, keyset: { rank: r, level: l, path: row.path } }));
    },
    async insertMany(rows: NewUnit[]): Promise<UnitRow[]> {
      if (rows.length === 0) return [];
      return db.insert(unitsTable).values(rows).returning();
    },
    async insert(row: NewUnit): Promise<UnitRow> {
      const [inserted] = await db.insert(unitsTable).values(row).returning();
      return inserted!;
    },
    async update(id: string, values: Partial<Pick<NewUnit, 'name' | 'shortName' | 'parentId' | 'validTo' | 'closedReason'>>): Promise<UnitRow> {
      const [row] = await db.update(unitsTable).set(values).where(eq(unitsTable.id, id)).returning();
      return row!;
    },
    async count(): Promise<number> {
      const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(unitsTable);
      return row?.n ?? 0;
    },
    async countOpenChildren(id: string): Promise<number> {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(unitsTable)
        .where(and(eq(unitsTable.parentId, id), isNull(unitsTable.validTo)));
      return row?.n ?? 0;
    },

    /**
     * Structural changes (create, move, close) take this transaction lock, so two concurrent moves
     * cannot build a cycle (A under B while B goes under A) and checks see committed state.
     */
    async lockTree(): Promise<void> {
      await db.execute(sql`SELECT pg_advisory_xact_lock(727005)`);
    },

    /** Re-roots the subtree at `oldPath` under `newParentPath` (the unit keeps its own label); returns the units moved. */
    async rebaseSubtree(oldPath: string, newParentPath: string): Promise<number> {
      const result = await db.execute(sql`
        UPDATE units SET path = ${newParentPath}::ltree || subpath(path, nlevel(${oldPath}::ltree) - 1), updated_at = now()
         WHERE path <@ ${oldPath}::ltree`);
      return result.rowCount ?? 0;
    },

    /** province_code of every unit in a subtree: the code of its province-level ancestor (or itself), else null. */
    async refreshProvinceCodes(subtreePath: string): Promise<void> {
      await db.execute(sql`
        UPDATE units u SET province_code = (
          SELECT a.code FROM units a WHERE a.path = subpath(u.path, 0, 2) AND a.kind = ANY(${arrayParam(PROVINCE_KINDS, 'text')}))
         WHERE u.path <@ ${subtreePath}::ltree`);
    },

    /**
     * Tables that copy a unit's path (scope filters and row-level security read the copy) must
     * name the new place after a move: petitions, their cases and steps, the reception book.
     * Returns how many petitions moved.
     */
    async rebasePetitionPaths(oldPath: string, newParentPath: string): Promise<number> {
      const rebase = (table: string) => sql`
        UPDATE ${sql.raw(table)} SET unit_path = ${newParentPath}::ltree || subpath(unit_path, nlevel(${oldPath}::ltree) - 1)
         WHERE unit_path <@ ${oldPath}::ltree`;
      for (const table of ['cases', 'petition_events', 'reception_schedules', 'reception_sessions', 'reception_visits']) await db.execute(rebase(table));
      const result = await db.execute(rebase('petitions'));
      return result.rowCount ?? 0;
    },

    async insertHistory(entry: NewUnitHistory): Promise<void> {
      await db.insert(unitHistoryTable).values(entry);
    },
    async listHistory(unitId: string, limit: number): Promise<UnitHistoryRow[]> {
      return db.select().from(unitHistoryTable).where(eq(unitHistoryTable.unitId, unitId)).orderBy(desc(unitHistoryTable.id)).limit(limit);
    }
  };
}
export type UnitsRepository = ReturnType<typeof createUnitsRepository>;
