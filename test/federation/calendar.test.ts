import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager } from '@mikro-orm/knex';
import { loadCalendar } from '@scf/catalogue';
import { startTestFederation, type TestFederation } from '@scf/system/testing';

const NINGWU = '140925';
const DIRECTOR = `${NINGWU}.director`;

describe('the working-day calendar, through the gateway', () => {
  let fed: TestFederation;
  const after = async (date: string, days: number) => {
    const { data, errors } = await fed.query(`query ($date: String!, $days: Int!) { workingDaysAfter(date: $date, days: $days) }`, { date, days });
    expect(errors).toBeUndefined();
    return data.workingDaysAfter as string;
  };
  const day = async (date: string) => {
    const { data, errors } = await fed.query(`query ($date: String!) { calendarDay(date: $date) { date working name source } }`, { date });
    expect(errors).toBeUndefined();
    return data.calendarDay;
  };
  const overrideRows = () => (fed.county.orm.em.fork() as EntityManager).count('CalendarOverride', {});

  beforeAll(async () => {
    fed = await startTestFederation();
    await fed.seed(NINGWU);
  });
  afterAll(() => fed?.close());

  describe('2026, from the State Council schedule', () => {
    it('counts 3 working days from 30 September past the National Day week to the adjusted Saturday 10 October', async () => {
      const { data, errors } = await fed.query(`{ workingDaysAfter(date: "2026-09-30", days: 3) }`);
      expect(errors).toBeUndefined();
      expect(data.workingDaysAfter).toBe('2026-10-10');
      expect(await day('2026-10-01')).toEqual({ date: '2026-10-01', working: false, name: '国庆节', source: 'LIBRARY' });
      expect(await day('2026-10-10')).toEqual({ date: '2026-10-10', working: true, name: '国庆节调休上班', source: 'LIBRARY' });
    });

    it('skips the Spring Festival holiday (15–23 February) but counts the adjusted Saturday before it', async () => {
      expect(await day('2026-02-17')).toMatchObject({ working: false, name: '春节' });
      expect(await day('2026-02-14')).toMatchObject({ working: true, name: '春节调休上班' });
      expect(await after('2026-02-13', 1)).toBe('2026-02-14');
      expect(await after('2026-02-13', 2)).toBe('2026-02-24');
      // Saturday 28 February is worked too (调休).
      expect(await after('2026-02-26', 2)).toBe('2026-02-28');
    });

    it('counts an adjusted Sunday: 20 September is worked for National Day', async () => {
      expect(await day('2026-09-20')).toMatchObject({ working: true, name: '国庆节调休上班' });
      expect(await after('2026-09-18', 1)).toBe('2026-09-20');
      expect(await day('2026-09-13')).toMatchObject({ working: false, source: 'LIBRARY' });
    });

    it('starts counting the day after: 0 days is the day itself, an ordinary week skips the weekend', async () => {
      expect(await after('2026-11-20', 0)).toBe('2026-11-20');
      expect(await after('2026-11-20', 1)).toBe('2026-11-23');
      expect(await after('2026-11-23', 5)).toBe('2026-11-30');
    });

    it.each([
      ['2026-02-30', 3, 'date', 'is not a date'],
      ['tomorrow', 3, 'date', 'is not a date (expected YYYY-MM-DD)'],
      ['2026-10-01', -1, 'days', 'whole number of working days'],
      ['2026-10-01', 100000, 'days', 'more than'],
    ])('refuses workingDaysAfter(date: "%s", days: %s) with BAD_USER_INPUT on %s', async (date, days, field, message) => {
      const { data, errors } = await fed.query(`{ workingDaysAfter(date: "${date}", days: ${days}) }`);
      expect(data ?? null).toBeNull();
      expect(errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field }, message: expect.stringContaining(message) });
    });
  });

  describe('a year the library does not know yet, entered by the centre', () => {
    it('falls back to Monday–Friday for 2027 until the schedule is entered', async () => {
      expect(await day('2027-01-01')).toEqual({ date: '2027-01-01', working: true, name: null, source: 'WEEKDAY_RULE' });
      expect(await after('2026-12-31', 1)).toBe('2027-01-01');
      const { data } = await fed.query(`{ calendarYears }`);
      expect(data.calendarYears).toContain(2026);
      expect(data.calendarYears).not.toContain(2027);
    });

    it('a director enters New Year’s Day 2027 and an adjusted Saturday, and answers change at once', async () => {
      const { data, errors } = await fed.as(DIRECTOR).query(`mutation {
        newYear: setCalendarDay(date: "2027-01-01", working: false, name: "元旦") { date working name source }
        adjusted: setCalendarDay(date: "2027-01-09", working: true, name: "元旦调休上班") { date working source }
      }`);
      expect(errors).toBeUndefined();
      expect(data.newYear).toEqual({ date: '2027-01-01', working: false, name: '元旦', source: 'OVERRIDE' });
      expect(data.adjusted).toEqual({ date: '2027-01-09', working: true, source: 'OVERRIDE' });
      expect(await after('2026-12-31', 1)).toBe('2027-01-04');
      expect(await after('2027-01-08', 1)).toBe('2027-01-09');
      const { data: listed } = await fed.query(`{ calendarOverrides(year: 2027) { date working name setBy setAt } calendarYears }`);
      expect(listed.calendarOverrides.map((o: any) => [o.date, o.working, o.setBy])).toEqual([
        ['2027-01-01', false, DIRECTOR],
        ['2027-01-09', true, DIRECTOR],
      ]);
      expect(listed.calendarYears).toContain(2027);
    });

    it('township and village databases receive the entries with the catalogue', async () => {
      await fed.syncCatalogues();
      for (const orm of [fed.township.orm, fed.village.orm]) {
        const calendar = await loadCalendar(orm.em.fork() as EntityManager);
        expect(calendar.workingDaysAfter('2026-12-31', 1)).toBe('2027-01-04');
      }
    });

    it('clearing an entry restores the weekday rule everywhere', async () => {
      const { data, errors } = await fed.as(DIRECTOR).query(`mutation { clearCalendarDay(date: "2027-01-09") { working source } }`);
      expect(errors).toBeUndefined();
      expect(data.clearCalendarDay).toEqual({ working: false, source: 'WEEKDAY_RULE' });
      await fed.syncCatalogues();
      const calendar = await loadCalendar(fed.village.orm.em.fork() as EntityManager);
      expect(calendar.dayInfo('2027-01-09')).toMatchObject({ working: false, source: 'weekday-rule' });
      expect(calendar.dayInfo('2027-01-01')).toMatchObject({ working: false, source: 'override' });
    });

    it.each([
      ['a date that does not exist', DIRECTOR, `setCalendarDay(date: "2027-02-30", working: false)`, { code: 'BAD_USER_INPUT', field: 'date' }],
      ['a window clerk', `${NINGWU}.w01.a`, `setCalendarDay(date: "2027-02-10", working: false)`, { code: 'FORBIDDEN' }],
      ['someone not signed in', null, `setCalendarDay(date: "2027-02-10", working: false)`, { code: 'UNAUTHENTICATED' }],
      ['clearing a day with no entry', DIRECTOR, `clearCalendarDay(date: "2027-03-03")`, { code: 'BAD_USER_INPUT', field: 'date' }],
    ])('refuses %s, writing nothing', async (_what, by, call, extensions) => {
      const before = await overrideRows();
      const { errors } = await (by ? fed.as(by) : fed).query(`mutation { ${call} { date } }`);
      expect(errors![0]!.extensions).toMatchObject(extensions);
      expect(await overrideRows()).toBe(before);
    });
  });
});
