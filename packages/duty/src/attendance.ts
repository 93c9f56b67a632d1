import { addDays, type DayInfo } from '@scf/domain';
import { hhmm, sessionsOf, type Session, type SessionName, type WorkSchedule } from './schedule.js';

/**
 * Attendance computed, never typed in (R26, R31, R38): a day's status from the day's punches, the point's
 * schedule, the calendar day and the intervals the person was excused (approved leave, official errands
 * registered in advance — R40). Pure functions: the module feeds them rows; leave and errands feed
 * `excused` once they exist.
 */

export type PunchKind = 'MORNING_IN' | 'MORNING_OUT' | 'AFTERNOON_IN' | 'AFTERNOON_OUT' | 'OUTSIDE_WINDOW';
export type DayStatus = 'PRESENT' | 'LATE' | 'LEFT_EARLY' | 'MISSING_PUNCH' | 'ABSENT_HALF' | 'ABSENT_DAY' | 'ON_LEAVE' | 'REST_DAY' | 'UPCOMING';

const CHINA_OFFSET_MS = 8 * 3600_000;

/** The China calendar day of an instant: YYYY-MM-DD. */
export const chinaDate = (at: Date): string => new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
/** Minutes after midnight, China time. */
export const chinaMinutes = (at: Date): number => {
  const d = new Date(at.getTime() + CHINA_OFFSET_MS);
  return d.getUTCHours() * 60 + d.getUTCMinutes();
};
/** The instant of `minutes` after midnight on a China calendar day. */
export const chinaInstant = (date: string, minutes: number): Date => new Date(Date.parse(`${date}T00:00:00Z`) - CHINA_OFFSET_MS + minutes * 60_000);

/** An interval of a day during which the person need not be at the window: approved leave, a registered errand. */
export interface ExcusedInterval {
  /** Minutes after midnight, China time. */
  from: number;
  to: number;
  kind: 'LEAVE' | 'ERRAND';
  /** What a reader is told, e.g. 事假（已批准） or 送件回县公安局. */
  note: string;
}

export interface ClassifiedPunch {
  at: Date;
  kind: PunchKind;
}

const KIND_WORDS: Record<PunchKind, string> = {
  MORNING_IN: '上午上班卡',
  MORNING_OUT: '上午下班卡',
  AFTERNOON_IN: '下午上班卡',
  AFTERNOON_OUT: '下午下班卡',
  OUTSIDE_WINDOW: '打卡时段外的记录',
};
const SESSION_WORDS: Record<SessionName, string> = { MORNING: '上午', AFTERNOON: '下午' };

/** The session a time of day belongs to, if any. */
function sessionAt(sessions: readonly Session[], minutes: number): Session | undefined {
  return sessions.find((s) => minutes >= s.opens && minutes <= s.closes);
}

/**
 * The kinds of a day's punches: in a session's window the first of several punches is its punch-in (a late
 * arrival too), and a punch after the session's middle is its punch-out (the last one counts); a lone punch,
 * or a second tap before the middle, is a punch-in. Punches outside every window are OUTSIDE_WINDOW.
 */
export function classifyDay(schedule: WorkSchedule, date: string, ats: readonly Date[]): ClassifiedPunch[] {
  const sessions = sessionsOf(schedule, Number(date.slice(5, 7)));
  const sorted = [...ats].sort((a, b) => a.getTime() - b.getTime());
  const bySession = new Map<SessionName, Date[]>();
  const out: ClassifiedPunch[] = [];
  for (const at of sorted) {
    const s = sessionAt(sessions, chinaMinutes(at));
    if (!s) continue;
    bySession.set(s.name, [...(bySession.get(s.name) ?? []), at]);
  }
  for (const at of sorted) {
    const s = sessionAt(sessions, chinaMinutes(at));
    if (!s) {
      out.push({ at, kind: 'OUTSIDE_WINDOW' });
      continue;
    }
    const list = bySession.get(s.name)!;
    const middle = (s.start + s.end) / 2;
    // The first of several is the punch-in however late; any other before the middle is a second tap of it.
    const isIn = (list.length > 1 && at === list[0]) || chinaMinutes(at) < middle;
    out.push({ at, kind: `${s.name}_${isIn ? 'IN' : 'OUT'}` as PunchKind });
  }
  return out;
}

/**
 * The kind a punch made now gets, given the punches already made today: a punch in a session's window is
 * its punch-in when none is there yet and the session has not passed its middle, else its punch-out.
 * Undefined outside every window.
 */
export function kindOfNewPunch(schedule: WorkSchedule, at: Date, earlier: readonly Date[]): Exclude<PunchKind, 'OUTSIDE_WINDOW'> | undefined {
  const date = chinaDate(at);
  const kinds = classifyDay(schedule, date, [...earlier.filter((e) => chinaDate(e) === date), at]);
  const kind = kinds.find((k) => k.at === at)?.kind;
  return kind === 'OUTSIDE_WINDOW' ? undefined : kind;
}

export interface DayResult {
  date: string;
  working: boolean;
  status: DayStatus;
  punches: ClassifiedPunch[];
  /** The punches and rule that gave the status, in one Chinese sentence. */
  rule: string;
  late: number;
  early: number;
  missing: number;
  /** Days of absence from this day alone (0, 0.5 or 1). */
  absence: number;
  /** Days excused by leave (0, 0.5 or 1). */
  leave: number;
}

const covers = (ex: readonly ExcusedInterval[], from: number, to: number) => ex.find((e) => e.from <= from && e.to >= to);
const coversMoment = (ex: readonly ExcusedInterval[], at: number) => ex.find((e) => e.from <= at && e.to >= at);
const time = (at: Date) => hhmm(chinaMinutes(at));

/**
 * One day's status. `now` decides whether the day (or a session of today) is over yet: a session is judged
 * once its punch-out window has closed.
 */
export function dayStatus(input: { date: string; day: DayInfo; schedule: WorkSchedule; punches: readonly Date[]; excused?: readonly ExcusedInterval[]; now: Date }): DayResult {
  const { date, day, schedule, now } = input;
  const excused = input.excused ?? [];
  const punches = classifyDay(schedule, date, input.punches);
  const base = { date, working: day.working, punches, late: 0, early: 0, missing: 0, absence: 0, leave: 0 };
  if (!day.working) {
    const why = day.name ? `${day.name}，` : '';
    return { ...base, status: 'REST_DAY', rule: `${why}本中心工作日历中的休息日，不考勤` };
  }
  const sessions = sessionsOf(schedule, Number(date.slice(5, 7)));
  const nowDate = chinaDate(now);
  const over = (s: Session) => date < nowDate || (date === nowDate && chinaMinutes(now) > s.closes);
  if (!over(sessions[0])) return { ...base, status: 'UPCOMING', rule: '尚未到考勤时间' };

  const findings: string[] = [];
  const worst: DayStatus[] = [];
  let late = 0;
  let early = 0;
  let missing = 0;
  let absentSessions = 0;
  let leaveSessions = 0;
  let judged = 0;
  const adjusted = day.name ? `（${day.name}）` : '';
  for (const s of sessions) {
    if (!over(s)) continue;
    judged++;
    const w = SESSION_WORDS[s.name];
    const whole = covers(excused, s.start, s.end);
    if (whole) {
      if (whole.kind === 'LEAVE') leaveSessions++;
      findings.push(`${w}${whole.note}`);
      continue;
    }
    const inP = punches.find((p) => p.kind === `${s.name}_IN`);
    const outP = [...punches].reverse().find((p) => p.kind === `${s.name}_OUT`);
    const startExcused = coversMoment(excused, s.start);
    const endExcused = coversMoment(excused, s.end);
    if (!inP && !outP && !startExcused && !endExcused) {
      absentSessions++;
      findings.push(`${w}无${KIND_WORDS[`${s.name}_IN`]}也无${KIND_WORDS[`${s.name}_OUT`]}，又无请假，${w}旷工（R26）`);
      continue;
    }
    if (!inP && !startExcused) {
      missing++;
      findings.push(`缺${KIND_WORDS[`${s.name}_IN`]}`);
    } else if (inP && !startExcused && chinaMinutes(inP.at) > s.start + schedule.lateGraceMinutes) {
      late++;
      findings.push(`${KIND_WORDS[inP.kind]} ${time(inP.at)} 晚于 ${hhmm(s.start)}，迟到`);
    } else if (inP) findings.push(`${KIND_WORDS[inP.kind]} ${time(inP.at)}`);
    if (!outP && !endExcused) {
      missing++;
      findings.push(`缺${KIND_WORDS[`${s.name}_OUT`]}`);
    } else if (outP && !endExcused && chinaMinutes(outP.at) < s.end) {
      early++;
      findings.push(`${KIND_WORDS[outP.kind]} ${time(outP.at)} 早于 ${hhmm(s.end)}，早退`);
    } else if (outP) findings.push(`${KIND_WORDS[outP.kind]} ${time(outP.at)}`);
    if (startExcused) findings.push(`${w}上班时${startExcused.note}`);
    if (endExcused && endExcused !== startExcused) findings.push(`${w}下班时${endExcused.note}`);
  }
  const result = { ...base, late, early, missing };
  if (judged === 2 && leaveSessions === 2) return { ...result, status: 'ON_LEAVE', leave: 1, rule: `工作日${adjusted}：${findings.join('；')}，不计缺勤` };
  if (judged === 2 && absentSessions === 2) {
    return { ...result, status: 'ABSENT_DAY', absence: 1, rule: `工作日${adjusted}全天无打卡记录，又无请假或登记的公务外出，按旷工一天计（R26）` };
  }
  if (absentSessions > 0) worst.push('ABSENT_HALF');
  if (missing > 0) worst.push('MISSING_PUNCH');
  if (late > 0) worst.push('LATE');
  if (early > 0) worst.push('LEFT_EARLY');
  const status: DayStatus = worst[0] ?? (leaveSessions > 0 ? 'ON_LEAVE' : 'PRESENT');
  const tail = status === 'PRESENT' ? '，四次打卡齐全且都在时间内，出勤' : status === 'MISSING_PUNCH' ? '；缺卡计入本月缺卡次数（4 次记旷工半天，8 次记一天）' : status === 'LATE' || status === 'LEFT_EARLY' ? '；计入本月迟到早退次数' : '';
  const pending = judged < 2 ? '；下午尚未结束' : '';
  return { ...result, status, absence: absentSessions * 0.5, leave: leaveSessions * 0.5, rule: `工作日${adjusted}：${findings.join('；')}${tail}${pending}` };
}

export interface MonthResult {
  workingDays: number;
  lateCount: number;
  earlyLeaveCount: number;
  missingPunches: number;
  absenceDays: number;
  leaveDays: number;
  /** The monthly rules that added absence, in Chinese. */
  monthRules: string[];
  days: DayResult[];
}

/** The month's totals and the monthly rules (R26, R38 variant) over its days. */
export function monthSummary(schedule: WorkSchedule, days: DayResult[]): MonthResult {
  const sum = (f: (d: DayResult) => number) => days.reduce((n, d) => n + f(d), 0);
  const lateCount = sum((d) => d.late);
  const earlyLeaveCount = sum((d) => d.early);
  const missingPunches = sum((d) => d.missing);
  let absenceDays = sum((d) => d.absence);
  const monthRules: string[] = [];
  const lateEarly = lateCount + earlyLeaveCount;
  if (schedule.lateEarlyWholeDayAt != null && lateEarly >= schedule.lateEarlyWholeDayAt) {
    absenceDays += 1;
    monthRules.push(`本月迟到 ${lateCount} 次、早退 ${earlyLeaveCount} 次，共 ${lateEarly} 次，达到 ${schedule.lateEarlyWholeDayAt} 次，按旷工一天计（R38）`);
  } else if (lateEarly >= schedule.lateEarlyHalfDayAt) {
    absenceDays += 0.5;
    monthRules.push(`本月迟到 ${lateCount} 次、早退 ${earlyLeaveCount} 次，共 ${lateEarly} 次，达到 ${schedule.lateEarlyHalfDayAt} 次，按旷工半天计（R26）`);
  }
  if (missingPunches >= schedule.missingWholeDayAt) {
    absenceDays += 1;
    monthRules.push(`本月缺卡 ${missingPunches} 次，达到 ${schedule.missingWholeDayAt} 次，按旷工一天计（R26）`);
  } else if (missingPunches >= schedule.missingHalfDayAt) {
    absenceDays += 0.5;
    monthRules.push(`本月缺卡 ${missingPunches} 次，达到 ${schedule.missingHalfDayAt} 次，按旷工半天计（R26）`);
  }
  return { workingDays: days.filter((d) => d.working).length, lateCount, earlyLeaveCount, missingPunches, absenceDays, leaveDays: sum((d) => d.leave), monthRules, days };
}

/** The first day of a month (YYYY-MM) and of the month after it. */
export function monthBounds(month: string): { first: string; next: string } {
  const first = `${month}-01`;
  return { first, next: addDays(`${month}-28`, 7).slice(0, 7) + '-01' };
}

/**
 * One person's month from their punches (any order) and the point's schedule and calendar: the one
 * computation behind a person's month and a point's month sheet.
 */
export function monthOf(input: {
  month: string;
  schedule: WorkSchedule;
  calendar: { dayInfo(date: string): DayInfo };
  punches: readonly Date[];
  /** Leave and registered errands (R27–R31, R40) of the day, once they are recorded. */
  excused?: (date: string) => readonly ExcusedInterval[];
  now: Date;
}): MonthResult {
  const { first, next } = monthBounds(input.month);
  const byDay = groupBy(input.punches, chinaDate);
  const days: DayResult[] = [];
  for (let d = first; d < next; d = addDays(d, 1)) {
    days.push(dayStatus({ date: d, day: input.calendar.dayInfo(d), schedule: input.schedule, punches: byDay.get(d) ?? [], excused: input.excused?.(d) ?? [], now: input.now }));
  }
  return monthSummary(input.schedule, days);
}

/**
 * Who is at their post now (a window is never empty, R24, R30): in the session under way, those whose last
 * punch of it is its punch-in. Outside both sessions nobody is expected, and `session` is undefined.
 */
export function presentNow(schedule: WorkSchedule, now: Date, punchesToday: ReadonlyMap<string, readonly Date[]>): { session: SessionName | undefined; present: Set<string> } {
  const date = chinaDate(now);
  const minutes = chinaMinutes(now);
  const session = sessionsOf(schedule, Number(date.slice(5, 7))).find((s) => minutes >= s.start && minutes < s.end);
  const present = new Set<string>();
  if (!session) return { session: undefined, present };
  for (const [username, ats] of punchesToday) {
    const mine = classifyDay(schedule, date, ats.filter((a) => a.getTime() <= now.getTime())).filter((p) => p.kind.startsWith(session.name));
    if (mine.at(-1)?.kind === `${session.name}_IN`) present.add(username);
  }
  return { session: session.name, present };
}

/** Punch times (or rows) grouped by a key: a person, a day. */
export function groupBy<T>(items: Iterable<T>, key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const g = groups.get(k);
    if (g) g.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** The instants of punch rows, by the member of staff who made them. */
export const punchTimesByPerson = (rows: readonly { username: string; at: Date }[]): Map<string, Date[]> =>
  new Map([...groupBy(rows, (r) => r.username)].map(([u, rs]) => [u, rs.map((r) => new Date(r.at))]));
