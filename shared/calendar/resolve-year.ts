/**
 * The official days of one year: computed holidays, compensatory days, then announced overrides.
 *
 * Order matters:
 * 1. computed holidays (statutory-holidays.ts), minus every holiday block that the overrides
 *    announce for that year (an announcement lists its own compensatory days);
 * 2. nghỉ bù for each remaining computed holiday that falls on a weekly rest day: the next working
 *    day (BLLĐ 2019 Điều 111 khoản 3: "được nghỉ bù ngày nghỉ hằng tuần vào ngày làm việc kế tiếp");
 * 3. overrides, which win on their dates.
 */
import { CalendarError } from './errors.ts';
import { addDays, dateParts, type IsoDate } from './iso-date.ts';
import { DAY_KIND_NAMES, englishName } from './names.ts';
import { statutoryHolidays, type IsRestDay, type StatutoryOptions } from './statutory-holidays.ts';
import { DAY_OFF_KINDS, type CalendarDay, type OfficialDayOverride } from './types.ts';

const COMPENSATORY_REF = 'BLLĐ 2019 Điều 111 khoản 3';
// A compensatory day is at most a few weeks away; more means the overrides close the whole year.
const MAX_SEARCH_DAYS = 60;

export interface ResolveYearOptions extends StatutoryOptions {
  isRestDay: IsRestDay;
  /** false: no computed holidays at all, only the overrides (an agency that enters every day). */
  computeDefaults: boolean;
}

function toCalendarDay(o: OfficialDayOverride): CalendarDay {
  return { ...o, nameEn: englishName(o), source: 'OVERRIDE', isDayOff: DAY_OFF_KINDS.has(o.kind) };
}

/** Official days of `year` keyed by date; a date absent from the map is an ordinary day. */
export function resolveYear(
  year: number,
  overrides: readonly OfficialDayOverride[],
  opts: ResolveYearOptions
): Map<IsoDate, CalendarDay> {
  const own = overrides.filter((o) => dateParts(o.date).year === year);
  const overrideAt = new Map(own.map((o) => [o.date, o] as const));
  const announced = new Set(own.flatMap((o) => (o.holiday === undefined ? [] : [o.holiday])));

  const result = new Map<IsoDate, CalendarDay>();
  if (opts.computeDefaults) {
    for (const d of statutoryHolidays(year, opts.isRestDay, opts)) {
      if (d.holiday !== undefined && announced.has(d.holiday)) {
        continue;
      }
      if (!result.has(d.date)) {
        result.set(d.date, d);
      }
    }
  }

  const isWorking = (d: IsoDate): boolean => {
    const o = overrideAt.get(d);
    if (o !== undefined) {
      return !DAY_OFF_KINDS.has(o.kind);
    }
    return !result.has(d) && !opts.isRestDay(d);
  };

  for (const holiday of [...result.values()]) {
    if (!opts.isRestDay(holiday.date) || overrideAt.has(holiday.date)) {
      continue;
    }
    let d = addDays(holiday.date, 1);
    for (let i = 0; !isWorking(d); i++, d = addDays(d, 1)) {
      if (i > MAX_SEARCH_DAYS) {
        throw new CalendarError(
          'calendar.data_broken',
          `No working day after ${holiday.date} for a compensatory day off`,
          `Không tìm được ngày làm việc sau ${holiday.date} để nghỉ bù`
        );
      }
    }
    result.set(d, {
      date: d,
      kind: 'NGHI_BU',
      name: `${DAY_KIND_NAMES.NGHI_BU.vi} ${holiday.name}`,
      nameEn: `${DAY_KIND_NAMES.NGHI_BU.en} for ${holiday.nameEn}`,
      legalRef: COMPENSATORY_REF,
      ...(holiday.holiday === undefined ? {} : { holiday: holiday.holiday }),
      source: 'COMPUTED',
      isDayOff: true
    });
  }

  for (const o of own) {
    result.set(o.date, toCalendarDay(o));
  }
  return result;
}
