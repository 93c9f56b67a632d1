import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestFederation, type TestFederation } from '@scf/federation/testing';
import { itemIdByCode, residentId, staffClient } from './builders.js';

const COUNTY = '140925';
const TOWNSHIP = '140925100';
const VILLAGE = '140925100207';
const VCLERK = `${VILLAGE}.a`;
const TCLERK = `${TOWNSHIP}.d3.a`;
const CCLERK = '140925.w08.a';
const PHONE = '13912345678';
const ID_NUMBER = residentId('19850315', '246');
const APPLICANT = { type: 'PERSON', name: '李秀英', idNumber: ID_NUMBER, phone: PHONE };

const MY_CASE = `caseNo found itemName pointName statusText deadline steps { on text } contactPhone complaintPhone whatToBring`;
const TRACK_MY_CASE = `query($caseNo: ID!, $phoneLast4: String!) { trackMyCase(caseNo: $caseNo, phoneLast4: $phoneLast4) { ${MY_CASE} } }`;

describe('applicants track their own case with its number and the last four digits of their phone, without signing in', () => {
  let fed: TestFederation;
  let gql: ReturnType<typeof staffClient>;
  let items: Record<'villageReview' | 'marriageProof' | 'fireworks', string>;
  let staffNames: string[];
  // Each test starts a minute after the last: the per-client limit (20 lookups a minute) counts each test on its own.
  let clock = Date.parse('2026-09-28T02:00:00Z');

  beforeAll(async () => {
    fed = await startTestFederation();
    gql = staffClient(fed, '140925.director');
    await fed.seed(COUNTY);
    fed.setNow(new Date(clock));
    items = {
      villageReview: await itemIdByCode(fed, COUNTY, 'SC-CW-013'),
      marriageProof: await itemIdByCode(fed, COUNTY, 'ZM-JS-007'),
      fireworks: await itemIdByCode(fed, COUNTY, 'XK-YJ-001'),
    };
    const staff = await gql.query(`{ village(code: "${VILLAGE}") { staff { name } } township(code: "${TOWNSHIP}") { staff { name } } county(code: "${COUNTY}") { staff { name } } }`);
    expect(staff.errors).toBeUndefined();
    staffNames = [...staff.data.village.staff, ...staff.data.township.staff, ...staff.data.county.staff].map((s: { name: string }) => s.name);
    expect(staffNames.length).toBeGreaterThan(3);
  });
  beforeEach(() => {
    clock += 61_000;
    fed.setNow(new Date(clock));
  });
  afterAll(() => fed?.close());

  /** The anonymous lookup as the applicant's browser sends it, with the raw JSON text of the answer. */
  async function trackMyCase(caseNo: string, phoneLast4: string) {
    const res = await fetch(fed.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: TRACK_MY_CASE, variables: { caseNo, phoneLast4 } }),
    });
    const text = await res.text();
    return { text, ...(JSON.parse(text) as { data?: any; errors?: { message: string; extensions?: Record<string, any> }[] }) };
  }

  async function register(level: 'Village' | 'Township' | 'County', pointCode: string, staff: string, itemId: string, materials: number[]) {
    const reg = await gql.query(`mutation($i: RegisterCaseInput!) { register${level}Case(input: $i) { caseNo version } }`, {
      i: { pointCode, itemId, staff, applicant: APPLICANT, materialsReceived: materials },
    });
    expect(reg.errors).toBeUndefined();
    return reg.data[`register${level}Case`].caseNo as string;
  }
  async function act(level: 'Village' | 'Township' | 'County', input: Record<string, unknown>) {
    const r = await gql.query(`mutation($i: CaseActionInput!) { act${level}Case(input: $i) { status version } }`, { i: input });
    expect(r.errors).toBeUndefined();
    return r.data[`act${level}Case`] as { status: string; version: number };
  }
  async function handle(level: 'Township' | 'County', input: Record<string, unknown>) {
    const r = await gql.query(`mutation($i: ForwardedCaseActionInput!) { handleForwarded${level}Case(input: $i) { status version } }`, { i: input });
    expect(r.errors).toBeUndefined();
    return r.data[`handleForwarded${level}Case`] as { status: string; version: number };
  }
  async function acceptedVillageCase(itemId: string, materials: number[]) {
    const caseNo = await register('Village', VILLAGE, VCLERK, itemId, materials);
    await act('Village', { caseNo, expectedVersion: 1, action: 'accept', staff: VCLERK });
    return caseNo;
  }

  /** Nothing personal or internal in what an applicant is shown: no ID number, phone, name, staff or username. */
  function expectNothingPersonal(text: string) {
    expect(text).not.toContain(ID_NUMBER);
    expect(text).not.toContain(PHONE);
    expect(text).not.toContain(PHONE.slice(-4));
    expect(text).not.toContain(APPLICANT.name);
    for (const name of staffNames) expect(text).not.toContain(name);
    expect(text).not.toMatch(/\d{6,12}\.[a-z0-9]/); // usernames: 140925100207.a, 140925.w08.a
    expect(text).not.toContain('代办上报'); // the clerks' internal note on the forwarding
  }

  it('an applicant with the right last four digits sees their village case’s journey in plain words, and nothing personal', async () => {
    // Registered with one material missing: the room asks for it, the applicant brings it, the room accepts and decides.
    const caseNo = await register('Village', VILLAGE, VCLERK, items.villageReview, [1]);
    await act('Village', { caseNo, expectedVersion: 1, action: 'requestSupplement', staff: VCLERK });
    const waiting = await trackMyCase(caseNo, '5678');
    expect(waiting.errors).toBeUndefined();
    expect(waiting.data.trackMyCase).toMatchObject({ found: true, statusText: '需要补充材料', whatToBring: ['户口簿'], deadline: null });
    expect(waiting.data.trackMyCase.steps.at(-1).text).toBe('需要您补充材料，请一次性带齐后交到秃峦妥村便民服务室：户口簿。');

    await act('Village', { caseNo, expectedVersion: 2, action: 'supplySupplement', materialsSupplied: [2], staff: VCLERK });
    await act('Village', { caseNo, expectedVersion: 3, action: 'accept', staff: VCLERK });
    await act('Village', { caseNo, expectedVersion: 4, action: 'decide', outcome: 'GRANTED', note: '村民小组讨论通过', staff: VCLERK });
    await act('Village', { caseNo, expectedVersion: 5, action: 'deliver', deliveryMethod: 'PICKUP', staff: VCLERK });

    const { text, data, errors } = await trackMyCase(caseNo, '5678');
    expect(errors).toBeUndefined();
    expect(data.trackMyCase).toEqual({
      caseNo, found: true, itemName: '农村村民住宅建设申请村级审查', pointName: '秃峦妥村便民服务室', statusText: '结果已送达', deadline: '2026-10-10',
      steps: [
        { on: '2026-09-28', text: '秃峦妥村便民服务室收到您的申请：农村村民住宅建设申请村级审查。' },
        { on: '2026-09-28', text: '需要您补充材料，请一次性带齐后交到秃峦妥村便民服务室：户口簿。' },
        { on: '2026-09-28', text: '已收到您补交的材料。' },
        { on: '2026-09-28', text: '已受理，承诺5个工作日内办结，预计2026年10月10日前办结。' },
        { on: '2026-09-28', text: '已作出决定：准予许可。' },
        { on: '2026-09-28', text: '办理结果已送达（窗口领取）。' },
      ],
      contactPhone: null,
      // A village room has no complaint phone of its own: complaints go to the county centre (R23).
      complaintPhone: '12345',
      whatToBring: [],
    });
    expectNothingPersonal(text);
    expect(text).not.toContain('村民小组讨论通过');
  });

  it('a forwarded case says where it went, and that the result came back', async () => {
    const caseNo = await acceptedVillageCase(items.marriageProof, [1, 2, 3]);
    await act('Village', { caseNo, expectedVersion: 2, action: 'forward', toPointCode: TOWNSHIP, note: '代办上报', staff: VCLERK });
    await fed.flushHandovers();

    const away = await trackMyCase(caseNo, '5678');
    expect(away.errors).toBeUndefined();
    expect(away.data.trackMyCase).toMatchObject({ found: true, itemName: '流动人口婚育证明', statusText: '已上报至凤凰镇便民服务中心办理', deadline: '2026-10-08' });
    expect(away.data.trackMyCase.steps.map((s: { text: string }) => s.text)).toEqual([
      '秃峦妥村便民服务室收到您的申请：流动人口婚育证明。',
      '已受理，承诺3个工作日内办结，预计2026年10月8日前办结。',
      '已代您上报至凤凰镇便民服务中心办理。您无需另跑，结果出来后由秃峦妥村便民服务室通知您。',
    ]);

    await handle('Township', { caseNo, expectedVersion: 1, action: 'decide', outcome: 'GRANTED', note: '经审核符合条件', staff: TCLERK });
    await fed.flushHandovers();
    const back = await trackMyCase(caseNo, '5678');
    expect(back.data.trackMyCase.statusText).toBe('已办结：准予许可');
    expect(back.data.trackMyCase.steps.at(-1)).toEqual({ on: '2026-09-28', text: '凤凰镇便民服务中心已作出决定：准予许可。结果已送回秃峦妥村便民服务室。' });
    expectNothingPersonal(away.text);
    expectNothingPersonal(back.text);
    expect(back.text).not.toContain('经审核符合条件');
  });

  it('a case sent on to the county says the county has it, and a refusal carries its reason and the right to review', async () => {
    const caseNo = await acceptedVillageCase(items.fireworks, [1, 2, 3, 4]);
    await act('Village', { caseNo, expectedVersion: 2, action: 'forward', toPointCode: TOWNSHIP, staff: VCLERK });
    await fed.flushHandovers();
    await handle('Township', { caseNo, expectedVersion: 1, action: 'forward', toPointCode: COUNTY, staff: TCLERK });
    await fed.flushHandovers();
    const atCounty = await trackMyCase(caseNo, '5678');
    expect(atCounty.data.trackMyCase.statusText).toBe('已上报至宁武县政务服务中心办理');

    await handle('County', { caseNo, expectedVersion: 1, action: 'decide', outcome: 'REFUSED', reason: '经营场所不符合安全距离要求', staff: CCLERK });
    await fed.flushHandovers();
    const refused = await trackMyCase(caseNo, '5678');
    expect(refused.data.trackMyCase.statusText).toBe('已办结：不予许可');
    const last = refused.data.trackMyCase.steps.at(-1).text as string;
    expect(last).toContain('宁武县政务服务中心已作出决定：不予许可。理由：经营场所不符合安全距离要求。');
    expect(last).toContain('行政复议');
    expect(last).toContain('行政诉讼');
    expectNothingPersonal(refused.text);
  });

  it('cases taken in at a township or at the county are tracked the same way', async () => {
    const townshipCase = await register('Township', TOWNSHIP, TCLERK, items.marriageProof, [1, 2, 3]);
    const t = await trackMyCase(townshipCase, '5678');
    expect(t.data.trackMyCase).toMatchObject({ found: true, pointName: '凤凰镇便民服务中心', statusText: '已收到申请，正在审查材料', complaintPhone: '12345' });

    const countyCase = await register('County', COUNTY, CCLERK, items.fireworks, [1, 2, 3, 4]);
    await act('County', { caseNo: countyCase, expectedVersion: 1, action: 'accept', staff: CCLERK });
    const c = await trackMyCase(countyCase, '5678');
    expect(c.data.trackMyCase).toMatchObject({ found: true, pointName: '宁武县政务服务中心', statusText: '已受理，正在办理', itemName: '烟花爆竹零售经营许可' });
    expectNothingPersonal(t.text);
    expectNothingPersonal(c.text);
  });

  it('a wrong check and an unknown case number get the same not-found answer', async () => {
    const caseNo = await acceptedVillageCase(items.villageReview, [1, 2]);
    const unknownNo = `${VILLAGE}-20260928-09999`;
    const wrong = await trackMyCase(caseNo, '1234');
    const unknown = await trackMyCase(unknownNo, '5678');
    expect(wrong.errors).toBeUndefined();
    expect(unknown.errors).toBeUndefined();
    const notFound = { found: false, itemName: null, pointName: null, statusText: null, deadline: null, steps: [], contactPhone: null, complaintPhone: null, whatToBring: [] };
    expect(wrong.data.trackMyCase).toEqual({ caseNo, ...notFound });
    expect(unknown.data.trackMyCase).toEqual({ caseNo: unknownNo, ...notFound });
    expect(wrong.text.replace(caseNo, 'N')).toBe(unknown.text.replace(unknownNo, 'N'));
  });

  it('the sixth wrong check in an hour locks the case number, even for the right check, until the hour is over', async () => {
    const caseNo = await acceptedVillageCase(items.villageReview, [1, 2]);
    // Right checks do not count towards the lock.
    for (let i = 0; i < 5; i++) expect((await trackMyCase(caseNo, '5678')).data.trackMyCase.found).toBe(true);
    for (const guess of ['0000', '0001', '0002', '0003', '0004']) {
      const r = await trackMyCase(caseNo, guess);
      expect(r.errors).toBeUndefined();
      expect(r.data.trackMyCase.found).toBe(false);
    }
    const sixth = await trackMyCase(caseNo, '0005');
    expect(sixth.data.trackMyCase).toBeNull();
    expect(sixth.errors![0]!.extensions!.code).toBe('RATE_LIMITED');
    const right = await trackMyCase(caseNo, '5678');
    expect(right.data.trackMyCase).toBeNull();
    const e = right.errors![0]!;
    expect(e.extensions!.code).toBe('RATE_LIMITED');
    expect(e.extensions!.retryAfterSeconds).toBeGreaterThan(3500);
    expect(e.extensions!.retryAfterSeconds).toBeLessThanOrEqual(3600);
    expect(e.message).toMatch(/分钟后.*再试 \/ .*try again in \d+ min/);
    expect(right.text).not.toContain(PHONE);

    // Another case number is not affected.
    const other = await acceptedVillageCase(items.villageReview, [1, 2]);
    expect((await trackMyCase(other, '5678')).data.trackMyCase.found).toBe(true);

    // An hour after the first wrong check, the right check works again.
    clock += 60 * 60_000;
    fed.setNow(new Date(clock));
    expect((await trackMyCase(caseNo, '5678')).data.trackMyCase.found).toBe(true);
  });

  it('a malformed case number or check is BAD_USER_INPUT naming the field', async () => {
    for (const [caseNo, phoneLast4, field] of [
      ['140925-2026', '5678', 'caseNo'],
      [`${VILLAGE}-20260231-00001`, '5678', 'caseNo'],
      [`${VILLAGE}-20260928-00001`, '567', 'phoneLast4'],
      [`${VILLAGE}-20260928-00001`, '56789', 'phoneLast4'],
      [`${VILLAGE}-20260928-00001`, '56a8', 'phoneLast4'],
    ]) {
      const r = await trackMyCase(caseNo!, phoneLast4!);
      expect(r.data.trackMyCase).toBeNull();
      expect(r.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });

  it('the levels’ internal answers cannot be asked for through the gateway', async () => {
    const caseNo = `${VILLAGE}-20260928-00001`;
    for (const selection of ['villageAnswer { verified }', 'townshipAnswer { facts { reason } }', 'townshipPoint { name }', 'phoneLast4']) {
      const r = await fed.query(`{ trackMyCase(caseNo: "${caseNo}", phoneLast4: "5678") { ${selection} } }`);
      expect(r.data).toBeUndefined();
      expect(r.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    }
    const schema = await fed.query(`{ answer: __type(name: "MyCaseAnswer") { name } fact: __type(name: "MyCaseFact") { name } track: __type(name: "MyCaseTrack") { fields { name } } }`);
    expect(schema.data.answer).toBeNull();
    expect(schema.data.fact).toBeNull();
    expect(schema.data.track.fields.map((f: { name: string }) => f.name)).toEqual([
      'caseNo', 'found', 'itemName', 'pointName', 'statusText', 'deadline', 'steps', 'contactPhone', 'complaintPhone', 'whatToBring',
    ]);
  });

  it('when the level that took the case in is down, the applicant is not told the case does not exist, nor locked out', async () => {
    const caseNo = await acceptedVillageCase(items.villageReview, [1, 2]);
    await fed.stopLevel('village');
    try {
      for (let i = 0; i < 5; i++) {
        const r = await trackMyCase(caseNo, '5678');
        expect(r.data?.trackMyCase ?? null).toBeNull();
        expect(r.errors?.length).toBeGreaterThan(0);
        // Said plainly, without the address the village listens on.
        expect(JSON.stringify(r.errors)).not.toMatch(/127\.0\.0\.1|http:\/\/|ECONNREFUSED/);
        expect(r.errors!.some((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE' && /village/.test(e.message))).toBe(true);
      }
    } finally {
      await fed.restartLevel('village');
    }
    // Lookups that got no answer stop counting against the case number after 30 seconds.
    clock += 31_000;
    fed.setNow(new Date(clock));
    expect((await trackMyCase(caseNo, '5678')).data.trackMyCase.found).toBe(true);
  });

  it('one client may look up 20 cases a minute; signed-in staff are counted on their own', async () => {
    const answers = [];
    for (let i = 1; i <= 21; i++) answers.push(await trackMyCase(`${VILLAGE}-20260928-${String(9000 + i).padStart(5, '0')}`, '5678'));
    expect(answers.slice(0, 20).every((a) => a.data.trackMyCase.found === false)).toBe(true);
    const over = answers[20]!;
    expect(over.data.trackMyCase).toBeNull();
    expect(over.errors![0]!.extensions!.code).toBe('RATE_LIMITED');
    expect(over.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThan(0);
    expect(over.errors![0]!.extensions!.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(over.errors![0]!.message).toContain('查询过于频繁');

    const caseNo = await acceptedVillageCase(items.villageReview, [1, 2]);
    const asStaff = await fed.as(VCLERK).query(TRACK_MY_CASE, { caseNo, phoneLast4: '5678' });
    expect(asStaff.data.trackMyCase.found).toBe(true);
  });
});
