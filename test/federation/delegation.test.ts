import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestFederation } from '@scf/federation/testing';
import { acceptedVillageCase, startDelegationFederation, staffClient } from './builders.js';

const COUNTY = '140925';
const TOWNSHIP = '140925100';
const VILLAGE = '140925100207';
const VCLERK = `${VILLAGE}.a`;
const TCLERK = `${TOWNSHIP}.d3.a`;
const CCLERK = '140925.w08.a';

describe('cases move between levels through the hand-over, and trackCase follows them', () => {
  let fed: TestFederation;
  let gql: ReturnType<typeof staffClient>;
  let items: Record<'marriageProof' | 'fireworks', string>;

  beforeAll(async () => {
    ({ fed, gql, items } = await startDelegationFederation());
  });
  afterAll(() => fed?.close());

  const villageCase = (itemId: string, materials: number[]) => acceptedVillageCase(gql, VILLAGE, VCLERK, itemId, materials);
  const forwardFromVillage = (caseNo: string, to: string, version = 2) =>
    gql.query(`mutation($i: CaseActionInput!) { actVillageCase(input: $i) { status version } }`, { i: { caseNo, expectedVersion: version, action: 'forward', toPointCode: to, staff: VCLERK, note: '代办上报' } });
  const handle = (level: 'Township' | 'County', input: Record<string, unknown>) =>
    gql.query(`mutation($i: ForwardedCaseActionInput!) { handleForwarded${level}Case(input: $i) { caseNo status version hop } }`, { i: input });
  const track = (caseNo: string) =>
    gql.query(`{ trackCase(caseNo: "${caseNo}") { caseNo item { name } status currentLevel currentPoint { code name } deadline light
      hops { from { code name } to { code name } at by { name } action note } } }`);

  it('forwards only an accepted case: a registered one — with every material or without — is refused and stays at the village, and 上报 is offered only after 受理', async () => {
    const register = (materials: number[]) =>
      gql.query(`mutation($i: RegisterCaseInput!) { registerVillageCase(input: $i) { caseNo allowedActions } }`, {
        i: { pointCode: VILLAGE, itemId: items.marriageProof, staff: VCLERK, applicant: { type: 'PERSON', name: '王兰', idNumber: '140925199001011237', phone: '13912345678' }, materialsReceived: materials },
      });
    const complete = (await register([1, 2, 3])).data.registerVillageCase;
    const incomplete = (await register([1])).data.registerVillageCase;
    // What the window may do: 受理 only with every material in, never 上报 before it, nor 决定 of a township item.
    expect(complete.allowedActions).toEqual(['requestSupplement', 'accept', 'notAccept', 'withdraw']);
    expect(incomplete.allowedActions).toEqual(['requestSupplement', 'notAccept', 'withdraw']);
    for (const c of [complete, incomplete]) {
      const res = await forwardFromVillage(c.caseNo, TOWNSHIP, 1);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'TRANSITION_NOT_ALLOWED', state: 'REGISTERED', action: 'forward' });
      expect(res.errors?.[0]?.message).toMatch(/^[\u4e00-\u9fff]/);
    }
    await fed.flushHandovers();
    const after = await gql.query(`{ village(code: "${VILLAGE}") { casesAway { caseNo } } township(code: "${TOWNSHIP}") { forwardedToMe { caseNo } } }`);
    for (const c of [complete, incomplete]) {
      expect(after.data.village.casesAway.map((x: any) => x.caseNo)).not.toContain(c.caseNo);
      expect(after.data.township.forwardedToMe.map((x: any) => x.caseNo)).not.toContain(c.caseNo);
    }
    const accepted = await gql.query(`mutation($i: CaseActionInput!) { actVillageCase(input: $i) { status deadline allowedActions } }`, { i: { caseNo: complete.caseNo, expectedVersion: 1, action: 'accept', staff: VCLERK } });
    expect(accepted.data.actVillageCase).toEqual({ status: 'ACCEPTED', deadline: '2026-10-08', allowedActions: ['suspend', 'forward', 'withdraw'] });
    expect((await forwardFromVillage(complete.caseNo, TOWNSHIP, 2)).data.actVillageCase.status).toBe('FORWARDED');
    // Away at the township, the village can only withdraw it.
    const away = await gql.query(`{ villageCase(caseNo: "${complete.caseNo}") { allowedActions } }`);
    expect(away.data.villageCase.allowedActions).toEqual(['withdraw']);
  });

  it('village → township: the township decides, the result comes back and the village delivers it', async () => {
    const caseNo = await villageCase(items.marriageProof, [1, 2, 3]);
    const fwd = await forwardFromVillage(caseNo, TOWNSHIP);
    expect(fwd.data.actVillageCase).toEqual({ status: 'FORWARDED', version: 3 });
    await fed.flushHandovers();

    const waiting = await gql.query(`{ township(code: "${TOWNSHIP}") { forwardedToMe { caseNo status version originPointCode deadline light itemName } }
      village(code: "${VILLAGE}") { casesAway { caseNo } } }`);
    expect(waiting.data.township.forwardedToMe).toContainEqual({
      caseNo, status: 'RECEIVED', version: 1, originPointCode: VILLAGE, deadline: '2026-10-08', light: 'GREEN', itemName: '流动人口婚育证明',
    });
    expect(waiting.data.village.casesAway.map((c: any) => c.caseNo)).toContain(caseNo);
    const during = (await track(caseNo)).data.trackCase;
    expect(during).toMatchObject({ status: 'FORWARDED', currentLevel: 'TOWNSHIP', currentPoint: { code: TOWNSHIP, name: '凤凰镇' }, deadline: '2026-10-08' });

    const decided = await handle('Township', { caseNo, expectedVersion: 1, action: 'decide', outcome: 'GRANTED', staff: TCLERK });
    expect(decided.errors).toBeUndefined();
    await fed.flushHandovers();
    const back = await gql.query(`{ villageCase(caseNo: "${caseNo}") { status version decision { outcome timing } history { action byName pointCode } } }`);
    expect(back.data.villageCase).toMatchObject({ status: 'DECIDED', decision: { outcome: 'GRANTED', timing: 'EARLY' } });
    expect(back.data.villageCase.history.at(-1)).toMatchObject({ action: 'resultReceived', pointCode: TOWNSHIP });

    const delivered = await gql.query(`mutation($i: CaseActionInput!) { actVillageCase(input: $i) { status } }`, {
      i: { caseNo, expectedVersion: back.data.villageCase.version, action: 'deliver', deliveryMethod: 'PICKUP', staff: VCLERK },
    });
    expect(delivered.data.actVillageCase.status).toBe('DELIVERED');

    const t = (await track(caseNo)).data.trackCase;
    expect(t).toMatchObject({ item: { name: '流动人口婚育证明' }, status: 'DELIVERED', currentLevel: 'VILLAGE', currentPoint: { code: VILLAGE } });
    expect(t.hops.map((h: any) => [h.action, h.from.code, h.to.code])).toEqual([
      ['forward', VILLAGE, TOWNSHIP],
      ['decide', TOWNSHIP, VILLAGE],
    ]);
    expect(t.hops[0].by.name.length).toBeGreaterThan(1);
    expect(t.hops[0].from.name).toBe('秃峦妥村委会');
    expect(t.hops[1].to.name).toBe('秃峦妥村委会');
  });

  it('village → township → county and back: the county refuses, the village holds the result', async () => {
    const caseNo = await villageCase(items.fireworks, [1, 2, 3, 4]);
    await forwardFromVillage(caseNo, TOWNSHIP);
    await fed.flushHandovers();
    const onward = await handle('Township', { caseNo, expectedVersion: 1, action: 'forward', toPointCode: COUNTY, staff: TCLERK });
    expect(onward.data.handleForwardedTownshipCase).toMatchObject({ status: 'FORWARDED', hop: 2 });
    await fed.flushHandovers();
    expect((await track(caseNo)).data.trackCase.currentLevel).toBe('COUNTY');

    await handle('County', { caseNo, expectedVersion: 1, action: 'accept', staff: CCLERK });
    const refused = await handle('County', { caseNo, expectedVersion: 2, action: 'decide', outcome: 'REFUSED', reason: '经营场所不符合安全距离要求', staff: CCLERK });
    expect(refused.errors).toBeUndefined();
    await fed.flushHandovers();

    const origin = (await gql.query(`{ villageCase(caseNo: "${caseNo}") { status decision { outcome reason rightsNotice } } }`)).data.villageCase;
    expect(origin).toMatchObject({ status: 'DECIDED', decision: { outcome: 'REFUSED', reason: '经营场所不符合安全距离要求' } });
    expect(origin.decision.rightsNotice).toContain('行政复议');
    // The village, the applicant's only contact, prints the county's refusal for them.
    const notice = (await fed.as(VCLERK).query(`{ villageCase(caseNo: "${caseNo}") { notice(kind: REFUSAL) { title text } } }`)).data.villageCase.notice;
    expect(notice.title).toBe('不予许可决定书');
    expect(notice.text).toContain('经营场所不符合安全距离要求');
    const t = (await track(caseNo)).data.trackCase;
    expect(t.currentLevel).toBe('VILLAGE');
    expect(t.hops.map((h: any) => [h.action, h.from.code, h.to.code])).toEqual([
      ['forward', VILLAGE, TOWNSHIP],
      ['forward', TOWNSHIP, COUNTY],
      ['decide', COUNTY, VILLAGE],
    ]);
  });

  it('a returned case comes back to the village with the reason, and can be forwarded again', async () => {
    const caseNo = await villageCase(items.fireworks, [1, 2, 3, 4]);
    await forwardFromVillage(caseNo, COUNTY);
    await fed.flushHandovers();
    const ret = await handle('County', { caseNo, expectedVersion: 1, action: 'returnDown', reason: '平面布置图缺少消防通道标注', staff: CCLERK });
    expect(ret.data.handleForwardedCountyCase.status).toBe('RETURNED');
    await fed.flushHandovers();
    const origin = (await gql.query(`{ villageCase(caseNo: "${caseNo}") { status version history { action reason } } }`)).data.villageCase;
    expect(origin.status).toBe('ACCEPTED');
    expect(origin.history.at(-1)).toEqual({ action: 'returnDown', reason: '平面布置图缺少消防通道标注' });
    const again = await forwardFromVillage(caseNo, COUNTY, origin.version);
    expect(again.errors).toBeUndefined();
    await fed.flushHandovers();
    const waiting = (await gql.query(`{ county(code: "${COUNTY}") { forwardedToMe { caseNo hop status } } }`)).data.county.forwardedToMe;
    expect(waiting).toContainEqual({ caseNo, hop: 2, status: 'RECEIVED' });
    const hops = (await track(caseNo)).data.trackCase.hops.map((h: any) => h.action);
    expect(hops).toEqual(['forward', 'returnDown', 'forward']);
  });

  it('a supplement asked for above reaches the applicant through the village, which supplies it and forwards again', async () => {
    const caseNo = await villageCase(items.marriageProof, [1, 2, 3]);
    await forwardFromVillage(caseNo, TOWNSHIP);
    await fed.flushHandovers();
    const busy = await gql.query(`mutation($i: CaseActionInput!) { actVillageCase(input: $i) { status } }`, { i: { caseNo, expectedVersion: 3, action: 'accept', staff: VCLERK } });
    expect(busy.errors![0]!.message).toMatch(/is away at another level/);

    const ask = await handle('Township', { caseNo, expectedVersion: 1, action: 'requestSupplement', staff: TCLERK, missingMaterials: [{ name: '户口簿', problem: '复印件不清晰' }] });
    expect(ask.data.handleForwardedTownshipCase.status).toBe('SUPPLEMENT_REQUESTED');
    await fed.flushHandovers();

    const origin = (await gql.query(`{ villageCase(caseNo: "${caseNo}") { status version deadline materials { name received } notice(kind: SUPPLEMENT) { text } } }`)).data.villageCase;
    expect(origin).toMatchObject({ status: 'SUPPLEMENT_REQUESTED', deadline: null });
    expect(origin.materials.find((m: any) => m.name === '户口簿').received).toBe(false);
    expect(origin.notice.text).toContain('1. 户口簿（复印件不清晰）');
    expect(origin.notice.text).toContain(caseNo);

    const act = (input: Record<string, unknown>) => gql.query(`mutation($i: CaseActionInput!) { actVillageCase(input: $i) { status version } }`, { i: { caseNo, staff: VCLERK, ...input } });
    const supplied = (await act({ expectedVersion: origin.version, action: 'supplySupplement', materialsSupplied: [2] })).data.actVillageCase;
    const accepted = (await act({ expectedVersion: supplied.version, action: 'accept' })).data.actVillageCase;
    expect(accepted.status).toBe('ACCEPTED');
    await forwardFromVillage(caseNo, TOWNSHIP, accepted.version);
    await fed.flushHandovers();
    const waiting = (await gql.query(`{ township(code: "${TOWNSHIP}") { forwardedToMe { caseNo hop status } } }`)).data.township.forwardedToMe;
    expect(waiting).toContainEqual({ caseNo, hop: 2, status: 'RECEIVED' });
    const t = (await track(caseNo)).data.trackCase;
    expect(t.hops.map((h: any) => [h.action, h.from.code, h.to.code, h.note])).toEqual([
      ['forward', VILLAGE, TOWNSHIP, '代办上报'],
      ['requestSupplement', TOWNSHIP, VILLAGE, '户口簿'],
      ['forward', VILLAGE, TOWNSHIP, '代办上报'],
    ]);
  });

  it('reads every township’s waiting cases and every village’s away cases in one query per level', async () => {
    fed.resetSqlCounts();
    const { data, errors } = await gql.query(`{ county(code: "${COUNTY}") {
      forwardedToMe { caseNo }
      townships { forwardedToMe { caseNo } decided: forwardedToMe(status: [DECIDED]) { caseNo } villages { casesAway { caseNo } } } } }`);
    expect(errors).toBeUndefined();
    expect(data.county.townships).toHaveLength(14);
    const counts = fed.sqlCounts();
    // The township subgraph: townships of the county (1), waiting cases (1), decided cases (1), plus the calendar of the request at most.
    expect(counts.township).toBeLessThanOrEqual(4);
    // The village subgraph: villages of the 14 townships (1), cases away of all 209 villages (1).
    expect(counts.village).toBe(2);
  });

  it('refuses forwarding where the rules do not allow it, and writes nothing', async () => {
    const caseNo = await villageCase(items.marriageProof, [1, 2, 3]);
    const elsewhere = await forwardFromVillage(caseNo, '140925101');
    expect(elsewhere.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'toPointCode' });
    const tooHigh = await forwardFromVillage(caseNo, COUNTY);
    expect(tooHigh.errors![0]!.message).toMatch(/decided at the township level/);
    const still = (await gql.query(`{ villageCase(caseNo: "${caseNo}") { status version } }`)).data.villageCase;
    expect(still).toEqual({ status: 'ACCEPTED', version: 2 });
  });
});
