/**
 * SQL of the command centre. The figures are per-unit counts kept by the petitions' own
 * statements (migration 0020; grouped by unit and status, so one read serves every scope;
 * command-rollup.ts sums them). With `scope` the queries
 * also filter by it (run them inside withScope: RLS is the second wall); without, they count the
 * whole country for the retained per-unit snapshots, which the broker ACL hands out by scope.
 */
import { and, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { arrayParam } from '../../db/columns.ts';
import type { EventEnvelope } from '../../../shared/events.ts';
import { usersTable } from '../users/users.table.ts';
import { unitsTable } from '../units/units.table.ts';
import type { CommandBounds, UnitRecentCounts, UnitStatusCounts } from './command-rollup.ts';
import { kioskDevicesTable } from './command.table.ts';

const inScope = (column: SQL, scope: readonly string[] | undefined) => (scope ? sql`AND ${column} <@ ANY(${arrayParam(scope, 'ltree')})` : sql``);

/**
 * The unit the counts are grouped by: each unit (the retained per-unit snapshots), or its
 * province (one scope's snapshot, which only splits by province: far fewer rows to sum).
 */
export type CountGrain = 'unit' | 'province';
const grainOf = (grain: CountGrain) =>
  grain === 'unit' ? sql`unit_path` : sql`CASE WHEN nlevel(unit_path) > 2 THEN subpath(unit_path, 0, 2) ELSE unit_path END`;

export type DeadlineRow = {
  id: string;
  code: string;
  type: string;
  status: string;
  unit_name: string;
  unit_path: string;
  due_date: string;
  due_at: Date;
  deadline_state: 'ON_TRACK' | 'DUE_SOON' | 'OVERDUE';
};

export function createCommandRepository(db: DbOrTx) {
  return {
    async statusCounts(bounds: CommandBounds, scope?: readonly string[], grain: CountGrain = 'unit'): Promise<UnitStatusCounts[]> {
      const key = grainOf(grain);
      // From the per-unit counts the petitions' own statements keep (migration 0020): the same
      // figures as counting the petitions, read from a few thousand rows. Days and years are
      // Vietnamese, as the bounds are.
      const { rows } = await db.execute<UnitStatusCounts>(sql`
        WITH st AS (
          SELECT ${key} AS unit_path, status, sum(n) AS total,
                 coalesce(sum(n) FILTER (WHERE open), 0) AS open,
                 coalesce(sum(n) FILTER (WHERE open AND deadline_state = 'DUE_SOON'), 0) AS due_soon,
                 coalesce(sum(n) FILTER (WHERE open AND deadline_state = 'OVERDUE'), 0) AS overdue
            FROM command_unit_state WHERE true ${inScope(sql`unit_path`, scope)}
           GROUP BY 1, 2 HAVING sum(n) <> 0),
        rc AS (
          SELECT ${key} AS unit_path, status, coalesce(sum(n) FILTER (WHERE day >= ${bounds.day}::date), 0) AS today, sum(n) AS month
            FROM command_unit_received WHERE day >= ${`${bounds.day.slice(0, 7)}-01`}::date ${inScope(sql`unit_path`, scope)}
           GROUP BY 1, 2),
        cl AS (
          SELECT ${key} AS unit_path, status, sum(n) AS closed_year, coalesce(sum(n) FILTER (WHERE on_time), 0) AS on_time_year
            FROM command_unit_closed WHERE year >= ${Number(bounds.day.slice(0, 4))} ${inScope(sql`unit_path`, scope)}
           GROUP BY 1, 2)
        SELECT st.unit_path::text AS "unitPath", st.status, st.total::int AS total,
               coalesce(rc.today, 0)::int AS today, coalesce(rc.month, 0)::int AS month,
               st.open::int AS open, st.due_soon::int AS "dueSoon", st.overdue::int AS overdue,
               coalesce(cl.closed_year, 0)::int AS "closedYear", coalesce(cl.on_time_year, 0)::int AS "onTimeYear"
          FROM st LEFT JOIN rc USING (unit_path, status) LEFT JOIN cl USING (unit_path, status)`);
      return rows;
    },

    /** Received since the trend window opened, per unit and Vietnamese day, type or field. */
    async recentCounts(bounds: CommandBounds, scope?: readonly string[], grain: CountGrain = 'unit'): Promise<UnitRecentCounts[]> {
      const { rows } = await db.execute<UnitRecentCounts>(sql`
        SELECT unit_path::text AS "unitPath",
               CASE WHEN GROUPING(day) = 0 THEN to_char(day, 'YYYY-MM-DD') END AS day,
               CASE WHEN GROUPING(type) = 0 THEN type END AS type,
               CASE WHEN GROUPING(field) = 0 THEN field END AS field,
               sum(n)::int AS n
          FROM (SELECT ${grainOf(grain)} AS unit_path, day, type, field, n FROM command_unit_received
                 WHERE day >= ${bounds.trendFrom}::date ${inScope(sql`unit_path`, scope)}) r
         GROUP BY GROUPING SETS ((unit_path, day), (unit_path, type), (unit_path, field))
        HAVING sum(n) <> 0`);
      return rows;
    },

    /** Open petitions with a last day, soonest (or longest overdue) first. */
    async deadlines(scope: readonly string[], limit: number): Promise<DeadlineRow[]> {
      const { rows } = await db.execute<DeadlineRow>(sql`
        SELECT p.id, p.code, p.type, p.status, u.name AS unit_name, p.unit_path::text AS unit_path,
               p.due_date::text AS due_date, p.due_at, p.deadline_state
          FROM petitions p JOIN units u ON u.id = p.unit_id
         WHERE p.closed_at IS NULL AND p.due_at IS NOT NULL ${inScope(sql`p.unit_path`, scope)}
         ORDER BY p.due_at, p.id
         LIMIT ${limit}`);
      return rows;
    },

    /** Open, overdue and this month's petitions of each unit directly below `parent` (the parent's own as itself). */
    async childCounts(parent: string, scope: readonly string[], monthStart: Date) {
      const { rows } = await db.execute<{ unit_path: string; unit_name: string | null; open: number; overdue: number; month: number }>(sql`
        WITH counted AS (
          SELECT CASE WHEN nlevel(unit_path) > nlevel(${parent}::ltree) THEN subpath(unit_path, 0, nlevel(${parent}::ltree) + 1) ELSE unit_path END AS child,
                 (count(*) FILTER (WHERE closed_at IS NULL))::int AS open,
                 (count(*) FILTER (WHERE closed_at IS NULL AND deadline_state = 'OVERDUE'))::int AS overdue,
                 (count(*) FILTER (WHERE received_at >= ${monthStart}))::int AS month
            FROM petitions
           WHERE unit_path <@ ${parent}::ltree ${inScope(sql`unit_path`, scope)}
           GROUP BY 1)
        SELECT c.child::text AS unit_path, u.name AS unit_name, c.open, c.overdue, c.month
          FROM counted c LEFT JOIN units u ON u.path = c.child
         ORDER BY c.open DESC, c.overdue DESC, u.name
         LIMIT 200`);
      return rows;
    },

    /** The latest delivered events in scope, newest first (the live feed when a screen opens). */
    async latestEvents(scope: readonly string[], limit: number): Promise<EventEnvelope[]> {
      const { rows } = await db.execute<{ id: string; seq: string; event_type: string; unit_path: string; created_at: Date; payload: unknown }>(sql`
        SELECT id::text, seq::text, event_type, unit_path::text, created_at, payload
          FROM outbox
         WHERE seq IS NOT NULL AND published_at IS NOT NULL ${inScope(sql`unit_path`, scope)}
         ORDER BY seq DESC
         LIMIT ${limit}`);
      return rows.map(
        (r) => ({ id: r.id, seq: r.seq, type: r.event_type, unitPath: r.unit_path, occurredAt: new Date(r.created_at).toISOString(), payload: r.payload }) as EventEnvelope
      );
    },

    async maxSeq(): Promise<string> {
      const { rows } = await db.execute<{ seq: string | null }>(sql`SELECT max(seq)::text AS seq FROM outbox`);
      return rows[0]?.seq ?? '0';
    },

    // --- wall screens (kiosk devices) ---

    async insertDevice(values: typeof kioskDevicesTable.$inferInsert) {
      const [row] = await db.insert(kioskDevicesTable).values(values).returning();
      return row!;
    },

    async findActiveDeviceByTokenHash(tokenHash: Buffer) {
      const [row] = await db
        .select()
        .from(kioskDevicesTable)
        .where(and(eq(kioskDevicesTable.tokenHash, tokenHash), isNull(kioskDevicesTable.revokedAt)))
        .limit(1);
      return row ?? null;
    },

    async findDevice(id: string) {
      const [row] = await db
        .select({ device: kioskDevicesTable, accountUnitPath: unitsTable.path })
        .from(kioskDevicesTable)
        .innerJoin(usersTable, eq(usersTable.id, kioskDevicesTable.accountId))
        .innerJoin(unitsTable, eq(unitsTable.id, usersTable.unitId))
        .where(eq(kioskDevicesTable.id, id))
        .limit(1);
      return row ?? null;
    },

    async markDeviceUsed(id: string, sessionId: string, at: Date) {
      await db.update(kioskDevicesTable).set({ lastUsedAt: at, lastSessionId: sessionId }).where(eq(kioskDevicesTable.id, id));
    },

    async revokeDevice(id: string, by: string, at: Date) {
      await db.update(kioskDevicesTable).set({ revokedAt: at, revokedBy: by }).where(and(eq(kioskDevicesTable.id, id), isNull(kioskDevicesTable.revokedAt)));
    },

    /** Devices whose screen account belongs to a unit inside one of the subtrees. */
    async listDevices(scope: readonly string[]) {
      return db
        .select({
          id: kioskDevicesTable.id,
          label: kioskDevicesTable.label,
          accountCode: usersTable.identifierCode,
          accountName: usersTable.fullName,
          unitName: unitsTable.name,
          createdAt: kioskDevicesTable.createdAt,
          lastUsedAt: kioskDevicesTable.lastUsedAt,
          revokedAt: kioskDevicesTable.revokedAt
        })
        .from(kioskDevicesTable)
        .innerJoin(usersTable, eq(usersTable.id, kioskDevicesTable.accountId))
        .innerJoin(unitsTable, eq(unitsTable.id, usersTable.unitId))
        .where(sql`${unitsTable.path} <@ ANY(${arrayParam(scope, 'ltree')})`)
        .orderBy(desc(kioskDevicesTable.createdAt))
        .limit(200);
    },

    /** Is this login session one a paired wall screen opened (and the device still paired)? */
    async isWallScreenSession(sessionId: string): Promise<boolean> {
      const [row] = await db
        .select({ id: kioskDevicesTable.id })
        .from(kioskDevicesTable)
        .where(and(eq(kioskDevicesTable.lastSessionId, sessionId), isNull(kioskDevicesTable.revokedAt)))
        .limit(1);
      return row !== undefined;
    }
  };
}
export type CommandRepository = ReturnType<typeof createCommandRepository>;
