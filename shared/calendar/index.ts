/**
 * Working-day calendar and deadline rules of Đơn Thư (DOMAIN.md §3). Everything is a civil date
 * 'YYYY-MM-DD' in Vietnam; nothing here reads the clock or the process's time zone.
 */
export { ADDITIONAL_HOLIDAYS } from './additional-holidays-data.ts';
export {
  DEADLINE_RULES,
  DEADLINE_UNITS,
  REVIEW_136,
  applyDeadlineSettings,
  computeDeadline,
  deadlineAmount,
  getDeadlineRule,
  type Complexity,
  type DeadlineCircumstances,
  type DeadlineRule,
  type DeadlineRuleId,
  type DeadlineSetting,
  type DeadlineUnit
} from './deadline-rules.ts';
export { CALENDAR_ERROR_CODES, CalendarError, type CalendarErrorCode } from './errors.ts';
export {
  addDays,
  addYears,
  compareIsoDate,
  dateParts,
  dayOfWeek,
  diffDays,
  formatVn,
  isIsoDate,
  isoDate,
  parseIsoDate,
  parseVnDate,
  startOfVnDay,
  toVnDate,
  type DateParts,
  type IsoDate
} from './iso-date.ts';
export { gregorianToLunar, lunarNewYearEve, lunarToGregorian, tetDate, type LunarDate } from './lunar.ts';
export { DAY_KIND_NAMES, HOLIDAY_NAMES, type BilingualName } from './names.ts';
export { OFFICIAL_DAYS } from './official-days-data.ts';
export { mergeOverrides, validateOverride, validateOverrides } from './overrides.ts';
export { quocKhanhAdjacentDay, statutoryHolidays, tetBlock } from './statutory-holidays.ts';
export {
  DAY_KINDS,
  DAY_OFF_KINDS,
  STATUTORY_HOLIDAYS,
  type AdditionalHolidayRule,
  type CalendarDay,
  type DayKind,
  type HolidayKey,
  type OfficialDayOverride,
  type OverrideChange,
  type StatutoryHoliday
} from './types.ts';
export {
  createWorkingCalendar,
  type AddCalendarDaysOptions,
  type WorkingCalendar,
  type WorkingCalendarOptions
} from './working-calendar.ts';
