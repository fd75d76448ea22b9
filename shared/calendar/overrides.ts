/**
 * Official-day overrides as administrator data: validation (the list may come from JSON or a
 * settings table) and merging an administrator's changes onto the bundled list.
 */
import { CalendarError } from './errors.ts';
import { compareIsoDate, isIsoDate } from './iso-date.ts';
import { DAY_KINDS, type DayKind, type OfficialDayOverride, type OverrideChange } from './types.ts';

function invalid(index: number, field: string, problem: string, problemVi: string): CalendarError {
  return new CalendarError(
    'calendar.invalid_override',
    `Official day #${index}: ${field} ${problem}`,
    `Ngày nghỉ/làm bù thứ ${index}: ${field} ${problemVi}`
  );
}

function isNonEmptyString(v: unknown): v is string {
  return typeof v === 'string' && v.trim() !== '';
}

/** Checks one override (from untrusted data) and returns it typed; throws CalendarError. */
export function validateOverride(value: unknown, index = 0): OfficialDayOverride {
  if (typeof value !== 'object' || value === null) {
    throw invalid(index, 'entry', 'must be an object', 'phải là một đối tượng');
  }
  const o = value as Record<string, unknown>;
  if (!isIsoDate(o.date)) {
    throw invalid(index, 'date', `must be a real YYYY-MM-DD date, got ${JSON.stringify(o.date)}`,
      `phải là ngày YYYY-MM-DD có thật, nhận được ${JSON.stringify(o.date)}`);
  }
  if (typeof o.kind !== 'string' || !(DAY_KINDS as readonly string[]).includes(o.kind)) {
    throw invalid(index, 'kind', `must be one of ${DAY_KINDS.join(', ')}`, `phải là một trong ${DAY_KINDS.join(', ')}`);
  }
  if (!isNonEmptyString(o.name)) {
    throw invalid(index, 'name', 'must be a non-empty Vietnamese name', 'phải có tên tiếng Việt');
  }
  if (!isNonEmptyString(o.legalRef)) {
    throw invalid(index, 'legalRef', 'must name the document the day comes from', 'phải ghi văn bản căn cứ');
  }
  if (o.nameEn !== undefined && typeof o.nameEn !== 'string') {
    throw invalid(index, 'nameEn', 'must be a string', 'phải là chuỗi');
  }
  if (o.holiday !== undefined && !isNonEmptyString(o.holiday)) {
    throw invalid(index, 'holiday', 'must be a non-empty code', 'phải là mã ngày lễ');
  }
  return {
    date: o.date,
    kind: o.kind as DayKind,
    name: o.name,
    legalRef: o.legalRef,
    ...(o.nameEn === undefined ? {} : { nameEn: o.nameEn }),
    ...(o.holiday === undefined ? {} : { holiday: o.holiday })
  };
}

/** Checks a whole list: every entry valid and at most one entry per date. */
export function validateOverrides(values: readonly unknown[]): OfficialDayOverride[] {
  const seen = new Set<string>();
  return values.map((v, i) => {
    const o = validateOverride(v, i);
    if (seen.has(o.date)) {
      throw invalid(i, 'date', `${o.date} appears twice`, `${o.date} bị trùng`);
    }
    seen.add(o.date);
    return o;
  });
}

/**
 * `base` with `changes` applied in order: an override replaces the entry on its date (or adds one),
 * `{ date, remove: true }` drops it. The result is validated and sorted by date. Typical use:
 * mergeOverrides(OFFICIAL_DAYS, rowsFromTheSettingsTable).
 */
export function mergeOverrides(
  base: readonly OfficialDayOverride[],
  changes: readonly OverrideChange[]
): OfficialDayOverride[] {
  const byDate = new Map(validateOverrides(base).map((o) => [o.date, o] as const));
  changes.forEach((change, i) => {
    if ('remove' in change && change.remove === true) {
      if (!isIsoDate(change.date)) {
        throw invalid(i, 'date', `must be a real YYYY-MM-DD date, got ${JSON.stringify(change.date)}`,
          `phải là ngày YYYY-MM-DD có thật, nhận được ${JSON.stringify(change.date)}`);
      }
      byDate.delete(change.date);
      return;
    }
    const o = validateOverride(change, i);
    byDate.set(o.date, o);
  });
  return [...byDate.values()].sort((a, b) => compareIsoDate(a.date, b.date));
}
