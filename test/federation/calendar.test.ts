import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager } from '@mikro-orm/knex';
import { loadCalendar } from '@scf/catalogue';
import { startTestFederation, type TestFederation } from '@scf/federation/testing';
import { itemIdByCode, residentId } from './builders.js';

const NINGWU = '140925';
const DIRECTOR = `${NINGWU}.director`;
/** 神池县, another county of the same city, with its own centres and its own director. */
const SHENCHI = '140927';

describe('the working-day calendar, through the gateway', () => {
  let fed: TestFederation;
  const after = async (date: string, days: number) => {
    const { data, errors } = await fed.query(`query ($date: String!, $days: Int!) { workingDaysAfter(date: $date, days: $days, countyCode: "${NINGWU}") }`, { date, days });
    expect(errors).toBeUndefined();
    return data.workingDaysAfter as string;
  };
  const day = async (date: string) => {
    const { data, errors } = await fed.query(`query ($date: String!) { calendarDay(date: $date, countyCode: "${NINGWU}") { date working name source } }`, { date });
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
      const { data, errors } = await fed.query(`{ workingDaysAfter(date: "2026-09-30", days: 3, countyCode: "${NINGWU}") }`);
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

    it('asks an anonymous caller which county they mean, and a member of staff’s own county is the default', async () => {
      const anonymous = await fed.query(`{ workingDaysAfter(date: "2026-09-30", days: 3) }`);
      expect(anonymous.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'countyCode' }, message: expect.stringContaining('请指明') });
      const staff = await fed.as(`${NINGWU}.w01.a`).query(`{ workingDaysAfter(date: "2026-09-30", days: 3) }`);
      expect(staff.data.workingDaysAfter).toBe('2026-10-10');
    });

    it.each([
      ['2026-02-30', 3, 'date', 'is not a date'],
      ['tomorrow', 3, 'date', 'is not a date (expected YYYY-MM-DD)'],
      ['2026-10-01', -1, 'days', 'whole number of working days'],
      ['2026-10-01', 100000, 'days', 'more than'],
    ])('refuses workingDaysAfter(date: "%s", days: %s) with BAD_USER_INPUT on %s', async (date, days, field, message) => {
      const { data, errors } = await fed.query(`{ workingDaysAfter(date: "${date}", days: ${days}, countyCode: "${NINGWU}") }`);
      expect(data ?? null).toBeNull();
      expect(errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field }, message: expect.stringContaining(message) });
    });
  });

  describe('a year the library does not know yet, entered by the centre', () => {
    it('falls back to Monday–Friday for 2027 until the schedule is entered', async () => {
      expect(await day('2027-01-01')).toEqual({ date: '2027-01-01', working: true, name: null, source: 'WEEKDAY_RULE' });
      expect(await after('2026-12-31', 1)).toBe('2027-01-01');
      const { data } = await fed.query(`{ calendarYears(countyCode: "${NINGWU}") }`);
      expect(data.calendarYears).toContain(2026);
      expect(data.calendarYears).not.toContain(2027);
    });

    it('a director enters New Year’s Day 2027 and an adjusted Saturday, and answers change at once', async () => {
      // One change per request (the gateway refuses two in one): each answer says exactly what was saved.
      const director = fed.as(DIRECTOR);
      const first = await director.query(`mutation { newYear: setCalendarDay(date: "2027-01-01", working: false, name: "元旦") { date working name source } }`);
      const second = await director.query(`mutation { adjusted: setCalendarDay(date: "2027-01-09", working: true, name: "元旦调休上班") { date working source } }`);
      expect([first.errors, second.errors]).toEqual([undefined, undefined]);
      const data = { ...first.data, ...second.data };
      expect(data.newYear).toEqual({ date: '2027-01-01', working: false, name: '元旦', source: 'OVERRIDE' });
      expect(data.adjusted).toEqual({ date: '2027-01-09', working: true, source: 'OVERRIDE' });
      expect(await after('2026-12-31', 1)).toBe('2027-01-04');
      expect(await after('2027-01-08', 1)).toBe('2027-01-09');
      const { data: listed } = await fed.query(`{ calendarOverrides(year: 2027, countyCode: "${NINGWU}") { date working name setBy setAt } calendarYears(countyCode: "${NINGWU}") }`);
      expect(listed.calendarOverrides.map((o: any) => [o.date, o.working, o.setBy])).toEqual([
        ['2027-01-01', false, DIRECTOR],
        ['2027-01-09', true, DIRECTOR],
      ]);
      expect(listed.calendarYears).toContain(2027);
    });

    it('township and village databases receive the entries with the catalogue', async () => {
      await fed.syncCatalogues();
      for (const orm of [fed.township.orm, fed.village.orm]) {
        const calendar = await loadCalendar(orm.em.fork() as EntityManager, NINGWU);
        expect(calendar.workingDaysAfter('2026-12-31', 1)).toBe('2027-01-04');
      }
    });

    it('clearing an entry restores the weekday rule everywhere', async () => {
      const { data, errors } = await fed.as(DIRECTOR).query(`mutation { clearCalendarDay(date: "2027-01-09") { working source } }`);
      expect(errors).toBeUndefined();
      expect(data.clearCalendarDay).toEqual({ working: false, source: 'WEEKDAY_RULE' });
      await fed.syncCatalogues();
      const calendar = await loadCalendar(fed.village.orm.em.fork() as EntityManager, NINGWU);
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

  describe('each county keeps its own calendar', () => {
    const SHENCHI_DIRECTOR = `${SHENCHI}.director`;
    // Friday 20 November 2026; Monday 23 November is an ordinary working day in the State Council schedule.
    const FRIDAY = '2026-11-20T02:00:00Z';

    beforeAll(async () => {
      await fed.seed(SHENCHI);
      const { errors } = await fed.as(SHENCHI_DIRECTOR).query(`mutation { setCalendarDay(date: "2026-11-23", working: false, name: "神池县抗灾停工") { date } }`);
      expect(errors).toBeUndefined();
      await fed.syncCatalogues();
    });

    const workingDayAfterFriday = async (who: string) => {
      const { data, errors } = await fed.as(who).query(`{ workingDaysAfter(date: "2026-11-20", days: 1) }`);
      expect(errors, who).toBeUndefined();
      return data.workingDaysAfter;
    };

    it('神池县’s entry counts at 神池县’s centres and not at 宁武县’s', async () => {
      expect(await workingDayAfterFriday(SHENCHI_DIRECTOR)).toBe('2026-11-24');
      expect(await workingDayAfterFriday(DIRECTOR)).toBe('2026-11-23');
      const { data } = await fed.as(DIRECTOR).query(`{ calendarOverrides(year: 2026) { date } }`);
      expect(data.calendarOverrides.map((o: { date: string }) => o.date)).not.toContain('2026-11-23');
    });

    it('a 宁武县 village case accepted on Friday is due by 宁武县’s calendar, a 神池县 one by 神池县’s', async () => {
      fed.setNow(FRIDAY);
      try {
        const deadlineAt = async (village: string, county: string) => {
          const itemId = await itemIdByCode(fed, county, 'SC-CW-013');
          const clerk = `${village}.a`;
          const reg = await fed.as(clerk).query(`mutation($i: RegisterCaseInput!) { registerVillageCase(input: $i) { caseNo } }`, {
            i: { pointCode: village, itemId, applicant: { type: 'PERSON', name: '李秀英', idNumber: residentId(), phone: '13912345678' }, materialsReceived: [1, 2] },
          });
          expect(reg.errors).toBeUndefined();
          const acc = await fed.as(clerk).query(`mutation($i: CaseActionInput!) { actVillageCase(input: $i) { deadline } }`, {
            i: { caseNo: reg.data.registerVillageCase.caseNo, expectedVersion: 1, action: 'accept' },
          });
          expect(acc.errors).toBeUndefined();
          return acc.data.actVillageCase.deadline;
        };
        // 5 working days from the day after: 23–27 November; in 神池县 the 23rd is off, so the 30th.
        expect(await deadlineAt('140925100207', NINGWU)).toBe('2026-11-27');
        expect(await deadlineAt(await aVillageOf(SHENCHI), SHENCHI)).toBe('2026-11-30');
      } finally {
        fed.setNow(null);
      }
    });

    it('宁武县’s director may not set or clear 神池县’s calendar', async () => {
      const before = await overrideRows();
      for (const call of [`setCalendarDay(date: "2026-11-24", working: false, countyCode: "${SHENCHI}")`, `clearCalendarDay(date: "2026-11-23", countyCode: "${SHENCHI}")`]) {
        const { errors } = await fed.as(DIRECTOR).query(`mutation { ${call} { date } }`);
        expect(errors![0], call).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringContaining(SHENCHI) });
      }
      // Without naming a county, a clear is of their own county's entries: 宁武县 has none on that day.
      const own = await fed.as(DIRECTOR).query(`mutation { clearCalendarDay(date: "2026-11-23") { date } }`);
      expect(own.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'date' } });
      expect(await overrideRows()).toBe(before);
      expect(await workingDayAfterFriday(SHENCHI_DIRECTOR)).toBe('2026-11-24');
    });

    it('refuses a 宁武县 case registered against a 神池县 item, writing nothing', async () => {
      const foreignItem = await itemIdByCode(fed, SHENCHI, 'SC-CW-013');
      const cases = () => (fed.village.orm.em.fork() as EntityManager).count('CaseFile', {});
      const before = await cases();
      const res = await fed.as('140925100207.a').query(`mutation($i: RegisterCaseInput!) { registerVillageCase(input: $i) { caseNo } }`, {
        i: { pointCode: '140925100207', itemId: foreignItem, applicant: { type: 'PERSON', name: '李秀英', idNumber: residentId(), phone: '13912345678' }, materialsReceived: [1, 2] },
      });
      expect(res.errors![0]).toMatchObject({ extensions: { code: 'ITEM_OF_ANOTHER_COUNTY', field: 'itemId' }, message: expect.stringContaining(SHENCHI) });
      expect(await cases()).toBe(before);
    });

    /** The first village room of a county, from the directory. */
    async function aVillageOf(county: string): Promise<string> {
      const { data } = await fed.query(`{ county(code: "${county}") { townships { villages { code } } } }`);
      return data.county.townships.flatMap((t: { villages: { code: string }[] }) => t.villages)[0].code;
    }
  });
});
