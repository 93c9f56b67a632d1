import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestFederation, type TestFederation } from '@scf/federation/testing';

const COUNTY = '140925';
const TOWNSHIP = '140925100';
const VILLAGE = '140925100207';
const CLERK = `${COUNTY}.w01.a`;
const SUPERVISOR = `${COUNTY}.supervisor`;
const DIRECTOR = `${COUNTY}.director`;
// Monday 28 September 2026, 10:00 in China: a simple complaint is answered by Tuesday 29 September.
const MONDAY = '2026-09-28T02:00:00Z';

const FILE = `mutation($input: FileComplaintInput!) { fileComplaint(input: $input) {
  number status version pointCode pointLevel staffUsername channel category content
  complainantName complainantPhone complainantConfidential receivedBy receivedOn answerDue overdue
} }`;
const LIST = `{ county(code: "${COUNTY}") { complaints { number pointCode staffUsername complainantName complainantPhone complainantConfidential answerDue overdue status } } }`;

describe('complaints (R23) through the gateway', () => {
  let fed: TestFederation;

  beforeAll(async () => {
    fed = await startTestFederation({ accountCheckMs: 0 });
    await fed.seed(COUNTY);
    fed.setNow(MONDAY);
  });
  afterAll(() => fed?.close());

  const complaintCount = () => fed.county.orm.em.fork().count('Complaint', {});
  const aboutVillageClerk = (override: Record<string, unknown> = {}) => ({
    pointCode: VILLAGE, staffUsername: `${VILLAGE}.a`, channel: 'PHONE', category: 'ATTITUDE',
    content: '代办员态度生硬，不耐心解答材料问题', complainantName: '张大山', complainantPhone: '13700001111', ...override,
  });

  async function fileAsClerk(override: Record<string, unknown> = {}) {
    const res = await fed.as(CLERK).query(FILE, { input: aboutVillageClerk(override) });
    expect(res.errors).toBeUndefined();
    return res.data.fileComplaint;
  }
  const listAs = async (who: string) => {
    const res = await fed.as(who).query(LIST);
    expect(res.errors, who).toBeUndefined();
    return res.data.county.complaints as any[];
  };

  it('a county window clerk records a phone complaint about a village clerk; it is numbered and due the next working day', async () => {
    const before = await complaintCount();
    const c = await fileAsClerk();
    expect(c.number).toMatch(/^TS-140925-20260928-\d{4}$/);
    expect(c).toMatchObject({
      status: 'OPEN', version: 1, pointCode: VILLAGE, pointLevel: 'VILLAGE', staffUsername: `${VILLAGE}.a`, channel: 'PHONE', category: 'ATTITUDE',
      receivedBy: CLERK, receivedOn: '2026-09-28', answerDue: '2026-09-29', overdue: false,
    });
    // Even the clerk who wrote it down is not told the complainant's identity back: it is for supervisors alone.
    expect(c).toMatchObject({ complainantName: null, complainantPhone: null, complainantConfidential: true });
    expect(await complaintCount()).toBe(before + 1);
  });

  it('gives a complaint involving two units five working days for its answer (R23)', async () => {
    // 29, 30 September, then the National Day holiday, then 8, 9 and Saturday 10 October (an adjusted working day).
    const c = await fileAsClerk({ unitsInvolved: 2 });
    expect(c.answerDue).toBe('2026-10-10');
  });

  it('the supervisor lists the complaint with the complainant’s name and phone', async () => {
    const c = await fileAsClerk();
    const listed = (await listAs(SUPERVISOR)).find((x) => x.number === c.number);
    expect(listed).toEqual({
      number: c.number, pointCode: VILLAGE, staffUsername: `${VILLAGE}.a`, complainantName: '张大山', complainantPhone: '13700001111',
      complainantConfidential: false, answerDue: '2026-09-29', overdue: false, status: 'OPEN',
    });
  });

  it('the director sees the complaint but not who made it', async () => {
    const c = await fileAsClerk();
    const listed = (await listAs(DIRECTOR)).find((x) => x.number === c.number);
    expect(listed).toMatchObject({ number: c.number, pointCode: VILLAGE, complainantName: null, complainantPhone: null, complainantConfidential: true });
    const single = await fed.as(DIRECTOR).query(`{ complaint(number: "${c.number}") { number complainantName complainantPhone complainantConfidential } }`);
    expect(single.data.complaint).toEqual({ number: c.number, complainantName: null, complainantPhone: null, complainantConfidential: true });
    expect(JSON.stringify([listed, single])).not.toContain('13700001111');
    expect(JSON.stringify([listed, single])).not.toContain('张大山');
  });

  it('shows an unanswered complaint as overdue once its answer day has passed', async () => {
    const c = await fileAsClerk();
    fed.setNow('2026-09-30T02:00:00Z');
    try {
      const listed = (await listAs(SUPERVISOR)).find((x) => x.number === c.number);
      expect(listed).toMatchObject({ answerDue: '2026-09-29', overdue: true, status: 'OPEN' });
    } finally {
      fed.setNow(MONDAY);
    }
  });

  it('refuses a window clerk and a township director who list complaints (FORBIDDEN), and an anonymous caller (UNAUTHENTICATED)', async () => {
    await fileAsClerk();
    const clerk = await fed.as(`${COUNTY}.w02.a`).query(LIST);
    expect(clerk.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect(clerk.data?.county?.complaints ?? null).toBeNull();
    const townshipDirector = await fed.as(`${TOWNSHIP}.director`).query(LIST);
    expect(townshipDirector.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const anonymous = await fed.query(LIST);
    expect(anonymous.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect(anonymous.data?.county?.complaints ?? null).toBeNull();
    expect(JSON.stringify([clerk, townshipDirector, anonymous])).not.toContain('13700001111');
  });

  it('refuses a village clerk and a township clerk who try to record a complaint, with FORBIDDEN; nothing is written', async () => {
    const before = await complaintCount();
    for (const who of [`${VILLAGE}.b`, `${TOWNSHIP}.d1.a`]) {
      const res = await fed.as(who).query(FILE, { input: aboutVillageClerk() });
      expect(res.errors![0]!.extensions!.code, who).toBe('FORBIDDEN');
      expect(res.data, who).toBeNull();
    }
    expect(await complaintCount()).toBe(before);
  });

  it('the supervisor answers the complaint and closes it as verified, costing 5 points; the history shows each step', async () => {
    const c = await fileAsClerk();
    const answered = await fed.as(SUPERVISOR).query(
      `mutation($input: AnswerComplaintInput!) { answerComplaint(input: $input) { status version answer answeredBy replyForm answeredOnTime overdue } }`,
      { input: { number: c.number, expectedVersion: 1, answer: '已约谈代办员，当面向投诉人致歉', replyForm: 'PHONE' } },
    );
    expect(answered.errors).toBeUndefined();
    expect(answered.data.answerComplaint).toEqual({
      status: 'ANSWERED', version: 2, answer: '已约谈代办员，当面向投诉人致歉', answeredBy: SUPERVISOR, replyForm: 'PHONE', answeredOnTime: true, overdue: false,
    });

    const closed = await fed.as(SUPERVISOR).query(
      `mutation($input: CloseComplaintInput!) { closeComplaint(input: $input) { status version verified seriousImpact pointsDeducted closedBy history { step by } } }`,
      { input: { number: c.number, expectedVersion: 2, verified: true } },
    );
    expect(closed.errors).toBeUndefined();
    expect(closed.data.closeComplaint).toEqual({
      status: 'CLOSED', version: 3, verified: true, seriousImpact: false, pointsDeducted: 5, closedBy: SUPERVISOR,
      history: [{ step: 'FILED', by: CLERK }, { step: 'ANSWERED', by: SUPERVISOR }, { step: 'CLOSED', by: SUPERVISOR }],
    });
  });

  it('answers a written complaint only in writing (R23)', async () => {
    const c = await fileAsClerk({ channel: 'WRITTEN' });
    const ANSWER = `mutation($input: AnswerComplaintInput!) { answerComplaint(input: $input) { status replyForm } }`;
    const byPhone = await fed.as(SUPERVISOR).query(ANSWER, { input: { number: c.number, answer: '已电话回复投诉人', replyForm: 'PHONE' } });
    expect(byPhone.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.replyForm' });
    const inWriting = await fed.as(SUPERVISOR).query(ANSWER, { input: { number: c.number, answer: '已书面回复投诉人', replyForm: 'WRITTEN' } });
    expect(inWriting.data.answerComplaint).toEqual({ status: 'ANSWERED', replyForm: 'WRITTEN' });
  });

  it('no longer lets a window clerk the director deactivated record complaints with the token they still hold', async () => {
    const clerk = `${COUNTY}.w03.a`;
    const morning = await fed.as(clerk).query(FILE, { input: aboutVillageClerk() });
    expect(morning.errors).toBeUndefined();
    const off = await fed.as(DIRECTOR).query(`mutation { setCountyStaffActive(username: "${clerk}", active: false) { username } }`);
    expect(off.errors).toBeUndefined();

    const before = await complaintCount();
    const res = await fed.as(clerk).query(FILE, { input: aboutVillageClerk() });
    expect(['FORBIDDEN', 'UNAUTHENTICATED']).toContain(res.errors?.[0]?.extensions?.code);
    expect(await complaintCount()).toBe(before);
  });

  it('refuses the director and the clerk who try to answer a complaint: answering is the supervisor’s', async () => {
    const c = await fileAsClerk();
    for (const who of [DIRECTOR, CLERK]) {
      const res = await fed.as(who).query(`mutation($input: AnswerComplaintInput!) { answerComplaint(input: $input) { status } }`, {
        input: { number: c.number, answer: '已处理', replyForm: 'PHONE' },
      });
      expect(res.errors![0]!.extensions!.code, who).toBe('FORBIDDEN');
    }
    const still = await fed.as(SUPERVISOR).query(`{ complaint(number: "${c.number}") { status version } }`);
    expect(still.data.complaint).toEqual({ status: 'OPEN', version: 1 });
  });

  describe('bad input is refused with BAD_USER_INPUT naming the field, and nothing is written', () => {
    it.each([
      ['a point outside the county', { pointCode: '140926100207', staffUsername: null }, 'pointCode'],
      ['a malformed point code', { pointCode: '14092510020', staffUsername: null }, 'pointCode'],
      ['a member of staff who does not work at the point', { staffUsername: '140925100209.a' }, 'staffUsername'],
      ['content shorter than 5 characters', { content: '太慢' }, 'content'],
      ['markup in the content', { content: '<script>alert(1)</script>态度差' }, 'content'],
      ['markup in the complainant’s name', { complainantName: '<b>张大山</b>' }, 'complainantName'],
      ['a phone that is not a phone', { complainantPhone: '12345' }, 'complainantPhone'],
      ['no units involved', { unitsInvolved: 0 }, 'unitsInvolved'],
      ['a malformed case number', { caseNo: 'not-a-case' }, 'caseNo'],
    ])('refuses %s', async (_what, override, field) => {
      const before = await complaintCount();
      const res = await fed.as(CLERK).query(FILE, { input: aboutVillageClerk(override) });
      expect(res.errors).toHaveLength(1);
      expect(res.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: expect.stringMatching(new RegExp(`^(input\\.)?${field}$`)) });
      expect(res.data).toBeNull();
      expect(await complaintCount()).toBe(before);
    });
  });
});
