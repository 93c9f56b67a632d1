import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager } from '@mikro-orm/knex';
import { handoverHeaders, handoverSecretFromEnv } from '@scf/handover';
import { startTestFederation, type TestFederation } from '@scf/federation/testing';
import { itemIdByCode, residentId, staffClient } from './builders.js';

const COUNTY = '140925';
const TOWNSHIP = '140925100';
const OTHER_TOWNSHIP = '140925101';
const VILLAGE = '140925100207';
const VCLERK = `${VILLAGE}.a`;
const TCLERK = `${TOWNSHIP}.d3.a`;
type Level = 'COUNTY' | 'TOWNSHIP' | 'VILLAGE';

/**
 * Someone who reaches a subgraph's port posts hand-overs to it directly: without the level's key, or with
 * a real key (a peer that is wrong, or taken over) but a message that does not fit the case it names.
 * Every one is refused and changes nothing.
 */
describe('the hand-over endpoint takes only what the case’s holder may send (R17–R19)', () => {
  let fed: TestFederation;
  let gql: ReturnType<typeof staffClient>;
  let itemId: string;
  const secret = handoverSecretFromEnv();

  beforeAll(async () => {
    fed = await startTestFederation();
    gql = staffClient(fed, '140925.director');
    await fed.seed(COUNTY);
    fed.setNow('2026-09-28T02:00:00Z');
    itemId = await itemIdByCode(fed, COUNTY, 'ZM-JS-007');
  });
  afterAll(() => fed?.close());

  const portOf = (level: Level) => fed[level.toLowerCase() as 'county' | 'township' | 'village'].baseUrl;

  /** POSTs a hand-over to a level's own port, signed with `signedAs`'s key and claiming to come from `from`. */
  async function post(to: Level, message: Record<string, unknown>, opts: { from: Level; signedAs?: Level | null; devToken?: boolean }) {
    const body = JSON.stringify({ target: to, ...message });
    const signed = opts.signedAs === null ? {} : handoverHeaders(secret, opts.signedAs ?? opts.from, body);
    const res = await fetch(`${portOf(to)}/internal/handover`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(opts.devToken ? { 'x-scf-handover-token': 'dev-handover-token' } : {}), ...signed, 'x-scf-handover-from': opts.from },
      body,
    });
    return { status: res.status, body: (await res.json()) as any };
  }

  async function forwardedCase(): Promise<string> {
    const reg = await gql.query(`mutation($i: RegisterCaseInput!) { registerVillageCase(input: $i) { caseNo } }`, {
      i: { pointCode: VILLAGE, itemId, staff: VCLERK, applicant: { type: 'PERSON', name: '李秀英', idNumber: residentId(), phone: '13912345678' }, materialsReceived: [1, 2, 3] },
    });
    const caseNo = reg.data.registerVillageCase.caseNo as string;
    await gql.query(`mutation($i: CaseActionInput!) { actVillageCase(input: $i) { version } }`, { i: { caseNo, expectedVersion: 1, action: 'accept', staff: VCLERK } });
    const fwd = await gql.query(`mutation($i: CaseActionInput!) { actVillageCase(input: $i) { status } }`, {
      i: { caseNo, expectedVersion: 2, action: 'forward', toPointCode: TOWNSHIP, staff: VCLERK },
    });
    expect(fwd.data.actVillageCase.status).toBe('FORWARDED');
    await fed.flushHandovers();
    return caseNo;
  }

  const villageCase = async (caseNo: string) =>
    (await gql.query(`{ villageCase(caseNo: "${caseNo}") { status version decision { outcome } } }`)).data.villageCase;
  const atTownship = async (caseNo: string) =>
    (await gql.query(`{ township(code: "${TOWNSHIP}") { forwardedToMe(status: [RECEIVED, ACCEPTED, DECIDED, RETURNED, FORWARDED, SUPPLEMENT_REQUESTED]) { caseNo status version outcome } } }`))
      .data.township.forwardedToMe.find((c: any) => c.caseNo === caseNo);
  const inbox = (level: 'village' | 'township', caseNo: string) => (fed[level].orm.em.fork() as EntityManager).count('HandoverInbox', { caseNo });

  const result = (caseNo: string, fromPointCode: string, hop = 1) => ({
    messageId: `${caseNo}#${hop}#RESULT`, kind: 'RESULT', caseNo, hop,
    payload: { fromPointCode, toPointCode: VILLAGE, outcome: 'GRANTED', reason: null, rightsNotice: null, decidedOn: '2026-09-28', by: { username: 'x', name: '冒名' }, at: '2026-09-28T02:00:00.000Z' },
  });

  it('a RESULT with only the public development token is refused 401 and the case stays forwarded', async () => {
    const caseNo = await forwardedCase();
    const before = await villageCase(caseNo);
    const res = await post('VILLAGE', result(caseNo, TOWNSHIP), { from: 'TOWNSHIP', signedAs: null, devToken: true });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 'HANDOVER_UNAUTHENTICATED', error: expect.stringMatching(/^[\u4e00-\u9fa5]/) });
    expect(await villageCase(caseNo)).toEqual(before);
    expect(before.status).toBe('FORWARDED');
  });

  it('a message signed with one level’s key but claiming another level is refused 401', async () => {
    const caseNo = await forwardedCase();
    const res = await post('VILLAGE', result(caseNo, TOWNSHIP), { from: 'TOWNSHIP', signedAs: 'COUNTY' });
    expect(res.status).toBe(401);
    expect((await villageCase(caseNo)).status).toBe('FORWARDED');
  });

  it.each([
    ['a level that does not hold the case (the county, while the township does)', (c: string) => result(c, COUNTY), 'COUNTY' as Level, 'HANDOVER_WRONG_SENDER'],
    ['another township of the county', (c: string) => result(c, OTHER_TOWNSHIP), 'TOWNSHIP' as Level, 'HANDOVER_WRONG_SENDER'],
    ['the holder, but a hop the case has not reached', (c: string) => result(c, TOWNSHIP, 5), 'TOWNSHIP' as Level, 'HANDOVER_WRONG_HOP'],
    ['the holder, naming another origin point', (c: string) => ({ ...result(c, TOWNSHIP), payload: { ...result(c, TOWNSHIP).payload, toPointCode: '140925100209' } }), 'TOWNSHIP' as Level, 'HANDOVER_WRONG_TARGET'],
  ])('a signed RESULT from %s is refused 422 and decides nothing', async (_what, build, from, code) => {
    const caseNo = await forwardedCase();
    const before = await villageCase(caseNo);
    const res = await post('VILLAGE', build(caseNo), { from });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code, error: expect.stringMatching(/^[\u4e00-\u9fa5]/) });
    expect(await villageCase(caseNo)).toEqual(before);
    expect(await inbox('village', caseNo)).toBe(0);
  });

  it('a signed SUPPLEMENT or RETURN from a level that does not hold the case is refused and the case stays forwarded', async () => {
    const caseNo = await forwardedCase();
    const by = { username: 'x', name: '冒名' };
    const supplement = await post('VILLAGE', {
      messageId: `${caseNo}#1#SUPPLEMENT`, kind: 'SUPPLEMENT', caseNo, hop: 1,
      payload: { fromPointCode: COUNTY, toPointCode: VILLAGE, missingMaterials: [{ name: '户口簿' }], note: null, by, at: '2026-09-28T02:00:00.000Z' },
    }, { from: 'COUNTY' });
    expect(supplement).toMatchObject({ status: 422, body: { code: 'HANDOVER_WRONG_SENDER' } });
    const back = await post('VILLAGE', {
      messageId: `${caseNo}#1#RETURN`, kind: 'RETURN', caseNo, hop: 1,
      payload: { fromPointCode: OTHER_TOWNSHIP, toPointCode: VILLAGE, reason: '冒名退回', by, at: '2026-09-28T02:00:00.000Z' },
    }, { from: 'TOWNSHIP' });
    expect(back).toMatchObject({ status: 422, body: { code: 'HANDOVER_WRONG_SENDER' } });
    expect((await villageCase(caseNo)).status).toBe('FORWARDED');
  });

  it('a FORWARD under a new message id does not reopen a decided case or wipe its decision', async () => {
    const caseNo = await forwardedCase();
    const decided = await gql.query(`mutation($i: ForwardedCaseActionInput!) { handleForwardedTownshipCase(input: $i) { status } }`, {
      i: { caseNo, expectedVersion: 1, action: 'decide', outcome: 'GRANTED', staff: TCLERK },
    });
    expect(decided.errors).toBeUndefined();
    await fed.flushHandovers();
    const before = await atTownship(caseNo);
    expect(before).toMatchObject({ status: 'DECIDED', outcome: 'GRANTED' });
    const inboxBefore = await inbox('township', caseNo);

    const row = await (fed.village.orm.em.fork() as EntityManager).findOneOrFail<any>('HandoverOutbox', { caseNo, kind: 'FORWARD' });
    const replay = { messageId: `${caseNo}#9#FORWARD`, kind: 'FORWARD', caseNo, hop: 9, payload: JSON.parse(row.payload) };
    const res = await post('TOWNSHIP', replay, { from: 'VILLAGE' });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'HANDOVER_WRONG_STATE', error: expect.stringContaining('已办结') });
    expect(await atTownship(caseNo)).toEqual(before);
    expect(await inbox('township', caseNo)).toBe(inboxBefore);
    expect((await villageCase(caseNo)).decision).toEqual({ outcome: 'GRANTED' });
  });

  it('a FORWARD of a case the township is already working on is refused, and so is one from a point the case never was at', async () => {
    const caseNo = await forwardedCase();
    const row = await (fed.village.orm.em.fork() as EntityManager).findOneOrFail<any>('HandoverOutbox', { caseNo, kind: 'FORWARD' });
    const payload = JSON.parse(row.payload);
    const again = await post('TOWNSHIP', { messageId: `${caseNo}#2#FORWARD`, kind: 'FORWARD', caseNo, hop: 2, payload }, { from: 'VILLAGE' });
    expect(again).toMatchObject({ status: 422, body: { code: 'HANDOVER_WRONG_STATE' } });
    const elsewhere = await post('TOWNSHIP', {
      messageId: `${caseNo}#2#FORWARD`, kind: 'FORWARD', caseNo, hop: 2, payload: { ...payload, fromPointCode: '140925100209', originPointCode: '140925100209' },
    }, { from: 'VILLAGE' });
    expect(elsewhere).toMatchObject({ status: 422, body: { code: 'HANDOVER_WRONG_SENDER' } });
    expect(await atTownship(caseNo)).toMatchObject({ status: 'RECEIVED', version: 1 });
  });

  it('the real hand-overs still go: the township decides and the village receives the result once', async () => {
    const caseNo = await forwardedCase();
    await gql.query(`mutation($i: ForwardedCaseActionInput!) { handleForwardedTownshipCase(input: $i) { status } }`, {
      i: { caseNo, expectedVersion: 1, action: 'decide', outcome: 'GRANTED', staff: TCLERK },
    });
    await fed.flushHandovers();
    expect(await villageCase(caseNo)).toMatchObject({ status: 'DECIDED', decision: { outcome: 'GRANTED' } });
    expect(await inbox('village', caseNo)).toBe(1);
  });
});
