import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestFederation, type TestFederation } from '@scf/federation/testing';
import { itemIdByCode, residentId } from './builders.js';

const COUNTY = '140925';
const TOWNSHIP = '140925100';
const VILLAGE = '140925100207';
const OTHER_VILLAGE = '140925100209';
const CLERK_A = `${VILLAGE}.a`;
const CLERK_B = `${VILLAGE}.b`;
// Monday 28 September 2026, 10:00 in China.
const MONDAY = '2026-09-28T02:00:00Z';

const APPLICANT_ID = residentId('19900101', '123');
const APPLICANT_PHONE = '13912345678';
const AGENT_ID = residentId('19850310', '456');
const AGENT_PHONE = '13811112222';
/** How a resident ID looks masked: the first six and the last four characters, eight stars between. */
const maskedId = (id: string) => `${id.slice(0, 6)}********${id.slice(-4)}`;

const APPLICANT_WHOLE = { name: '李秀英', idNumber: APPLICANT_ID, phone: APPLICANT_PHONE, masked: false };
const APPLICANT_MASKED = { name: '李秀英', idNumber: maskedId(APPLICANT_ID), phone: '139****5678', masked: true };
const AGENT_WHOLE = { name: '赵磊', idNumber: AGENT_ID, phone: AGENT_PHONE, masked: false };
const AGENT_MASKED = { name: '赵磊', idNumber: maskedId(AGENT_ID), phone: '138****2222', masked: true };

const APPLICANT = 'applicant { name idNumber phone masked }';
const AGENT = 'agent { name idNumber phone masked }';
const PERSONAL = `${APPLICANT} ${AGENT}`;
const APPLICANT_FIELDS = ['applicant.idNumber', 'applicant.phone'];
const AGENT_FIELDS = ['agent.idNumber', 'agent.phone'];

describe('personal data in cases: masked unless the case’s own handlers look at it on its own, and every whole read logged', () => {
  let fed: TestFederation;
  let villageItem: string;
  let fireworksItem: string;

  beforeAll(async () => {
    fed = await startTestFederation({ accountCheckMs: 0 });
    await fed.seed(COUNTY);
    fed.setNow(MONDAY);
    villageItem = await itemIdByCode(fed, COUNTY, 'SC-CW-013');
    fireworksItem = await itemIdByCode(fed, COUNTY, 'XK-YJ-001');
  });
  afterAll(() => fed?.close());

  const applicantWithAgent = () => ({
    applicant: { type: 'PERSON', name: '李秀英', idNumber: APPLICANT_ID, phone: APPLICANT_PHONE },
    agent: { name: '赵磊', idNumber: AGENT_ID, phone: AGENT_PHONE, entrustmentRef: '委托书2026-09-28' },
  });

  /** The village clerk registers a case for a person through an agent; `selection` is what the clerk asks back. */
  async function registerAtVillage(selection = PERSONAL, clerk = CLERK_A) {
    const res = await fed.as(clerk).query(`mutation($input: RegisterCaseInput!) { registerVillageCase(input: $input) { caseNo version ${selection} } }`, {
      input: { pointCode: VILLAGE, itemId: villageItem, materialsReceived: [1, 2], ...applicantWithAgent() },
    });
    expect(res.errors).toBeUndefined();
    return res.data.registerVillageCase;
  }

  const readVillageCase = async (who: string, caseNo: string, selection = PERSONAL) => {
    const res = await fed.as(who).query(`{ villageCase(caseNo: "${caseNo}") { caseNo ${selection} } }`);
    expect(res.errors, who).toBeUndefined();
    return res.data.villageCase;
  };

  const readsOf = async (caseNo: string, level: 'village' | 'county' = 'village') => {
    const res = await fed.as(`${COUNTY}.supervisor`).query(`{ ${level}Case(caseNo: "${caseNo}") { personalDataReads { username staffPointCode caseNo fields at } } }`);
    expect(res.errors).toBeUndefined();
    return res.data[`${level}Case`].personalDataReads as { username: string; staffPointCode: string; caseNo: string; fields: string[]; at: string }[];
  };

  describe('at a village room', () => {
    it('lists the village’s cases with the ID number and phone masked, even for the clerk who took the case in', async () => {
      const c = await registerAtVillage();
      for (const clerk of [CLERK_A, CLERK_B]) {
        const res = await fed.as(clerk).query(`{ village(code: "${VILLAGE}") { cases(first: 500) { caseNo ${PERSONAL} } } }`);
        expect(res.errors).toBeUndefined();
        const listed = res.data.village.cases.find((x: any) => x.caseNo === c.caseNo);
        expect(listed, clerk).toEqual({ caseNo: c.caseNo, applicant: APPLICANT_MASKED, agent: AGENT_MASKED });
        expect(JSON.stringify(res.data)).not.toContain(APPLICANT_ID);
        expect(JSON.stringify(res.data)).not.toContain(APPLICANT_PHONE);
      }
    });

    it('shows the clerk who takes a case in the whole ID number and phone in the answer to registering, to acting, and when reading the case on its own', async () => {
      const c = await registerAtVillage();
      expect(c).toMatchObject({ applicant: APPLICANT_WHOLE, agent: AGENT_WHOLE });

      const accepted = await fed.as(CLERK_A).query(`mutation($input: CaseActionInput!) { actVillageCase(input: $input) { status ${PERSONAL} } }`, {
        input: { caseNo: c.caseNo, expectedVersion: c.version, action: 'accept' },
      });
      expect(accepted.errors).toBeUndefined();
      expect(accepted.data.actVillageCase).toEqual({ status: 'ACCEPTED', applicant: APPLICANT_WHOLE, agent: AGENT_WHOLE });

      expect(await readVillageCase(CLERK_A, c.caseNo)).toEqual({ caseNo: c.caseNo, applicant: APPLICANT_WHOLE, agent: AGENT_WHOLE });
    });

    it('shows the other clerk of the room (the B post) the whole ID number and phone when reading the case on its own', async () => {
      const c = await registerAtVillage();
      expect(await readVillageCase(CLERK_B, c.caseNo)).toEqual({ caseNo: c.caseNo, applicant: APPLICANT_WHOLE, agent: AGENT_WHOLE });
    });

    it('shows a township clerk, the township director and the county director the village case masked', async () => {
      const c = await registerAtVillage();
      for (const reader of [`${TOWNSHIP}.d1.a`, `${TOWNSHIP}.director`, `${COUNTY}.director`]) {
        expect(await readVillageCase(reader, c.caseNo), reader).toEqual({ caseNo: c.caseNo, applicant: APPLICANT_MASKED, agent: AGENT_MASKED });
      }
    });

    it('keeps the list masked even when the same request also opens one of the listed cases on its own', async () => {
      const c = await registerAtVillage('caseNo');
      const res = await fed.as(CLERK_A).query(`{
        villageCase(caseNo: "${c.caseNo}") { caseNo ${APPLICANT} }
        village(code: "${VILLAGE}") { cases(first: 500) { caseNo ${APPLICANT} } }
      }`);
      expect(res.errors).toBeUndefined();
      expect(res.data.villageCase.applicant).toEqual(APPLICANT_WHOLE);
      expect(res.data.village.cases.find((x: any) => x.caseNo === c.caseNo).applicant).toEqual(APPLICANT_MASKED);
    });

    it('no longer shows a clerk the director deactivated anything whole, with the token they still hold', async () => {
      const clerk = `${OTHER_VILLAGE}.a`;
      const reg = await fed.as(`${OTHER_VILLAGE}.b`).query(`mutation($input: RegisterCaseInput!) { registerVillageCase(input: $input) { caseNo } }`, {
        input: { pointCode: OTHER_VILLAGE, itemId: villageItem, materialsReceived: [1, 2], ...applicantWithAgent() },
      });
      expect(reg.errors).toBeUndefined();
      const { caseNo } = reg.data.registerVillageCase;
      // Signed in this morning, the clerk handles the case and sees it whole.
      expect((await readVillageCase(clerk, caseNo, APPLICANT)).applicant).toEqual(APPLICANT_WHOLE);

      const off = await fed.as(`${COUNTY}.director`).query(`mutation { setVillageStaffActive(username: "${clerk}", active: false) { username } }`);
      expect(off.errors).toBeUndefined();

      const after = await fed.as(clerk).query(`{ villageCase(caseNo: "${caseNo}") { caseNo ${PERSONAL} } }`);
      for (const secret of [APPLICANT_ID, APPLICANT_PHONE, AGENT_ID, AGENT_PHONE]) expect.soft(JSON.stringify(after)).not.toContain(secret);
      // Only the read made while the account was active is in the log.
      expect((await readsOf(caseNo)).map((r) => r.username)).toEqual([clerk]);
    });

    it('does not let a clerk of another village read the case at all', async () => {
      const c = await registerAtVillage();
      const res = await fed.as(`${OTHER_VILLAGE}.b`).query(`{ villageCase(caseNo: "${c.caseNo}") { caseNo ${PERSONAL} } }`);
      expect(res.errors![0]!.extensions!.code).toBe('FORBIDDEN');
      expect(res.data?.villageCase ?? null).toBeNull();
      expect(JSON.stringify(res)).not.toContain(APPLICANT_ID);
    });
  });

  describe('the read log', () => {
    it('shows the county supervisor exactly the whole reads made of a case: who read which fields, and no masked read', async () => {
      // 1 whole read: the registering clerk asks back the applicant only.
      const c = await registerAtVillage(APPLICANT);
      // 2 whole reads: the same clerk opens the case, applicant and agent.
      await readVillageCase(CLERK_A, c.caseNo);
      // None: lists, and readers who do not handle the case, see it masked.
      await fed.as(CLERK_A).query(`{ village(code: "${VILLAGE}") { cases(first: 500) { ${PERSONAL} } } }`);
      await readVillageCase(`${TOWNSHIP}.d1.a`, c.caseNo);
      await readVillageCase(`${COUNTY}.director`, c.caseNo);
      // 1 whole read: the B post opens the case and looks at the agent only.
      await readVillageCase(CLERK_B, c.caseNo, AGENT);
      // The supervisor's own look at the case is masked and not a whole read.
      expect((await readVillageCase(`${COUNTY}.supervisor`, c.caseNo)).applicant).toEqual(APPLICANT_MASKED);

      const reads = await readsOf(c.caseNo);
      expect(reads).toHaveLength(4);
      const summary = reads.map((r) => [r.username, r.fields.join(',')]).sort();
      expect(summary).toEqual(
        [
          [CLERK_A, APPLICANT_FIELDS.join(',')],
          [CLERK_A, APPLICANT_FIELDS.join(',')],
          [CLERK_A, AGENT_FIELDS.join(',')],
          [CLERK_B, AGENT_FIELDS.join(',')],
        ].sort(),
      );
      for (const r of reads) {
        expect(r).toMatchObject({ caseNo: c.caseNo, staffPointCode: VILLAGE });
        expect(r.at).toMatch(/^2026-09-28T02:00:00\.000Z$/);
      }
    });

    it('refuses a clerk who asks who read a case’s personal data, with FORBIDDEN', async () => {
      const c = await registerAtVillage();
      const res = await fed.as(CLERK_A).query(`{ villageCase(caseNo: "${c.caseNo}") { caseNo personalDataReads { username fields at } } }`);
      expect(res.errors![0]!.extensions!.code).toBe('FORBIDDEN');
      expect(res.data?.villageCase ?? null).toBeNull();
    });
  });

  describe('at the county hall, where window units share one centre', () => {
    async function registerAtCounty() {
      const res = await fed.as(`${COUNTY}.w08.a`).query(`mutation($input: RegisterCaseInput!) { registerCountyCase(input: $input) { caseNo ${PERSONAL} } }`, {
        input: { pointCode: COUNTY, itemId: fireworksItem, materialsReceived: [1, 2, 3, 4], ...applicantWithAgent() },
      });
      expect(res.errors).toBeUndefined();
      return res.data.registerCountyCase;
    }
    const readCountyCase = async (who: string, caseNo: string) => {
      const res = await fed.as(who).query(`{ countyCase(caseNo: "${caseNo}") { caseNo ${PERSONAL} } }`);
      expect(res.errors, who).toBeUndefined();
      return res.data.countyCase;
    };

    it('shows a clerk of another window unit (公安) the 应急管理局 case masked, and the 应急管理局 B post and chief representative whole', async () => {
      const c = await registerAtCounty();
      expect(c).toMatchObject({ applicant: APPLICANT_WHOLE, agent: AGENT_WHOLE });

      expect(await readCountyCase(`${COUNTY}.w01.a`, c.caseNo)).toEqual({ caseNo: c.caseNo, applicant: APPLICANT_MASKED, agent: AGENT_MASKED });
      expect(await readCountyCase(`${COUNTY}.director`, c.caseNo)).toEqual({ caseNo: c.caseNo, applicant: APPLICANT_MASKED, agent: AGENT_MASKED });
      expect(await readCountyCase(`${COUNTY}.w08.b`, c.caseNo)).toEqual({ caseNo: c.caseNo, applicant: APPLICANT_WHOLE, agent: AGENT_WHOLE });
      // 县应急管理局 is the fifth window unit of the demo hall.
      expect(await readCountyCase(`${COUNTY}.u05.chief`, c.caseNo)).toEqual({ caseNo: c.caseNo, applicant: APPLICANT_WHOLE, agent: AGENT_WHOLE });

      const reads = await readsOf(c.caseNo, 'county');
      expect(reads.map((r) => r.username).sort()).toEqual(
        [`${COUNTY}.w08.a`, `${COUNTY}.w08.a`, `${COUNTY}.w08.b`, `${COUNTY}.w08.b`, `${COUNTY}.u05.chief`, `${COUNTY}.u05.chief`].sort(),
      );
    });
  });

  describe('tracking', () => {
    it('tells whoever tracks a case where it is, without the ID number or the phone, whole or masked', async () => {
      const c = await registerAtVillage();
      const TRACK = `{ trackCase(caseNo: "${c.caseNo}") {
        caseNo found status currentLevel currentPoint { code name level } deadline light item { name }
        hops { from { code name } to { code name } at by { username name } action note }
        villageView { level pointCode pointName holds status itemName registeredAt deadline light hops { byUsername byName action note } }
        townshipView { pointCode } countyView { pointCode }
      } }`;
      for (const who of [CLERK_A, `${COUNTY}.director`]) {
        const res = await fed.as(who).query(TRACK);
        expect(res.errors, who).toBeUndefined();
        expect(res.data.trackCase).toMatchObject({ caseNo: c.caseNo, found: true, status: 'REGISTERED', currentPoint: { code: VILLAGE } });
        const text = JSON.stringify(res);
        for (const secret of [APPLICANT_ID, maskedId(APPLICANT_ID), APPLICANT_PHONE, '139****5678', AGENT_ID, maskedId(AGENT_ID), AGENT_PHONE, '138****2222']) {
          expect(text, `${who} sees ${secret}`).not.toContain(secret);
        }
      }
    });
  });
});
