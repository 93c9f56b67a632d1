import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestFederation, type TestFederation } from '@scf/federation/testing';
import { residentId } from './builders.js';

const COUNTY = '140925';
const TOWNSHIP = '140925100';
const A = '140925100207';
const B = '140925100209';
const DIRECTOR = `${COUNTY}.director`;

const FIGURES = `received accepted finished immediate promisedFinished onTime early overdueFinished overdueNow evaluated satisfied online
  forwardedOut delegatedIn complaints immediateRate onTimeRate earlyRate dailyAverage participationRate satisfactionRate onlineShare`;
const DASHBOARD = (from: string, to: string) => `{ countyDashboard(code: "${COUNTY}", from: "${from}", to: "${to}") {
  name today workingDays
  totals { ${FIGURES} }
  centre { ${FIGURES} }
  levels { level totals { received } }
  townships { code name level totals { ${FIGURES} } centre { received accepted overdueNow delegatedIn } villages { code name totals { ${FIGURES} } } }
  area(code: "${A}") { name level totals { received finished } }
  units { name totals { received finished } }
  items { code name totals { received finished } }
  daily { date received finished }
  alerts { red yellow cases { caseNo level pointCode pointName itemName unit status deadline light } }
} }`;

/**
 * The R37 figures against a small county month worked out by hand. September 2026 has 22 working days
 * (the 20th, a Sunday, is worked; the 25th is 中秋). "Today" is 30 September.
 */
describe('the county dashboard, through the gateway', () => {
  let fed: TestFederation;
  const at = (day: string) => fed.setNow(`${day}T02:00:00Z`); // 10:00 in China
  const items: Record<string, string> = {};
  const materials: Record<string, number[]> = {};
  const cases: Record<string, string> = {};

  const person = () => ({ type: 'PERSON', name: '李秀英', idNumber: residentId(), phone: '13912345678' });
  async function register(level: 'Village' | 'Township' | 'County', by: string, point: string, item: string, extra: object = {}) {
    const res = await fed.as(by).query(`mutation($i: RegisterCaseInput!) { register${level}Case(input: $i) { caseNo version } }`, {
      i: { pointCode: point, itemId: items[item], applicant: person(), materialsReceived: materials[item], ...extra },
    });
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    return res.data[`register${level}Case`].caseNo as string;
  }
  async function act(level: 'Village' | 'Township' | 'County', by: string, caseNo: string, steps: object[]) {
    const { data } = await fed.as(by).query(`{ ${level.toLowerCase()}Case(caseNo: "${caseNo}") { version } }`);
    let version = data[`${level.toLowerCase()}Case`].version as number;
    for (const step of steps) {
      const res = await fed.as(by).query(`mutation($i: CaseActionInput!) { act${level}Case(input: $i) { version } }`, { i: { caseNo, expectedVersion: version, ...step } });
      expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
      version = res.data[`act${level}Case`].version;
    }
  }

  beforeAll(async () => {
    fed = await startTestFederation();
    await fed.seed(COUNTY);
    const { data } = await fed.query(`{ county(code: "${COUNTY}") { serviceItems { id code materials { name } } } }`);
    for (const i of data.county.serviceItems) {
      items[i.code] = i.id;
      materials[i.code] = i.materials.map((_: unknown, n: number) => n + 1);
    }
    const VA = `${A}.a`;
    // V0: received in August, decided 2 September (deadline 7 Sep): finished in the month, received before it.
    at('2026-08-31');
    cases.V0 = await register('Village', VA, A, 'SC-CW-013');
    await act('Village', VA, cases.V0, [{ action: 'accept' }]);
    at('2026-09-02');
    await act('Village', VA, cases.V0, [{ action: 'decide', outcome: 'GRANTED' }]);
    // V1: accepted 1 Sep (deadline 8 Sep), decided 3 Sep: early; delivered and rated 满意.
    at('2026-09-01');
    cases.V1 = await register('Village', VA, A, 'SC-CW-013');
    await act('Village', VA, cases.V1, [{ action: 'accept' }]);
    at('2026-09-03');
    await act('Village', VA, cases.V1, [{ action: 'decide', outcome: 'GRANTED' }, { action: 'deliver', deliveryMethod: 'PICKUP' }, { action: 'evaluate', evaluation: 'SATISFIED' }]);
    // C1: an immediate case at the county, done on the spot 2 Sep and rated 非常不满意.
    at('2026-09-02');
    cases.C1 = await register('County', `${COUNTY}.w09.a`, COUNTY, 'JB-GJJ-004');
    await act('County', `${COUNTY}.w09.a`, cases.C1, [{ action: 'accept' }, { action: 'decide', outcome: 'GRANTED' }, { action: 'deliver', deliveryMethod: 'PICKUP' }, { action: 'evaluate', evaluation: 'VERY_DISSATISFIED' }]);
    // V2: online, accepted 10 Sep (deadline 17 Sep), decided 18 Sep: overdue.
    at('2026-09-10');
    cases.V2 = await register('Village', VA, A, 'SC-CW-013', { channel: 'ONLINE' });
    await act('Village', VA, cases.V2, [{ action: 'accept' }]);
    // T1: the township's own, accepted 10 Sep (3 working days: deadline 15 Sep), still open: red.
    cases.T1 = await register('Township', `${TOWNSHIP}.d3.a`, TOWNSHIP, 'ZM-JS-007');
    await act('Township', `${TOWNSHIP}.d3.a`, cases.T1, [{ action: 'accept' }]);
    at('2026-09-18');
    await act('Village', VA, cases.V2, [{ action: 'decide', outcome: 'GRANTED' }]);
    // V4: accepted 24 Sep (deadline 30 Sep), forwarded to the township the same day: yellow today, away.
    at('2026-09-24');
    cases.V4 = await register('Village', VA, A, 'ZM-JS-007');
    await act('Village', VA, cases.V4, [{ action: 'accept' }, { action: 'forward', toPointCode: TOWNSHIP }]);
    await fed.flushHandovers();
    // NA: received 28 Sep, not accepted.
    at('2026-09-28');
    cases.NA = await register('Village', VA, A, 'SC-CW-013');
    await act('Village', VA, cases.NA, [{ action: 'notAccept', reason: '不属于本村受理范围' }]);
    // V5: village B, accepted 29 Sep (deadline 12 Oct): green.
    at('2026-09-29');
    cases.V5 = await register('Village', `${B}.a`, B, 'SC-CW-013');
    await act('Village', `${B}.a`, cases.V5, [{ action: 'accept' }]);
    // A complaint about village A's room, filed at the county in the month.
    const complaint = await fed.as(`${COUNTY}.w01.a`).query(`mutation($i: FileComplaintInput!) { fileComplaint(input: $i) { number } }`, {
      i: { pointCode: A, channel: 'PHONE', category: 'ATTITUDE', content: '代办员态度生硬，解释不清', complainantName: '赵大爷', complainantPhone: '13800001111' },
    });
    expect(complaint.errors).toBeUndefined();
    at('2026-09-30');
  });
  afterAll(() => fed?.close());

  it('adds every level up for the whole county, as worked out by hand', async () => {
    const res = await fed.as(DIRECTOR).query(DASHBOARD('2026-09-01', '2026-09-30'));
    expect(res.errors).toBeUndefined();
    const d = res.data.countyDashboard;
    expect(d).toMatchObject({ name: '宁武县', today: '2026-09-30', workingDays: 22 });
    expect(d.totals).toEqual({
      // V1 V2 V4 NA V5 T1 C1 | V1 V2 V4 V5 T1 C1 | V0 V1 V2 C1
      received: 7, accepted: 6, finished: 4,
      immediate: 1, promisedFinished: 3, onTime: 2, early: 2, overdueFinished: 1, overdueNow: 1,
      evaluated: 2, satisfied: 1, online: 1, forwardedOut: 1, delegatedIn: 1, complaints: 1,
      immediateRate: 1 / 7, onTimeRate: 2 / 3, earlyRate: 2 / 3, dailyAverage: 7 / 22, participationRate: 2 / 4, satisfactionRate: 1 / 2, onlineShare: 1 / 7,
    });
    expect(d.levels).toEqual([
      { level: 'COUNTY', totals: { received: 1 } },
      { level: 'TOWNSHIP', totals: { received: 1 } },
      { level: 'VILLAGE', totals: { received: 5 } },
    ]);
    expect(d.centre).toMatchObject({ received: 1, accepted: 1, finished: 1, immediate: 1, promisedFinished: 0, evaluated: 1, satisfied: 0, onTimeRate: null, satisfactionRate: 0 });
  });

  it('drills down: a township with its own intake and its villages, and each village', async () => {
    const d = (await fed.as(DIRECTOR).query(DASHBOARD('2026-09-01', '2026-09-30'))).data.countyDashboard;
    expect(d.townships).toHaveLength(14);
    const fenghuang = d.townships.find((t: any) => t.code === TOWNSHIP);
    expect(fenghuang).toMatchObject({ name: '凤凰镇', level: 'TOWNSHIP', centre: { received: 1, accepted: 1, overdueNow: 1, delegatedIn: 1 } });
    expect(fenghuang.totals).toMatchObject({ received: 6, accepted: 5, finished: 3, promisedFinished: 3, onTime: 2, overdueFinished: 1, overdueNow: 1, forwardedOut: 1, delegatedIn: 1, complaints: 1 });
    const a = fenghuang.villages.find((v: any) => v.code === A);
    expect(a.totals).toMatchObject({
      received: 4, accepted: 3, finished: 3, immediate: 0, promisedFinished: 3, onTime: 2, early: 2, overdueFinished: 1, overdueNow: 0,
      evaluated: 1, satisfied: 1, online: 1, forwardedOut: 1, delegatedIn: 0, complaints: 1, onTimeRate: 2 / 3, onlineShare: 1 / 4,
    });
    expect(fenghuang.villages.find((v: any) => v.code === B).totals).toMatchObject({ received: 1, accepted: 1, finished: 0, onTimeRate: null });
    // Every village is listed, zeros included.
    expect(d.townships.reduce((n: number, t: any) => n + t.villages.length, 0)).toBe(209);
    const quiet = d.townships.find((t: any) => t.code !== TOWNSHIP);
    expect(quiet.totals).toMatchObject({ received: 0, immediateRate: null, dailyAverage: 0 });
    expect(d.area).toEqual({ name: a.name, level: 'VILLAGE', totals: { received: 4, finished: 3 } });
  });

  it('per deciding unit, per item and per day', async () => {
    const d = (await fed.as(DIRECTOR).query(DASHBOARD('2026-09-01', '2026-09-30'))).data.countyDashboard;
    expect(d.units).toEqual(expect.arrayContaining([
      { name: '村民委员会', totals: { received: 4, finished: 3 } },
      { name: '乡镇计划生育办公室', totals: { received: 2, finished: 0 } },
      { name: '县住房公积金管理中心', totals: { received: 1, finished: 1 } },
    ]));
    expect(d.items.find((i: any) => i.code === 'SC-CW-013').totals).toEqual({ received: 4, finished: 3 });
    expect(d.items.find((i: any) => i.code === 'ZM-JS-007').totals).toEqual({ received: 2, finished: 0 });
    expect(d.daily).toHaveLength(30);
    const day = (date: string) => d.daily.find((x: any) => x.date === date);
    expect(day('2026-09-01')).toEqual({ date: '2026-09-01', received: 1, finished: 0 });
    expect(day('2026-09-02')).toEqual({ date: '2026-09-02', received: 1, finished: 2 });
    expect(day('2026-09-10')).toEqual({ date: '2026-09-10', received: 2, finished: 0 });
    expect(day('2026-09-18')).toEqual({ date: '2026-09-18', received: 0, finished: 1 });
    expect(d.daily.reduce((n: number, x: any) => n + x.received, 0)).toBe(7);
  });

  it('lists the red and yellow cases open now at every level, red first', async () => {
    const { alerts } = (await fed.as(DIRECTOR).query(DASHBOARD('2026-09-01', '2026-09-30'))).data.countyDashboard;
    expect(alerts).toEqual({
      red: 1,
      yellow: 1,
      cases: [
        { caseNo: cases.T1, level: 'TOWNSHIP', pointCode: TOWNSHIP, pointName: '凤凰镇', itemName: '流动人口婚育证明', unit: '乡镇计划生育办公室', status: 'ACCEPTED', deadline: '2026-09-15', light: 'RED' },
        { caseNo: cases.V4, level: 'VILLAGE', pointCode: A, pointName: expect.any(String), itemName: '流动人口婚育证明', unit: '乡镇计划生育办公室', status: 'FORWARDED', deadline: '2026-09-30', light: 'YELLOW' },
      ],
    });
  });

  it('a period before any case shows zeros, and open cases still show as of today', async () => {
    const d = (await fed.as(DIRECTOR).query(DASHBOARD('2026-07-01', '2026-07-31'))).data.countyDashboard;
    expect(d.totals).toMatchObject({ received: 0, finished: 0, overdueNow: 1, immediateRate: null });
    expect(d.alerts.red).toBe(1);
  });

  it('is for the county centre’s staff only, and refuses a bad period', async () => {
    for (const user of [`${A}.a`, `${TOWNSHIP}.director`]) {
      const res = await fed.as(user).query(DASHBOARD('2026-09-01', '2026-09-30'));
      expect(res.errors![0]!.extensions!.code, user).toBe('FORBIDDEN');
      expect(res.data).toBeNull();
    }
    expect((await fed.query(DASHBOARD('2026-09-01', '2026-09-30'))).errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    const backwards = await fed.as(DIRECTOR).query(DASHBOARD('2026-09-30', '2026-09-01'));
    expect(backwards.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'to' } });
    const tooLong = await fed.as(DIRECTOR).query(DASHBOARD('2025-01-01', '2026-09-30'));
    expect(tooLong.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'to' } });
    const notADate = await fed.as(DIRECTOR).query(DASHBOARD('2026-02-30', '2026-03-31'));
    expect(notADate.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'from' } });
  });
});

describe('the dashboard’s statements do not grow with the county', () => {
  let fed: TestFederation;
  const SMALL = '141030'; // 大宁县: 5 townships
  const LARGE = '620602'; // 凉州区: 50 townships, 550 villages

  beforeAll(async () => {
    fed = await startTestFederation();
    await fed.seed(SMALL);
    await fed.seed(LARGE);
    fed.setNow('2026-09-30T02:00:00Z');
    for (const c of [SMALL, LARGE]) await fed.as(`${c}.director`).query('{ __typename }');
  });
  afterAll(() => fed?.close());

  it('costs the same SQL statements per level for 5 townships as for 50 with 550 villages', async () => {
    const counts: Record<string, Record<string, number>> = {};
    for (const c of [SMALL, LARGE]) {
      fed.resetSqlCounts();
      const res = await fed.as(`${c}.director`).query(`{ countyDashboard(code: "${c}", from: "2026-09-01", to: "2026-09-30") {
        totals { received } townships { code villages { code totals { received } } } units { name } items { code } daily { date } alerts { red } } }`);
      expect(res.errors).toBeUndefined();
      counts[c] = fed.sqlCounts();
      if (c === LARGE) expect(res.data.countyDashboard.townships.reduce((n: number, t: any) => n + t.villages.length, 0)).toBeGreaterThanOrEqual(500);
    }
    expect(counts[LARGE], JSON.stringify(counts)).toEqual(counts[SMALL]);
    // A fixed handful per level: the points, the calendar and the figures' own statements.
    for (const n of Object.values(counts[SMALL]!)) expect(n).toBeLessThanOrEqual(16);
  });
});
