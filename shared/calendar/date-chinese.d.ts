// Types for the part of date-chinese 2.1.4 we use. The package ships types/index.d.ts, but its
// package.json "exports" has no "types" condition, so TypeScript (bundler and nodenext resolution)
// never finds them and reports TS7016. Ambient declarations win over untyped JS.
declare module 'date-chinese' {
  export interface GregorianDate {
    year: number;
    month: number;
    day: number;
  }

  /** Chinese lunisolar calendar; `leap` is truthy for an intercalary (nhuận) month. */
  export class CalendarChinese {
    cycle: number;
    year: number;
    month: number;
    leap: boolean | number;
    day: number;
    constructor(cycle?: number, year?: number, month?: number, leap?: number | boolean, day?: number);
    set(cycle: number, year: number, month: number, leap: number | boolean, day: number): this;
    get(): [number, number, number, boolean | number, number];
    /** The date must be a civil date in the calendar's own time zone. */
    fromGregorian(year: number, month: number, day: number): this;
    /** Lunar date of the lunar year that begins in Gregorian year `gyear`. */
    toGregorian(gyear?: number): GregorianDate;
  }

  /** Same rules, computed for UTC+7 from 1968 on (UTC+8 before). */
  export class CalendarVietnamese extends CalendarChinese {}
}
