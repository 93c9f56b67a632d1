import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager } from '@mikro-orm/knex';
import type { TestFederation } from '@scf/federation/testing';
import { acceptedVillageCase, startDelegationFederation, staffClient } from './builders.js';

const COUNTY = '140925';
const TOWNSHIP = '140925100';
const VILLAGE = '140925100207';
const VCLERK = `${VILLAGE}.a`;
const TCLERK = `${TOWNSHIP}.d3.a`;
const CCLERK = '140925.w08.a';
const ALL = '[RECEIVED, ACCEPTED, DECIDED, RETURNED, FORWARDED, SUPPLEMENT_REQUESTED, WITHDRAWN]';

/** A case withdrawn at the origin while another level holds it (R12, R17–R19). */
describe('a withdrawal travels up to whoever holds the case, exactly once', () => {
  let fed: TestFederation;
  let gql: ReturnType<typeof staffClient>;
  let items: Record<'marriageProof' | 'fireworks', string>;

  beforeAll(async () => {
    ({ fed, gql, items } = await startDelegationFederation());
  });
  afterAll(() => fed?.close());

  async function forwardedCase(itemId: string, materials: number[]) {
    const caseNo = await acceptedVillageCase(gql, VILLAGE, VCLERK, itemId, materials);
    const fwd = await gql.query(`mutation($i: CaseActionInput!) { actVillageCase(input: $i) { status } }`, { i: { caseNo, expectedVersion: 2, action: 'forward', toPointCode: TOWNSHIP, staff: VCLERK } });
    expect(fwd.errors).toBeUndefined();
    await fed.flushHandovers();
    return caseNo;
  }
  const withdraw = (caseNo: string) =>
    gql.query(`mutation($i: CaseActionInput!) { actVillageCase(input: $i) { status } }`, { i: { caseNo, expectedVersion: 3, action: 'withdraw', reason: '申请人撤回', staff: VCLERK } });
  const handle = (level: 'Township' | 'County', input: Record<string, unknown>) =>
    gql.query(`mutation($i: ForwardedCaseActionInput!) { handleForwarded${level}Case(input: $i) { status } }`, { i: input });
  const heldAt = async (level: 'township' | 'county', code: string, caseNo: string) =>
    (await gql.query(`{ ${level}(code: "${code}") { forwardedToMe(status: ${ALL}) { caseNo status } } }`)).data[level].forwardedToMe.find((c: any) => c.caseNo === caseNo);
  const waiting = async (level: 'township' | 'county', code: string) =>
    (await gql.query(`{ ${level}(code: "${code}") { forwardedToMe { caseNo } } }`)).data[level].forwardedToMe.map((c: any) => c.caseNo);
  const track = async (caseNo: string) =>
    (await gql.query(`{ trackCase(caseNo: "${caseNo}") { status currentLevel hops { action from { code } to { code } } } }`)).data.trackCase;
  const count = (level: 'village' | 'township' | 'county', table: string, where: Record<string, unknown>) => (fed[level].orm.em.fork() as EntityManager).count(table, where);

  it('village → township: the township shows it withdrawn, refuses to decide it, and trackCase shows the withdrawal', async () => {
    const caseNo = await forwardedCase(items.marriageProof, [1, 2, 3]);
    const w = await withdraw(caseNo);
    expect(w.errors).toBeUndefined();
    expect(w.data.actVillageCase.status).toBe('WITHDRAWN');
    await fed.flushHandovers();

    for (const input of [{ action: 'decide', outcome: 'GRANTED' }, { action: 'accept' }, { action: 'returnDown', reason: '退回' }]) {
      const refused = await handle('Township', { caseNo, expectedVersion: 1, staff: TCLERK, ...input });
      expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'CASE_WITHDRAWN' }, message: expect.stringMatching(/^[\u4e00-\u9fa5].*已撤回/) });
    }
    expect(await heldAt('township', TOWNSHIP, caseNo)).toEqual({ caseNo, status: 'WITHDRAWN' });
    expect(await waiting('township', TOWNSHIP)).not.toContain(caseNo);
    const t = await track(caseNo);
    expect(t).toMatchObject({ status: 'WITHDRAWN', currentLevel: 'VILLAGE' });
    expect(t.hops.map((h: any) => [h.action, h.from.code, h.to.code])).toEqual([
      ['forward', VILLAGE, TOWNSHIP],
      ['withdraw', VILLAGE, TOWNSHIP],
    ]);

    // Exactly once: one message sent, one taken in, and nothing more on later flushes.
    await fed.flushHandovers();
    expect(await count('village', 'HandoverOutbox', { caseNo, kind: 'WITHDRAW', status: 'DELIVERED' })).toBe(1);
    expect(await count('township', 'HandoverInbox', { caseNo, kind: 'WITHDRAW' })).toBe(1);
    expect(await count('township', 'HandoverOutbox', { caseNo })).toBe(0);
  });

  it('village → township → county: the withdrawal reaches the county through the township, and nobody can decide it', async () => {
    const caseNo = await forwardedCase(items.fireworks, [1, 2, 3, 4]);
    const onward = await handle('Township', { caseNo, expectedVersion: 1, action: 'forward', toPointCode: COUNTY, staff: TCLERK });
    expect(onward.errors).toBeUndefined();
    await fed.flushHandovers();
    const accepted = await handle('County', { caseNo, expectedVersion: 1, action: 'accept', staff: CCLERK });
    expect(accepted.errors).toBeUndefined();

    expect((await withdraw(caseNo)).errors).toBeUndefined();
    await fed.flushHandovers();

    const refused = await handle('County', { caseNo, expectedVersion: 2, action: 'decide', outcome: 'REFUSED', reason: '不符合安全距离要求', staff: CCLERK });
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'CASE_WITHDRAWN' } });
    expect(await heldAt('township', TOWNSHIP, caseNo)).toEqual({ caseNo, status: 'WITHDRAWN' });
    expect(await heldAt('county', COUNTY, caseNo)).toEqual({ caseNo, status: 'WITHDRAWN' });
    await fed.flushHandovers();

    const t = await track(caseNo);
    expect(t).toMatchObject({ status: 'WITHDRAWN', currentLevel: 'VILLAGE' });
    expect(t.hops.map((h: any) => h.action)).not.toContain('decide');
    expect(t.hops.filter((h: any) => h.action === 'withdraw').map((h: any) => [h.from.code, h.to.code])).toEqual([[VILLAGE, TOWNSHIP], [TOWNSHIP, COUNTY]]);
    expect(await count('county', 'HandoverInbox', { caseNo, kind: 'WITHDRAW' })).toBe(1);
    // Nothing was refused anywhere: no message sits FAILED.
    for (const level of ['village', 'township', 'county'] as const) expect(await count(level, 'HandoverOutbox', { caseNo, status: 'FAILED' })).toBe(0);
  });

  it('with the township down the withdrawal waits at the village and arrives once it is back', async () => {
    const caseNo = await forwardedCase(items.marriageProof, [1, 2, 3]);
    await fed.stopLevel('township');
    expect((await withdraw(caseNo)).errors).toBeUndefined();
    expect(await count('village', 'HandoverOutbox', { caseNo, kind: 'WITHDRAW', status: 'PENDING' })).toBe(1);
    await fed.restartLevel('township');
    for (let i = 0; i < 30 && (await count('village', 'HandoverOutbox', { caseNo, kind: 'WITHDRAW', status: 'PENDING' })) > 0; i++) {
      fed.setNow(new Date(Date.parse('2026-09-28T02:00:00Z') + (i + 1) * 10 * 60_000).toISOString());
      await fed.flushHandovers();
    }
    fed.setNow('2026-09-28T02:00:00Z');
    expect(await heldAt('township', TOWNSHIP, caseNo)).toEqual({ caseNo, status: 'WITHDRAWN' });
    expect(await count('township', 'HandoverInbox', { caseNo, kind: 'WITHDRAW' })).toBe(1);
  });
});
