/**
 * Errors of the calendar module. Each has a stable `code` for the API error body
 * (shared/api-error.ts): `message` is English (logs, stack traces), `messageVi` is for the clerk.
 */
export const CALENDAR_ERROR_CODES = [
  'calendar.invalid_date',
  'calendar.invalid_lunar_date',
  'calendar.invalid_argument',
  'calendar.invalid_override',
  'calendar.invalid_rule',
  'calendar.data_broken'
] as const;
export type CalendarErrorCode = (typeof CALENDAR_ERROR_CODES)[number];

export class CalendarError extends RangeError {
  override readonly name = 'CalendarError';

  constructor(
    readonly code: CalendarErrorCode,
    message: string,
    readonly messageVi: string
  ) {
    super(message);
  }
}
