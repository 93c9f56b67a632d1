import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestFederation, type TestFederation } from '@scf/federation/testing';
import { itemIdByCode, residentId } from './builders.js';

const COUNTY = '140925';
const TOWNSHIP = '140925100';
const VILLAGE = '140925100207';
const DIRECTOR = `${COUNTY}.director`;
const SEPTEMBER = 'from: "2026-09-01", to: "2026-09-30"';

/** Every count on the dashboard opens the cases it counts, at every level, and the list's total is the figure. */
describe('the cases behind a dashboard figure', () => {
  let fed: TestFederation;
  let serial = 800;

  beforeAll(async () => {
    fed = await startTestFederation();
    await fed.seed(COUNTY);
    await fed.seed('141030');
    const register = async (level: 'Village' | 'Township', by: string, point: string, code: string, materials: number[], day: string, accept: boolean) => {
      fed.setNow(`${day}T02:00:00Z`);
      const r = await fed.as(by).query(`mutation($i: RegisterCaseInput!) { register${level}Case(input: $i) { caseNo } }`, {
        i: { pointCode: point, itemId: await itemIdByCode(fed, COUNTY, code), applicant: { type: 'PERSON', name: '陈志强', idNumber: residentId('19850505', String(serial++)), phone: '13912345678' }, materialsReceived: materials },
      });
      expect(r.errors).toBeUndefined();
      const caseNo = r.data[`register${level}Case`].caseNo as string;
      if (accept) {
        const a = await fed.as(by).query(`mutation($i: CaseActionInput!) { act${level}Case(input: $i) { version } }`, { i: { caseNo, expectedVersion: 1, action: 'accept' } });
        expect(a.errors).toBeUndefined();
      }
      return caseNo;
    };
    await register('Village', `${VILLAGE}.a`, VILLAGE, 'SC-CW-013', [1, 2], '2026-09-02', true); // deadline 9 Sep: red on the 30th
    await register('Village', `${VILLAGE}.a`, VILLAGE, 'SC-CW-013', [1, 2], '2026-09-28', false);
    await register('Township', `${TOWNSHIP}.d3.a`, TOWNSHIP, 'ZM-JS-007', [1, 2, 3], '2026-09-10', true); // red too
    await register('Village', `${VILLAGE}.a`, VILLAGE, 'SC-CW-013', [1, 2], '2026-08-20', false); // not September
    fed.setNow('2026-09-30T02:00:00Z');
  });
  afterAll(() => fed?.close());

  const lists = (figure: string, extra = '') =>
    fed.as(DIRECTOR).query(`{
      c: countyDashboardCases(county: "${COUNTY}", ${SEPTEMBER}, figure: ${figure}${extra}) { total cases { caseNo } }
      t: townshipDashboardCases(county: "${COUNTY}", ${SEPTEMBER}, figure: ${figure}${extra}) { total cases { caseNo pointName itemName status } }
      v: villageDashboardCases(county: "${COUNTY}", ${SEPTEMBER}, figure: ${figure}${extra}) { total cases { caseNo pointCode pointName itemName status registeredOn deadline } }
      d: countyDashboard(code: "${COUNTY}", ${SEPTEMBER}) { totals { received overdueNow accepted } }
    }`);

  it('lists as many cases as the figure counts, level by level, with names a director reads', async () => {
    const r = await lists('RECEIVED');
    expect(r.errors).toBeUndefined();
    const { c, t, v, d } = r.data;
    expect(c.total + t.total + v.total).toBe(d.totals.received);
    expect([c.total, t.total, v.total]).toEqual([0, 1, 2]);
    expect(v.cases).toHaveLength(2);
    expect(v.cases[0]).toMatchObject({ pointCode: VILLAGE, pointName: '秃峦妥村委会', itemName: '农村村民住宅建设申请村级审查', status: 'REGISTERED', registeredOn: '2026-09-28', deadline: null });
    expect(t.cases[0]).toMatchObject({ pointName: '凤凰镇', itemName: '流动人口婚育证明', status: 'ACCEPTED' });
  });

  it('lists the red cases of now, the longest overdue first, as many as 当前超期 says', async () => {
    const r = await lists('OVERDUE_NOW');
    expect(r.errors).toBeUndefined();
    const { c, t, v, d } = r.data;
    expect(c.total + t.total + v.total).toBe(d.totals.overdueNow);
    expect(v.total).toBe(1);
    expect(t.total).toBe(1);
    expect(v.cases[0].deadline < '2026-09-30').toBe(true);
  });

  it('narrows to a township or a village with `under`, and pages with `first`', async () => {
    const r = await lists('RECEIVED', `, under: "${VILLAGE}", first: 1`);
    expect(r.errors).toBeUndefined();
    expect(r.data.v.total).toBe(2);
    expect(r.data.v.cases).toHaveLength(1);
    expect(r.data.t.total).toBe(0); // the township's own cases are not the village's
  });

  it('refuses a page of more than 500, and a point outside the county, naming the argument', async () => {
    const big = await fed.as(DIRECTOR).query(`{ villageDashboardCases(county: "${COUNTY}", ${SEPTEMBER}, figure: RECEIVED, first: 501) { total } }`);
    expect(big.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const outside = await fed.as(DIRECTOR).query(`{ villageDashboardCases(county: "${COUNTY}", ${SEPTEMBER}, figure: RECEIVED, under: "141030100201") { total } }`);
    expect(outside.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'pointPrefix' });
  });

  it('is the county centre’s: a village clerk, a township director and another county’s director are refused', async () => {
    for (const who of [`${VILLAGE}.a`, `${TOWNSHIP}.director`, '141030.director']) {
      const r = await fed.as(who).query(`{ villageDashboardCases(county: "${COUNTY}", ${SEPTEMBER}, figure: RECEIVED) { total } }`);
      expect(r.data?.villageDashboardCases ?? null, who).toBeNull();
      expect(r.errors?.[0]?.extensions?.code, who).toBe('FORBIDDEN');
    }
    const anonymous = await fed.query(`{ villageDashboardCases(county: "${COUNTY}", ${SEPTEMBER}, figure: RECEIVED) { total } }`);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
