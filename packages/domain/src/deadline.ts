import type { WorkingCalendar } from './calendar';
import { compareDates, parseDate, type DateString } from './dates';
import { invalid } from './errors';

export type CompletionTiming = 'EARLY' | 'ON_TIME' | 'OVERDUE';
export type Light = 'GREEN' | 'YELLOW' | 'RED';

/** R9: the one-time notification is due on the spot or within 5 working days. */
export const SUPPLEMENT_NOTICE_WORKING_DAYS = 5;

function wholeDays(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    return invalid(field, `时限须为 0 或正整数个工作日，现为 ${String(value)} / must be a whole number of working days, 0 or more, got ${String(value)}`);
  }
  return value;
}

/**
 * R2: the promised limit is at most half the legal limit (rounded down); 0 means 即办.
 * The guide examples (20 → 12, 20 → 18) break this rule and are refused on purpose.
 */
export function validatePromisedLimit(legalDays: number, promisedDays: number): { legalDays: number; promisedDays: number } {
  const legal = wholeDays(legalDays, 'legalDays');
  const promised = wholeDays(promisedDays, 'promisedDays');
  const most = Math.floor(legal / 2);
  if (promised > most) {
    return invalid(
      'promisedDays',
      `承诺时限 ${promised} 个工作日超过了法定时限 ${legal} 个工作日的一半，最多只能承诺 ${most} 个工作日 / promised limit ${promised} exceeds half of the legal limit ${legal} (at most ${most})`,
      { legalDays: legal, promisedDays: promised, maxPromisedDays: most },
    );
  }
  return { legalDays: legal, promisedDays: promised };
}

/**
 * R13: the last day of the promised limit, counting working days from the day after
 * acceptance. Working days spent in special procedures push it back one for one.
 */
export function promisedDeadline(
  calendar: WorkingCalendar,
  acceptedOn: DateString,
  promisedDays: number,
  suspendedWorkingDays = 0,
): DateString {
  const days = wholeDays(promisedDays, 'promisedDays') + wholeDays(suspendedWorkingDays, 'suspendedWorkingDays');
  return calendar.workingDaysAfter(parseDate(acceptedOn, 'acceptedOn'), days);
}

/**
 * Working days a special procedure used: those in (suspendedOn, resumedOn]. The day it
 * started was already a day of work on the case; the day it ended is given back, so a
 * procedure opened and closed on the same day costs nothing.
 */
export function suspensionWorkingDays(calendar: WorkingCalendar, suspendedOn: DateString, resumedOn: DateString): number {
  const from = parseDate(suspendedOn, 'suspendedOn');
  const to = parseDate(resumedOn, 'resumedOn');
  if (compareDates(to, from) < 0) return invalid('resumedOn', `恢复日期 ${to} 早于特别程序开始的日期 ${from} / ${to} is before the suspension started on ${from}`);
  return calendar.workingDaysBetween(from, to);
}

/** R14. The calendar is unused today but kept so every timing helper has one shape. */
export function completionTiming(_calendar: WorkingCalendar, finishedOn: DateString, deadline: DateString): CompletionTiming {
  const order = compareDates(parseDate(finishedOn, 'finishedOn'), parseDate(deadline, 'deadline'));
  return order < 0 ? 'EARLY' : order === 0 ? 'ON_TIME' : 'OVERDUE';
}

/**
 * R15: RED after the deadline day; YELLOW when at most one working day is left, counting
 * the deadline day itself (so on a Friday a Monday deadline is already yellow); else GREEN.
 */
export function light(calendar: WorkingCalendar, today: DateString, deadline: DateString): Light {
  const now = parseDate(today, 'today');
  const due = parseDate(deadline, 'deadline');
  if (compareDates(now, due) > 0) return 'RED';
  return calendar.workingDaysBetween(now, due) <= 1 ? 'YELLOW' : 'GREEN';
}

/** R9: the last day on which a supplement request may be issued for a case registered on `registeredOn`. */
export function supplementNoticeDeadline(calendar: WorkingCalendar, registeredOn: DateString): DateString {
  return calendar.workingDaysAfter(parseDate(registeredOn, 'registeredOn'), SUPPLEMENT_NOTICE_WORKING_DAYS);
}
