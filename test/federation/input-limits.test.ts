import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EntityManager } from '@mikro-orm/knex';
import { startTestFederation, type GraphQLResponse, type TestFederation } from '@scf/federation/testing';
import { itemIdByCode, residentId } from './builders.js';

const COUNTY = '140925';
const TOWNSHIP = '140925100';
const A = '140925100207';
const B = '140925100209';
const CLERK_A = `${A}.a`;
const CLERK_B = `${B}.a`;
const TCLERK = `${TOWNSHIP}.d3.a`;
const DIRECTOR = `${COUNTY}.director`;

const REGISTER = `mutation($i: RegisterCaseInput!) { registerVillageCase(input: $i) { caseNo version status applicant { name } } }`;
const ACT = `mutation($i: CaseActionInput!) { actVillageCase(input: $i) { caseNo status version } }`;
const HANDLE = `mutation($i: ForwardedCaseActionInput!) { handleForwardedTownshipCase(input: $i) { caseNo status version } }`;

/** What only the database would say: SQL, its tables and indexes, a driver's codes and words, a password hash. */
const DATABASE_TEXT = /insert into|update `|select [`*a-z_, ]+ from|values \(|duplicate entry|data too long|for key|no such table|doesn't exist|\bER_[A-Z_]+|SQLITE_|case_file|case_event|item_change|`staff`|_unique\b|scrypt\$/i;

function expectNothingOfTheDatabase(answer: unknown, ...boundValues: string[]) {
  const text = JSON.stringify(answer);
  expect(text).not.toMatch(DATABASE_TEXT);
  for (const v of boundValues) expect(text).not.toContain(v);
}

/**
 * Issue 11: whatever a client sends, the database never speaks to it. Strings longer than their columns
 * are refused with the field and its limit before anything is written; concurrent copies of a registration
 * end in its one case; an unexpected failure is answered with a generic message and an id the server log
 * explains. Invisible text is blank, and direction controls are not text.
 */
describe('what a client sends never makes the database speak to it', () => {
  let fed: TestFederation;
  let villageItem: string;
  let townshipItem: string;
  let serial = 100;

  /** A new applicant each time: a distinct resident ID, so no two registrations look alike by accident. */
  const applicant = (name = '李秀英') => ({ type: 'PERSON', name, idNumber: residentId('19900101', String(serial++)), phone: '13912345678' });
  const registration = (point: string, over: Record<string, unknown> = {}) => ({ pointCode: point, itemId: villageItem, applicant: applicant(), materialsReceived: [1, 2], ...over });
  const register = async (by: string, input: Record<string, unknown>) => {
    const res = await fed.as(by).query(REGISTER, { i: input });
    expect(res.errors).toBeUndefined();
    return res.data.registerVillageCase.caseNo as string;
  };
  /** A case of A that the township decides, forwarded to the township and waiting there. */
  const forwardedCase = async () => {
    const caseNo = await register(CLERK_A, { pointCode: A, itemId: townshipItem, applicant: applicant(), materialsReceived: [1, 2, 3] });
    await fed.as(CLERK_A).query(ACT, { i: { caseNo, expectedVersion: 1, action: 'accept' } });
    const fwd = await fed.as(CLERK_A).query(ACT, { i: { caseNo, expectedVersion: 2, action: 'forward', toPointCode: TOWNSHIP, note: '代办上报' } });
    expect(fwd.errors).toBeUndefined();
    await fed.flushHandovers();
    return caseNo;
  };

  const count = (orm: { em: { fork(): unknown } }, entity: string, where: object = {}) => (orm.em.fork() as EntityManager).count(entity, where);
  /** Every row the refused requests below could have written, at every level. */
  const written = async () => ({
    villageCases: await count(fed.village.orm, 'CaseFile'),
    villageEvents: await count(fed.village.orm, 'CaseEvent'),
    villageHops: await count(fed.village.orm, 'CaseHop'),
    villageOutbox: await count(fed.village.orm, 'HandoverOutbox'),
    townshipStaff: await count(fed.township.orm, 'TownshipStaff'),
    townshipHops: await count(fed.township.orm, 'CaseHop'),
    townshipOutbox: await count(fed.township.orm, 'HandoverOutbox'),
    itemChanges: await count(fed.county.orm, 'ItemChange'),
    calendar: await count(fed.county.orm, 'CalendarOverride'),
    complaints: await count(fed.county.orm, 'Complaint'),
    countyStaff: await count(fed.county.orm, 'CountyStaff'),
  });

  let acceptedAtA: string;
  let registeredAtA: string;
  let waitingAtTownship: string;

  beforeAll(async () => {
    fed = await startTestFederation();
    await fed.seed(COUNTY);
    fed.setNow('2026-09-28T02:00:00Z');
    villageItem = await itemIdByCode(fed, COUNTY, 'SC-CW-013');
    townshipItem = await itemIdByCode(fed, COUNTY, 'ZM-JS-007');
    acceptedAtA = await register(CLERK_A, { pointCode: A, itemId: townshipItem, applicant: applicant(), materialsReceived: [1, 2, 3] });
    await fed.as(CLERK_A).query(ACT, { i: { caseNo: acceptedAtA, expectedVersion: 1, action: 'accept' } });
    registeredAtA = await register(CLERK_A, registration(A));
    waitingAtTownship = await forwardedCase();
  });
  afterAll(() => fed?.close());

  describe('one idempotency key is one registration', () => {
    it('twenty registrations sent at once with one key make one case, and all twenty are answered with it', async () => {
      // B has taken nothing in today: all twenty also race for the day's first case number.
      const input = registration(B, { idempotencyKey: 'reg-parallel-0001' });
      const answers = await Promise.all(Array.from({ length: 20 }, () => fed.as(CLERK_B).query(REGISTER, { i: input })));
      for (const a of answers) {
        expect(a.errors).toBeUndefined();
        expectNothingOfTheDatabase(a);
      }
      expect(new Set(answers.map((a) => a.data.registerVillageCase.caseNo)).size).toBe(1);
      expect(await count(fed.village.orm, 'CaseFile', { pointCode: B, idempotencyKey: 'reg-parallel-0001' })).toBe(1);
      expect(await count(fed.village.orm, 'CaseFile', { pointCode: B })).toBe(1);
    });

    it('the same key sent again with the same registration is answered with the one case', async () => {
      const input = registration(A, { idempotencyKey: 'reg-again-0001' });
      const first = await register(CLERK_A, input);
      const before = await written();
      expect(await register(CLERK_A, input)).toBe(first);
      expect(await written()).toEqual(before);
    });

    it('the same key with another applicant is refused with CONFLICT, in Chinese, and shows nothing of the first case', async () => {
      const firstApplicant = applicant('张建国');
      const first = await register(CLERK_A, registration(A, { idempotencyKey: 'reg-reused-0001', applicant: firstApplicant }));
      const before = await written();
      const other = await fed.as(CLERK_A).query(REGISTER, { i: registration(A, { idempotencyKey: 'reg-reused-0001', applicant: applicant('王秀兰') }) });
      expect(other.data?.registerVillageCase ?? null).toBeNull();
      expect(other.errors![0]).toMatchObject({ extensions: { code: 'CONFLICT', field: 'idempotencyKey' }, message: expect.stringMatching(/^此幂等键已用于/) });
      expectNothingOfTheDatabase(other, first, '张建国', firstApplicant.idNumber);
      expect(await written()).toEqual(before);
    });

    it('the same key for another item is refused the same way', async () => {
      const input = registration(A, { idempotencyKey: 'reg-reused-0002' });
      await register(CLERK_A, input);
      const other = await fed.as(CLERK_A).query(REGISTER, { i: { ...input, itemId: townshipItem, materialsReceived: [1, 2, 3] } });
      expect(other.errors![0]).toMatchObject({ extensions: { code: 'CONFLICT', field: 'idempotencyKey' } });
    });
  });

  describe('a string longer than its column is refused with the field and the limit, and nothing is written', () => {
    const long = (n: number, ch = '长') => ch.repeat(n);
    const cases: [string, string, () => [string, Record<string, unknown>], string, number][] = [
      ['a 65-character township desk (a new member of staff)', `${TOWNSHIP}.director`, () => [
        `mutation($input: NewStaffInput!) { addTownshipStaff(input: $input) { username } }`,
        { input: { pointCode: TOWNSHIP, username: `${TOWNSHIP}.desk`, name: '赵敏', role: 'CLERK', post: 'A', desk: long(65, 'd'), password: 'a-long-password-2026' } },
      ], 'desk', 32],
      ['a 33-character staff name', `${TOWNSHIP}.director`, () => [
        `mutation($input: NewStaffInput!) { addVillageStaff(input: $input) { username } }`,
        { input: { pointCode: A, username: `${A}.long`, name: long(33), role: 'CLERK', post: 'A', password: 'a-long-password-2026' } },
      ], 'name', 32],
      ['a 300-character note on an item change', DIRECTOR, () => [
        `mutation($id: ID!, $input: ServiceItemChange!, $note: String) { changeServiceItem(id: $id, input: $input, note: $note) { id } }`,
        { id: villageItem, input: { fee: '5元' }, note: long(300, 'n') },
      ], 'note', 255],
      ['a 256-character reason for withdrawing an item', DIRECTOR, () => [
        `mutation($id: ID!, $r: String!) { withdrawServiceItem(id: $id, reason: $r) { id } }`, { id: villageItem, r: long(256) },
      ], 'reason', 255],
      ['a 65-character calendar day name', DIRECTOR, () => [
        `mutation($n: String) { setCalendarDay(date: "2027-01-01", working: false, name: $n) { date } }`, { n: long(65) },
      ], 'name', 64],
      ['a 2,001-character complaint', `${COUNTY}.w01.a`, () => [
        `mutation($i: FileComplaintInput!) { fileComplaint(input: $i) { number } }`,
        { i: { pointCode: A, channel: 'PHONE', category: 'ATTITUDE', content: long(2001), complainantName: '匿名' } },
      ], 'input.content', 2000],
      ['a 21,000-character note on a forward', CLERK_A, () => [ACT, { i: { caseNo: acceptedAtA, expectedVersion: 2, action: 'forward', toPointCode: TOWNSHIP, note: long(21_000, 'x') } }], 'note', 4000],
      ['a 501-character note on a forward', CLERK_A, () => [ACT, { i: { caseNo: acceptedAtA, expectedVersion: 2, action: 'forward', toPointCode: TOWNSHIP, note: long(501) } }], 'note', 500],
      ['a 1,001-character reason for not accepting', CLERK_A, () => [ACT, { i: { caseNo: registeredAtA, expectedVersion: 1, action: 'notAccept', reason: long(1001) } }], 'reason', 1000],
      ['a 201-character problem with a missing material', CLERK_A, () => [
        ACT, { i: { caseNo: registeredAtA, expectedVersion: 1, action: 'requestSupplement', missingMaterials: [{ name: '户口簿', problem: long(201) }] } },
      ], 'missingMaterials[0].problem', 200],
      ['a 65-character applicant name', CLERK_A, () => [REGISTER, { i: registration(A, { applicant: { ...applicant(), name: long(65) } }) }], 'applicant.name', 64],
      ['a 129-character entrustment letter number', CLERK_A, () => [
        REGISTER, { i: registration(A, { agent: { name: '赵磊', idNumber: residentId('19850505', '321'), phone: '13811112222', entrustmentRef: long(129, 'w') } }) },
      ], 'agent.entrustmentRef', 128],
      ['a 65-character idempotency key', CLERK_A, () => [REGISTER, { i: registration(A, { idempotencyKey: long(65, 'k') }) }], 'idempotencyKey', 64],
      ['a 1,001-character reason returning a forwarded case', TCLERK, () => [HANDLE, { i: { caseNo: waitingAtTownship, expectedVersion: 1, action: 'returnDown', reason: long(1001) } }], 'reason', 1000],
      ['a 501-character note asking for a supplement from above', TCLERK, () => [
        HANDLE, { i: { caseNo: waitingAtTownship, expectedVersion: 1, action: 'requestSupplement', missingMaterials: [{ name: '户口簿' }], note: long(501) } },
      ], 'note', 500],
      ['a 1,001-character refusal reason at the deciding level', TCLERK, () => [
        HANDLE, { i: { caseNo: waitingAtTownship, expectedVersion: 1, action: 'decide', outcome: 'REFUSED', reason: long(1001) } },
      ], 'reason', 1000],
    ];

    it.each(cases)('%s', async (_what, user, build, field, max) => {
      const before = await written();
      const [query, variables] = build();
      const res = await fed.as(user).query(query, variables);
      expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field }, message: expect.stringContaining(String(max)) });
      expectNothingOfTheDatabase(res);
      expect(await written()).toEqual(before);
    });

    it('the new limits say so in Chinese first and give the limit in extensions', async () => {
      const res = await fed.as(`${TOWNSHIP}.director`).query(`mutation($input: NewStaffInput!) { addTownshipStaff(input: $input) { username } }`, {
        input: { pointCode: TOWNSHIP, username: `${TOWNSHIP}.desk`, name: '赵敏', role: 'CLERK', post: 'A', desk: 'd'.repeat(65), password: 'a-long-password-2026' },
      });
      expect(res.errors![0]).toMatchObject({ message: 'desk: 最多 32 个字符，现为 65 个 / at most 32 characters, got 65', extensions: { maxLength: 32, length: 65 } });
    });

    it('a note as long as its limit is taken', async () => {
      const caseNo = await register(CLERK_A, registration(A));
      const res = await fed.as(CLERK_A).query(ACT, { i: { caseNo, expectedVersion: 1, action: 'notAccept', reason: '长'.repeat(1000), note: '注'.repeat(500) } });
      expect(res.errors).toBeUndefined();
      expect(res.data.actVillageCase.status).toBe('NOT_ACCEPTED');
    });
  });

  describe('an unexpected failure is answered with a generic error and an id; the server log has the detail', () => {
    it('a registration whose history table is missing tells the clerk an error id, and nothing of the SQL or the applicant', async () => {
      const logged: string[] = [];
      const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : String(a))).join(' ')));
      const conn = fed.village.orm.em.getConnection();
      const who = applicant('孙丽娟');
      const before = await written();
      await conn.execute('alter table case_event rename to case_event_away');
      let res: GraphQLResponse;
      try {
        res = await fed.as(CLERK_A).query(REGISTER, { i: registration(A, { applicant: who }) });
      } finally {
        await conn.execute('alter table case_event_away rename to case_event');
        spy.mockRestore();
      }
      expect(res.errors![0]).toMatchObject({ extensions: { code: 'INTERNAL_SERVER_ERROR', errorId: expect.stringMatching(/^[0-9a-f]{12}$/) } });
      const { errorId } = res.errors![0]!.extensions!;
      expect(res.errors![0]!.message).toMatch(new RegExp(`^服务器内部错误.*${errorId}`));
      expectNothingOfTheDatabase(res, who.idNumber, '孙丽娟', CLERK_A);
      // The registration was rolled back whole, and the log says what happened under the id the clerk was given.
      expect(await written()).toEqual(before);
      expect(logged.find((l) => l.includes(errorId))).toMatch(/case_event/);
    });
  });

  describe('invisible text is blank, and direction controls are not text', () => {
    it('a refusal to accept whose reason is only zero-width characters is refused as blank', async () => {
      const caseNo = await register(CLERK_A, registration(A));
      const res = await fed.as(CLERK_A).query(ACT, { i: { caseNo, expectedVersion: 1, action: 'notAccept', reason: '\u200B\u200C\u2060\uFEFF' } });
      expect(res.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'reason' }, message: expect.stringMatching(/不可见字符.*空白/) });
      const { data } = await fed.as(CLERK_A).query(`{ villageCase(caseNo: "${caseNo}") { status version } }`);
      expect(data.villageCase).toEqual({ status: 'REGISTERED', version: 1 });
    });

    it('a refusal at the deciding level whose reason is a byte-order mark and a zero-width space is refused', async () => {
      const res = await fed.as(TCLERK).query(HANDLE, { i: { caseNo: waitingAtTownship, expectedVersion: 1, action: 'decide', outcome: 'REFUSED', reason: '\uFEFF\u200B' } });
      expect(res.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'reason' } });
    });

    it.each([
      ['a right-to-left override in an applicant name', (x: string) => [REGISTER, { i: registration(A, { applicant: { ...applicant(), name: `张三${x}gnp.exe` } }) }], 'applicant.name', '\u202E'],
      ['a left-to-right isolate in a note', (x: string) => [ACT, { i: { caseNo: registeredAtA, expectedVersion: 1, action: 'accept', note: `材料${x}齐全` } }], 'note', '\u2066'],
      ['a right-to-left mark in a complaint', (x: string) => [
        `mutation($i: FileComplaintInput!) { fileComplaint(input: $i) { number } }`, { i: { pointCode: A, channel: 'PHONE', category: 'ATTITUDE', content: `窗口人员态度不好${x}` } },
      ], 'content', '\u200F'],
    ] as const)('%s is refused', async (_what, build, field, control) => {
      const user = field === 'content' ? `${COUNTY}.w01.a` : CLERK_A;
      const before = await written();
      const [query, variables] = build(control) as [string, Record<string, unknown>];
      const res = await fed.as(user).query(query, variables);
      expect(res.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field }, message: expect.stringMatching(/文字方向控制字符/) });
      expect(await written()).toEqual(before);
    });

    it('real text with a zero-width joiner inside it is still taken', async () => {
      const res = await fed.as(CLERK_A).query(ACT, { i: { caseNo: registeredAtA, expectedVersion: 1, action: 'accept', note: '材料齐全 👩\u200D👧' } });
      // Not accepted for missing materials, not for the note: the case lacks nothing, so it is accepted.
      expect(res.errors).toBeUndefined();
      expect(res.data.actVillageCase.status).toBe('ACCEPTED');
    });
  });

  describe('the sign-in and password routes say no more than they should', () => {
    it('a 3,000-character username or password gets the one wrong-credentials answer', async () => {
      for (const [username, password] of [['x'.repeat(3000), 'whatever-2026'], [CLERK_A, 'p'.repeat(3000)]]) {
        const res = await fed.signIn(username!, password);
        expect(res.status).toBe(401);
        expect(res.body).toEqual({ error: '用户名或密码错误 / wrong username or password', code: 'UNAUTHENTICATED' });
      }
    });

    it('a new password of 200 characters is refused with its limit, and the old one still works', async () => {
      const { body } = await fed.signIn(`${A}.b`);
      const res = await fetch(`${fed.gatewayOrigin}/auth/password`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${body.token}` },
        body: JSON.stringify({ currentPassword: 'demo-pass-2026', newPassword: 'p-'.repeat(100) }),
      });
      const answer = await res.json();
      expect(res.status).toBe(400);
      expect(answer).toMatchObject({ code: 'BAD_USER_INPUT', error: expect.stringContaining('128') });
      expectNothingOfTheDatabase(answer);
      expect((await fed.signIn(`${A}.b`)).status).toBe(200);
    });
  });
});
