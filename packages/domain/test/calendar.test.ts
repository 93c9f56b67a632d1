import { describe, expect, it } from 'vitest';
import { libraryYears, WorkingCalendar } from '../src/calendar';
import { addDays, isoWeekday } from '../src/dates';
import { caught } from './helpers';

const calendar = new WorkingCalendar();

function restDaysBetween(from: string, to: string, cal = calendar): string[] {
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) if (!cal.isWorkingDay(d)) days.push(d);
  return days;
}

describe('the 2026 State Council schedule, as the library has it', () => {
  it('rests for Spring Festival from 15 to 23 February', () => {
    expect(restDaysBetween('2026-02-14', '2026-02-28')).toEqual([
      '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19',
      '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23',
    ]);
    expect(calendar.dayInfo('2026-02-17')).toEqual({ date: '2026-02-17', working: false, name: '春节', source: 'library' });
  });

  it('works on the adjusted Saturdays 14 and 28 February', () => {
    for (const saturday of ['2026-02-14', '2026-02-28']) {
      expect(isoWeekday(saturday)).toBe(6);
      expect(calendar.dayInfo(saturday)).toEqual({ date: saturday, working: true, name: '春节调休上班', source: 'library' });
    }
  });

  it('rests 1–7 October for National Day and works on Sunday 20 September and Saturday 10 October', () => {
    expect(restDaysBetween('2026-09-28', '2026-10-11')).toEqual([
      '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07', '2026-10-11',
    ]);
    expect(isoWeekday('2026-09-20')).toBe(7);
    expect(calendar.dayInfo('2026-09-20')).toEqual({ date: '2026-09-20', working: true, name: '国庆节调休上班', source: 'library' });
    expect(calendar.isWorkingDay('2026-10-10')).toBe(true);
  });

  it('treats an ordinary weekend in a covered year as rest and says the library decided', () => {
    expect(calendar.dayInfo('2026-11-21')).toEqual({ date: '2026-11-21', working: false, source: 'library' });
    expect(calendar.dayInfo('2026-11-23')).toEqual({ date: '2026-11-23', working: true, source: 'library' });
  });

  it('gives the same answers whatever the server time zone is', () => {
    const original = process.env.TZ;
    try {
      process.env.TZ = 'America/Los_Angeles';
      expect(new WorkingCalendar().isWorkingDay('2026-10-10')).toBe(true);
      expect(new WorkingCalendar().isWorkingDay('2026-10-07')).toBe(false);
    } finally {
      process.env.TZ = original;
    }
  });
});

describe('counting working days (R13)', () => {
  it('lands on the adjusted Saturday 10 October when counting 3 working days from 30 September', () => {
    expect(calendar.workingDaysAfter('2026-09-30', 3)).toBe('2026-10-10');
  });

  it('starts counting on the day after, so 1 working day after a Friday is the next Monday', () => {
    expect(calendar.workingDaysAfter('2026-11-20', 1)).toBe('2026-11-23');
  });

  it('counts the adjusted Saturday before Spring Festival and skips the whole holiday', () => {
    expect(calendar.workingDaysAfter('2026-02-13', 1)).toBe('2026-02-14');
    expect(calendar.workingDaysAfter('2026-02-13', 2)).toBe('2026-02-24');
  });

  it('returns the day itself for 0 working days, even if that day is a holiday', () => {
    expect(calendar.workingDaysAfter('2026-10-03', 0)).toBe('2026-10-03');
  });

  it('refuses a negative or fractional number of days', () => {
    expect(caught(() => calendar.workingDaysAfter('2026-10-03', -1)).message).toBe(
      'days: 工作日天数须为 0 或正整数，现为 -1 / must be a whole number of working days, 0 or more, got -1',
    );
    expect(caught(() => calendar.workingDaysAfter('2026-10-03', 0.5)).code).toBe('INVALID_INPUT');
  });

  it('counts working days in (from, to], negative when the order is reversed', () => {
    expect(calendar.workingDaysBetween('2026-09-30', '2026-10-10')).toBe(3);
    expect(calendar.workingDaysBetween('2026-10-10', '2026-09-30')).toBe(-3);
    expect(calendar.workingDaysBetween('2026-11-23', '2026-11-23')).toBe(0);
    expect(calendar.workingDaysBetween('2026-11-20', '2026-11-23')).toBe(1);
    // 2026 has 365 days, 104 weekend days, 6 adjusted working days and 19 holidays on weekdays
    // (2 New Year, 6 Spring Festival, 1 Qingming, 3 Labour Day, 1 Dragon Boat, 1 Mid-autumn, 5 National Day).
    expect(calendar.workingDaysBetween('2025-12-31', '2026-12-31')).toBe(365 - 104 + 6 - 19);
  });
});

describe('centre overrides and years the library does not know', () => {
  it('knows 2004–2026 from the library and nothing after', () => {
    expect(libraryYears()[0]).toBe(2004);
    expect(libraryYears().at(-1)).toBe(2026);
    expect(calendar.isYearCovered(2026)).toBe(true);
    expect(calendar.isYearCovered(2031)).toBe(false);
  });

  it('falls back to Monday–Friday for an uncovered year', () => {
    expect(calendar.dayInfo('2031-01-01')).toEqual({ date: '2031-01-01', working: true, source: 'weekday-rule' });
    expect(calendar.dayInfo('2031-01-04')).toEqual({ date: '2031-01-04', working: false, source: 'weekday-rule' });
  });

  it('lets an override turn a library working day into a rest day', () => {
    const local = new WorkingCalendar([{ date: '2026-11-23', working: false, name: '暴雪停止办公' }]);
    expect(local.dayInfo('2026-11-23')).toEqual({ date: '2026-11-23', working: false, name: '暴雪停止办公', source: 'override' });
    expect(local.workingDaysAfter('2026-11-20', 1)).toBe('2026-11-24');
    expect(calendar.isWorkingDay('2026-11-23')).toBe(true);
  });

  it('covers a year once a centre enters its schedule, and counts by it', () => {
    const with2031 = new WorkingCalendar([
      { date: '2031-01-01', working: false, name: '元旦' },
      { date: '2031-01-02', working: false, name: '元旦' },
      { date: '2031-01-04', working: true, name: '元旦调休上班' },
    ]);
    expect(with2031.isYearCovered(2031)).toBe(true);
    expect(with2031.coveredYears()).toContain(2031);
    expect(with2031.coveredYears().at(-1)).toBe(2031);
    expect(with2031.dayInfo('2031-01-04').source).toBe('override');
    // 2030-12-31 is a Tuesday: 1 Jan and 2 Jan rest, Friday 3 Jan works, Saturday 4 Jan works.
    expect(with2031.workingDaysAfter('2030-12-31', 2)).toBe('2031-01-04');
  });

  it('lets a later override for the same date replace an earlier one', () => {
    const corrected = new WorkingCalendar([
      { date: '2031-01-06', working: false },
      { date: '2031-01-06', working: true, name: '更正' },
    ]);
    expect(corrected.dayInfo('2031-01-06')).toEqual({ date: '2031-01-06', working: true, name: '更正', source: 'override' });
  });

  it('refuses an override with a bad date or a non-boolean working flag, naming its position', () => {
    expect(caught(() => new WorkingCalendar([{ date: '2031-02-30', working: false }])).message).toBe(
      'overrides[0].date: 日期“2031-02-30”不存在，请核对 / "2031-02-30" is not a date',
    );
    const notBoolean = { date: '2031-01-06', working: 'no' } as unknown as { date: string; working: boolean };
    expect(caught(() => new WorkingCalendar([{ date: '2031-01-05', working: false }, notBoolean])).field).toBe(
      'overrides[1].working',
    );
  });
});
