import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager } from '@mikro-orm/knex';
import { handoverHeaders, handoverSecretFromEnv } from '@scf/handover';
import type { TestFederation } from '@scf/federation/testing';
import { acceptedVillageCase, startDelegationFederation, staffClient } from './builders.js';

const COUNTY = '140925';
const TOWNSHIP = '140925100';
const VILLAGE = '140925100207';
const VCLERK = `${VILLAGE}.a`;
/** 凤凰镇's 计生 desk decides 流动人口婚育证明; its 民政 desk does not. */
const FAMILY_PLANNING_DESK = `${TOWNSHIP}.d3.a`;
const CIVIL_AFFAIRS_DESK = `${TOWNSHIP}.d1.a`;
const TOWNSHIP_DIRECTOR = `${TOWNSHIP}.director`;
const HANDLED = '[DECIDED, RETURNED, FORWARDED, SUPPLEMENT_REQUESTED]';
const VIEW = `caseNo status version itemName applicantName origin { code name } from { code name } note
  applicant { type name idNumber creditCode phone masked } materials { position name form copies received }
  history { hop action fromCode toCode byName note }`;

/** Issue 13: the township decides a village's case seeing it whole — where from, who applied, what was brought, what happened. */
describe('a forwarded case shows the receiving level what it needs to decide', () => {
  let fed: TestFederation;
  let gql: ReturnType<typeof staffClient>;
  let items: Record<'marriageProof' | 'fireworks', string>;

  beforeAll(async () => {
    ({ fed, gql, items } = await startDelegationFederation());
  });
  afterAll(() => fed?.close());

  async function forwardedToTownship(itemId: string, materials: number[], note = '申请人材料已核对原件') {
    const caseNo = await acceptedVillageCase(gql, VILLAGE, VCLERK, itemId, materials);
    const fwd = await gql.query(`mutation($i: CaseActionInput!) { actVillageCase(input: $i) { status } }`, {
      i: { caseNo, expectedVersion: 2, action: 'forward', toPointCode: TOWNSHIP, staff: VCLERK, note },
    });
    expect(fwd.errors).toBeUndefined();
    await fed.flushHandovers();
    return caseNo;
  }
  const forwardedTo = async (level: 'township' | 'county', code: string, caseNo: string, status = '[RECEIVED, ACCEPTED]', reader = TOWNSHIP_DIRECTOR) => {
    const res = await fed.as(reader).query(`{ p: ${level}(code: "${code}") { forwardedToMe(status: ${status}) { ${VIEW} } } }`);
    expect(res.errors).toBeUndefined();
    return (res.data.p.forwardedToMe as any[]).find((c) => c.caseNo === caseNo);
  };
  const handle = (who: string, input: Record<string, unknown>) =>
    fed.as(who).query(`mutation($i: ForwardedCaseActionInput!) { handleForwardedTownshipCase(input: $i) { caseNo status version } }`, { i: input });
  const inbound = async (caseNo: string) => {
    const row = await (fed.township.orm.em.fork() as EntityManager).findOne<{ caseNo: string; status: string; version: number }>('InboundCase', { caseNo });
    return row && { status: row.status, version: row.version };
  };

  it('names the village room that took it in, shows the applicant masked, the materials received, the history and the note', async () => {
    const caseNo = await forwardedToTownship(items.marriageProof, [1, 2, 3]);
    const c = await forwardedTo('township', TOWNSHIP, caseNo);
    expect(c).toMatchObject({
      status: 'RECEIVED', itemName: '流动人口婚育证明', applicantName: '李秀英', note: '申请人材料已核对原件',
      origin: { code: VILLAGE, name: '秃峦妥村便民服务室' }, from: { code: VILLAGE, name: '秃峦妥村便民服务室' },
      applicant: { type: 'PERSON', name: '李秀英', phone: '139****5678', masked: true },
    });
    expect(c.applicant.idNumber).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    expect(c.materials.length).toBeGreaterThanOrEqual(3);
    expect(c.materials.filter((m: any) => m.received).map((m: any) => m.position)).toEqual([1, 2, 3]);
    expect(c.materials[0]).toMatchObject({ position: 1, name: expect.stringMatching(/[\u4e00-\u9fa5]/), form: expect.any(String) });
    expect(c.history).toEqual([{ hop: 1, action: 'forward', fromCode: VILLAGE, toCode: TOWNSHIP, byName: expect.stringMatching(/[\u4e00-\u9fa5]/), note: '申请人材料已核对原件' }]);
  });

  it('once decided it leaves the waiting list and stays among the handled, with the decision in its history', async () => {
    const caseNo = await forwardedToTownship(items.marriageProof, [1, 2, 3]);
    expect((await handle(FAMILY_PLANNING_DESK, { caseNo, expectedVersion: 1, action: 'decide', outcome: 'REFUSED', reason: '不符合条件' })).errors).toBeUndefined();
    expect(await forwardedTo('township', TOWNSHIP, caseNo)).toBeUndefined();
    const handled = await forwardedTo('township', TOWNSHIP, caseNo, HANDLED);
    expect(handled).toMatchObject({ status: 'DECIDED', origin: { name: '秃峦妥村便民服务室' } });
    expect(handled.history.map((h: any) => [h.action, h.note])).toEqual([['forward', '申请人材料已核对原件'], ['decide', '不予许可：不符合条件']]);
  });

  it('a case passed on to the county carries the village by name, the township as sender and both hops', async () => {
    const caseNo = await forwardedToTownship(items.fireworks, [1, 2, 3, 4]);
    expect((await handle(CIVIL_AFFAIRS_DESK, { caseNo, expectedVersion: 1, action: 'forward', toPointCode: COUNTY, note: '请县应急管理局审批' })).errors).toBeUndefined();
    await fed.flushHandovers();
    const c = await forwardedTo('county', COUNTY, caseNo, '[RECEIVED, ACCEPTED]', `${COUNTY}.director`);
    expect(c).toMatchObject({
      origin: { code: VILLAGE, name: '秃峦妥村便民服务室' }, from: { code: TOWNSHIP, name: '凤凰镇便民服务中心' }, note: '请县应急管理局审批',
      applicant: { phone: '139****5678', masked: true },
    });
    expect(c.materials.every((m: any) => m.received)).toBe(true);
    expect(c.history.map((h: any) => [h.fromCode, h.toCode, h.note])).toEqual([[VILLAGE, TOWNSHIP, '申请人材料已核对原件'], [TOWNSHIP, COUNTY, '请县应急管理局审批']]);
    // The township shows it among the handled: forwarded on.
    expect(await forwardedTo('township', TOWNSHIP, caseNo, HANDLED)).toMatchObject({ status: 'FORWARDED' });
  });

  it('another desk may not decide it: refused in Chinese with FORBIDDEN, and nothing changes; the director may', async () => {
    const caseNo = await forwardedToTownship(items.marriageProof, [1, 2, 3]);
    const refused = await handle(CIVIL_AFFAIRS_DESK, { caseNo, expectedVersion: 1, action: 'decide', outcome: 'GRANTED' });
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringMatching(/^无权办理：.*计生/) });
    expect(refused.data ?? null).toBeNull();
    expect(await inbound(caseNo)).toEqual({ status: 'RECEIVED', version: 1 });
    const accepted = await handle(TOWNSHIP_DIRECTOR, { caseNo, expectedVersion: 1, action: 'accept' });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data.handleForwardedTownshipCase.status).toBe('ACCEPTED');
  });

  it('nothing grants by default: a decision without an outcome is refused and changes nothing', async () => {
    const caseNo = await forwardedToTownship(items.marriageProof, [1, 2, 3]);
    const refused = await handle(FAMILY_PLANNING_DESK, { caseNo, expectedVersion: 1, action: 'decide' });
    // The message's wording is another change's (Chinese refusal texts); the code is what clients read.
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'outcome' });
    expect(await inbound(caseNo)).toEqual({ status: 'RECEIVED', version: 1 });
  });

  it('a case returned and sent up again many times, with long notes, still reaches the county, showing its newest hops', async () => {
    const caseNo = await forwardedToTownship(items.fireworks, [1, 2, 3, 4], '首次上报');
    const long = (n: number) => `第${n}次：${'材料核对说明'.repeat(90)}`.slice(0, 500);
    const versionAtTownship = async () =>
      (await fed.as(TOWNSHIP_DIRECTOR).query(`{ township(code: "${TOWNSHIP}") { forwardedToMe { caseNo version } } }`)).data.township.forwardedToMe.find((c: any) => c.caseNo === caseNo).version;
    for (let n = 1; n <= 15; n++) {
      expect((await handle(CIVIL_AFFAIRS_DESK, { caseNo, expectedVersion: await versionAtTownship(), action: 'returnDown', reason: long(n) })).errors).toBeUndefined();
      await fed.flushHandovers();
      const back = await gql.query(`{ villageCase(caseNo: "${caseNo}") { version } }`);
      const fwd = await gql.query(`mutation($i: CaseActionInput!) { actVillageCase(input: $i) { status } }`, {
        i: { caseNo, expectedVersion: back.data.villageCase.version, action: 'forward', toPointCode: TOWNSHIP, staff: VCLERK, note: long(n) },
      });
      expect(fwd.errors).toBeUndefined();
      await fed.flushHandovers();
    }
    expect((await handle(CIVIL_AFFAIRS_DESK, { caseNo, expectedVersion: await versionAtTownship(), action: 'forward', toPointCode: COUNTY, note: '转报县级' })).errors).toBeUndefined();
    await fed.flushHandovers();
    const c = await forwardedTo('county', COUNTY, caseNo, '[RECEIVED, ACCEPTED]', `${COUNTY}.director`);
    expect(c).toMatchObject({ status: 'RECEIVED', note: '转报县级', origin: { name: '秃峦妥村便民服务室' } });
    expect(c.history.slice(-2).map((h: any) => [h.action, h.note])).toEqual([['forward', long(15)], ['forward', '转报县级']]);
  });

  describe('a forwarding sent before forwardings carried these details', () => {
    const secret = handoverSecretFromEnv();
    const post = async (message: Record<string, unknown>) => {
      const body = JSON.stringify({ target: 'TOWNSHIP', ...message });
      const res = await fetch(`${fed.township.baseUrl}/internal/handover`, {
        method: 'POST', headers: { 'content-type': 'application/json', ...handoverHeaders(secret, 'VILLAGE', body), 'x-scf-handover-from': 'VILLAGE' }, body,
      });
      return { status: res.status, body: (await res.json()) as any };
    };
    const oldForward = (caseNo: string, extra: Record<string, unknown> = {}) => ({
      messageId: `${caseNo}#1#FORWARD`, kind: 'FORWARD', caseNo, hop: 1,
      payload: {
        originPointCode: VILLAGE, fromPointCode: VILLAGE, toPointCode: TOWNSHIP,
        item: { id: Number(items.marriageProof), name: '流动人口婚育证明', decidingLevel: 'TOWNSHIP', decidingUnit: '计生', kind: 'PROMISED', promisedLimitDays: 5 },
        applicantName: '李秀英', acceptedOn: '2026-09-28', deadline: '2026-10-08', by: { username: VCLERK, name: '村办事员' }, at: '2026-09-28T02:00:00.000Z', note: null,
        ...extra,
      },
    });

    it('is still taken in, and shows the codes where it has no names and empty materials and history', async () => {
      const caseNo = await acceptedVillageCase(gql, VILLAGE, VCLERK, items.marriageProof, [1, 2, 3]);
      const res = await post(oldForward(caseNo));
      expect(res.status).toBe(200);
      expect(await forwardedTo('township', TOWNSHIP, caseNo)).toMatchObject({ origin: { code: VILLAGE, name: VILLAGE }, applicant: null, materials: [], history: [], note: null });
    });

    it('one whose details do not fit the columns is refused whole and writes nothing', async () => {
      const caseNo = await acceptedVillageCase(gql, VILLAGE, VCLERK, items.marriageProof, [1, 2, 3]);
      const res = await post(oldForward(caseNo, { originPointName: '村'.repeat(129) }));
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'HANDOVER_REFUSED', error: expect.stringMatching(/^上报消息的 originPointName/) });
      expect(await inbound(caseNo)).toBeNull();
    });
  });
});
