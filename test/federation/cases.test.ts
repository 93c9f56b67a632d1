import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestFederation, type TestFederation } from '@scf/federation/testing';
import { CASE_FIELDS, creditCode, itemIdByCode, residentId, withWrongCheckDigit, staffClient } from './builders.js';

const COUNTY = '140925';
const TOWNSHIP = '140925100';
const VILLAGE = '140925100207';
// Monday 28 September 2026, 10:00 in China: two days before the National Day holiday.
const MONDAY_BEFORE_NATIONAL_DAY = '2026-09-28T02:00:00Z';

describe('the case lifecycle at every level, through the gateway', () => {
  let fed: TestFederation;
  let gql: ReturnType<typeof staffClient>;
  let items: Record<'villageHousing' | 'marriageProof' | 'fireworks' | 'fundWithdrawal' | 'withdrawnCheck', string>;

  beforeAll(async () => {
    fed = await startTestFederation();
    gql = staffClient(fed, '140925.director');
    await fed.seed(COUNTY);
    fed.setNow(MONDAY_BEFORE_NATIONAL_DAY);
    items = {
      villageHousing: await itemIdByCode(fed, COUNTY, 'SC-CW-013'),
      marriageProof: await itemIdByCode(fed, COUNTY, 'ZM-JS-007'),
      fireworks: await itemIdByCode(fed, COUNTY, 'XK-YJ-001'),
      fundWithdrawal: await itemIdByCode(fed, COUNTY, 'JB-GJJ-004'),
      withdrawnCheck: await itemIdByCode(fed, COUNTY, 'DJ-TJ-008'),
    };
  });
  afterAll(() => fed?.close());

  const register = (level: 'Village' | 'Township' | 'County', input: Record<string, unknown>) =>
    gql.query(`mutation($input: RegisterCaseInput!) { register${level}Case(input: $input) { ${CASE_FIELDS} } }`, { input });
  const act = (level: 'Village' | 'Township' | 'County', input: Record<string, unknown>) =>
    gql.query(`mutation($input: CaseActionInput!) { act${level}Case(input: $input) { ${CASE_FIELDS} } }`, { input });
  const person = (name = '李秀英') => ({ type: 'PERSON', name, idNumber: residentId(), phone: '13912345678' });

  it('a village room registers, accepts, decides and delivers a case of its own, and reads its history', async () => {
    const reg = await register('Village', {
      pointCode: VILLAGE, itemId: items.villageHousing, staff: `${VILLAGE}.a`, applicant: person(), materialsReceived: [1, 2],
    });
    expect(reg.errors).toBeUndefined();
    const c = reg.data.registerVillageCase;
    expect(c.caseNo).toBe(`${VILLAGE}-20260928-00001`);
    expect(c).toMatchObject({ status: 'REGISTERED', version: 1, itemName: '农村村民住宅建设申请村级审查', deadline: null });
    expect(c.responsibleName.length).toBeGreaterThan(1);

    const accepted = (await act('Village', { caseNo: c.caseNo, expectedVersion: 1, action: 'accept', staff: `${VILLAGE}.a` })).data.actVillageCase;
    // 5 working days from the day after 28 Sep: 29, 30 Sep, then 8, 9 Oct, then Saturday 10 Oct (an adjusted working day).
    expect(accepted).toMatchObject({ status: 'ACCEPTED', version: 2, acceptedOn: '2026-09-28', deadline: '2026-10-10', light: 'GREEN' });

    fed.setNow('2026-10-09T03:00:00Z');
    const decided = await act('Village', { caseNo: c.caseNo, expectedVersion: 2, action: 'decide', outcome: 'GRANTED', staff: `${VILLAGE}.b` });
    expect(decided.errors).toBeUndefined();
    expect(decided.data.actVillageCase.decision).toMatchObject({ outcome: 'GRANTED', decidedOn: '2026-10-09', timing: 'EARLY' });

    const delivered = (await act('Village', { caseNo: c.caseNo, expectedVersion: 3, action: 'deliver', deliveryMethod: 'PICKUP', staff: `${VILLAGE}.a` })).data.actVillageCase;
    expect(delivered).toMatchObject({ status: 'DELIVERED', deliveredOn: '2026-10-09', deliveryMethod: 'PICKUP' });

    const { data } = await gql.query(`{ villageCase(caseNo: "${c.caseNo}") { history { action fromStatus toStatus by pointCode at } } }`);
    expect(data.villageCase.history.map((h: any) => [h.action, h.fromStatus, h.toStatus, h.by])).toEqual([
      ['register', null, 'REGISTERED', `${VILLAGE}.a`],
      ['accept', 'REGISTERED', 'ACCEPTED', `${VILLAGE}.a`],
      ['decide', 'ACCEPTED', 'DECIDED', `${VILLAGE}.b`],
      ['deliver', 'DECIDED', 'DELIVERED', `${VILLAGE}.a`],
    ]);
    expect(data.villageCase.history.every((h: any) => h.pointCode === VILLAGE)).toBe(true);
    fed.setNow(MONDAY_BEFORE_NATIONAL_DAY);
  });

  it('a township window asks once for every missing material, accepts when supplied, refuses in writing and delivers', async () => {
    const staff = `${TOWNSHIP}.d3.a`;
    const reg = (await register('Township', { pointCode: TOWNSHIP, itemId: items.marriageProof, staff, applicant: person('王建国'), materialsReceived: [1] })).data.registerTownshipCase;
    expect(reg.materials.map((m: any) => m.received)).toEqual([true, false, false]);

    const blocked = await act('Township', { caseNo: reg.caseNo, expectedVersion: 1, action: 'accept', staff });
    expect(blocked.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(blocked.errors![0]!.message).toContain('户口簿');

    const asked = (await act('Township', { caseNo: reg.caseNo, expectedVersion: 1, action: 'requestSupplement', staff })).data.actTownshipCase;
    expect(asked.status).toBe('SUPPLEMENT_REQUESTED');
    expect(asked.history.at(-1).missingMaterials.map((m: any) => m.name)).toEqual(['户口簿', '结婚证']);
    const supplementNotice = await gql.query(`{ townshipCase(caseNo: "${reg.caseNo}") { notice(kind: SUPPLEMENT) { title text html } } }`);
    const notice = supplementNotice.data.townshipCase.notice;
    expect(notice.title).toBe('补正材料一次性告知书');
    expect(notice.text).toContain('1. 户口簿');
    expect(notice.text).toContain('2. 结婚证');
    expect(notice.text).toContain(reg.caseNo);
    expect(notice.text).toContain('凤凰镇便民服务中心');
    expect(notice.text).toContain('监督投诉电话');
    expect(notice.html).toMatch(/^<!doctype html>/);

    await act('Township', { caseNo: reg.caseNo, expectedVersion: 2, action: 'supplySupplement', materialsSupplied: [2, 3], staff });
    const accepted = (await act('Township', { caseNo: reg.caseNo, expectedVersion: 3, action: 'accept', staff })).data.actTownshipCase;
    // 3 working days after 28 Sep: 29, 30 Sep, 8 Oct.
    expect(accepted).toMatchObject({ status: 'ACCEPTED', deadline: '2026-10-08' });
    const acceptance = (await gql.query(`{ townshipCase(caseNo: "${reg.caseNo}") { notice(kind: ACCEPTANCE) { text } } }`)).data.townshipCase.notice;
    expect(acceptance.text).toContain('2026年10月8日');

    const refused = await act('Township', { caseNo: reg.caseNo, expectedVersion: 4, action: 'decide', outcome: 'REFUSED', reason: '申请人户籍不在本镇', staff });
    expect(refused.errors).toBeUndefined();
    expect(refused.data.actTownshipCase.decision.rightsNotice).toContain('行政复议');
    const refusal = (await gql.query(`{ townshipCase(caseNo: "${reg.caseNo}") { notice(kind: REFUSAL) { title text } } }`)).data.townshipCase.notice;
    expect(refusal.title).toBe('不予许可决定书');
    expect(refusal.text).toContain('申请人户籍不在本镇');
    expect(refusal.text).toContain('行政诉讼');

    const delivered = await act('Township', { caseNo: reg.caseNo, expectedVersion: 5, action: 'deliver', deliveryMethod: 'MAIL', staff });
    expect(delivered.data.actTownshipCase.status).toBe('DELIVERED');
  });

  it('a county window takes in an organisation’s case through an agent, suspends it for an inspection, and the clock stops', async () => {
    const staff = '140925.w08.a';
    const reg = await register('County', {
      pointCode: COUNTY, itemId: items.fireworks, staff, materialsReceived: [1, 2, 3, 4],
      applicant: { type: 'ORGANISATION', name: '宁武县平安烟花店', creditCode: creditCode(), phone: '0350-4721234' },
      agent: { name: '赵磊', idNumber: residentId('19850310', '456'), phone: '13811112222', entrustmentRef: '委托书2026-09-28' },
    });
    expect(reg.errors).toBeUndefined();
    const c = reg.data.registerCountyCase;
    expect(c.caseNo).toBe(`${COUNTY}-20260928-00001`);
    const accepted = (await act('County', { caseNo: c.caseNo, expectedVersion: 1, action: 'accept', staff })).data.actCountyCase;
    // 10 working days: 29, 30 Sep, 8, 9, 10 (adjusted Saturday), 12, 13, 14, 15, 16 Oct.
    expect(accepted.deadline).toBe('2026-10-16');
    await act('County', { caseNo: c.caseNo, expectedVersion: 2, action: 'suspend', suspensionReason: 'ON_SITE_INSPECTION', staff });
    fed.setNow('2026-10-13T02:00:00Z');
    const resumed = (await act('County', { caseNo: c.caseNo, expectedVersion: 3, action: 'resume', staff })).data.actCountyCase;
    // The inspection took the working days after 28 Sep up to 13 Oct: 29, 30 Sep, 8, 9, 10, 12, 13 Oct = 7 days back.
    expect(resumed.deadline).toBe('2026-10-27');
    expect(resumed.history.at(-2)).toMatchObject({ action: 'suspend', reason: 'ON_SITE_INSPECTION' });
    fed.setNow(MONDAY_BEFORE_NATIONAL_DAY);
  });

  it('an immediate case is accepted and decided on the spot, on time', async () => {
    const staff = '140925.w09.a';
    const c = (await register('County', { pointCode: COUNTY, itemId: items.fundWithdrawal, staff, applicant: person('张伟'), materialsReceived: [1, 2, 3] })).data.registerCountyCase;
    expect(c.kind).toBe('IMMEDIATE');
    const accepted = (await act('County', { caseNo: c.caseNo, expectedVersion: 1, action: 'accept', staff })).data.actCountyCase;
    expect(accepted.deadline).toBe('2026-09-28');
    const decided = (await act('County', { caseNo: c.caseNo, expectedVersion: 2, action: 'decide', outcome: 'GRANTED', staff })).data.actCountyCase;
    expect(decided.decision.timing).toBe('ON_TIME');
  });

  it('turns an open case yellow on its last working day and red after it, and a red case raises a supervision record', async () => {
    const staff = `${VILLAGE}.a`;
    const c = (await register('Village', { pointCode: VILLAGE, itemId: items.villageHousing, staff, applicant: person(), materialsReceived: [1, 2] })).data.registerVillageCase;
    await act('Village', { caseNo: c.caseNo, expectedVersion: 1, action: 'accept', staff });
    const lightOn = async (at: string) => {
      fed.setNow(at);
      return (await gql.query(`{ villageCase(caseNo: "${c.caseNo}") { light deadline } }`)).data.villageCase.light;
    };
    expect(await lightOn('2026-10-08T02:00:00Z')).toBe('GREEN');
    expect(await lightOn('2026-10-10T02:00:00Z')).toBe('YELLOW');
    expect(await lightOn('2026-10-12T02:00:00Z')).toBe('RED');

    // 电子监察: the red case raises one supervision record (督办) against its unit, worth 5 points — once.
    const first = await fed.runSupervision();
    expect(first.village).toBeGreaterThanOrEqual(1);
    expect(await fed.runSupervision()).toEqual({ county: 0, township: 0, village: 0 });
    const { data } = await gql.query(`{
      villageCase(caseNo: "${c.caseNo}") { supervisionRecords { caseNo unit kind points raisedOn detail } }
      village(code: "${VILLAGE}") { supervisionRecords { caseNo } }
    }`);
    expect(data.villageCase.supervisionRecords).toEqual([
      { caseNo: c.caseNo, unit: '村民委员会', kind: 'OVERDUE', points: 5, raisedOn: '2026-10-12', detail: '农村村民住宅建设申请村级审查 承诺时限至 2026-10-10，已超期' },
    ]);
    expect(data.village.supervisionRecords.map((r: any) => r.caseNo)).toContain(c.caseNo);
    fed.setNow(MONDAY_BEFORE_NATIONAL_DAY);
  });

  it('issues a not-accepted notice with the reason, and lets an applicant withdraw before a decision', async () => {
    const staff = `${VILLAGE}.a`;
    const refused = (await register('Village', { pointCode: VILLAGE, itemId: items.villageHousing, staff, applicant: person(), materialsReceived: [1, 2] })).data.registerVillageCase;
    await act('Village', { caseNo: refused.caseNo, expectedVersion: 1, action: 'notAccept', reason: '申请人不是本村村民', staff });
    const notice = (await gql.query(`{ villageCase(caseNo: "${refused.caseNo}") { status notice(kind: NOT_ACCEPTED) { title text } } }`)).data.villageCase;
    expect(notice.status).toBe('NOT_ACCEPTED');
    expect(notice.notice.title).toBe('不予受理通知书');
    expect(notice.notice.text).toContain('申请人不是本村村民');

    const withdrawn = (await register('Village', { pointCode: VILLAGE, itemId: items.villageHousing, staff, applicant: person(), materialsReceived: [1, 2] })).data.registerVillageCase;
    await act('Village', { caseNo: withdrawn.caseNo, expectedVersion: 1, action: 'accept', staff });
    const res = (await act('Village', { caseNo: withdrawn.caseNo, expectedVersion: 2, action: 'withdraw', reason: '申请人主动撤回', staff })).data.actVillageCase;
    expect(res).toMatchObject({ status: 'WITHDRAWN', light: null, allowedActions: [] });
    expect(res.history.at(-1)).toMatchObject({ action: 'withdraw', reason: '申请人主动撤回' });
    const noNotice = await gql.query(`{ villageCase(caseNo: "${withdrawn.caseNo}") { notice(kind: REFUSAL) { title } } }`);
    expect(noNotice.errors![0]!.extensions!.code).toBe('NOTICE_NOT_AVAILABLE');
  });

  it('records a violation when a second supplement request names what the first could have listed (R9)', async () => {
    const staff = `${TOWNSHIP}.d3.a`;
    const c = (await register('Township', { pointCode: TOWNSHIP, itemId: items.marriageProof, staff, applicant: person(), materialsReceived: [1] })).data.registerTownshipCase;
    await act('Township', { caseNo: c.caseNo, expectedVersion: 1, action: 'requestSupplement', missingMaterials: [{ name: '户口簿' }], staff });
    await act('Township', { caseNo: c.caseNo, expectedVersion: 2, action: 'supplySupplement', materialsSupplied: [2], staff });
    await act('Township', { caseNo: c.caseNo, expectedVersion: 3, action: 'requestSupplement', missingMaterials: [{ name: '结婚证' }], staff });
    const { data } = await gql.query(`{ townshipCase(caseNo: "${c.caseNo}") { supervisionRecords { kind unit points detail } } }`);
    expect(data.townshipCase.supervisionRecords).toEqual([{ kind: 'REPEATED_SUPPLEMENT', unit: '乡镇计划生育办公室', points: 5, detail: '一次性告知未列明: 结婚证' }]);
  });

  it('refuses a supplement request later than 5 working days after receipt: the application then counts as accepted', async () => {
    const staff = `${TOWNSHIP}.d3.a`;
    const c = (await register('Township', { pointCode: TOWNSHIP, itemId: items.marriageProof, staff, applicant: person(), materialsReceived: [1] })).data.registerTownshipCase;
    // Registered Monday 28 Sep; the 5th working day after is 10 Oct (29, 30 Sep, 8, 9, 10 Oct).
    fed.setNow('2026-10-12T02:00:00Z');
    const late = await act('Township', { caseNo: c.caseNo, expectedVersion: 1, action: 'requestSupplement', staff });
    expect(late.errors![0]!.message).toMatch(/was due by 2026-10-10.*counts as accepted/);
    const accepted = await act('Township', { caseNo: c.caseNo, expectedVersion: 1, action: 'accept', staff });
    expect(accepted.data.actTownshipCase.status).toBe('ACCEPTED');
    fed.setNow(MONDAY_BEFORE_NATIONAL_DAY);
  });

  describe('two clerks acting on the same case at once', () => {
    it('lets one succeed and tells the other there is a conflict; nothing is overwritten', async () => {
      const c = (await register('Village', { pointCode: VILLAGE, itemId: items.villageHousing, staff: `${VILLAGE}.a`, applicant: person(), materialsReceived: [1, 2] })).data.registerVillageCase;
      const [a, b] = await Promise.all([
        act('Village', { caseNo: c.caseNo, expectedVersion: 1, action: 'accept', staff: `${VILLAGE}.a` }),
        act('Village', { caseNo: c.caseNo, expectedVersion: 1, action: 'notAccept', reason: '不属于本村', staff: `${VILLAGE}.b` }),
      ]);
      const results = [a, b];
      const ok = results.filter((r) => !r.errors);
      const conflicts = results.filter((r) => r.errors);
      expect(ok).toHaveLength(1);
      expect(conflicts).toHaveLength(1);
      expect(conflicts[0]!.errors![0]!.extensions!.code).toBe('CONFLICT');
      const { data } = await gql.query(`{ villageCase(caseNo: "${c.caseNo}") { version status history { action } } }`);
      expect(data.villageCase.version).toBe(2);
      expect(data.villageCase.history.map((h: any) => h.action)).toHaveLength(2);
      expect(data.villageCase.status).toBe(ok[0]!.data.actVillageCase.status);
    });
  });

  describe('bad input is refused with a clear error and writes nothing', () => {
    const countCases = async () => (await gql.query(`{ village(code: "${VILLAGE}") { cases(first: 500) { caseNo } } }`)).data.village.cases.length;

    it.each([
      ['a resident ID with a wrong check digit', { applicant: { type: 'PERSON', name: '李四', idNumber: withWrongCheckDigit(residentId()), phone: '13912345678' } }, 'applicant.idNumber', /check digit/],
      ['an organisation with a wrong credit-code check character', { applicant: { type: 'ORGANISATION', name: '某公司', creditCode: creditCode().slice(0, 17) + (creditCode().endsWith('1') ? '2' : '1'), phone: '13912345678' } }, 'applicant.creditCode', /check/],
      ['a phone that is not a phone', { applicant: { type: 'PERSON', name: '李四', idNumber: residentId(), phone: '12345' } }, 'applicant.phone', /phone|mobile|landline/i],
      ['an unknown item', { itemId: '999999' }, 'itemId', /999999/],
      ['an agent without an entrustment letter', { agent: { name: '赵磊', idNumber: residentId(), phone: '13811112222', entrustmentRef: '' } }, 'agent.entrustmentRef', /entrustment/],
      ['markup in a name', { applicant: { type: 'PERSON', name: '<script>alert(1)</script>', idNumber: residentId(), phone: '13912345678' } }, 'applicant.name', /< >/],
    ])('refuses %s', async (_what, override, field, message) => {
      const before = await countCases();
      const res = await register('Village', {
        pointCode: VILLAGE, itemId: items.villageHousing, staff: `${VILLAGE}.a`, applicant: person(), materialsReceived: [1, 2], ...override,
      });
      expect(res.errors).toHaveLength(1);
      expect(res.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(res.errors![0]!.message).toMatch(message);
      expect(await countCases()).toBe(before);
    });

    it('refuses a clerk of another village: registering here is not theirs to do', async () => {
      const before = await countCases();
      const res = await register('Village', { pointCode: VILLAGE, itemId: items.villageHousing, staff: '140925100209.a', applicant: person(), materialsReceived: [1, 2] });
      expect(res.errors![0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringContaining('works at 140925100209') });
      expect(res.data).toBeNull();
      expect(await countCases()).toBe(before);
    });

    it('refuses an action the current state does not allow, naming the state and the allowed actions', async () => {
      const c = (await register('Village', { pointCode: VILLAGE, itemId: items.villageHousing, staff: `${VILLAGE}.a`, applicant: person(), materialsReceived: [1, 2] })).data.registerVillageCase;
      const res = await act('Village', { caseNo: c.caseNo, expectedVersion: 1, action: 'deliver', deliveryMethod: 'PICKUP', staff: `${VILLAGE}.a` });
      expect(res.errors![0]!.extensions).toMatchObject({ code: 'TRANSITION_NOT_ALLOWED', state: 'REGISTERED', action: 'deliver' });
      expect(res.errors![0]!.message).toBe('不能对已登记的办件进行“送达”；现在可以：一次性告知补正、受理、不予受理、撤回 / Cannot deliver a case that is REGISTERED; allowed now: requestSupplement, accept, notAccept, withdraw');
      const { data } = await gql.query(`{ villageCase(caseNo: "${c.caseNo}") { status version history { action } } }`);
      expect(data.villageCase).toEqual({ status: 'REGISTERED', version: 1, history: [{ action: 'register' }] });
    });

    it('refuses to decide at a level that does not decide the item', async () => {
      const c = (await register('Village', { pointCode: VILLAGE, itemId: items.fireworks, staff: `${VILLAGE}.a`, applicant: person(), materialsReceived: [1, 2, 3, 4] })).data.registerVillageCase;
      await act('Village', { caseNo: c.caseNo, expectedVersion: 1, action: 'accept', staff: `${VILLAGE}.a` });
      const res = await act('Village', { caseNo: c.caseNo, expectedVersion: 2, action: 'decide', outcome: 'GRANTED', staff: `${VILLAGE}.a` });
      expect(res.errors![0]!.message).toMatch(/decided at the county level/);
    });

    it('refuses a malformed case number', async () => {
      const res = await gql.query(`{ villageCase(caseNo: "not-a-case") { status } }`);
      expect(res.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    });
  });
});
