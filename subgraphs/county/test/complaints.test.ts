import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startsInChinese } from '@scf/domain';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap';
import { graphql, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import type { Actor } from '@scf/auth';
import { formatError, freshTestDatabases, SqlCounter, type MountedModules } from '@scf/kit';
import { county } from '../src/level.js';
import { County } from '../src/counties/county.entity.js';
import { CountyStaff, WindowUnit } from '../src/staff/staff.entity.js';
import { Complaint } from '../src/complaints/complaint.entity.js';
import { complaintCounts } from '../src/complaints/complaint.counts.js';

const COUNTY = '140925';
const TOWNSHIP = '140925100';
const VILLAGE = '140925100207';

const countyStaff = (username: string, name: string, roles: Actor['roles'], unit: string | null = null): Actor =>
  ({ username, name, level: 'COUNTY', pointCode: COUNTY, countyCode: COUNTY, roles, unit });
const supervisor = countyStaff('140925.supervisor', '赵督查', ['SUPERVISOR']);
const secondSupervisor = countyStaff('140925.supervisor2', '钱督查', ['SUPERVISOR']);
const director = countyStaff('140925.director', '孙主任', ['DIRECTOR']);
const clerk = countyStaff('140925.w01.a', '李窗口', ['CLERK'], '县公安局');
const townshipClerk: Actor = { username: '140925100.a', name: '周乡镇', level: 'TOWNSHIP', pointCode: TOWNSHIP, countyCode: COUNTY, roles: ['CLERK'], unit: null };
const townshipDirector: Actor = { ...townshipClerk, username: '140925100.director', name: '吴乡长', roles: ['DIRECTOR'] };
const otherCountySupervisor: Actor = { username: '140902.supervisor', name: '郑督查', level: 'COUNTY', pointCode: '140902', countyCode: '140902', roles: ['SUPERVISOR'], unit: null };

/** Instants at 10:00 China time (02:00 UTC). 2026-09-30 is the last working day before 国庆节 (1–7 October). */
const at = (day: string) => new Date(`${day}T02:00:00.000Z`);
const BEFORE_NATIONAL_DAY = at('2026-09-30');

const FILE = /* GraphQL */ `
  mutation File($input: FileComplaintInput!) {
    fileComplaint(input: $input) {
      number status version pointCode pointLevel unit staffUsername channel category content unitsInvolved
      receivedOn receivedBy answerDue overdue complainantName complainantPhone complainantConfidential pointsDeducted
      history { step by byName at note }
    }
  }
`;
const READ = /* GraphQL */ `
  query Read($number: ID!) {
    complaint(number: $number) {
      number status version content unit answerDue overdue complainantName complainantPhone complainantConfidential
      answer answeredBy replyForm answeredOnTime verified seriousImpact pointsDeducted closedBy
      county { code name }
      history { step by byName note }
    }
  }
`;
const LIST = /* GraphQL */ `
  query List($status: [ComplaintStatus!], $overdueOnly: Boolean, $pointCode: ID) {
    county(code: "140925") { complaints(status: $status, overdueOnly: $overdueOnly, pointCode: $pointCode) { number status overdue complainantName } }
  }
`;
const ANSWER = /* GraphQL */ `
  mutation Answer($input: AnswerComplaintInput!) {
    answerComplaint(input: $input) { number status version answer answeredBy replyForm answeredOnTime overdue history { step by } }
  }
`;
const CLOSE = /* GraphQL */ `
  mutation Close($input: CloseComplaintInput!) {
    closeComplaint(input: $input) { number status version verified seriousImpact pointsDeducted closedBy history { step by byName note } }
  }
`;

const phoneComplaint = {
  pointCode: COUNTY,
  staffUsername: '140925.w01.a',
  channel: 'PHONE',
  category: 'ATTITUDE',
  content: '窗口工作人员态度生硬，不耐心解释所需材料。',
  complainantName: '王秀兰',
  complainantPhone: '139 1234 5678',
};

describe('complaints (投诉, R23) at the county centre', () => {
  const dbs = freshTestDatabases(['COUNTY']);
  const sql = new SqlCounter();
  let orm: MikroORM;
  let schema: GraphQLSchema;
  let mounted: MountedModules;

  beforeAll(async () => {
    ({ orm } = await county.openDatabase(dbs.urls.COUNTY, { sqlCounter: sql }));
    mounted = await county.mount(orm);
    schema = buildSubgraphSchema({ typeDefs: county.typeDefs, resolvers: county.resolvers as GraphQLResolverMap<unknown> });
    const em = orm.em.fork() as EntityManager;
    const now = new Date();
    em.create(County, { code: COUNTY, name: '宁武县', cityName: '忻州市', provinceName: '山西省', centreName: '宁武县政务服务中心', complaintPhone: '0350-4722345', createdAt: now, updatedAt: now });
    await em.flush();
    const police = em.create(WindowUnit, { countyCode: COUNTY, name: '县公安局', sortOrder: 1 });
    em.create(WindowUnit, { countyCode: COUNTY, name: '县民政局', sortOrder: 2 });
    await em.flush();
    em.create(CountyStaff, { countyCode: COUNTY, username: clerk.username, name: clerk.name, role: 'CLERK', post: 'A', unitId: police.id, windowId: null, phone: null, active: true, createdAt: now, updatedAt: now });
    for (const a of [supervisor, secondSupervisor, director]) {
      em.create(CountyStaff, { countyCode: COUNTY, username: a.username, name: a.name, role: a.roles[0]!, post: null, unitId: null, windowId: null, phone: null, active: true, createdAt: now, updatedAt: now });
    }
    await em.flush();
  });
  afterAll(async () => {
    await mounted?.close();
    await orm?.close(true);
    await dbs.cleanup();
  });

  /** Runs an operation through the county's executable subgraph schema as `actor`, at `now`; errors as a client sees them. */
  async function run(actor: Actor | null, source: string, variableValues: Record<string, unknown> = {}, now = BEFORE_NATIONAL_DAY) {
    const contextValue = mounted.context(orm.em.fork() as EntityManager, () => now, { actor, clientIp: null });
    const result = await graphql({ schema, source, variableValues, contextValue });
    const errors: GraphQLFormattedError[] | undefined = result.errors?.map((e) => formatError(e.toJSON(), e));
    return { data: result.data as any, errors };
  }

  async function file(input: Record<string, unknown>, now = BEFORE_NATIONAL_DAY, actor: Actor = clerk) {
    const r = await run(actor, FILE, { input }, now);
    expect(r.errors).toBeUndefined();
    return r.data.fileComplaint as { number: string; version: number; answerDue: string; [k: string]: unknown };
  }

  const codeOf = (r: { errors?: GraphQLFormattedError[] }) => r.errors?.[0]?.extensions?.code;
  const fieldOf = (r: { errors?: GraphQLFormattedError[] }) => r.errors?.[0]?.extensions?.field;

  it('a clerk files a phone complaint about a window clerk; it is numbered for the day and due the next working day (8 October, after National Day)', async () => {
    const c = await file(phoneComplaint);
    expect(c.number).toMatch(/^TS-140925-20260930-\d{4}$/);
    expect(c).toMatchObject({
      status: 'OPEN', version: 1, pointCode: COUNTY, pointLevel: 'COUNTY', staffUsername: '140925.w01.a',
      unit: '县公安局', // inferred from the clerk complained about
      channel: 'PHONE', category: 'ATTITUDE', unitsInvolved: 1, receivedOn: '2026-09-30', receivedBy: clerk.username,
      answerDue: '2026-10-08', overdue: false, pointsDeducted: 0,
      // The clerk who took the call does not get the complainant back (R23).
      complainantName: null, complainantPhone: null, complainantConfidential: true,
    });
    expect(c.history).toEqual([expect.objectContaining({ step: 'FILED', by: clerk.username, byName: clerk.name })]);
    // Stored in full for the supervision office, the phone normalised.
    const row = await (orm.em.fork() as EntityManager).findOneOrFail(Complaint, { number: c.number });
    expect([row.complainantName, row.complainantPhone]).toEqual(['王秀兰', '13912345678']);
  });

  it('a complaint involving two units is due within a week: 5 working days on the holiday calendar (13 October, not 7 October)', async () => {
    const c = await file({ pointCode: TOWNSHIP, channel: 'ORAL', category: 'QUALITY', content: '乡镇便民服务中心和县民政局互相推诿，材料退回三次。', unitsInvolved: 2 });
    // Mon–Fri counting would give 2026-10-07; the State Council calendar skips 1–7 October and works Saturday 10 October.
    expect(c).toMatchObject({ answerDue: '2026-10-13', pointLevel: 'TOWNSHIP', unitsInvolved: 2, unit: null });
  });

  it('a supervisor sees who complained; a director sees the complaint but not who made it', async () => {
    const { number } = await file(phoneComplaint);
    const bySupervisor = await run(supervisor, READ, { number });
    expect(bySupervisor.errors).toBeUndefined();
    expect(bySupervisor.data.complaint).toMatchObject({ number, complainantName: '王秀兰', complainantPhone: '13912345678', complainantConfidential: false, county: { code: COUNTY, name: '宁武县' } });

    const byDirector = await run(director, READ, { number });
    expect(byDirector.errors).toBeUndefined();
    expect(byDirector.data.complaint).toMatchObject({ number, content: phoneComplaint.content, unit: '县公安局', complainantName: null, complainantPhone: null, complainantConfidential: true });

    // The same holds in lists.
    const list = await run(director, LIST, { status: 'OPEN' });
    expect(list.data.county.complaints.length).toBeGreaterThan(0);
    expect(list.data.county.complaints.every((c: { complainantName: string | null }) => c.complainantName === null)).toBe(true);
    const supervisorList = await run(supervisor, LIST, { status: 'OPEN' });
    expect(supervisorList.data.county.complaints.find((c: { number: string }) => c.number === number).complainantName).toBe('王秀兰');
  });

  it('a clerk cannot list or read complaints, nor answer them; staff of a township or another county cannot either; nobody signed in is told to sign in', async () => {
    const { number } = await file(phoneComplaint);
    for (const actor of [clerk, townshipClerk, townshipDirector, otherCountySupervisor]) {
      expect(codeOf(await run(actor, LIST)), actor.username).toBe('FORBIDDEN');
      expect(codeOf(await run(actor, READ, { number })), actor.username).toBe('FORBIDDEN');
    }
    expect(codeOf(await run(null, LIST))).toBe('UNAUTHENTICATED');
    expect(codeOf(await run(null, READ, { number }))).toBe('UNAUTHENTICATED');
    // Answering and closing are the supervision office's: a director reads but does not answer.
    expect(codeOf(await run(director, ANSWER, { input: { number, answer: '已核实并向群众致歉。', replyForm: 'PHONE' } }))).toBe('FORBIDDEN');
    expect(codeOf(await run(clerk, CLOSE, { input: { number, verified: true } }))).toBe('FORBIDDEN');
    // Township staff pass complaints on to the county centre; they do not record them in its book.
    expect(codeOf(await run(townshipClerk, FILE, { input: phoneComplaint }))).toBe('FORBIDDEN');
    expect(codeOf(await run(null, FILE, { input: phoneComplaint }))).toBe('UNAUTHENTICATED');
    const still = await run(supervisor, READ, { number });
    expect(still.data.complaint).toMatchObject({ status: 'OPEN', version: 1 });
  });

  it('answering a written complaint needs a written reply; the answer is guarded by the version read', async () => {
    const c = await file({ ...phoneComplaint, channel: 'WRITTEN', category: 'CONDUCT', content: '来信反映：窗口人员上班时间玩手机，群众排队无人办理。' });
    const byPhone = await run(supervisor, ANSWER, { input: { number: c.number, expectedVersion: 1, answer: '已电话回复，并对当事人批评教育。', replyForm: 'PHONE' } });
    expect(codeOf(byPhone)).toBe('BAD_USER_INPUT');
    expect(fieldOf(byPhone)).toBe('input.replyForm');
    expect(byPhone.errors![0]!.message).toMatch(/WRITTEN reply/);
    expect((await run(supervisor, READ, { number: c.number })).data.complaint).toMatchObject({ status: 'OPEN', version: 1, answer: null });

    const answered = await run(supervisor, ANSWER, { input: { number: c.number, expectedVersion: 1, answer: '经查属实，已书面答复投诉人，并对当事人通报批评。', replyForm: 'WRITTEN' } }, at('2026-10-08'));
    expect(answered.errors).toBeUndefined();
    expect(answered.data.answerComplaint).toMatchObject({ status: 'ANSWERED', version: 2, replyForm: 'WRITTEN', answeredBy: supervisor.username, answeredOnTime: true, overdue: false });
    expect(answered.data.answerComplaint.history.map((h: { step: string }) => h.step)).toEqual(['FILED', 'ANSWERED']);

    // A second supervisor working from the version they read before the answer is refused; nothing changes.
    const stale = await run(secondSupervisor, CLOSE, { input: { number: c.number, expectedVersion: 1, verified: false } }, at('2026-10-08'));
    expect(codeOf(stale)).toBe('CONFLICT');
    expect(stale.errors![0]!.extensions).toMatchObject({ currentVersion: 2, currentStatus: 'ANSWERED' });
    // Answering twice is not a step there is.
    expect(codeOf(await run(supervisor, ANSWER, { input: { number: c.number, answer: '再次答复。', replyForm: 'WRITTEN' } }))).toBe('TRANSITION_NOT_ALLOWED');
  });

  it('an unanswered complaint past its due date is overdue, and it stays listed until it is closed', async () => {
    const { number } = await file({ ...phoneComplaint, pointCode: VILLAGE, staffUsername: '140925100207.a', content: '村便民服务室代办员多次不在岗。' });
    const listed = async (now: Date, vars: Record<string, unknown>) => {
      const r = await run(supervisor, LIST, vars, now);
      expect(r.errors).toBeUndefined();
      return (r.data.county.complaints as { number: string; status: string; overdue: boolean }[]).find((c) => c.number === number);
    };
    // On its answer day it is not yet overdue.
    expect((await run(supervisor, READ, { number }, at('2026-10-08'))).data.complaint.overdue).toBe(false);
    expect(await listed(at('2026-10-08'), { overdueOnly: true })).toBeUndefined();
    // The next day it is, and every list that should show it does — weeks later too.
    for (const day of ['2026-10-09', '2026-11-20']) {
      expect(await listed(at(day), { overdueOnly: true }), day).toMatchObject({ status: 'OPEN', overdue: true });
      expect(await listed(at(day), { status: 'OPEN' }), day).toMatchObject({ overdue: true });
      expect(await listed(at(day), { pointCode: TOWNSHIP }), day).toBeDefined(); // a township and the villages under it
      expect(await listed(at(day), {}), day).toBeDefined();
    }
    expect(await listed(at('2026-10-09'), { pointCode: '140925100208' })).toBeUndefined();

    // Answered late: no longer overdue, still tracked among the unclosed.
    const answered = await run(supervisor, ANSWER, { input: { number, answer: '已约谈代办员，调整值班安排。', replyForm: 'PHONE' } }, at('2026-10-09'));
    expect(answered.data.answerComplaint).toMatchObject({ status: 'ANSWERED', overdue: false, answeredOnTime: false });
    expect(await listed(at('2026-10-09'), { overdueOnly: true })).toBeUndefined();
    expect(await listed(at('2026-10-09'), { status: ['OPEN', 'ANSWERED'] })).toMatchObject({ status: 'ANSWERED' });

    const closed = await run(supervisor, CLOSE, { input: { number, verified: false, note: '经核实，代办员当日请假已报备。' } }, at('2026-10-10'));
    expect(closed.data.closeComplaint).toMatchObject({ status: 'CLOSED', verified: false, pointsDeducted: 0 });
    expect(await listed(at('2026-10-10'), { status: ['OPEN', 'ANSWERED'] })).toBeUndefined();
    expect(await listed(at('2026-10-10'), { status: 'CLOSED' })).toMatchObject({ status: 'CLOSED', overdue: false });
  });

  it('closing a verified complaint with serious impact records 10 points against the unit; a verified one 5; an open one cannot be closed', async () => {
    const serious = await file({ ...phoneComplaint, category: 'INTEGRITY', content: '窗口人员暗示办事需要“意思意思”，吃拿卡要。' });
    const early = await run(supervisor, CLOSE, { input: { number: serious.number, verified: true } });
    expect(codeOf(early)).toBe('TRANSITION_NOT_ALLOWED');
    expect(early.errors![0]!.message).toMatch(/answer it first/);

    await run(supervisor, ANSWER, { input: { number: serious.number, answer: '已移交纪检部门调查处理。', replyForm: 'PHONE' } });
    const unverifiedSerious = await run(supervisor, CLOSE, { input: { number: serious.number, verified: false, seriousImpact: true } });
    expect([codeOf(unverifiedSerious), fieldOf(unverifiedSerious)]).toEqual(['BAD_USER_INPUT', 'input.seriousImpact']);

    const closed = await run(supervisor, CLOSE, { input: { number: serious.number, expectedVersion: 2, verified: true, seriousImpact: true, note: '造成不良社会影响' } }, at('2026-10-09'));
    expect(closed.errors).toBeUndefined();
    expect(closed.data.closeComplaint).toMatchObject({ status: 'CLOSED', version: 3, verified: true, seriousImpact: true, pointsDeducted: 10, closedBy: supervisor.username });
    expect(closed.data.closeComplaint.history).toEqual([
      expect.objectContaining({ step: 'FILED', by: clerk.username }),
      expect.objectContaining({ step: 'ANSWERED', by: supervisor.username }),
      expect.objectContaining({ step: 'CLOSED', by: supervisor.username, byName: '赵督查', note: expect.stringContaining('10') }),
    ]);
    const row = await (orm.em.fork() as EntityManager).findOneOrFail(Complaint, { number: serious.number });
    expect([row.unit, row.pointCode, row.pointsDeducted]).toEqual(['县公安局', COUNTY, 10]);
    expect(codeOf(await run(supervisor, CLOSE, { input: { number: serious.number, verified: true } }))).toBe('TRANSITION_NOT_ALLOWED');

    const plain = await file(phoneComplaint);
    await run(supervisor, ANSWER, { input: { number: plain.number, answer: '已批评教育。', replyForm: 'ORAL' } });
    expect((await run(supervisor, CLOSE, { input: { number: plain.number, verified: true } })).data.closeComplaint).toMatchObject({ pointsDeducted: 5, seriousImpact: false });
  });

  it('bad input is refused naming the field, and nothing is written', async () => {
    const em = () => orm.em.fork() as EntityManager;
    const counts = async () => {
      const rows = await Promise.all(['complaint', 'complaint_event', 'complaint_sequence'].map((t) =>
        em().getConnection().execute<{ n: number }[]>(`select count(*) as n from ${t}`)));
      return rows.map(([row]) => Number(row!.n));
    };
    const before = await counts();
    const cases: [string, Record<string, unknown>, string][] = [
      ['empty content', { content: '   ' }, 'input.content'],
      ['content too short', { content: '太慢' }, 'input.content'],
      ['content too long', { content: '慢'.repeat(2001) }, 'input.content'],
      ['markup in the content', { content: '请看 <img src=x onerror=alert(1)> 这里' }, 'input.content'],
      ['<script> in the complainant name', { complainantName: '<script>alert(1)</script>' }, 'input.complainantName'],
      ['a bad phone', { complainantPhone: '12345' }, 'input.complainantPhone'],
      ['a point of another county', { pointCode: '140926100' }, 'input.pointCode'],
      ['a point code of no level', { pointCode: '1409251' }, 'input.pointCode'],
      ['a township part of 000', { pointCode: '140925000' }, 'input.pointCode'],
      ['an unknown county clerk', { staffUsername: '140925.nobody' }, 'input.staffUsername'],
      ['a village clerk not at the point', { pointCode: VILLAGE, staffUsername: '140925100208.a' }, 'input.staffUsername'],
      ['an unknown window unit', { staffUsername: null, unit: '县不存在局' }, 'input.unit'],
      ['a unit that is not the clerk’s', { unit: '县民政局' }, 'input.unit'],
      ['no units involved', { unitsInvolved: 0 }, 'input.unitsInvolved'],
      ['a malformed case number', { caseNo: '140925-2026-1' }, 'input.caseNo'],
      ['a case of another county', { caseNo: '140926-20260930-00001' }, 'input.caseNo'],
    ];
    for (const [what, patch, field] of cases) {
      const r = await run(clerk, FILE, { input: { ...phoneComplaint, ...patch } });
      expect(codeOf(r), what).toBe('BAD_USER_INPUT');
      expect(fieldOf(r), what).toBe(field);
      // The field path, then Chinese first for a zh-CN screen.
      expect(r.errors![0]!.message.startsWith(`${field}:`), what).toBe(true);
      expect(startsInChinese(r.errors![0]!.message), what).toBe(true);
    }
    // A bad enum never reaches the resolver: GraphQL refuses it naming the variable.
    const badChannel = await run(clerk, FILE, { input: { ...phoneComplaint, channel: 'FAX' } });
    expect(badChannel.errors![0]!.message).toMatch(/channel/);
    expect(await counts()).toEqual(before);
  });

  it('complaints filed at the same moment get distinct, consecutive numbers', async () => {
    const N = 12;
    const day = at('2026-10-12');
    const results = await Promise.all(Array.from({ length: N }, (_, i) => run(clerk, FILE, { input: { ...phoneComplaint, content: `同时受理的第${i + 1}件投诉。` } }, day)));
    expect(results.map((r) => r.errors)).toEqual(results.map(() => undefined));
    const numbers = results.map((r) => r.data.fileComplaint.number as string).sort();
    expect(numbers).toEqual(Array.from({ length: N }, (_, i) => `TS-140925-20261012-${String(i + 1).padStart(4, '0')}`));
  });

  it('complaintCounts gives the dashboard received, verified and open per point for a period, in one grouped statement', async () => {
    const day = at('2026-11-16');
    const a = await file({ ...phoneComplaint, content: '县中心投诉一：态度生硬。' }, day);
    await file({ ...phoneComplaint, content: '县中心投诉二：态度生硬。' }, day);
    await file({ pointCode: TOWNSHIP, channel: 'ONLINE', category: 'QUALITY', content: '乡镇中心办事质量差。' }, day);
    await file({ pointCode: VILLAGE, channel: 'ORAL', category: 'CONDUCT', content: '村代办员迟到早退。' }, at('2026-11-17'));
    await file({ pointCode: VILLAGE, channel: 'ORAL', category: 'CONDUCT', content: '期外的投诉不计入。' }, at('2026-12-01'));
    await run(supervisor, ANSWER, { input: { number: a.number, answer: '已处理。', replyForm: 'PHONE' } }, day);
    await run(supervisor, CLOSE, { input: { number: a.number, verified: true } }, day);

    sql.reset();
    const figures = await complaintCounts(orm.em.fork() as EntityManager, { countyCode: COUNTY, from: '2026-11-01', to: '2026-11-30' });
    expect(sql.count).toBe(1);
    expect(sql.statements[0]).toMatch(/group by point_code/i);
    expect(figures).toEqual([
      { pointCode: COUNTY, received: 2, verified: 1, open: 1, unclosed: 1, pointsDeducted: 5 },
      { pointCode: TOWNSHIP, received: 1, verified: 0, open: 1, unclosed: 1, pointsDeducted: 0 },
      { pointCode: VILLAGE, received: 1, verified: 0, open: 1, unclosed: 1, pointsDeducted: 0 },
    ]);
  });
});
