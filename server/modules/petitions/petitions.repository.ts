import { and, asc, desc, eq, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { IsoDate } from '../../../shared/calendar/index.ts';
import type { DbOrTx } from '../../db/client.ts';
import { arrayParam } from '../../db/columns.ts';
import { unitsTable } from '../units/units.table.ts';
import { usersTable } from '../users/users.table.ts';
import { casesTable, petitionCountersTable, petitionEventsTable, petitionsTable, type CaseRow, type PetitionRow } from './petitions.table.ts';

export interface PetitionWithUnit extends PetitionRow {
  unitName: string;
}

/** Filters of the officials' list; every one is optional and they combine with AND. */
export interface PetitionFilters {
  scopePaths: string[];
  subtree?: string;
  q?: string;
  status?: string[];
  type?: string[];
  field?: string[];
  provinceCode?: string;
  communeCode?: string;
  assignedTo?: string;
  dueBefore?: Date;
  deadline?: string;
  open?: boolean;
  caseId?: string;
}

const inScope = (scopePaths: string[]) => sql`${petitionsTable.unitPath} <@ ANY(${arrayParam(scopePaths, 'ltree')})`;

/** A search word as a LIKE pattern folded like search_text (lower + f_unaccent); %, _ and \ stay literal. */
function folded(word: string): SQL {
  const escaped = word.replace(/[\\%_]/g, (c) => `\\${c}`);
  return sql`'%' || lower(f_unaccent(${escaped})) || '%'`;
}

/** Each word must appear, accents and case ignored (the trigram index serves LIKE). */
function textConditions(q: string | undefined): SQL[] {
  return (q ?? '')
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .slice(0, 8)
    .map((w) => sql`${sql.raw('petitions.search_text')} LIKE ${folded(w)}`);
}

/** A search first reads this many of the newest matching rows before asking the trigram index. */
const SEARCH_RECENT_WINDOW = 20_000;

function filterConditions(f: PetitionFilters, options: { text?: boolean } = {}): (SQL | undefined)[] {
  return [
    inScope(f.scopePaths),
    f.subtree ? sql`${petitionsTable.unitPath} <@ ${f.subtree}::ltree` : undefined,
    ...(options.text === false ? [] : textConditions(f.q)),
    f.status?.length ? inArray(petitionsTable.status, f.status) : undefined,
    f.type?.length ? inArray(petitionsTable.type, f.type) : undefined,
    f.field?.length ? inArray(petitionsTable.field, f.field) : undefined,
    f.provinceCode ? eq(petitionsTable.provinceCode, f.provinceCode) : undefined,
    f.communeCode ? eq(petitionsTable.communeCode, f.communeCode) : undefined,
    f.assignedTo ? eq(petitionsTable.assignedTo, f.assignedTo) : undefined,
    f.dueBefore ? sql`${petitionsTable.closedAt} IS NULL AND ${petitionsTable.dueAt} <= ${f.dueBefore}` : undefined,
    f.deadline ? sql`${petitionsTable.closedAt} IS NULL AND ${petitionsTable.deadlineState} = ${f.deadline}` : undefined,
    f.open === true ? sql`${petitionsTable.closedAt} IS NULL` : f.open === false ? sql`${petitionsTable.closedAt} IS NOT NULL` : undefined,
    f.caseId ? eq(petitionsTable.caseId, f.caseId) : undefined
  ];
}

export function createPetitionsRepository(db: DbOrTx) {
  return {
    /** Next receipt sequence for a unit and year; the row lock serialises concurrent intakes of one unit. */
    async nextSequence(unitId: string, year: number): Promise<number> {
      const [row] = await db
        .insert(petitionCountersTable)
        .values({ unitId, year, last: 1 })
        .onConflictDoUpdate({
          target: [petitionCountersTable.unitId, petitionCountersTable.year],
          set: { last: sql`${petitionCountersTable.last} + 1` }
        })
        .returning({ last: petitionCountersTable.last });
      return row!.last;
    },

    async insert(values: typeof petitionsTable.$inferInsert): Promise<PetitionRow> {
      const [row] = await db.insert(petitionsTable).values(values).returning();
      return row!;
    },

    async update(id: string, values: Partial<typeof petitionsTable.$inferInsert>): Promise<PetitionRow> {
      const [row] = await db.update(petitionsTable).set({ ...values, updatedAt: new Date() }).where(eq(petitionsTable.id, id)).returning();
      return row!;
    },

    async insertEvent(values: typeof petitionEventsTable.$inferInsert): Promise<void> {
      await db.insert(petitionEventsTable).values(values);
    },

    async insertCase(values: typeof casesTable.$inferInsert): Promise<CaseRow> {
      const [row] = await db.insert(casesTable).values(values).returning();
      return row!;
    },

    async findCase(id: string, scopePaths: string[]): Promise<CaseRow | null> {
      const [row] = await db
        .select()
        .from(casesTable)
        .where(and(eq(casesTable.id, id), sql`${casesTable.unitPath} <@ ANY(${arrayParam(scopePaths, 'ltree')})`));
      return row ?? null;
    },

    /** The petition, locked for a step (two officials acting at once are serialised). */
    async findForUpdate(id: string, scopePaths: string[]): Promise<PetitionRow | null> {
      const [row] = await db.select().from(petitionsTable).where(and(eq(petitionsTable.id, id), inScope(scopePaths))).for('update');
      return row ?? null;
    },

    async findDetail(id: string, scopePaths: string[]) {
      const fromUnit = alias(unitsTable, 'from_unit');
      const [row] = await db
        .select({ petition: petitionsTable, unitName: unitsTable.name, caseCode: casesTable.code, fromUnitName: fromUnit.name, assignedToName: usersTable.fullName })
        .from(petitionsTable)
        .innerJoin(unitsTable, eq(unitsTable.id, petitionsTable.unitId))
        .leftJoin(casesTable, eq(casesTable.id, petitionsTable.caseId))
        .leftJoin(fromUnit, eq(fromUnit.id, petitionsTable.transferredFromUnitId))
        .leftJoin(usersTable, eq(usersTable.id, petitionsTable.assignedTo))
        .where(and(eq(petitionsTable.id, id), inScope(scopePaths)));
      return row ?? null;
    },

    async history(petitionId: string) {
      const actingUnit = alias(unitsTable, 'acting_unit');
      const targetUnit = alias(unitsTable, 'target_unit');
      return db
        .select({ event: petitionEventsTable, actorName: usersTable.fullName, unitName: actingUnit.name, targetUnitName: targetUnit.name })
        .from(petitionEventsTable)
        .leftJoin(usersTable, eq(usersTable.id, petitionEventsTable.actorId))
        .leftJoin(actingUnit, sql`${actingUnit.path} = ${petitionEventsTable.unitPath}`)
        .leftJoin(targetUnit, eq(targetUnit.id, petitionEventsTable.targetUnitId))
        .where(eq(petitionEventsTable.petitionId, petitionId))
        .orderBy(asc(petitionEventsTable.id));
    },

    /**
     * Newest first, keyset-paginated on (received_at, id): pages stay fast however deep. Ids only:
     * run outside row-level security (outsideScope), where the planner may use the trigram and
     * path indexes (under RLS, non-leakproof operators such as LIKE cannot drive an index); the
     * caller then reads the rows under RLS with byIds, so the second wall still filters them.
     */
    async listIds(filters: PetitionFilters, limit: number, after?: { receivedAt: Date; id: string }): Promise<string[]> {
      const keyset = after
        ? or(lt(petitionsTable.receivedAt, after.receivedAt), and(eq(petitionsTable.receivedAt, after.receivedAt), lt(petitionsTable.id, after.id)))
        : undefined;
      const text = textConditions(filters.q);
      if (text.length === 0) {
        const rows = await db
          .select({ id: petitionsTable.id })
          .from(petitionsTable)
          .where(and(...filterConditions(filters), keyset))
          .orderBy(desc(petitionsTable.receivedAt), desc(petitionsTable.id))
          .limit(limit);
        return rows.map((r) => r.id);
      }
      // A search, in two bounded steps whatever the planner guesses about the words: (1) the words
      // among the newest rows that pass the other filters (common words fill the page here);
      // (2) if that did not fill it, every match found by the trigram index, then the filters.
      const recent = db
        .select({ id: petitionsTable.id, receivedAt: petitionsTable.receivedAt, searchText: sql<string>`petitions.search_text`.as('search_text') })
        .from(petitionsTable)
        .where(and(...filterConditions(filters, { text: false }), keyset))
        .orderBy(desc(petitionsTable.receivedAt), desc(petitionsTable.id))
        .limit(SEARCH_RECENT_WINDOW)
        .as('petitions');
      const first = await db
        .select({ id: recent.id })
        .from(recent)
        .where(and(...text))
        .orderBy(desc(recent.receivedAt), desc(recent.id))
        .limit(limit);
      if (first.length === limit) return first.map((r) => r.id);
      const { rows } = await db.execute<{ id: string }>(sql`
        WITH hits AS MATERIALIZED (SELECT id FROM petitions WHERE ${and(inScope(filters.scopePaths), ...text)})
        SELECT petitions.id FROM petitions JOIN hits ON hits.id = petitions.id
         WHERE ${and(...filterConditions(filters, { text: false }), keyset)}
         ORDER BY petitions.received_at DESC, petitions.id DESC LIMIT ${limit}`);
      return rows.map((r) => r.id);
    },

    /** The rows of these ids that the scope lets through, newest first. */
    async byIds(ids: string[], scopePaths: string[]): Promise<PetitionWithUnit[]> {
      if (ids.length === 0) return [];
      const rows = await db
        .select({ petition: petitionsTable, unitName: unitsTable.name })
        .from(petitionsTable)
        .innerJoin(unitsTable, eq(unitsTable.id, petitionsTable.unitId))
        .where(and(inArray(petitionsTable.id, ids), inScope(scopePaths)))
        .orderBy(desc(petitionsTable.receivedAt), desc(petitionsTable.id));
      return rows.map((r) => ({ ...r.petition, unitName: r.unitName }));
    },

    async count(filters: PetitionFilters): Promise<number> {
      const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(petitionsTable).where(and(...filterConditions(filters)));
      return row?.n ?? 0;
    },

    /**
     * Petitions in the subtrees (received on or after a Vietnamese day, if given), read from the
     * per-unit counts kept by the petitions' own statements (migration 0020): every page asks for
     * them, and counting the rows of a national scope took seconds at 5,000,000 petitions.
     */
    async countInScope(scopePaths: string[], sinceDay?: IsoDate): Promise<number> {
      const scope = sql`unit_path <@ ANY(${arrayParam(scopePaths, 'ltree')})`;
      const { rows } = await db.execute<{ n: number }>(
        sinceDay
          ? sql`SELECT coalesce(sum(n), 0)::int AS n FROM command_unit_received WHERE day >= ${sinceDay}::date AND ${scope}`
          : sql`SELECT coalesce(sum(n), 0)::int AS n FROM command_unit_state WHERE ${scope}`
      );
      return rows[0]?.n ?? 0;
    },

    async hasSecondRound(parentId: string): Promise<boolean> {
      const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(petitionsTable).where(and(eq(petitionsTable.parentId, parentId), eq(petitionsTable.round, 2)));
      return (row?.n ?? 0) > 0;
    },

    async countAll(): Promise<number> {
      const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(petitionsTable);
      return row?.n ?? 0;
    }
  };
}
export type PetitionsRepository = ReturnType<typeof createPetitionsRepository>;
