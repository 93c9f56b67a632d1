import { addDays, compareDates, daysBetween, invalid, parseDate, type DateString, type WorkingCalendar } from '@scf/domain';

export interface FiguresQuery {
  /** The county whose dashboard this is (6 digits); a township or village database may hold points of several. */
  countyCode: string;
  /** The period, both days included, as China dates. */
  from: DateString;
  to: DateString;
  /** "Now" for the lights and overdueNow; a parameter so a test, or a report as of a past day, can set it. */
  today: DateString;
  calendar: WorkingCalendar;
  /** Narrows to one township's or village's points (its code); defaults to the whole county. */
  pointPrefix?: string;
  /** How many red/yellow cases to list (default 200); the red and yellow totals are never capped. */
  alertLimit?: number;
}

/** A validated query with everything derived from it that the statements need. */
export interface Scope {
  prefix: string;
  /** `prefix%`: every code under the prefix. Codes are digits only, so there is no wildcard to escape. */
  like: string;
  from: DateString;
  to: DateString;
  today: DateString;
  /** Instants bounding the period's China days, for the datetime columns (hops, inbound receipts): [start, end). */
  startsAt: Date;
  endsBefore: Date;
  /** Working days from `from` to the earlier of `to` and `today`: the days the period has had so far. */
  workingDays: number;
  alertLimit: number;
  calendar: WorkingCalendar;
}

/** A year and a day: a year-to-date or a whole (leap) year, not a decade scanned by mistake. */
export const MAX_PERIOD_DAYS = 366;
export const DEFAULT_ALERT_LIMIT = 200;
const MAX_ALERT_LIMIT = 1000;

/** 00:00 of a China day as an instant: China is UTC+8 all year. */
export function chinaDayStart(date: DateString): Date {
  return new Date(`${date}T00:00:00+08:00`);
}

export function scopeOf(query: FiguresQuery): Scope {
  if (typeof query.countyCode !== 'string' || !/^\d{6}$/.test(query.countyCode)) {
    invalid('countyCode', `must be a 6-digit county code, got ${JSON.stringify(query.countyCode)}`);
  }
  const prefix = query.pointPrefix ?? query.countyCode;
  if (typeof prefix !== 'string' || !/^\d{6}(\d{3}){0,2}$/.test(prefix) || !prefix.startsWith(query.countyCode)) {
    invalid('pointPrefix', `must be the code of the county ${query.countyCode} or of one of its townships (9 digits) or villages (12), got ${JSON.stringify(prefix)}`);
  }
  const from = parseDate(query.from, 'from');
  const to = parseDate(query.to, 'to');
  const today = parseDate(query.today, 'today');
  if (compareDates(from, to) > 0) invalid('to', `the period ends (${to}) before it starts (${from})`);
  if (daysBetween(from, to) + 1 > MAX_PERIOD_DAYS) invalid('to', `a period is at most ${MAX_PERIOD_DAYS} days, got ${daysBetween(from, to) + 1}`);
  const alertLimit = query.alertLimit ?? DEFAULT_ALERT_LIMIT;
  if (!Number.isInteger(alertLimit) || alertLimit < 0 || alertLimit > MAX_ALERT_LIMIT) {
    invalid('alertLimit', `must be a whole number from 0 to ${MAX_ALERT_LIMIT}, got ${alertLimit}`);
  }
  const lastElapsed = compareDates(to, today) <= 0 ? to : today;
  const workingDays = compareDates(lastElapsed, from) < 0 ? 0 : query.calendar.workingDaysBetween(addDays(from, -1), lastElapsed);
  return {
    prefix,
    like: `${prefix}%`,
    from,
    to,
    today,
    startsAt: chinaDayStart(from),
    endsBefore: chinaDayStart(addDays(to, 1)),
    workingDays,
    alertLimit,
    calendar: query.calendar,
  };
}
