/**
 * Civil time in Vietnam (Asia/Ho_Chi_Minh is UTC+7 all year, no daylight saving), computed
 * without the process's TZ so a server in UTC and a browser anywhere agree on "today".
 */
import { startOfVnDay as startOfVnDate, toVnDate, VN_OFFSET_MS as OFFSET_MS } from './calendar/iso-date.ts';

/** The instant at which the Vietnamese calendar day containing `instant` began. */
export function startOfVnDay(instant: Date): Date {
  return startOfVnDate(toVnDate(instant));
}

export function vnYear(instant: Date): number {
  return new Date(instant.getTime() + OFFSET_MS).getUTCFullYear();
}

/** dd/mm/yyyy HH:MM in Vietnam time, the format officials read. */
export function formatVnDateTime(instant: Date | string): string {
  const d = new Date(new Date(instant).getTime() + OFFSET_MS);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

export function formatVnDate(instant: Date | string): string {
  return formatVnDateTime(instant).slice(0, 10);
}
