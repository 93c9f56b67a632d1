import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager } from '@mikro-orm/knex';
import { authConfigFromEnv, GATEWAY_CREDENTIAL_HEADER, signGatewayCredential, signStaffToken, type Actor } from '@scf/auth';
import { startTestFederation, type GraphQLResponse, type TestFederation } from '@scf/federation/testing';
import { itemIdByCode, residentId } from './builders.js';

const COUNTY = '140925';
const TOWNSHIP = '140925100';
const OTHER_TOWNSHIP = '140925101';
const A = '140925100207';
const B = '140925100209';
const CLERK_A = `${A}.a`;
const CLERK_B = `${B}.a`;
const auth = authConfigFromEnv();

const REGISTER = `mutation($i: RegisterCaseInput!) { registerVillageCase(input: $i) { caseNo version applicant { name } } }`;
const ACT = `mutation($i: CaseActionInput!) { actVillageCase(input: $i) { caseNo status version } }`;

/** The bad-input suite of issue 5: every refusal is clear, and nothing is written. */
describe('security through the gateway', () => {
  let fed: TestFederation;
  let itemId: string;
  let caseA: string;
  let caseB: string;

  /** Every row a request could have written, in all three databases. */
  const written = async () => {
    const count = (orm: { em: { fork(): unknown } }, entity: string) => (orm.em.fork() as EntityManager).count(entity, {});
    return {
      villageCases: await count(fed.village.orm, 'CaseFile'),
      villageEvents: await count(fed.village.orm, 'CaseEvent'),
      villageStaff: await count(fed.village.orm, 'VillageStaff'),
      countyItems: await count(fed.county.orm, 'ServiceItem'),
      complaints: await count(fed.county.orm, 'Complaint'),
      calendar: await count(fed.county.orm, 'CalendarOverride'),
    };
  };
  const person = (name = '李秀英') => ({ type: 'PERSON', name, idNumber: residentId(), phone: '13912345678' });
  const raw = async (token: string | null, body: unknown) => {
    const res = await fetch(fed.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as GraphQLResponse };
  };
  const registerAt = (point: string, by: string, applicantName = '李秀英') =>
    fed.as(by).query(REGISTER, { i: { pointCode: point, itemId, applicant: person(applicantName), materialsReceived: [1, 2] } });

  beforeAll(async () => {
    fed = await startTestFederation();
    await fed.seed(COUNTY);
    fed.setNow('2026-09-28T02:00:00Z');
    itemId = await itemIdByCode(fed, COUNTY, 'SC-CW-013');
    caseA = (await registerAt(A, CLERK_A, '张建国')).data.registerVillageCase.caseNo;
    const b = await registerAt(B, CLERK_B, '王秀兰');
    caseB = b.data.registerVillageCase.caseNo;
    await fed.as(CLERK_B).query(ACT, { i: { caseNo: caseB, expectedVersion: 1, action: 'accept' } });
  });
  afterAll(() => fed?.close());

  describe('tokens that cannot be trusted are refused before any subgraph is asked', () => {
    const clerkA: Actor = { username: CLERK_A, name: '测试', level: 'VILLAGE', pointCode: A, countyCode: COUNTY, roles: ['CLERK'], unit: null };
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

    it.each([
      ['a token signed with another secret', async () => (await signStaffToken(clerkA, 'an-attacker-secret-of-at-least-32-characters', 60)).token, /not valid/],
      ['an expired token', async () => (await signStaffToken(clerkA, auth.staffSecret, 60, new Date(Date.now() - 2 * 3600_000))).token, /expired/],
      ['an unsigned token (alg none)', async () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: CLERK_A, lvl: 'COUNTY', pt: COUNTY, cty: COUNTY, roles: ['DIRECTOR'], iss: 'scf', aud: 'scf-staff', exp: 4_102_444_800 })}.`, /not valid/],
      [
        'a real token whose claims were edited to another village',
        async () => {
          const [h, , s] = (await signStaffToken(clerkA, auth.staffSecret, 60)).token.split('.');
          const forgedClaims = b64({ sub: CLERK_A, name: '测试', lvl: 'VILLAGE', pt: B, cty: COUNTY, roles: ['CLERK'], unit: null, iss: 'scf', aud: 'scf-staff', exp: 4_102_444_800 });
          return `${h}.${forgedClaims}.${s}`;
        },
        /not valid/,
      ],
      ['garbage', async () => 'not-a-token', /not valid/],
    ])('%s gets 401 UNAUTHENTICATED and writes nothing', async (_what, token, message) => {
      const before = await written();
      fed.resetSqlCounts();
      const res = await raw(await token(), { query: REGISTER, variables: { i: { pointCode: B, itemId, applicant: person(), materialsReceived: [1, 2] } } });
      expect(res.status).toBe(401);
      expect(res.body.errors![0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringMatching(message) });
      expect(fed.sqlCounts()).toEqual({ county: 0, township: 0, village: 0 });
      expect(await written()).toEqual(before);
    });

    it('an anonymous caller can read public directories but not a case', async () => {
      const res = await fed.query(`{ villageCase(caseNo: "${caseA}") { caseNo } }`);
      expect(res.errors![0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
      expect(res.data?.villageCase ?? null).toBeNull();
      const dir = await fed.query(`{ village(code: "${A}") { name township { name } } }`);
      expect(dir.errors).toBeUndefined();
      expect(dir.data.village.township.name).toBe('凤凰镇');
    });
  });

  describe("a village clerk's token cannot read or change another village's case", () => {
    it.each([
      ['the case by number', () => `{ villageCase(caseNo: "${caseB}") { caseNo applicant { name } } }`],
      ['its printed notice', () => `{ villageCase(caseNo: "${caseB}") { notice(kind: ACCEPTANCE) { text } } }`],
      ["the other village's case list", () => `{ village(code: "${B}") { cases { caseNo applicant { name } } } }`],
      ['its cases away', () => `{ village(code: "${B}") { casesAway { caseNo } } }`],
      ['its cases forwarded to it', () => `{ village(code: "${B}") { forwardedToMe { caseNo } } }`],
      ['its supervision records', () => `{ village(code: "${B}") { supervisionRecords { caseNo } } }`],
      ['trackCase', () => `{ trackCase(caseNo: "${caseB}") { status hops { action } } }`],
    ])('refuses %s with FORBIDDEN and shows nothing of it', async (_what, query) => {
      const res = await fed.as(CLERK_A).query(query());
      expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
      expect(JSON.stringify(res.data ?? null)).not.toContain('王秀兰');
      expect(JSON.stringify(res.data ?? null)).not.toContain(caseB);
    });

    it('walking the whole county tree shows its own cases and refuses every other village', async () => {
      const res = await fed.as(CLERK_A).query(`{ county(code: "${COUNTY}") { townships { code villages { code cases { caseNo applicant { name } } } } } }`);
      const text = JSON.stringify(res.data);
      expect(text).toContain(caseA);
      expect(text).not.toContain(caseB);
      expect(text).not.toContain('王秀兰');
      expect(res.errors!.length).toBeGreaterThan(100);
      expect(res.errors!.every((e) => e.extensions?.code === 'FORBIDDEN')).toBe(true);
    });

    it('cannot act on it, register at it, or act through the township; its version stays the same', async () => {
      const before = await written();
      for (const action of [{ action: 'decide', outcome: 'GRANTED' }, { action: 'withdraw' }, { action: 'forward', toPointCode: TOWNSHIP }]) {
        const res = await fed.as(CLERK_A).query(ACT, { i: { caseNo: caseB, expectedVersion: 2, ...action } });
        expect(res.errors![0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringContaining(`works at ${A}`) });
      }
      const register = await registerAt(B, CLERK_A);
      expect(register.errors![0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
      expect(await written()).toEqual(before);
      const { data } = await fed.as(CLERK_B).query(`{ villageCase(caseNo: "${caseB}") { version status } }`);
      expect(data.villageCase).toEqual({ version: 2, status: 'ACCEPTED' });
    });

    it('a township reads the villages under it, but not those of another township, and acts on none of them', async () => {
      const own = await fed.as(`${TOWNSHIP}.d1.a`).query(`{ villageCase(caseNo: "${caseB}") { caseNo } }`);
      expect(own.errors).toBeUndefined();
      expect(own.data.villageCase.caseNo).toBe(caseB);
      const other = await fed.as(`${OTHER_TOWNSHIP}.d1.a`).query(`{ villageCase(caseNo: "${caseB}") { caseNo } }`);
      expect(other.errors![0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
      const act = await fed.as(`${TOWNSHIP}.d1.a`).query(ACT, { i: { caseNo: caseB, expectedVersion: 2, action: 'withdraw' } });
      expect(act.errors![0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    });

    it('a supervisor reads every case in the county but acts on none', async () => {
      const read = await fed.as(`${COUNTY}.supervisor`).query(`{ villageCase(caseNo: "${caseB}") { caseNo } }`);
      expect(read.data.villageCase.caseNo).toBe(caseB);
      const act = await fed.as(`${COUNTY}.supervisor`).query(ACT, { i: { caseNo: caseB, expectedVersion: 2, action: 'withdraw' } });
      expect(act.errors![0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringContaining('does not act on cases') });
    });
  });

  describe('subgraphs answer only the gateway', () => {
    const levels = ['county', 'township', 'village'] as const;

    it.each(levels)('the %s subgraph refuses a direct call, even with a valid staff token', async (level) => {
      const { token } = await signStaffToken({ username: `${COUNTY}.director`, name: '主任', level: 'COUNTY', pointCode: COUNTY, countyCode: COUNTY, roles: ['DIRECTOR'], unit: null }, auth.staffSecret, 60);
      for (const credential of [undefined, await signGatewayCredential('a-forged-gateway-secret-of-32-characters!!')]) {
        const res = await fetch(fed[level].url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...(credential ? { [GATEWAY_CREDENTIAL_HEADER]: credential } : {}) },
          body: JSON.stringify({ query: '{ _service { sdl } }' }),
        });
        expect(res.status).toBe(401);
        expect(await res.json()).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' }, message: `本服务（${level}）只接受网关转来的请求，请通过网关访问 / The ${level} subgraph answers only the gateway` }] });
      }
    });

    it.each(levels)('the %s subgraph checks passwords only for the gateway', async (level) => {
      const res = await fetch(new URL('/internal/sign-in', fed[level].url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: CLERK_A, password: 'demo-pass-2026' }) });
      expect(res.status).toBe(401);
      expect(await res.json()).not.toHaveProperty('actor');
    });

    it('the gateway does not pass on a credential a client sends', async () => {
      const credential = await signGatewayCredential(auth.gatewaySecret);
      const res = await fetch(fed.gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [GATEWAY_CREDENTIAL_HEADER]: 'forged', 'x-scf-client-ip': '10.0.0.1' },
        body: JSON.stringify({ query: `{ villageCase(caseNo: "${caseA}") { caseNo } }` }),
      });
      const body = (await res.json()) as GraphQLResponse;
      // Still anonymous: the subgraph saw the gateway's own credential and no staff token.
      expect(body.errors![0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringContaining('Sign in') });
      expect(credential).not.toBe('forged');
    });
  });

  describe('malformed identifiers get BAD_USER_INPUT naming the field', () => {
    it.each([
      ['a case number that is not one', `{ villageCase(caseNo: "140925100207-2026-1") { caseNo } }`, 'caseNo'],
      ['a case number with a letter in the point code', `{ trackCase(caseNo: "14092510020X-20260928-00001") { status } }`, 'caseNo'],
      ['a village code with a letter', `{ village(code: "14092510020X") { name } }`, 'code'],
      ['a county code of the wrong length', `{ county(code: "1409") { name } }`, 'code'],
    ])('%s', async (_what, query, field) => {
      const res = await fed.as(CLERK_A).query(query);
      expect(res.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: expect.stringContaining(field) } });
    });

    it('an item id that is not a number and a resident ID that fails its check digit write nothing', async () => {
      const before = await written();
      const item = await fed.as(CLERK_A).query(REGISTER, { i: { pointCode: A, itemId: "1 OR 1", applicant: person(), materialsReceived: [] } });
      expect(item.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
      const id = await fed.as(CLERK_A).query(REGISTER, { i: { pointCode: A, itemId, applicant: { ...person(), idNumber: '14092519900101123X' }, materialsReceived: [] } });
      expect(id.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'applicant.idNumber' } });
      expect(await written()).toEqual(before);
    });
  });

  describe('oversized, deeply nested and alias-flooded queries are refused before any subgraph hears of them', () => {
    it.each([
      ['60 aliases', `{ ${Array.from({ length: 60 }, (_, i) => `a${i}: village(code: "${A}") { name }`).join(' ')} }`, /alias/i],
      ['a query nested 12 deep', `{ county(code: "${COUNTY}") { townships { county { townships { county { townships { county { townships { county { townships { county { name } } } } } } } } } } } }`, /depth/i],
      ['a flood of tokens', `{ ${'village(code: "140925100207") { name } '.repeat(400)} }`, /token/i],
    ])('%s', async (_what, query, message) => {
      fed.resetSqlCounts();
      const res = await raw(null, { query });
      expect(res.status).toBe(400);
      expect(res.body.errors![0]!.message).toMatch(message);
      expect(fed.sqlCounts()).toEqual({ county: 0, township: 0, village: 0 });
    });

    it('a request body over 64 kB gets 413', async () => {
      const res = await fetch(fed.gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(70_000) } }),
      });
      expect(res.status).toBe(413);
      expect(JSON.stringify(await res.json())).not.toMatch(/at .*\.(ts|js):\d+/);
    });
  });

  describe('SQL and HTML injection strings in every text field are refused and write nothing', () => {
    const SQL = "'; DROP TABLE case_file; --";
    const HTML = '<script>alert(1)</script>';
    const by = { village: CLERK_A, director: `${COUNTY}.director`, township: `${TOWNSHIP}.director`, county: `${COUNTY}.w01.a`, supervisor: `${COUNTY}.supervisor` };
    const goodItem = { code: 'XK-SEC-1', name: '测试事项', kind: 'PROMISED', legalBasis: '依据', decidingLevel: 'COUNTY', decidingUnit: '县卫生健康局', legalLimitDays: 20, promisedLimitDays: 10, procedure: '申请 → 受理 → 决定', materials: [{ name: '申请表', form: 'ORIGINAL', copies: 1 }] };

    const fields: [string, string, (bad: string) => [string, Record<string, unknown>], string][] = [
      ['applicant.name', by.village, (x) => [REGISTER, { i: { pointCode: A, itemId, applicant: person(x), materialsReceived: [1, 2] } }], 'applicant.name'],
      ['agent.name', by.village, (x) => [REGISTER, { i: { pointCode: A, itemId, applicant: person(), agent: { name: x, idNumber: residentId(), phone: '13811112222', entrustmentRef: 'WT-1' }, materialsReceived: [1, 2] } }], 'agent.name'],
      ['agent.entrustmentRef', by.village, (x) => [REGISTER, { i: { pointCode: A, itemId, applicant: person(), agent: { name: '赵磊', idNumber: residentId(), phone: '13811112222', entrustmentRef: x }, materialsReceived: [1, 2] } }], 'agent.entrustmentRef'],
      ['an action note', by.village, (x) => [ACT, { i: { caseNo: caseA, expectedVersion: 1, action: 'accept', note: x } }], 'note'],
      ['a not-accepted reason', by.village, (x) => [ACT, { i: { caseNo: caseA, expectedVersion: 1, action: 'notAccept', reason: x } }], 'reason'],
      ['a missing material', by.village, (x) => [ACT, { i: { caseNo: caseA, expectedVersion: 1, action: 'requestSupplement', missingMaterials: [{ name: '户口簿', problem: x }] } }], 'missingMaterials.0.problem'],
      ['a forwarded case reason', `${TOWNSHIP}.d1.a`, (x) => [`mutation($i: ForwardedCaseActionInput!) { handleForwardedTownshipCase(input: $i) { caseNo } }`, { i: { caseNo: caseA, expectedVersion: 1, action: 'returnDown', reason: x } }], 'reason'],
      ['complaint content', by.county, (x) => [`mutation($i: FileComplaintInput!) { fileComplaint(input: $i) { number } }`, { i: { pointCode: A, channel: 'PHONE', category: 'ATTITUDE', content: `窗口人员态度不好 ${x}`, complainantName: '匿名' } }], 'content'],
      ['a complainant name', by.county, (x) => [`mutation($i: FileComplaintInput!) { fileComplaint(input: $i) { number } }`, { i: { pointCode: A, channel: 'PHONE', category: 'ATTITUDE', content: '窗口人员态度不好', complainantName: x } }], 'complainantName'],
      ['a new staff member’s name', by.township, (x) => [`mutation($i: NewStaffInput!) { addVillageStaff(input: $i) { username } }`, { i: { pointCode: A, username: `${A}.new`, name: x, role: 'CLERK', post: 'A', password: 'a-long-password-2026' } }], 'name'],
      ['an item name', by.director, (x) => [`mutation($c: ID!, $i: ServiceItemInput!) { addServiceItem(countyCode: $c, input: $i) { id } }`, { c: COUNTY, i: { ...goodItem, name: x } }], 'name'],
      ['an item procedure', by.director, (x) => [`mutation($c: ID!, $i: ServiceItemInput!) { addServiceItem(countyCode: $c, input: $i) { id } }`, { c: COUNTY, i: { ...goodItem, procedure: x } }], 'procedure'],
      ['a calendar day name', by.director, (x) => [`mutation($n: String) { setCalendarDay(date: "2027-01-01", working: false, name: $n) { date } }`, { n: x }], 'name'],
    ];

    it.each(fields.flatMap(([what, user, build, field]) => [SQL, HTML].map((bad) => [what, bad, user, build, field] as const)))(
      '%s set to %j',
      async (_what, bad, user, build, field) => {
        const before = await written();
        const [query, variables] = build(bad);
        const res = await fed.as(user).query(query, variables);
        expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field }, message: expect.stringMatching(/plain text/) });
        expect(await written()).toEqual(before);
      },
    );

    it('inline strings are checked as well as variables', async () => {
      const res = await fed.as(by.director).query(`mutation { setCalendarDay(date: "2027-01-01", working: false, name: "<b>元旦</b>") { date } }`);
      expect(res.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'name' } });
    });

    it('plain Chinese text with punctuation is accepted, and the tables are all still there', async () => {
      const ok = await fed.as(CLERK_A).query(ACT, { i: { caseNo: caseA, expectedVersion: 1, action: 'accept', note: '材料齐全；按时受理（窗口：1号）' } });
      expect(ok.errors).toBeUndefined();
      expect(ok.data.actVillageCase.status).toBe('ACCEPTED');
      expect((await written()).villageCases).toBeGreaterThanOrEqual(2);
    });
  });
});
