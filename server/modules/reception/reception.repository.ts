/** SQL of the reception module (Drizzle). Callers run it inside withScope: RLS filters too. */
import { and, asc, desc, eq, gte, inArray, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.ts';
import { arrayParam } from '../../db/columns.ts';
import { petitionsTable } from '../petitions/petitions.table.ts';
import { unitsTable } from '../units/units.table.ts';
import { usersTable } from '../users/users.table.ts';
import {
  receptionCountersTable,
  receptionSchedulesTable,
  receptionSessionsTable,
  receptionVisitorsTable,
  receptionVisitsTable,
  type NewScheduleRow,
  type NewSessionRow,
  type NewVisitorRow,
  type NewVisitRow,
  type ScheduleRow,
  type SessionRow,
  type VisitorRow,
  type VisitRow
} from './reception.table.ts';

const within = (column: unknown, paths: readonly string[]) => sql`${column} <@ ANY(${arrayParam(paths, 'ltree')})`;

export interface SessionFilters {
  scopePaths: string[];
  subtree?: string;
  from?: string;
  to?: string;
  type?: string;
  status?: string;
}

export interface VisitFilters {
  scopePaths: string[];
  subtree?: string;
  sessionId?: string;
  from?: Date;
  to?: Date;
  outcome?: string;
  isGroup?: boolean;
}

export interface SessionWithNames extends SessionRow {
  unitName: string;
  hostName: string | null;
  visits: number;
  people: number;
}

export interface VisitWithContext {
  visit: VisitRow;
  sessionType: string;
  hostMode: string | null;
  unitName: string;
  receivedByName: string | null;
  leaderName: string | null;
  checkedByName: string | null;
  petitionType: string | null;
  caseId: string | null;
}

export interface UserRef {
  id: string;
  fullName: string;
  role: string;
  disabled: boolean;
  unitPath: string;
  unitName: string;
}

export function createReceptionRepository(db: DbOrTx) {
  const host = alias(usersTable, 'host');

  async function sessionsWhere(where: SQL | undefined, limit: number): Promise<SessionWithNames[]> {
    const counts = db
      .select({
        sessionId: receptionVisitsTable.sessionId,
        visits: sql<number>`count(*)::int`.as('visits'),
        people: sql<number>`sum(${receptionVisitsTable.groupSize})::int`.as('people')
      })
      .from(receptionVisitsTable)
      .groupBy(receptionVisitsTable.sessionId)
      .as('counts');
    const rows = await db
      .select({ session: receptionSessionsTable, unitName: unitsTable.name, hostName: host.fullName, visits: counts.visits, people: counts.people })
      .from(receptionSessionsTable)
      .innerJoin(unitsTable, eq(unitsTable.id, receptionSessionsTable.unitId))
      .leftJoin(host, eq(host.id, receptionSessionsTable.hostUserId))
      .leftJoin(counts, eq(counts.sessionId, receptionSessionsTable.id))
      .where(where)
      .orderBy(asc(receptionSessionsTable.sessionDate), asc(sql`coalesce(${receptionSessionsTable.startTime}, '00:00')`), asc(receptionSessionsTable.createdAt))
      .limit(limit);
    return rows.map((r) => ({ ...r.session, unitName: r.unitName, hostName: r.hostName, visits: r.visits ?? 0, people: r.people ?? 0 }));
  }

  return {
    // ------------------------------------------------------------ people and units

    async user(id: string): Promise<UserRef | null> {
      const [row] = await db
        .select({ id: usersTable.id, fullName: usersTable.fullName, role: usersTable.role, disabled: usersTable.disabled, unitPath: unitsTable.path, unitName: unitsTable.name })
        .from(usersTable)
        .innerJoin(unitsTable, eq(unitsTable.id, usersTable.unitId))
        .where(eq(usersTable.id, id));
      return row ?? null;
    },

    /** Accounts that may host a reception of the unit at `unitPath`: of the unit, its ancestors or its subtree. */
    async hostsFor(unitPath: string, roles: readonly string[]): Promise<UserRef[]> {
      return db
        .select({ id: usersTable.id, fullName: usersTable.fullName, role: usersTable.role, disabled: usersTable.disabled, unitPath: unitsTable.path, unitName: unitsTable.name })
        .from(usersTable)
        .innerJoin(unitsTable, eq(unitsTable.id, usersTable.unitId))
        .where(and(eq(usersTable.disabled, false), inArray(usersTable.role, [...roles]), sql`(${unitsTable.path} @> ${unitPath}::ltree OR ${unitsTable.path} <@ ${unitPath}::ltree)`))
        .orderBy(asc(unitsTable.path), asc(usersTable.fullName))
        .limit(200);
    },

    // ------------------------------------------------------------ schedules

    async insertSchedule(values: NewScheduleRow): Promise<ScheduleRow> {
      const [row] = await db.insert(receptionSchedulesTable).values(values).returning();
      return row!;
    },

    async updateSchedule(id: string, values: Partial<NewScheduleRow>): Promise<ScheduleRow> {
      const [row] = await db.update(receptionSchedulesTable).set({ ...values, updatedAt: new Date() }).where(eq(receptionSchedulesTable.id, id)).returning();
      return row!;
    },

    async findSchedule(id: string, scopePaths: string[]) {
      const [row] = await db
        .select({ schedule: receptionSchedulesTable, unitName: unitsTable.name, hostName: host.fullName })
        .from(receptionSchedulesTable)
        .innerJoin(unitsTable, eq(unitsTable.id, receptionSchedulesTable.unitId))
        .leftJoin(host, eq(host.id, receptionSchedulesTable.hostUserId))
        .where(and(eq(receptionSchedulesTable.id, id), within(receptionSchedulesTable.unitPath, scopePaths)));
      return row ?? null;
    },

    async listSchedules(scopePaths: string[], subtree?: string) {
      return db
        .select({ schedule: receptionSchedulesTable, unitName: unitsTable.name, hostName: host.fullName })
        .from(receptionSchedulesTable)
        .innerJoin(unitsTable, eq(unitsTable.id, receptionSchedulesTable.unitId))
        .leftJoin(host, eq(host.id, receptionSchedulesTable.hostUserId))
        .where(and(within(receptionSchedulesTable.unitPath, scopePaths), subtree ? sql`${receptionSchedulesTable.unitPath} <@ ${subtree}::ltree` : undefined))
        .orderBy(asc(receptionSchedulesTable.unitPath), asc(receptionSchedulesTable.createdAt))
        .limit(200);
    },

    /** Rule dates that already have a session (generated earlier, moved, edited or cancelled). */
    async scheduleSlots(scheduleId: string): Promise<Set<string>> {
      const rows = await db.select({ slot: receptionSessionsTable.scheduledFor }).from(receptionSessionsTable).where(eq(receptionSessionsTable.scheduleId, scheduleId));
      return new Set(rows.map((r) => r.slot).filter((s): s is string => s !== null));
    },

    /** Generated sessions from `fromDate` on that nobody has touched (no visit, not edited, still scheduled). */
    async removeUntouchedSessions(scheduleId: string, fromDate: string): Promise<number> {
      const rows = await db
        .delete(receptionSessionsTable)
        .where(
          and(
            eq(receptionSessionsTable.scheduleId, scheduleId),
            gte(receptionSessionsTable.sessionDate, fromDate),
            eq(receptionSessionsTable.status, 'DU_KIEN'),
            eq(receptionSessionsTable.edited, false),
            sql`NOT EXISTS (SELECT 1 FROM reception_visits v WHERE v.session_id = ${receptionSessionsTable.id})`
          )
        )
        .returning({ id: receptionSessionsTable.id });
      return rows.length;
    },

    async upcomingOfSchedule(scheduleId: string, fromDate: string, limit: number) {
      return db
        .select({ id: receptionSessionsTable.id, date: receptionSessionsTable.sessionDate, status: receptionSessionsTable.status })
        .from(receptionSessionsTable)
        .where(and(eq(receptionSessionsTable.scheduleId, scheduleId), gte(receptionSessionsTable.sessionDate, fromDate)))
        .orderBy(asc(receptionSessionsTable.sessionDate))
        .limit(limit);
    },

    // ------------------------------------------------------------ sessions

    async insertSessions(values: NewSessionRow[]): Promise<SessionRow[]> {
      if (values.length === 0) return [];
      return db.insert(receptionSessionsTable).values(values).returning();
    },

    /** Today's desk of the regular reception: created on the first visit of the day, then reused. */
    async deskSession(values: NewSessionRow & { desk: string }): Promise<SessionRow> {
      await db.insert(receptionSessionsTable).values(values).onConflictDoNothing();
      const [row] = await db
        .select()
        .from(receptionSessionsTable)
        .where(
          and(
            eq(receptionSessionsTable.unitId, values.unitId),
            eq(receptionSessionsTable.sessionDate, values.sessionDate),
            eq(receptionSessionsTable.type, 'THUONG_XUYEN'),
            eq(receptionSessionsTable.desk, values.desk)
          )
        );
      return row!;
    },

    async updateSession(id: string, values: Partial<NewSessionRow>): Promise<SessionRow> {
      const [row] = await db.update(receptionSessionsTable).set({ ...values, updatedAt: new Date() }).where(eq(receptionSessionsTable.id, id)).returning();
      return row!;
    },

    /** The session, locked: visits and changes of one session are serialised. */
    async lockSession(id: string, scopePaths: string[]): Promise<SessionRow | null> {
      const [row] = await db
        .select()
        .from(receptionSessionsTable)
        .where(and(eq(receptionSessionsTable.id, id), within(receptionSessionsTable.unitPath, scopePaths)))
        .for('update');
      return row ?? null;
    },

    async findSession(id: string, scopePaths: string[]): Promise<SessionWithNames | null> {
      const [row] = await sessionsWhere(and(eq(receptionSessionsTable.id, id), within(receptionSessionsTable.unitPath, scopePaths)), 1);
      return row ?? null;
    },

    async listSessions(f: SessionFilters, limit: number): Promise<SessionWithNames[]> {
      return sessionsWhere(
        and(
          within(receptionSessionsTable.unitPath, f.scopePaths),
          f.subtree ? sql`${receptionSessionsTable.unitPath} <@ ${f.subtree}::ltree` : undefined,
          f.from ? gte(receptionSessionsTable.sessionDate, f.from) : undefined,
          f.to ? lte(receptionSessionsTable.sessionDate, f.to) : undefined,
          f.type ? eq(receptionSessionsTable.type, f.type) : undefined,
          f.status ? eq(receptionSessionsTable.status, f.status) : undefined
        ),
        limit
      );
    },

    async countVisits(sessionId: string): Promise<number> {
      const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(receptionVisitsTable).where(eq(receptionVisitsTable.sessionId, sessionId));
      return row?.n ?? 0;
    },

    // ------------------------------------------------------------ visits

    /** Next number in the unit's book for the year; the row lock serialises concurrent desks of one unit. */
    async nextNumber(unitId: string, year: number): Promise<number> {
      const [row] = await db
        .insert(receptionCountersTable)
        .values({ unitId, year, last: 1 })
        .onConflictDoUpdate({ target: [receptionCountersTable.unitId, receptionCountersTable.year], set: { last: sql`${receptionCountersTable.last} + 1` } })
        .returning({ last: receptionCountersTable.last });
      return row!.last;
    },

    async insertVisit(values: NewVisitRow): Promise<VisitRow> {
      const [row] = await db.insert(receptionVisitsTable).values(values).returning();
      return row!;
    },

    async insertVisitors(rows: NewVisitorRow[]): Promise<void> {
      if (rows.length > 0) await db.insert(receptionVisitorsTable).values(rows);
    },

    async updateVisit(id: string, values: Partial<NewVisitRow>): Promise<VisitRow> {
      const [row] = await db.update(receptionVisitsTable).set({ ...values, updatedAt: new Date() }).where(eq(receptionVisitsTable.id, id)).returning();
      return row!;
    },

    async lockVisit(id: string, scopePaths: string[]): Promise<VisitRow | null> {
      const [row] = await db
        .select()
        .from(receptionVisitsTable)
        .where(and(eq(receptionVisitsTable.id, id), within(receptionVisitsTable.unitPath, scopePaths)))
        .for('update');
      return row ?? null;
    },

    /** Has this person (by identity number or phone, keyed hashes) been received before in the scope? */
    async visitedBefore(hashes: { idNumber: Buffer[]; phone: Buffer[] }, scopePaths: string[], before: Date): Promise<boolean> {
      if (hashes.idNumber.length + hashes.phone.length === 0) return false;
      const { rows } = await db.execute<{ found: number }>(sql`
        SELECT 1 AS found FROM reception_visitors rv JOIN reception_visits v ON v.id = rv.visit_id
         WHERE (rv.id_number_hash = ANY(${arrayParam(hashes.idNumber, 'bytea')}) OR rv.phone_hash = ANY(${arrayParam(hashes.phone, 'bytea')}))
           AND v.unit_path <@ ANY(${arrayParam(scopePaths, 'ltree')}) AND v.visited_at < ${before}
         LIMIT 1`);
      return rows.length > 0;
    },

    /** Visits with what their lines show, in book order (oldest first) or newest first. */
    async visits(
      f: VisitFilters & { ids?: string[] },
      options: { limit: number; order: 'book' | 'newest'; after?: { at: Date; id: string } }
    ): Promise<VisitWithContext[]> {
      const receiver = alias(usersTable, 'receiver');
      const leader = alias(usersTable, 'leader');
      const checker = alias(usersTable, 'checker');
      const keyset = options.after
        ? or(lt(receptionVisitsTable.visitedAt, options.after.at), and(eq(receptionVisitsTable.visitedAt, options.after.at), lt(receptionVisitsTable.id, options.after.id)))
        : undefined;
      const rows = await db
        .select({
          visit: receptionVisitsTable,
          sessionType: receptionSessionsTable.type,
          hostMode: receptionSessionsTable.hostMode,
          unitName: unitsTable.name,
          receivedByName: receiver.fullName,
          leaderName: leader.fullName,
          checkedByName: checker.fullName,
          petitionType: petitionsTable.type,
          caseId: petitionsTable.caseId
        })
        .from(receptionVisitsTable)
        .innerJoin(receptionSessionsTable, eq(receptionSessionsTable.id, receptionVisitsTable.sessionId))
        .innerJoin(unitsTable, eq(unitsTable.id, receptionVisitsTable.unitId))
        .leftJoin(receiver, eq(receiver.id, receptionVisitsTable.receivedBy))
        .leftJoin(leader, eq(leader.id, receptionVisitsTable.leaderUserId))
        .leftJoin(checker, eq(checker.id, receptionVisitsTable.identityCheckedBy))
        .leftJoin(petitionsTable, eq(petitionsTable.id, receptionVisitsTable.petitionId))
        .where(
          and(
            within(receptionVisitsTable.unitPath, f.scopePaths),
            f.ids ? inArray(receptionVisitsTable.id, f.ids) : undefined,
            f.subtree ? sql`${receptionVisitsTable.unitPath} <@ ${f.subtree}::ltree` : undefined,
            f.sessionId ? eq(receptionVisitsTable.sessionId, f.sessionId) : undefined,
            f.from ? gte(receptionVisitsTable.visitedAt, f.from) : undefined,
            f.to ? lt(receptionVisitsTable.visitedAt, f.to) : undefined,
            f.outcome ? eq(receptionVisitsTable.outcome, f.outcome) : undefined,
            f.isGroup === undefined ? undefined : eq(receptionVisitsTable.isGroup, f.isGroup),
            keyset
          )
        )
        .orderBy(
          ...(options.order === 'book'
            ? [asc(receptionVisitsTable.visitedAt), asc(receptionVisitsTable.unitPath), asc(receptionVisitsTable.seq)]
            : [desc(receptionVisitsTable.visitedAt), desc(receptionVisitsTable.id)])
        )
        .limit(options.limit);
      return rows;
    },

    async visitorsOf(visitIds: string[]): Promise<VisitorRow[]> {
      if (visitIds.length === 0) return [];
      return db.select().from(receptionVisitorsTable).where(inArray(receptionVisitorsTable.visitId, visitIds)).orderBy(asc(receptionVisitorsTable.visitId), asc(receptionVisitorsTable.position));
    }
  };
}
export type ReceptionRepository = ReturnType<typeof createReceptionRepository>;
