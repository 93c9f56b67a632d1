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
/**
 * The days a period may cover. Well before any case and after any plan; beyond them the date arithmetic
 * leaves four-digit years (9999-12-31 + 1 day), and a refusal would name one of its internals.
 */
export const EARLIEST_DAY = '2000-01-01';
export const LATEST_DAY = '2099-12-31';

/**
 * A dashboard period's days, checked: real dates, within EARLIEST_DAY…LATEST_DAY, in order, at most
 * MAX_PERIOD_DAYS long. Refusals name the argument (`from` or `to`).
 */
export function periodOf(fromValue: unknown, toValue: unknown): { from: DateString; to: DateString } {
  const from = parseDate(fromValue, 'from');
  const to = parseDate(toValue, 'to');
  for (const [field, day] of [['from', from], ['to', to]] as const) {
    if (compareDates(day, EARLIEST_DAY) < 0 || compareDates(day, LATEST_DAY) > 0) {
      invalid(field, `统计期须在 ${EARLIEST_DAY} 至 ${LATEST_DAY} 之间 / ${day} is outside the dates a period may cover (${EARLIEST_DAY} to ${LATEST_DAY})`, { min: EARLIEST_DAY, max: LATEST_DAY });
    }
  }
  if (compareDates(from, to) > 0) invalid('to', `统计期结束日早于开始日 / the period ends (${to}) before it starts (${from})`);
  const days = daysBetween(from, to) + 1;
  if (days > MAX_PERIOD_DAYS) invalid('to', `统计期最长 ${MAX_PERIOD_DAYS} 天，所选为 ${days} 天 / a period is at most ${MAX_PERIOD_DAYS} days, got ${days}`, { max: MAX_PERIOD_DAYS });
  return { from, to };
}
export const DEFAULT_ALERT_LIMIT = 200;
const MAX_ALERT_LIMIT = 1000;

/** 00:00 of a China day as an instant: China is UTC+8 all year. */
export function chinaDayStart(date: DateString): Date {
  return new Date(`${date}T00:00:00+08:00`);
}

export function scopeOf(query: FiguresQuery): Scope {
  if (typeof query.countyCode !== 'string' || !/^\d{6}$/.test(query.countyCode)) {
    invalid('countyCode', `县代码须为 6 位数字，现为 ${JSON.stringify(query.countyCode)} / must be a 6-digit county code, got ${JSON.stringify(query.countyCode)}`);
  }
  const prefix = query.pointPrefix ?? query.countyCode;
  if (typeof prefix !== 'string' || !/^\d{6}(\d{3}){0,2}$/.test(prefix) || !prefix.startsWith(query.countyCode)) {
    invalid('pointPrefix', `统计范围须为本县 ${query.countyCode} 或其下乡镇（9 位）、村（12 位）的代码，现为 ${JSON.stringify(prefix)} / ` +
        `must be the code of the county ${query.countyCode} or of one of its townships (9 digits) or villages (12), got ${JSON.stringify(prefix)}`);
  }
  const { from, to } = periodOf(query.from, query.to);
  const today = parseDate(query.today, 'today');
  const alertLimit = query.alertLimit ?? DEFAULT_ALERT_LIMIT;
  if (!Number.isInteger(alertLimit) || alertLimit < 0 || alertLimit > MAX_ALERT_LIMIT) {
    invalid('alertLimit', `预警条数须为 0 至 ${MAX_ALERT_LIMIT} 的整数，现为 ${alertLimit} / must be a whole number from 0 to ${MAX_ALERT_LIMIT}, got ${alertLimit}`);
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
