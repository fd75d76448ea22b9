/**
 * The working calendar and the time-limit rules in force: the bundled official days and rules
 * (shared/calendar) plus what administrators added (the government's yearly announcements, the
 * configurable limits). Cached in memory; every change reloads it.
 */
import { eq } from 'drizzle-orm';
import {
  CalendarError,
  DEADLINE_RULES,
  OFFICIAL_DAYS,
  applyDeadlineSettings,
  createWorkingCalendar,
  mergeOverrides,
  type DeadlineRule,
  type DeadlineSetting,
  type OfficialDayOverride,
  type OverrideChange,
  type WorkingCalendar
} from '../../../shared/calendar/index.ts';
import type { Db } from '../../db/client.ts';
import { commonErrors } from '../../http/errors.ts';
import { appendAudit } from '../audit/audit.log.ts';
import type { AuthUser } from '../auth/auth.types.ts';
import { calendarErrors } from './calendar.errors.ts';
import { calendarOverridesTable, deadlineSettingsTable } from './calendar.table.ts';

export interface CalendarInForce {
  calendar: WorkingCalendar;
  rules: readonly DeadlineRule[];
}

function toAppError(error: unknown): never {
  if (error instanceof CalendarError) throw calendarErrors.invalid([{ field: 'body', message: error.messageVi, messageEn: error.message }]);
  throw error;
}

function requireAdmin(user: AuthUser): void {
  if (user.role !== 'ADMIN') throw commonErrors.forbidden();
}

export function createCalendarService(db: Db) {
  let cached: Promise<CalendarInForce> | undefined;

  async function load(): Promise<CalendarInForce> {
    const days = await db.select().from(calendarOverridesTable);
    const settings = await db.select().from(deadlineSettingsTable);
    const changes: OverrideChange[] = days.map((d) => ({ date: d.date, kind: d.kind as OfficialDayOverride['kind'], name: d.name, ...(d.nameEn ? { nameEn: d.nameEn } : {}), legalRef: d.legalRef }));
    const calendar = createWorkingCalendar({ overrides: mergeOverrides(OFFICIAL_DAYS, changes) });
    const rules = applyDeadlineSettings(Object.fromEntries(settings.map((s) => [s.ruleId, s.setting as DeadlineSetting])));
    return { calendar, rules };
  }

  return {
    current(): Promise<CalendarInForce> {
      cached ??= load().catch((error) => {
        cached = undefined;
        throw error;
      });
      return cached;
    },

    async year(year: number) {
      const { calendar } = await this.current();
      return calendar.officialDaysOf(year);
    },

    async setDay(user: AuthUser, day: OfficialDayOverride): Promise<void> {
      requireAdmin(user);
      try {
        mergeOverrides(OFFICIAL_DAYS, [day]);
      } catch (error) {
        toAppError(error);
      }
      await db.transaction(async (tx) => {
        const values = { date: day.date, kind: day.kind, name: day.name, nameEn: day.nameEn ?? null, legalRef: day.legalRef, updatedBy: user.id, updatedAt: new Date() };
        await tx.insert(calendarOverridesTable).values(values).onConflictDoUpdate({ target: calendarOverridesTable.date, set: values });
        await appendAudit(tx, { actorId: user.id, actorLabel: user.identifierCode, action: 'calendar.set_day', entityType: 'calendar_day', entityId: day.date, details: { kind: day.kind, legalRef: day.legalRef } });
      });
      cached = undefined;
    },

    async removeDay(user: AuthUser, date: string): Promise<void> {
      requireAdmin(user);
      await db.transaction(async (tx) => {
        const removed = await tx.delete(calendarOverridesTable).where(eq(calendarOverridesTable.date, date)).returning();
        if (removed.length === 0) throw commonErrors.notFound();
        await appendAudit(tx, { actorId: user.id, actorLabel: user.identifierCode, action: 'calendar.remove_day', entityType: 'calendar_day', entityId: date, details: {} });
      });
      cached = undefined;
    },

    async rules() {
      const { rules } = await this.current();
      return rules.map((rule) => ({ ...rule, default: DEADLINE_RULES.find((r) => r.id === rule.id) ?? null }));
    },

    async setRule(user: AuthUser, ruleId: string, setting: DeadlineSetting): Promise<void> {
      requireAdmin(user);
      if (!DEADLINE_RULES.some((r) => r.id === ruleId)) throw calendarErrors.unknownRule();
      const existing = await db.select().from(deadlineSettingsTable);
      const all = Object.fromEntries(existing.map((s) => [s.ruleId, s.setting as DeadlineSetting]));
      try {
        applyDeadlineSettings({ ...all, [ruleId]: setting });
      } catch (error) {
        toAppError(error);
      }
      await db.transaction(async (tx) => {
        const values = { ruleId, setting, updatedBy: user.id, updatedAt: new Date() };
        await tx.insert(deadlineSettingsTable).values(values).onConflictDoUpdate({ target: deadlineSettingsTable.ruleId, set: values });
        await appendAudit(tx, { actorId: user.id, actorLabel: user.identifierCode, action: 'calendar.set_rule', entityType: 'deadline_rule', entityId: ruleId, details: { setting } });
      });
      cached = undefined;
    }
  };
}
export type CalendarService = ReturnType<typeof createCalendarService>;
