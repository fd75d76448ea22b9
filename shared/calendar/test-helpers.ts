import { CalendarError } from './errors.ts';

/** The CalendarError `fn` throws; fails the test if it throws nothing or something else. */
export function calendarErrorOf(fn: () => unknown): CalendarError {
  try {
    fn();
  } catch (err) {
    if (err instanceof CalendarError) {
      return err;
    }
    throw new Error(`Expected a CalendarError, got ${String(err)}`);
  }
  throw new Error('Expected a CalendarError, nothing was thrown');
}
