import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager } from '@mikro-orm/knex';
import { startTestFederation, type TestFederation } from '@scf/federation/testing';
import { itemIdByCode, residentId } from './builders.js';

const COUNTY = '140925';
const TOWNSHIP = '140925100';
const VILLAGE = '140925100207';
const DIRECTOR = `${COUNTY}.director`;
const TOWNSHIP_DIRECTOR = `${TOWNSHIP}.director`;
/** 县应急管理局 decides 烟花爆竹零售经营许可 (XK-YJ-001): its window 08 and its chief representative (unit 05). */
const EMERGENCY_CLERK = `${COUNTY}.w08.a`;
const EMERGENCY_B_POST = `${COUNTY}.w08.b`;
const EMERGENCY_CHIEF = `${COUNTY}.u05.chief`;
/** 县公安局: windows 01 and 02, chief representative u01. */
const POLICE_CLERK = `${COUNTY}.w01.a`;
const POLICE_CHIEF = `${COUNTY}.u01.chief`;
/** 凤凰镇's desks: d1 民政, d3 计生 (which decides 流动人口婚育证明, ZM-JS-007). */
const CIVIL_AFFAIRS_DESK = `${TOWNSHIP}.d1.a`;
const FAMILY_PLANNING_DESK = `${TOWNSHIP}.d3.a`;
const FAMILY_PLANNING_B_POST = `${TOWNSHIP}.d3.b`;

const APPLICANT_ID = residentId('19900101', '123');
const APPLICANT_PHONE = '13912345678';
const APPLICANT = { type: 'PERSON', name: '李秀英', idNumber: APPLICANT_ID, phone: APPLICANT_PHONE };
const WHOLE = { idNumber: APPLICANT_ID, phone: APPLICANT_PHONE, masked: false };
const MASKED = { idNumber: `${APPLICANT_ID.slice(0, 6)}********${APPLICANT_ID.slice(-4)}`, phone: '139****5678', masked: true };

const FORWARDED = (level: 'County' | 'Township') =>
  `mutation($i: ForwardedCaseActionInput!) { handleForwarded${level}Case(input: $i) { caseNo status version } }`;

describe('the unit that decides an item handles its cases, at every level and however the case arrived', () => {
  let fed: TestFederation;
  let fireworks: string;
  let marriageProof: string;

  beforeAll(async () => {
    fed = await startTestFederation();
    await fed.seed(COUNTY);
    fed.setNow('2026-09-28T02:00:00Z');
    fireworks = await itemIdByCode(fed, COUNTY, 'XK-YJ-001');
    marriageProof = await itemIdByCode(fed, COUNTY, 'ZM-JS-007');
  });
  afterAll(() => fed?.close());

  const inbound = async (level: 'county' | 'township', caseNo: string) => {
    const row = await (fed[level].orm.em.fork() as EntityManager).findOne<{ caseNo: string; status: string; version: number }>('InboundCase', { caseNo });
    return row && { status: row.status, version: row.version };
  };

  /** A village clerk takes a case in, accepts it and forwards it to `to`; the hand-over delivers it. */
  async function forwardedFromVillage(itemId: string, materials: number[], to: string) {
    const reg = await fed.as(`${VILLAGE}.a`).query(`mutation($i: RegisterCaseInput!) { registerVillageCase(input: $i) { caseNo } }`, {
      i: { pointCode: VILLAGE, itemId, applicant: APPLICANT, materialsReceived: materials },
    });
    expect(reg.errors).toBeUndefined();
    const caseNo = reg.data.registerVillageCase.caseNo as string;
    for (const [version, action] of [[1, { action: 'accept' }], [2, { action: 'forward', toPointCode: to }]] as const) {
      const res = await fed.as(`${VILLAGE}.a`).query(`mutation($i: CaseActionInput!) { actVillageCase(input: $i) { version } }`, { i: { caseNo, expectedVersion: version, ...action } });
      expect(res.errors).toBeUndefined();
    }
    await fed.flushHandovers();
    return caseNo;
  }

  describe('a case forwarded to the county', () => {
    it.each([
      ['accept', { action: 'accept' }],
      ['decide', { action: 'decide', outcome: 'GRANTED' }],
      ['return', { action: 'returnDown', reason: '材料不全' }],
      ['ask for a supplement to', { action: 'requestSupplement', missingMaterials: [{ name: '营业执照' }] }],
    ])('a 县公安局 clerk or chief representative may not %s a 烟花爆竹 case, which stays where it was', async (_what, action) => {
      const caseNo = await forwardedFromVillage(fireworks, [1, 2, 3, 4], COUNTY);
      for (const who of [POLICE_CLERK, POLICE_CHIEF]) {
        const res = await fed.as(who).query(FORWARDED('County'), { i: { caseNo, expectedVersion: 1, ...action } });
        expect(res.errors?.[0], who).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringContaining('县应急管理局') });
        expect(res.data ?? null).toBeNull();
      }
      expect(await inbound('county', caseNo)).toMatchObject({ status: 'RECEIVED', version: 1 });
    });

    it('the 县应急管理局 window accepts and decides it, and its chief representative may too', async () => {
      const caseNo = await forwardedFromVillage(fireworks, [1, 2, 3, 4], COUNTY);
      const accepted = await fed.as(EMERGENCY_B_POST).query(FORWARDED('County'), { i: { caseNo, expectedVersion: 1, action: 'accept' } });
      expect(accepted.errors).toBeUndefined();
      expect(accepted.data.handleForwardedCountyCase).toMatchObject({ status: 'ACCEPTED', version: 2 });
      const decided = await fed.as(EMERGENCY_CHIEF).query(FORWARDED('County'), { i: { caseNo, expectedVersion: 2, action: 'decide', outcome: 'GRANTED' } });
      expect(decided.errors).toBeUndefined();
      expect(decided.data.handleForwardedCountyCase.status).toBe('DECIDED');
    });
  });

  describe('a case forwarded to the township', () => {
    it('the 民政 desk may not decide a 流动人口婚育证明 case the 计生 desk decides; the 计生 desk does', async () => {
      const caseNo = await forwardedFromVillage(marriageProof, [1, 2, 3], TOWNSHIP);
      const refused = await fed.as(CIVIL_AFFAIRS_DESK).query(FORWARDED('Township'), { i: { caseNo, expectedVersion: 1, action: 'decide', outcome: 'GRANTED' } });
      expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringContaining('计生') });
      expect(await inbound('township', caseNo)).toMatchObject({ status: 'RECEIVED', version: 1 });

      const decided = await fed.as(FAMILY_PLANNING_DESK).query(FORWARDED('Township'), { i: { caseNo, expectedVersion: 1, action: 'decide', outcome: 'GRANTED' } });
      expect(decided.errors).toBeUndefined();
      expect(decided.data.handleForwardedTownshipCase.status).toBe('DECIDED');
    });

    it('any desk passes on a case the county decides: the township only forwards it', async () => {
      const caseNo = await forwardedFromVillage(fireworks, [1, 2, 3, 4], TOWNSHIP);
      const onward = await fed.as(CIVIL_AFFAIRS_DESK).query(FORWARDED('Township'), { i: { caseNo, expectedVersion: 1, action: 'forward', toPointCode: COUNTY } });
      expect(onward.errors).toBeUndefined();
      expect(onward.data.handleForwardedTownshipCase.status).toBe('FORWARDED');
    });
  });

  describe('a case the director takes in at the county', () => {
    let caseNo: string;
    beforeAll(async () => {
      const reg = await fed.as(DIRECTOR).query(`mutation($i: RegisterCaseInput!) { registerCountyCase(input: $i) { caseNo } }`, {
        i: { pointCode: COUNTY, itemId: fireworks, applicant: APPLICANT, materialsReceived: [1, 2, 3, 4] },
      });
      expect(reg.errors).toBeUndefined();
      caseNo = reg.data.registerCountyCase.caseNo;
    });
    const read = async (who: string) => {
      const res = await fed.as(who).query(`{ countyCase(caseNo: "${caseNo}") { version applicant { idNumber phone masked } } }`);
      expect(res.errors, who).toBeUndefined();
      return res.data.countyCase;
    };

    it('is shown whole to the 县应急管理局 window and masked to every other unit', async () => {
      expect((await read(EMERGENCY_CLERK)).applicant).toEqual(WHOLE);
      for (const who of [POLICE_CLERK, POLICE_CHIEF, `${COUNTY}.w09.a`, DIRECTOR]) expect((await read(who)).applicant, who).toEqual(MASKED);
    });

    it('may not be accepted by a 县公安局 clerk; the 县应急管理局 window accepts it', async () => {
      const refused = await fed.as(POLICE_CLERK).query(`mutation($i: CaseActionInput!) { actCountyCase(input: $i) { status } }`, { i: { caseNo, expectedVersion: 1, action: 'accept' } });
      expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
      expect((await read(EMERGENCY_CLERK)).version).toBe(1);
      const accepted = await fed.as(EMERGENCY_CLERK).query(`mutation($i: CaseActionInput!) { actCountyCase(input: $i) { status } }`, { i: { caseNo, expectedVersion: 1, action: 'accept' } });
      expect(accepted.errors).toBeUndefined();
      expect(accepted.data.actCountyCase.status).toBe('ACCEPTED');
    });
  });

  describe('taking in an item another unit decides', () => {
    const countCases = (level: 'county' | 'township') => (fed[level].orm.em.fork() as EntityManager).count('CaseFile', {});

    it('a 县公安局 clerk may not take in, and so never grant, a case 县应急管理局 decides', async () => {
      const before = await countCases('county');
      const res = await fed.as(POLICE_CLERK).query(`mutation($i: RegisterCaseInput!) { registerCountyCase(input: $i) { caseNo } }`, {
        i: { pointCode: COUNTY, itemId: fireworks, applicant: APPLICANT, materialsReceived: [1, 2, 3, 4] },
      });
      expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringContaining('县应急管理局') });
      expect(await countCases('county')).toBe(before);
    });

    it('the township’s 民政 desk may not take in a case its 计生 desk decides; the director may, and the 计生 desk then handles it', async () => {
      const before = await countCases('township');
      const refused = await fed.as(CIVIL_AFFAIRS_DESK).query(`mutation($i: RegisterCaseInput!) { registerTownshipCase(input: $i) { caseNo } }`, {
        i: { pointCode: TOWNSHIP, itemId: marriageProof, applicant: APPLICANT, materialsReceived: [1, 2, 3] },
      });
      expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
      expect(await countCases('township')).toBe(before);

      const reg = await fed.as(TOWNSHIP_DIRECTOR).query(`mutation($i: RegisterCaseInput!) { registerTownshipCase(input: $i) { caseNo } }`, {
        i: { pointCode: TOWNSHIP, itemId: marriageProof, applicant: APPLICANT, materialsReceived: [1, 2, 3] },
      });
      expect(reg.errors).toBeUndefined();
      const { caseNo } = reg.data.registerTownshipCase;
      const read = async (who: string) => (await fed.as(who).query(`{ townshipCase(caseNo: "${caseNo}") { applicant { idNumber phone masked } } }`)).data.townshipCase.applicant;
      expect(await read(FAMILY_PLANNING_B_POST)).toEqual(WHOLE);
      expect(await read(CIVIL_AFFAIRS_DESK)).toEqual(MASKED);
      const act = (who: string) => fed.as(who).query(`mutation($i: CaseActionInput!) { actTownshipCase(input: $i) { status } }`, { i: { caseNo, expectedVersion: 1, action: 'accept' } });
      expect((await act(CIVIL_AFFAIRS_DESK)).errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
      expect((await act(FAMILY_PLANNING_DESK)).data.actTownshipCase.status).toBe('ACCEPTED');
    });
  });

  describe('the catalogue names the window unit or desk that decides each item', () => {
    it('lists it with each item', async () => {
      const { data, errors } = await fed.query(`{ county(code: "${COUNTY}") { serviceItems { code windowUnit } } }`);
      expect(errors).toBeUndefined();
      const unitOf = Object.fromEntries(data.county.serviceItems.map((i: { code: string; windowUnit: string | null }) => [i.code, i.windowUnit]));
      expect(unitOf).toMatchObject({ 'XK-YJ-001': '县应急管理局', 'DJ-MZ-010': '县民政局', 'ZM-JS-007': '计生', 'SC-CW-013': null });
    });

    const ADD = `mutation($c: ID!, $i: ServiceItemInput!) { addServiceItem(countyCode: $c, input: $i) { code windowUnit } }`;
    const item = (over: Record<string, unknown>) => ({
      code: 'XK-WU-1', name: '测试许可', kind: 'PROMISED', legalBasis: '依据', decidingLevel: 'COUNTY', decidingUnit: '县卫生健康局',
      legalLimitDays: 20, promisedLimitDays: 10, procedure: '申请 → 受理 → 决定', materials: [{ name: '申请表', form: 'ORIGINAL', copies: 1 }], ...over,
    });

    it('takes a county item’s deciding unit as its window unit when the hall has a unit of that name', async () => {
      const res = await fed.as(DIRECTOR).query(ADD, { c: COUNTY, i: item({}) });
      expect(res.errors).toBeUndefined();
      expect(res.data.addServiceItem).toEqual({ code: 'XK-WU-1', windowUnit: '县卫生健康局' });
    });

    it.each([
      ['a county item decided by a body with no window in the hall', { code: 'XK-WU-2', decidingUnit: '县档案馆' }],
      ['a county item given a window unit the hall does not have', { code: 'XK-WU-3', windowUnit: '县不存在局' }],
      ['a township item without the desk that decides it', { code: 'XK-WU-4', decidingLevel: 'TOWNSHIP', decidingUnit: '乡镇民政办', intakeLevels: ['TOWNSHIP', 'VILLAGE'] }],
      ['a village item given a window unit', { code: 'XK-WU-5', decidingLevel: 'VILLAGE', decidingUnit: '村民委员会', intakeLevels: ['VILLAGE'], windowUnit: '民政' }],
    ])('refuses %s with BAD_USER_INPUT on windowUnit', async (_what, over) => {
      const before = await (fed.county.orm.em.fork() as EntityManager).count('ServiceItem', {});
      const res = await fed.as(DIRECTOR).query(ADD, { c: COUNTY, i: item(over) });
      expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'input.windowUnit' } });
      expect(await (fed.county.orm.em.fork() as EntityManager).count('ServiceItem', {})).toBe(before);
    });
  });
});
