import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '@scf/domain';
import { classifyDay, dayStatus, kindOfNewPunch, monthSummary, type ExcusedInterval } from '../src/attendance.js';
import { parsePunchCsv, parseTimestamp } from '../src/csv.js';
import { applyScheduleInput, COUNTY_DEFAULT_SCHEDULE, hhmm, sessionsOf } from '../src/schedule.js';

const cal = new WorkingCalendar();
const at = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`);
const day = (date: string, times: string[], excused: ExcusedInterval[] = []) =>
  dayStatus({ date, day: cal.dayInfo(date), schedule: COUNTY_DEFAULT_SCHEDULE, punches: times.map((t) => at(date, t)), excused, now: at('2026-12-31', '23:00') });

describe('the day-status rules, without a database', () => {
  it('has the summer and winter afternoons of R25 and windows that never overlap', () => {
    const [m, a] = sessionsOf(COUNTY_DEFAULT_SCHEDULE, 7);
    expect([hhmm(m.opens), hhmm(m.closes), hhmm(a.start), hhmm(a.closes)]).toEqual(['07:30', '13:00', '14:30', '19:00']);
    const [m2, a2] = sessionsOf(COUNTY_DEFAULT_SCHEDULE, 12);
    expect([hhmm(m2.closes), hhmm(a2.opens), hhmm(a2.end)]).toEqual(['12:59', '13:00', '17:30']);
  });

  it('reads a lone punch by the session middle and keeps the last of several as the punch-out', () => {
    expect(classifyDay(COUNTY_DEFAULT_SCHEDULE, '2026-10-12', [at('2026-10-12', '11:58')]).map((p) => p.kind)).toEqual(['MORNING_OUT']);
    expect(classifyDay(COUNTY_DEFAULT_SCHEDULE, '2026-10-12', ['08:20', '08:21', '12:01', '05:00'].map((t) => at('2026-10-12', t))).map((p) => p.kind))
      .toEqual(['OUTSIDE_WINDOW', 'MORNING_IN', 'MORNING_IN', 'MORNING_OUT']);
    // A second tap just after the first is not an early leave; the last punch-out counts.
    expect(kindOfNewPunch(COUNTY_DEFAULT_SCHEDULE, at('2026-10-12', '08:21'), [at('2026-10-12', '08:20')])).toBe('MORNING_IN');
    expect(day('2026-10-12', ['08:20', '08:21', '14:25', '18:01'])).toMatchObject({ status: 'MISSING_PUNCH', early: 0, missing: 1 });
    expect(day('2026-10-12', ['08:20', '11:00', '12:01', '14:25', '18:01'])).toMatchObject({ status: 'PRESENT', early: 0 });
  });

  it('excuses what approved leave or a registered errand covers (R40), for leave to feed in later', () => {
    const leave: ExcusedInterval = { from: 0, to: 24 * 60, kind: 'LEAVE', note: '事假（已批准）' };
    expect(day('2026-10-12', [], [leave])).toMatchObject({ status: 'ON_LEAVE', leave: 1, absence: 0 });
    const errand: ExcusedInterval = { from: 10 * 60, to: 12 * 60, kind: 'ERRAND', note: '登记外出：送件回县公安局' };
    const d = day('2026-10-12', ['08:20', '14:25', '18:01'], [errand]);
    expect(d).toMatchObject({ status: 'PRESENT', missing: 0, early: 0 });
    expect(d.rule).toContain('送件回县公安局');
    expect(day('2026-10-12', ['08:20', '14:25', '18:01']).status).toBe('MISSING_PUNCH');
  });

  it('sums a month: 8 missing punches a whole day, the variant of R38 when a centre sets it', () => {
    const days = ['2026-10-12', '2026-10-13', '2026-10-14', '2026-10-15', '2026-10-16', '2026-10-19', '2026-10-20', '2026-10-21'].map((d) => day(d, ['08:20', '12:01', '14:25']));
    expect(monthSummary(COUNTY_DEFAULT_SCHEDULE, days)).toMatchObject({ missingPunches: 8, absenceDays: 1 });
    const late = ['2026-10-12', '2026-10-13', '2026-10-14', '2026-10-15', '2026-10-16'].map((d) => day(d, ['08:31', '12:01', '14:25', '18:00']));
    expect(monthSummary(COUNTY_DEFAULT_SCHEDULE, late).absenceDays).toBe(0.5);
    const township = applyScheduleInput(COUNTY_DEFAULT_SCHEDULE, { lateEarlyWholeDayAt: 5 });
    expect(monthSummary(township, late).absenceDays).toBe(1);
  });

  it('takes only ISO timestamps with an offset, and names the line of each bad row', () => {
    expect(parseTimestamp('2026-10-12T08:20:00+08:00')?.toISOString()).toBe('2026-10-12T00:20:00.000Z');
    for (const bad of ['2026-10-12T08:20:00', '2026-10-12 08:20+08:00', '2026-13-01T08:00Z', '2026-02-29T08:00Z', '2026-10-12T24:00Z']) expect(parseTimestamp(bad)).toBeUndefined();
    const { rows, problems } = parsePunchCsv('\uFEFFusername,timestamp\r\na.b,2026-10-12T08:20:00Z\r\n\r\nx\r\n');
    expect(rows).toHaveLength(1);
    expect(problems).toEqual([{ line: 4, problem: expect.stringMatching(/^第 4 行应有 2 项/) }]);
  });
});
