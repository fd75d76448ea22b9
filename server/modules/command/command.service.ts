/**
 * What the wall screen (/command) asks the API for, always inside the caller's scope and under
 * row-level security: the current figures, the deadline warning list, a unit's drill-down, the
 * latest events, and (for leaders and paired screens) who is online.
 */
import { toVnDate } from '../../../shared/calendar/iso-date.ts';
import { minimalScope, provinceOfPath, type CommandSnapshot, type DeadlineItem, type DrilldownItem, type PresenceEntry } from '../../../shared/command.ts';
import type { EventEnvelope } from '../../../shared/events.ts';
import { snapshotTopic } from '../../../shared/topics.ts';
import { isWithinAny } from '../../../shared/unit-path.ts';
import type { Db } from '../../db/client.ts';
import { withScope } from '../../db/scoped.ts';
import { mayViewPresence, requirePetitionRead } from '../access/policy.ts';
import type { AuthUser } from '../auth/auth.types.ts';
import type { CalendarService } from '../calendar/calendar.service.ts';
import { createUnitsRepository } from '../units/units.repository.ts';
import { boundsAt, snapshotOf } from './command-rollup.ts';
import { commandErrors } from './command.errors.ts';
import { createCommandRepository } from './command.repository.ts';
import type { PresenceTracker } from './presence-tracker.ts';

export interface CommandServiceDeps {
  db: Db;
  calendar: CalendarService;
  presence: PresenceTracker;
  now?: () => Date;
}

export function createCommandService(deps: CommandServiceDeps) {
  const now = deps.now ?? (() => new Date());
  const { db } = deps;

  return {
    /**
     * The caller's figures, counted now, plus the snapshot topics to subscribe to (one per
     * subtree of the scope) and the event cursor to resume the live feed from.
     */
    async snapshot(user: AuthUser): Promise<{ snapshot: CommandSnapshot; topics: string[]; lastSeq: string }> {
      const scope = minimalScope(requirePetitionRead(user));
      const at = now();
      const bounds = boundsAt(at);
      // The cursor first: an event committed while we count is then replayed, never missed.
      const lastSeq = await createCommandRepository(db).maxSeq();
      const snapshot = await withScope(db, scope, async (tx) => {
        const repo = createCommandRepository(tx);
        return snapshotOf(scope, await repo.statusCounts(bounds, scope, 'province'), await repo.recentCounts(bounds, scope, 'province'), bounds, at);
      });
      return { snapshot, topics: scope.map(snapshotTopic), lastSeq };
    },

    /** Open petitions with a last day, soonest (or longest overdue) first, with working days left. */
    async deadlines(user: AuthUser, limit: number): Promise<{ items: DeadlineItem[] }> {
      const scope = minimalScope(requirePetitionRead(user));
      const rows = await withScope(db, scope, (tx) => createCommandRepository(tx).deadlines(scope, limit));
      const { calendar } = await deps.calendar.current();
      const today = toVnDate(now());
      const left = (due: string) => (due >= today ? calendar.workingDaysBetween(today, due) : -calendar.workingDaysBetween(due, today));
      return {
        items: rows.map((r) => ({
          petitionId: r.id,
          code: r.code,
          type: r.type,
          status: r.status,
          unitName: r.unit_name,
          provinceCode: provinceOfPath(r.unit_path),
          dueDate: r.due_date,
          dueAt: new Date(r.due_at).toISOString(),
          state: r.deadline_state,
          workingDaysLeft: left(r.due_date)
        }))
      };
    },

    /** The units directly below a unit (a province: its communes and bodies), busiest first. */
    async drilldown(user: AuthUser, unitPath: string): Promise<{ unitPath: string; unitName: string; items: DrilldownItem[] }> {
      const scope = minimalScope(requirePetitionRead(user));
      if (!isWithinAny(unitPath, scope)) throw commandErrors.unitOutOfScope();
      const unit = await createUnitsRepository(db).findByPath(unitPath);
      if (!unit) throw commandErrors.unitNotFound();
      const rows = await withScope(db, scope, (tx) => createCommandRepository(tx).childCounts(unitPath, scope, boundsAt(now()).month));
      return {
        unitPath,
        unitName: unit.name,
        items: rows.map((r) => ({ unitPath: r.unit_path, unitName: r.unit_name ?? r.unit_path, open: r.open, overdue: r.overdue, receivedThisMonth: r.month }))
      };
    },

    /** The latest events in scope, oldest first (what the live feed shows when a screen opens). */
    async feed(user: AuthUser, limit: number): Promise<{ events: EventEnvelope[] }> {
      const scope = minimalScope(requirePetitionRead(user));
      const events = await withScope(db, scope, (tx) => createCommandRepository(tx).latestEvents(scope, limit));
      return { events: events.reverse() };
    },

    /** Other officials with an open live connection, inside the caller's scope. */
    async presence(user: AuthUser): Promise<{ online: PresenceEntry[] }> {
      const wallScreen = user.role === 'VIEWER' && (await createCommandRepository(db).isWallScreenSession(user.sessionId));
      if (!mayViewPresence(user, wallScreen)) throw commandErrors.presenceForbidden();
      return { online: deps.presence.online(user.scopePaths).filter((o) => o.userId !== user.id) };
    }
  };
}
export type CommandService = ReturnType<typeof createCommandService>;
