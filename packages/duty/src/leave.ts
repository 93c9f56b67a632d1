import { addDays, type DayInfo, type Level } from '@scf/domain';

/**
 * Leave rules (issue 14 items 4–5; DOMAIN R27–R29, R39), pure: length in the centre's working days, the
 * approval chain chosen by length, the monthly quota. Not yet wired to entities, SDL or the gateway.
 */
export const LEAVE_TYPES = ['PERSONAL', 'SICK', 'ANNUAL', 'MARRIAGE', 'MATERNITY', 'HOME_VISIT', 'BEREAVEMENT', 'TRAINING'] as const;
export type LeaveType = (typeof LEAVE_TYPES)[number];
export type Half = 'AM' | 'PM';
export type LeaveStep = 'CENTRE' | 'UNIT_LEADER' | 'UNIT_MAIN_LEADER' | 'COUNTY_OFFICE' | 'COUNTY_LEADER' | 'TOWNSHIP_CENTRE' | 'TOWNSHIP_HEAD';

/**
 * Working days from `from` to `to` inclusive (R39: rest days and holidays inside are not leave days; an
 * adjusted working Saturday is). `fromHalf: 'PM'` starts at noon of the first day; `toHalf: 'AM'` ends at
 * noon of the last day; each takes half a day off a working end day.
 */
export function leaveDays(from: string, to: string, dayInfo: (d: string) => DayInfo, fromHalf?: Half, toHalf?: Half): number {
  let n = 0;
  for (let d = from; d <= to; d = addDays(d, 1)) if (dayInfo(d).working) n++;
  if (fromHalf === 'PM' && dayInfo(from).working) n -= 0.5;
  if (toHalf === 'AM' && dayInfo(to).working) n -= 0.5;
  return Math.max(n, 0);
}

/** The approval steps, in order, chosen by length at request time (R27 county default; R39 township and village). */
export function approvalChain(level: Level, days: number): LeaveStep[] {
  if (level === 'COUNTY') {
    if (days <= 1) return ['CENTRE'];
    if (days <= 3) return ['UNIT_LEADER', 'CENTRE'];
    if (days <= 7) return ['UNIT_LEADER', 'COUNTY_OFFICE'];
    return ['UNIT_MAIN_LEADER', 'COUNTY_LEADER'];
  }
  if (level === 'TOWNSHIP') return days <= 1 ? ['CENTRE'] : ['CENTRE', 'TOWNSHIP_HEAD'];
  // A village room's staff are approved by their township centre (R39).
  return days <= 1 ? ['TOWNSHIP_CENTRE'] : ['TOWNSHIP_CENTRE', 'TOWNSHIP_HEAD'];
}

const STATUTORY: readonly LeaveType[] = ['ANNUAL', 'MARRIAGE', 'MATERNITY', 'HOME_VISIT', 'BEREAVEMENT'];

/** Whether a leave counts against the monthly quota (R28): statutory leave and training of 5+ working days do not. */
export const countsAgainstQuota = (type: LeaveType, days: number) => !STATUTORY.includes(type) && !(type === 'TRAINING' && days >= 5);

/** R28: a chief representative 5 days or 5 times a month, a clerk 3 days or 3 times; whichever comes first. */
export function quotaProblem(role: 'CHIEF_REPRESENTATIVE' | 'CLERK', used: { days: number; times: number }, asked: number): string | undefined {
  const max = role === 'CHIEF_REPRESENTATIVE' ? 5 : 3;
  const who = role === 'CHIEF_REPRESENTATIVE' ? '首席代表' : '窗口工作人员';
  if (used.times + 1 > max || used.days + asked > max) {
    return `超过每月请假限额：${who}每月至多 ${max} 天或 ${max} 次，本月已用 ${used.days} 天、${used.times} 次，本次 ${asked} 天 / over the monthly leave quota (${max} days or ${max} times); used ${used.days} days, ${used.times} times`;
  }
  return undefined;
}
