import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager } from '@mikro-orm/knex';
import { startTestFederation, type TestFederation } from '@scf/federation/testing';
import { itemIdByCode, residentId, staffClient } from './builders.js';

const COUNTY = '140925';
const TOWNSHIP = '140925100';
const OTHER_TOWNSHIP = '140925101';
const LONELY_TOWNSHIP = '140925102';
const VILLAGE = '140925100207';
const VCLERK = `${VILLAGE}.a`;
const TCLERK = `${TOWNSHIP}.d3.a`;
const TDIRECTOR = `${TOWNSHIP}.director`;
const HANDOVER = 'handover { messageId kind status attempts lastError reviews { action by byName reason } }';
const FAILED = 'failedHandovers { messageId caseNo kind status attempts lastError }';

/**
 * A hand-over the receiver refuses for good (FAILED) is shown on the case at the sender, listed for the
 * directors over it, and requeued or abandoned by one of them, with who and why on record.
 */
describe('refused hand-overs are seen and dealt with', () => {
  let fed: TestFederation;
  let gql: ReturnType<typeof staffClient>;
  let itemId: string;
  let raceCase: string;

  beforeAll(async () => {
    fed = await startTestFederation();
    gql = staffClient(fed, '140925.director');
    await fed.seed(COUNTY);
    await fed.seed('141030');
    fed.setNow('2026-09-28T02:00:00Z');
    itemId = await itemIdByCode(fed, COUNTY, 'ZM-JS-007');
  });
  afterAll(() => fed?.close());

  async function forwardedCase(village = VILLAGE, township = TOWNSHIP, clerk = VCLERK) {
    const reg = await gql.query(`mutation($i: RegisterCaseInput!) { registerVillageCase(input: $i) { caseNo } }`, {
      i: { pointCode: village, itemId, staff: clerk, applicant: { type: 'PERSON', name: '李秀英', idNumber: residentId(), phone: '13912345678' }, materialsReceived: [1, 2, 3] },
    });
    const caseNo = reg.data.registerVillageCase.caseNo as string;
    await gql.query(`mutation($i: CaseActionInput!) { actVillageCase(input: $i) { version } }`, { i: { caseNo, expectedVersion: 1, action: 'accept', staff: clerk } });
    const fwd = await gql.query(`mutation($i: CaseActionInput!) { actVillageCase(input: $i) { status } }`, { i: { caseNo, expectedVersion: 2, action: 'forward', toPointCode: township, staff: clerk } });
    expect(fwd.errors).toBeUndefined();
    await fed.flushHandovers();
    return caseNo;
  }
  const later = async (minutes: number) => {
    fed.setNow(new Date(Date.parse('2026-09-28T02:00:00Z') + minutes * 60_000).toISOString());
    await fed.flushHandovers();
    fed.setNow('2026-09-28T02:00:00Z');
  };
  const atTownship = async (caseNo: string, who = TDIRECTOR) =>
    (await fed.as(who).query(`{ township(code: "${TOWNSHIP}") { forwardedToMe(status: [DECIDED]) { caseNo status ${HANDOVER} } } }`)).data.township.forwardedToMe.find((c: any) => c.caseNo === caseNo);
  const requeue = (who: string, level: 'Township' | 'Village', messageId: string, reason = '原因已排除，重新移交') =>
    fed.as(who).query(`mutation($i: HandoverReviewInput!) { requeue${level}Handover(input: $i) { messageId status } }`, { i: { messageId, reason } });
  const abandon = (who: string, level: 'Township' | 'Village', messageId: string, reason: string) =>
    fed.as(who).query(`mutation($i: HandoverReviewInput!) { abandon${level}Handover(input: $i) { messageId status } }`, { i: { messageId, reason } });

  it('the township decided while the village was down, then the village withdrew: each side sees the other’s refusal on the case', async () => {
    raceCase = await forwardedCase();
    await fed.stopLevel('village');
    const decided = await gql.query(`mutation($i: ForwardedCaseActionInput!) { handleForwardedTownshipCase(input: $i) { status } }`, {
      i: { caseNo: raceCase, expectedVersion: 1, action: 'decide', outcome: 'GRANTED', staff: TCLERK },
    });
    expect(decided.errors).toBeUndefined();
    await fed.restartLevel('village');
    const withdrawn = await gql.query(`mutation($i: CaseActionInput!) { actVillageCase(input: $i) { status } }`, {
      i: { caseNo: raceCase, expectedVersion: 3, action: 'withdraw', reason: '申请人撤回', staff: VCLERK },
    });
    expect(withdrawn.data.actVillageCase.status).toBe('WITHDRAWN');
    await fed.flushHandovers();
    await later(30);

    // At the township, the result it sent is refused by the village: the case was withdrawn there.
    const t = await atTownship(raceCase);
    expect(t.handover).toMatchObject({ messageId: `${raceCase}#1#RESULT`, kind: 'RESULT', status: 'FAILED', attempts: 2, reviews: [] });
    expect(t.handover.lastError).toMatch(/已撤回/);
    expect(t.handover.lastError).not.toMatch(/\{|"code"/);

    // At the village, the withdrawal is refused by the township: it had decided first.
    const v = (await fed.as(VCLERK).query(`{ villageCase(caseNo: "${raceCase}") { status ${HANDOVER} history { action actionLabel reason } } }`)).data.villageCase;
    expect(v.status).toBe('WITHDRAWN');
    expect(v.handover).toMatchObject({ kind: 'WITHDRAW', status: 'FAILED', attempts: 1 });
    expect(v.handover.lastError).toMatch(/已作出决定/);
    expect(v.history.at(-1)).toMatchObject({ action: 'handoverRefused', actionLabel: '移交被拒收', reason: expect.stringMatching(/已作出决定/) });
  });

  it('the directors over each point list its failed hand-overs; nobody else sees them', async () => {
    const township = await fed.as(TDIRECTOR).query(`{ township(code: "${TOWNSHIP}") { ${FAILED} } village(code: "${VILLAGE}") { ${FAILED} } }`);
    expect(township.errors).toBeUndefined();
    expect(township.data.township.failedHandovers).toEqual([expect.objectContaining({ caseNo: raceCase, kind: 'RESULT', status: 'FAILED' })]);
    expect(township.data.village.failedHandovers).toEqual([expect.objectContaining({ caseNo: raceCase, kind: 'WITHDRAW', status: 'FAILED' })]);
    const county = await fed.as(`${COUNTY}.director`).query(`{ county(code: "${COUNTY}") { townships { code ${FAILED} } } }`);
    expect(county.data.county.townships.find((x: any) => x.code === TOWNSHIP).failedHandovers).toHaveLength(1);

    for (const who of [`${OTHER_TOWNSHIP}.director`, '141030.director', TCLERK, `${COUNTY}.supervisor`]) {
      const res = await fed.as(who).query(`{ township(code: "${TOWNSHIP}") { ${FAILED} } village(code: "${VILLAGE}") { ${FAILED} } }`);
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
      expect(res.errors![0]!.message).toMatch(/^[\u4e00-\u9fa5]/);
      expect(JSON.stringify(res.data)).not.toContain(raceCase);
    }
  });

  it('another township’s or another county’s director cannot requeue or abandon them; nothing changes', async () => {
    const id = `${raceCase}#1#RESULT`;
    for (const who of [`${OTHER_TOWNSHIP}.director`, '141030.director', TCLERK]) {
      expect((await requeue(who, 'Township', id)).errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN' });
      expect((await abandon(who, 'Township', id, '越权放弃')).errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN' });
      expect((await abandon(who, 'Village', `${raceCase}#1#WITHDRAW`, '越权放弃')).errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN' });
    }
    expect((await atTownship(raceCase)).handover).toMatchObject({ status: 'FAILED', attempts: 2, reviews: [] });
  });

  it('the township director requeues the result, it is refused again, and then abandons it; both are on record', async () => {
    const id = `${raceCase}#1#RESULT`;
    const again = await requeue(TDIRECTOR, 'Township', id, '请村里重新接收结果');
    expect(again.data.requeueTownshipHandover).toEqual({ messageId: id, status: 'PENDING' });
    await fed.flushHandovers();
    expect((await atTownship(raceCase)).handover).toMatchObject({ status: 'FAILED', attempts: 3 });

    const given = await abandon(TDIRECTOR, 'Township', id, '申请人已撤回，结果不再送达');
    expect(given.data.abandonTownshipHandover).toEqual({ messageId: id, status: 'ABANDONED' });
    expect((await atTownship(raceCase)).handover).toMatchObject({
      status: 'ABANDONED',
      reviews: [
        { action: 'requeue', by: TDIRECTOR, byName: expect.any(String), reason: '请村里重新接收结果' },
        { action: 'abandon', by: TDIRECTOR, byName: expect.any(String), reason: '申请人已撤回，结果不再送达' },
      ],
    });
    const listed = await fed.as(TDIRECTOR).query(`{ township(code: "${TOWNSHIP}") { ${FAILED} } }`);
    expect(listed.data.township.failedHandovers).toEqual([]);

    // Only a FAILED message can be requeued or abandoned; an unknown one is not found.
    expect((await requeue(TDIRECTOR, 'Township', id)).errors![0]).toMatchObject({ extensions: { code: 'HANDOVER_NOT_FAILED' }, message: expect.stringMatching(/^[\u4e00-\u9fa5]/) });
    expect((await abandon(TDIRECTOR, 'Township', `${raceCase}#7#RESULT`, '无此消息')).errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect((await abandon(TDIRECTOR, 'Township', id, ' ')).errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
  });

  it('the township director abandons the village’s refused withdrawal; the village case’s history says who and why', async () => {
    const res = await abandon(TDIRECTOR, 'Village', `${raceCase}#1#WITHDRAW`, '上级已办结，撤回无效，另行告知申请人');
    expect(res.errors).toBeUndefined();
    const v = (await fed.as(VCLERK).query(`{ villageCase(caseNo: "${raceCase}") { status handover { status } history { action actionLabel by reason } } }`)).data.villageCase;
    expect(v.handover.status).toBe('ABANDONED');
    expect(v.history.at(-1)).toEqual({ action: 'handoverAbandoned', actionLabel: '放弃移交', by: TDIRECTOR, reason: '上级已办结，撤回无效，另行告知申请人' });
  });

  it('an abandoned forwarding the township never took brings the case back to the village, which may forward it again', async () => {
    const villages = (await gql.query(`{ township(code: "${LONELY_TOWNSHIP}") { villages { code } } }`)).data.township.villages;
    const village = villages[0].code as string;
    const clerk = `${village}.a`;
    const reg = await fed.as(clerk).query(`mutation($i: RegisterCaseInput!) { registerVillageCase(input: $i) { caseNo } }`, {
      i: { pointCode: village, itemId, applicant: { type: 'PERSON', name: '王秀兰', idNumber: residentId(), phone: '13912345678' }, materialsReceived: [1, 2, 3] },
    });
    const caseNo = reg.data.registerVillageCase.caseNo as string;
    await fed.as(clerk).query(`mutation($i: CaseActionInput!) { actVillageCase(input: $i) { version } }`, { i: { caseNo, expectedVersion: 1, action: 'accept' } });
    // The township's database already holds a decided case under this number (say, restored from an old
    // backup): taking the forwarding would wipe that decision, so the township refuses it.
    const township = fed.township.orm.em.fork() as EntityManager;
    await township.insert('InboundCase', {
      caseNo, hop: 1, originPointCode: village, fromPointCode: village, pointCode: LONELY_TOWNSHIP, status: 'DECIDED', itemId: Number(itemId), itemName: '流动人口婚育证明',
      decidingLevel: 'TOWNSHIP', decidingUnit: '乡镇计生办', kind: 'PROMISED', promisedLimitDays: 5, applicantName: '王秀兰', acceptedOn: null, deadline: null,
      receivedAt: new Date('2026-01-05T02:00:00Z'), decidedOn: '2026-01-06', outcome: 'GRANTED', reason: null, version: 2, updatedAt: new Date('2026-01-06T02:00:00Z'),
    });
    await fed.as(clerk).query(`mutation($i: CaseActionInput!) { actVillageCase(input: $i) { status } }`, { i: { caseNo, expectedVersion: 2, action: 'forward', toPointCode: LONELY_TOWNSHIP } });
    await fed.flushHandovers();
    const v = (await fed.as(clerk).query(`{ villageCase(caseNo: "${caseNo}") { status version ${HANDOVER} } }`)).data.villageCase;
    expect(v).toMatchObject({ status: 'FORWARDED', handover: { kind: 'FORWARD', status: 'FAILED', lastError: expect.stringMatching(/已办结/) } });

    const given = await abandon(`${LONELY_TOWNSHIP}.director`, 'Village', `${caseNo}#1#FORWARD`, '乡镇库中有同号旧件，清理后重新上报');
    expect(given.errors).toBeUndefined();
    const back = (await fed.as(clerk).query(`{ villageCase(caseNo: "${caseNo}") { status version history { action fromStatus toStatus by reason } } }`)).data.villageCase;
    expect(back.status).toBe('ACCEPTED');
    expect(back.history.at(-1)).toEqual({ action: 'handoverAbandoned', fromStatus: 'FORWARDED', toStatus: 'ACCEPTED', by: `${LONELY_TOWNSHIP}.director`, reason: '乡镇库中有同号旧件，清理后重新上报' });

    await township.nativeDelete('InboundCase', { caseNo });
    const again = await fed.as(clerk).query(`mutation($i: CaseActionInput!) { actVillageCase(input: $i) { status } }`, {
      i: { caseNo, expectedVersion: back.version, action: 'forward', toPointCode: LONELY_TOWNSHIP },
    });
    expect(again.errors).toBeUndefined();
    await fed.flushHandovers();
    const waiting = (await fed.as(`${LONELY_TOWNSHIP}.director`).query(`{ township(code: "${LONELY_TOWNSHIP}") { forwardedToMe { caseNo hop } } }`)).data.township.forwardedToMe;
    expect(waiting).toEqual([{ caseNo, hop: 2 }]);
  });
});
