/**
 * The deadline of a petition's open step: which rule, from which day, how many extensions, and
 * the resulting last day (due_date) and instant (due_at, the end of that day in Vietnam).
 */
import { addDays, computeDeadline, getDeadlineRule, startOfVnDay, type Complexity, type DeadlineRuleId, type IsoDate } from '../../../shared/calendar/index.ts';
import type { CalendarInForce } from '../calendar/calendar.service.ts';

export interface Clock {
  dueRule: string | null;
  clockStart: IsoDate | null;
  extensions: number;
  dueDate: IsoDate | null;
  dueAt: Date | null;
}

export const STOPPED: Clock = { dueRule: null, clockStart: null, extensions: 0, dueDate: null, dueAt: null };

/** The end of a Vietnamese civil day: the instant after which the step is overdue. */
export function endOfVnDay(d: IsoDate): Date {
  return new Date(startOfVnDay(addDays(d, 1)).getTime() - 1);
}

export function startClock(
  inForce: CalendarInForce,
  ruleId: DeadlineRuleId,
  start: IsoDate,
  circumstances: { complexity?: string; remoteArea?: boolean; extensions?: number } = {}
): Clock {
  const rule = getDeadlineRule(ruleId, inForce.rules);
  const extensions = circumstances.extensions ?? 0;
  const dueDate = computeDeadline(rule, start, inForce.calendar, {
    complexity: (circumstances.complexity ?? 'THUONG') as Complexity,
    remoteArea: circumstances.remoteArea ?? false,
    extensions
  });
  return { dueRule: ruleId, clockStart: start, extensions, dueDate, dueAt: endOfVnDay(dueDate) };
}

/** How many extensions the current rule still allows for this complexity (0 when none). */
export function extensionsLeft(inForce: CalendarInForce, ruleId: string | null, complexity: string, used: number): number {
  if (!ruleId) return 0;
  const rule = getDeadlineRule(ruleId as DeadlineRuleId, inForce.rules);
  const max = rule.extension?.maxCount[(complexity as Complexity) ?? 'THUONG'] ?? 0;
  return Math.max(0, max - used);
}
