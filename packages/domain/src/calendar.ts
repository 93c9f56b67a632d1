// The library's lookup functions parse dates in the server's local zone and shift a day west
// of UTC (in America/Los_Angeles `getDayDetail('2026-10-10')` answers for 10-09). Its published
// JSON is plain date-keyed data, so we read that instead and stay zone-independent.
import chineseDays from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { isoWeekday, parseDate, addDays, compareDates, type DateString } from './dates';
import { invalid } from './errors';

export interface CalendarOverride {
  date: DateString;
  working: boolean;
  name?: string;
}

export type DaySource = 'override' | 'library' | 'weekday-rule';

export interface DayInfo {
  date: DateString;
  working: boolean;
  name?: string;
  source: DaySource;
}

interface LibraryData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

const library: LibraryData = chineseDays;

// Library values look like "National Day,国庆节,3"; staff read the Chinese name.
function chineseName(entry: string): string {
  return entry.split(',')[1] ?? entry;
}

const LIBRARY_YEARS: ReadonlySet<number> = new Set(
  [...Object.keys(library.holidays), ...Object.keys(library.workdays)].map((d) => Number(d.slice(0, 4))),
);

/**
 * Working days per the State Council's yearly schedule (via `chinese-days`), plus the
 * centre's own overrides. Overrides exist because the schedule for next year is announced
 * in November/December and a centre must be able to enter it without a release (R13); they
 * also let a centre record local closures. Later overrides for the same date replace earlier ones.
 */
export class WorkingCalendar {
  private readonly overrides = new Map<DateString, CalendarOverride>();
  private readonly overrideYears = new Set<number>();

  constructor(overrides: Iterable<CalendarOverride> = []) {
    let i = 0;
    for (const o of overrides) {
      const date = parseDate(o.date, `overrides[${i}].date`);
      if (typeof o.working !== 'boolean') invalid(`overrides[${i}].working`, `须为 true（上班）或 false（放假），现为 ${JSON.stringify(o.working)} / must be true or false, got ${JSON.stringify(o.working)}`);
      const name = o.name?.trim();
      this.overrides.set(date, name ? { date, working: o.working, name } : { date, working: o.working });
      this.overrideYears.add(Number(date.slice(0, 4)));
      i++;
    }
  }

  dayInfo(date: DateString): DayInfo {
    const day = parseDate(date);
    const override = this.overrides.get(day);
    if (override) return { ...override, source: 'override' };
    const weekdayWorking = isoWeekday(day) <= 5;
    if (!LIBRARY_YEARS.has(Number(day.slice(0, 4)))) return { date: day, working: weekdayWorking, source: 'weekday-rule' };
    const adjusted = library.workdays[day];
    if (adjusted !== undefined) return { date: day, working: true, name: `${chineseName(adjusted)}调休上班`, source: 'library' };
    const holiday = library.holidays[day];
    if (holiday !== undefined) return { date: day, working: false, name: chineseName(holiday), source: 'library' };
    return { date: day, working: weekdayWorking, source: 'library' };
  }

  isWorkingDay(date: DateString): boolean {
    return this.dayInfo(date).working;
  }

  /**
   * The `days`-th working day counted from the day after `date` (R13: the acceptance day
   * itself never counts). `days = 0` is `date` itself, the same-day limit of an 即办件.
   */
  workingDaysAfter(date: DateString, days: number): DateString {
    let day = parseDate(date);
    if (!Number.isInteger(days) || days < 0) return invalid('days', `工作日天数须为 0 或正整数，现为 ${days} / must be a whole number of working days, 0 or more, got ${days}`);
    for (let left = days; left > 0; ) {
      day = addDays(day, 1);
      if (this.isWorkingDay(day)) left--;
    }
    return day;
  }

  /**
   * Working days in (from, to]. Negative when `to` is before `from`, so "working days left
   * until the deadline" reads naturally for overdue cases too.
   */
  workingDaysBetween(from: DateString, to: DateString): number {
    const start = parseDate(from, 'from');
    const end = parseDate(to, 'to');
    const order = compareDates(start, end);
    if (order > 0) return -this.workingDaysBetween(end, start);
    let count = 0;
    for (let day = addDays(start, 1); compareDates(day, end) <= 0; day = addDays(day, 1)) {
      if (this.isWorkingDay(day)) count++;
    }
    return count;
  }

  /** Years the calendar knows holidays for, from the library or from the centre's overrides. */
  coveredYears(): number[] {
    return [...new Set([...LIBRARY_YEARS, ...this.overrideYears])].sort((a, b) => a - b);
  }

  /** False means the year falls back to Monday–Friday: a centre should enter that year's schedule. */
  isYearCovered(year: number): boolean {
    return LIBRARY_YEARS.has(year) || this.overrideYears.has(year);
  }
}

/** Years the bundled library knows, independent of any centre's overrides. */
export function libraryYears(): number[] {
  return [...LIBRARY_YEARS].sort((a, b) => a - b);
}
