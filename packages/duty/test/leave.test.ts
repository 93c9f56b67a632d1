import { describe, expect, it } from 'vitest';
import type { DayInfo } from '@scf/domain';
import { approvalChain, countsAgainstQuota, leaveDays, quotaProblem } from '../src/leave.js';

// The 2026 National Day: 1–7 October off, Saturday 10 October an adjusted working day.
const dayInfo = (d: string): DayInfo => {
  const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
  if (d >= '2026-10-01' && d <= '2026-10-07') return { date: d, working: false, name: '国庆节', source: 'library' };
  if (d === '2026-10-10') return { date: d, working: true, name: '调休上班', source: 'library' };
  return { date: d, working: wd !== 0 && wd !== 6, source: 'weekday-rule' };
};

describe('leave rules', () => {
  it('counts the working days of a leave across National Day 2026', () => {
    expect(leaveDays('2026-09-30', '2026-10-09', dayInfo)).toBe(3); // 9-30, 10-08, 10-09
    expect(leaveDays('2026-09-30', '2026-10-10', dayInfo)).toBe(4); // the adjusted Saturday counts
    expect(leaveDays('2026-09-30', '2026-10-09', dayInfo, 'PM', 'AM')).toBe(2);
  });
  it('chooses the chain by length (R27, R39)', () => {
    expect(approvalChain('COUNTY', 1)).toEqual(['CENTRE']);
    expect(approvalChain('COUNTY', 3)).toEqual(['UNIT_LEADER', 'CENTRE']);
    expect(approvalChain('COUNTY', 5)).toEqual(['UNIT_LEADER', 'COUNTY_OFFICE']);
    expect(approvalChain('COUNTY', 8)).toEqual(['UNIT_MAIN_LEADER', 'COUNTY_LEADER']);
    expect(approvalChain('VILLAGE', 2)).toEqual(['TOWNSHIP_CENTRE', 'TOWNSHIP_HEAD']);
  });
  it('applies the monthly quota (R28)', () => {
    expect(quotaProblem('CLERK', { days: 3, times: 3 }, 0.5)).toMatch(/^超过每月请假限额/);
    expect(quotaProblem('CLERK', { days: 1, times: 2 }, 1)).toBeUndefined();
    expect(countsAgainstQuota('ANNUAL', 5)).toBe(false);
    expect(countsAgainstQuota('TRAINING', 5)).toBe(false);
    expect(countsAgainstQuota('TRAINING', 2)).toBe(true);
  });
});
