import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../src/calendar';
import {
  completionTiming,
  light,
  promisedDeadline,
  supplementNoticeDeadline,
  suspensionWorkingDays,
  validatePromisedLimit,
} from '../src/deadline';
import { caught } from './helpers';

const calendar = new WorkingCalendar();

describe('promised limits of items (R2)', () => {
  it('accepts a promised limit of at most half the legal limit, and 0 for 即办', () => {
    expect(validatePromisedLimit(20, 10)).toEqual({ legalDays: 20, promisedDays: 10 });
    expect(validatePromisedLimit(20, 0)).toEqual({ legalDays: 20, promisedDays: 0 });
    expect(validatePromisedLimit(0, 0)).toEqual({ legalDays: 0, promisedDays: 0 });
  });

  it('refuses the guide example 20 → 12, because the 50% rule wins', () => {
    const error = caught(() => validatePromisedLimit(20, 12));
    expect(error.message).toBe('promisedDays: 承诺时限 12 个工作日超过了法定时限 20 个工作日的一半，最多只能承诺 10 个工作日 / promised limit 12 exceeds half of the legal limit 20 (at most 10)');
    expect(error.details).toEqual({ legalDays: 20, promisedDays: 12, maxPromisedDays: 10 });
  });

  it('rounds half of an odd legal limit down', () => {
    expect(validatePromisedLimit(15, 7).promisedDays).toBe(7);
    expect(caught(() => validatePromisedLimit(15, 8)).message).toMatch(/at most 7\)$/);
  });

  it('refuses negative or fractional limits, naming which one', () => {
    expect(caught(() => validatePromisedLimit(-1, 0)).message).toBe(
      'legalDays: 时限须为 0 或正整数个工作日，现为 -1 / must be a whole number of working days, 0 or more, got -1',
    );
    expect(caught(() => validatePromisedLimit(20, 2.5)).field).toBe('promisedDays');
  });
});

describe('promised deadlines (R13)', () => {
  it('counts from the day after acceptance over National Day to the adjusted Saturday', () => {
    expect(promisedDeadline(calendar, '2026-09-30', 3)).toBe('2026-10-10');
  });

  it('makes the acceptance day itself the deadline of an immediate case', () => {
    expect(promisedDeadline(calendar, '2026-11-23', 0)).toBe('2026-11-23');
  });

  it('skips Spring Festival: 3 working days from 12 February 2026 ends on 24 February', () => {
    // 13 Feb (Fri), 14 Feb (adjusted Saturday), then the holiday to 23 Feb, then 24 Feb.
    expect(promisedDeadline(calendar, '2026-02-12', 3)).toBe('2026-02-24');
  });

  it('pushes the deadline back by the working days spent in special procedures', () => {
    expect(promisedDeadline(calendar, '2026-11-16', 5)).toBe('2026-11-23');
    expect(promisedDeadline(calendar, '2026-11-16', 5, 2)).toBe('2026-11-25');
  });

  it('counts a special procedure as the working days in (start, end]', () => {
    expect(suspensionWorkingDays(calendar, '2026-11-17', '2026-11-17')).toBe(0);
    expect(suspensionWorkingDays(calendar, '2026-11-17', '2026-11-19')).toBe(2);
    expect(suspensionWorkingDays(calendar, '2026-09-30', '2026-10-08')).toBe(1);
    expect(caught(() => suspensionWorkingDays(calendar, '2026-11-19', '2026-11-17')).message).toBe(
      'resumedOn: 恢复日期 2026-11-17 早于特别程序开始的日期 2026-11-19 / 2026-11-17 is before the suspension started on 2026-11-19',
    );
  });

  it('refuses a negative suspension', () => {
    expect(caught(() => promisedDeadline(calendar, '2026-11-16', 5, -1)).field).toBe('suspendedWorkingDays');
  });

  it('gives 5 working days for the one-time notification (R9)', () => {
    // 8 Oct, 9 Oct, Saturday 10 Oct (adjusted), 12 Oct, 13 Oct.
    expect(supplementNoticeDeadline(calendar, '2026-09-30')).toBe('2026-10-13');
  });
});

describe('completion timing (R14)', () => {
  it('is early before the deadline day, on time on it and overdue after it', () => {
    expect(completionTiming(calendar, '2026-10-09', '2026-10-10')).toBe('EARLY');
    expect(completionTiming(calendar, '2026-10-10', '2026-10-10')).toBe('ON_TIME');
    expect(completionTiming(calendar, '2026-10-11', '2026-10-10')).toBe('OVERDUE');
  });
});

describe('supervision lights (R15)', () => {
  it('is green with more than one working day left', () => {
    expect(light(calendar, '2026-11-19', '2026-11-23')).toBe('GREEN');
  });

  it('is yellow on the working day before the deadline and on the deadline day', () => {
    expect(light(calendar, '2026-11-20', '2026-11-23')).toBe('YELLOW');
    expect(light(calendar, '2026-11-23', '2026-11-23')).toBe('YELLOW');
  });

  it('counts the adjusted Saturday, so Friday 9 October is still green for Monday 12 October', () => {
    expect(light(calendar, '2026-10-09', '2026-10-12')).toBe('GREEN');
    expect(light(calendar, '2026-10-10', '2026-10-12')).toBe('YELLOW');
  });

  it('stays yellow through a long holiday when only the first day after it is left', () => {
    expect(light(calendar, '2026-09-30', '2026-10-08')).toBe('YELLOW');
  });

  it('turns red the day after the deadline', () => {
    expect(light(calendar, '2026-11-24', '2026-11-23')).toBe('RED');
  });
});
