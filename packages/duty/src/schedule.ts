import { invalid } from '@scf/domain';

/**
 * A point's working hours and attendance rules (R25, R26, R38). Times are minutes after midnight, China
 * time; the afternoon session has a summer and a winter version (R25: 14:30–18:00 May–October, 14:00–17:30
 * otherwise). Every threshold is the point's own once its director sets it, the county default until then.
 */
export interface WorkSchedule {
  morningStart: number;
  morningEnd: number;
  summerAfternoonStart: number;
  summerAfternoonEnd: number;
  winterAfternoonStart: number;
  winterAfternoonEnd: number;
  /** The summer afternoon applies from this month to that month, inclusive (5 and 10: May–October). */
  summerFromMonth: number;
  summerToMonth: number;
  /** A punch-in counts from this many minutes before a session starts. */
  punchInEarlyMinutes: number;
  /** A punch-out counts until this many minutes after a session ends. */
  punchOutLateMinutes: number;
  /** Minutes after the start a punch-in is still on time (0: at the start exactly). */
  lateGraceMinutes: number;
  /** Late arrivals and early leaves in a month that make half a day's absence (R26: 4). */
  lateEarlyHalfDayAt: number;
  /** The variant of R38 (a township): this many or more make a whole day; null where not used. */
  lateEarlyWholeDayAt: number | null;
  /** Missing punches in a month that make half a day's absence, and a whole day (R26: 4 and 8). */
  missingHalfDayAt: number;
  missingWholeDayAt: number;
}

/** R25 and R26 as the county sets them for every point that has not set its own. */
export const COUNTY_DEFAULT_SCHEDULE: Readonly<WorkSchedule> = Object.freeze({
  morningStart: 8 * 60 + 30,
  morningEnd: 12 * 60,
  summerAfternoonStart: 14 * 60 + 30,
  summerAfternoonEnd: 18 * 60,
  winterAfternoonStart: 14 * 60,
  winterAfternoonEnd: 17 * 60 + 30,
  summerFromMonth: 5,
  summerToMonth: 10,
  punchInEarlyMinutes: 60,
  punchOutLateMinutes: 60,
  lateGraceMinutes: 0,
  lateEarlyHalfDayAt: 4,
  lateEarlyWholeDayAt: null,
  missingHalfDayAt: 4,
  missingWholeDayAt: 8,
});

export type SessionName = 'MORNING' | 'AFTERNOON';

export interface Session {
  name: SessionName;
  start: number;
  end: number;
  /** Punches from here … */
  opens: number;
  /** … to here belong to this session. */
  closes: number;
}

/** Whether `month` (1–12) has the summer afternoon; a range may wrap the new year (e.g. 11 to 2). */
export function isSummer(s: WorkSchedule, month: number): boolean {
  return s.summerFromMonth <= s.summerToMonth ? month >= s.summerFromMonth && month <= s.summerToMonth : month >= s.summerFromMonth || month <= s.summerToMonth;
}

/** The two sessions of a day in `month`, with the windows their punches fall in. */
export function sessionsOf(s: WorkSchedule, month: number): [Session, Session] {
  const summer = isSummer(s, month);
  const aStart = summer ? s.summerAfternoonStart : s.winterAfternoonStart;
  const aEnd = summer ? s.summerAfternoonEnd : s.winterAfternoonEnd;
  // Where the windows would overlap over a short lunch break, the afternoon's opening wins.
  const afternoonOpens = Math.max(aStart - s.punchInEarlyMinutes, 0);
  const morningCloses = Math.min(s.morningEnd + s.punchOutLateMinutes, afternoonOpens - 1);
  return [
    { name: 'MORNING', start: s.morningStart, end: s.morningEnd, opens: Math.max(s.morningStart - s.punchInEarlyMinutes, 0), closes: morningCloses },
    { name: 'AFTERNOON', start: aStart, end: aEnd, opens: afternoonOpens, closes: Math.min(aEnd + s.punchOutLateMinutes, 24 * 60 - 1) },
  ];
}

export const hhmm = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

export function parseHhmm(value: unknown, field: string): number {
  const m = typeof value === 'string' ? /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value.trim()) : null;
  if (!m) invalid(field, `时间应写成 时:分，如 08:30 / must be a time of day as HH:MM, e.g. 08:30; got ${JSON.stringify(value).slice(0, 20)}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** What a director sends to change their point's schedule: any subset of fields, the rest stays. */
export interface WorkScheduleInput {
  morningStart?: string | null;
  morningEnd?: string | null;
  summerAfternoonStart?: string | null;
  summerAfternoonEnd?: string | null;
  winterAfternoonStart?: string | null;
  winterAfternoonEnd?: string | null;
  summerFromMonth?: number | null;
  summerToMonth?: number | null;
  punchInEarlyMinutes?: number | null;
  punchOutLateMinutes?: number | null;
  lateGraceMinutes?: number | null;
  lateEarlyHalfDayAt?: number | null;
  lateEarlyWholeDayAt?: number | null;
  /** True clears the whole-day variant (back to half a day only). */
  noLateEarlyWholeDay?: boolean | null;
  missingHalfDayAt?: number | null;
  missingWholeDayAt?: number | null;
}

const TIMES = ['morningStart', 'morningEnd', 'summerAfternoonStart', 'summerAfternoonEnd', 'winterAfternoonStart', 'winterAfternoonEnd'] as const;

function intIn(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) invalid(field, `应为 ${min} 到 ${max} 之间的整数 / must be a whole number from ${min} to ${max}`);
  return value;
}

/** The schedule `current` becomes with `input` applied, checked as a whole (sessions in order, thresholds sensible). */
export function applyScheduleInput(current: WorkSchedule, input: WorkScheduleInput): WorkSchedule {
  const next: WorkSchedule = { ...current };
  for (const f of TIMES) if (input[f] != null) next[f] = parseHhmm(input[f], `input.${f}`);
  if (input.summerFromMonth != null) next.summerFromMonth = intIn(input.summerFromMonth, 'input.summerFromMonth', 1, 12);
  if (input.summerToMonth != null) next.summerToMonth = intIn(input.summerToMonth, 'input.summerToMonth', 1, 12);
  if (input.punchInEarlyMinutes != null) next.punchInEarlyMinutes = intIn(input.punchInEarlyMinutes, 'input.punchInEarlyMinutes', 0, 180);
  if (input.punchOutLateMinutes != null) next.punchOutLateMinutes = intIn(input.punchOutLateMinutes, 'input.punchOutLateMinutes', 0, 180);
  if (input.lateGraceMinutes != null) next.lateGraceMinutes = intIn(input.lateGraceMinutes, 'input.lateGraceMinutes', 0, 30);
  if (input.lateEarlyHalfDayAt != null) next.lateEarlyHalfDayAt = intIn(input.lateEarlyHalfDayAt, 'input.lateEarlyHalfDayAt', 1, 31);
  if (input.lateEarlyWholeDayAt != null) next.lateEarlyWholeDayAt = intIn(input.lateEarlyWholeDayAt, 'input.lateEarlyWholeDayAt', 1, 62);
  if (input.noLateEarlyWholeDay) next.lateEarlyWholeDayAt = null;
  if (input.missingHalfDayAt != null) next.missingHalfDayAt = intIn(input.missingHalfDayAt, 'input.missingHalfDayAt', 1, 62);
  if (input.missingWholeDayAt != null) next.missingWholeDayAt = intIn(input.missingWholeDayAt, 'input.missingWholeDayAt', 1, 124);
  for (const [start, end, label] of [
    ['morningStart', 'morningEnd', '上午'],
    ['summerAfternoonStart', 'summerAfternoonEnd', '夏季下午'],
    ['winterAfternoonStart', 'winterAfternoonEnd', '冬季下午'],
  ] as const) {
    if (next[start] >= next[end]) invalid(`input.${end}`, `${label}下班时间应晚于上班时间 / the ${start.replace('Start', '')} session must end after it starts`);
    if (start !== 'morningStart' && next[start] <= next.morningEnd) invalid(`input.${start}`, `${label}上班时间应晚于上午下班时间 / the afternoon must start after the morning ends`);
  }
  if (next.lateEarlyWholeDayAt != null && next.lateEarlyWholeDayAt <= next.lateEarlyHalfDayAt) {
    invalid('input.lateEarlyWholeDayAt', `迟到早退记旷工一天的次数应大于记半天的次数 / the whole-day threshold must be above the half-day one (${next.lateEarlyHalfDayAt})`);
  }
  if (next.missingWholeDayAt <= next.missingHalfDayAt) invalid('input.missingWholeDayAt', `缺卡记旷工一天的次数应大于记半天的次数 / the whole-day threshold must be above the half-day one (${next.missingHalfDayAt})`);
  return next;
}
