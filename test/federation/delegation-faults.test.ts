import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager } from '@mikro-orm/knex';
import { handoverHeaders, handoverSecretFromEnv } from '@scf/handover';
import { startTestFederation, type TestFederation } from '@scf/federation/testing';
import { itemIdByCode, residentId, staffClient } from './builders.js';

const TOWNSHIP = '140925100';
const VILLAGE = '140925100207';
const VCLERK = `${VILLAGE}.a`;

/** Row counts read straight from a level's own database. */
async function count(fed: TestFederation, level: 'village' | 'township', table: string, where: Record<string, unknown> = {}) {
  return (fed[level].orm.em.fork() as EntityManager).count(table, where);
}

describe('a forwarded case is never lost and never duplicated (R19)', () => {
  let fed: TestFederation;
  let gql: ReturnType<typeof staffClient>;
  let itemId: string;
  beforeAll(async () => {
    fed = await startTestFederation();
    gql = staffClient(fed, '140925.director');
    await fed.seed('140925');
    fed.setNow('2026-09-28T02:00:00Z');
    itemId = await itemIdByCode(fed, '140925', 'ZM-JS-007');
  });
  afterAll(() => fed?.close());

  async function registerAndForward(n: number): Promise<string[]> {
    const caseNos: string[] = [];
    for (let i = 0; i < n; i++) {
      const reg = await gql.query(`mutation($i: RegisterCaseInput!) { registerVillageCase(input: $i) { caseNo } }`, {
        i: { pointCode: VILLAGE, itemId, staff: VCLERK, applicant: { type: 'PERSON', name: `申请人${i}`, idNumber: residentId(), phone: '13912345678' }, materialsReceived: [1, 2, 3] },
      });
      const caseNo = reg.data.registerVillageCase.caseNo;
      await gql.query(`mutation($i: CaseActionInput!) { actVillageCase(input: $i) { version } }`, { i: { caseNo, expectedVersion: 1, action: 'accept', staff: VCLERK } });
      const fwd = await gql.query(`mutation($i: CaseActionInput!) { actVillageCase(input: $i) { status } }`, {
        i: { caseNo, expectedVersion: 2, action: 'forward', toPointCode: TOWNSHIP, staff: VCLERK },
      });
      expect(fwd.data.actVillageCase.status).toBe('FORWARDED');
      caseNos.push(caseNo);
    }
    return caseNos;
  }

  it('with the township down, 100 forwarded cases wait at the village and arrive exactly once when it returns', async () => {
    await fed.stopLevel('township');
    const caseNos = await registerAndForward(100);
    const whileDown = await fed.flushHandovers();
    expect(whileDown.delivered).toBe(0);
    expect(await count(fed, 'village', 'HandoverOutbox', { caseNo: { $in: caseNos }, status: 'PENDING' })).toBe(100);
    expect(await count(fed, 'village', 'CaseFile', { caseNo: { $in: caseNos }, status: 'FORWARDED' })).toBe(100);

    await fed.restartLevel('township');
    // Back-off may hold some messages for a while; flush until all went, bounded.
    for (let i = 0; i < 30 && (await count(fed, 'village', 'HandoverOutbox', { caseNo: { $in: caseNos }, status: 'PENDING' })) > 0; i++) {
      fed.setNow(new Date(Date.parse('2026-09-28T02:00:00Z') + (i + 1) * 10 * 60_000).toISOString());
      await fed.flushHandovers();
    }
    fed.setNow('2026-09-28T02:00:00Z');
    expect(await count(fed, 'village', 'HandoverOutbox', { caseNo: { $in: caseNos }, status: 'DELIVERED' })).toBe(100);
    expect(await count(fed, 'township', 'InboundCase', { caseNo: { $in: caseNos } })).toBe(100);
    expect(await count(fed, 'township', 'HandoverInbox', { caseNo: { $in: caseNos } })).toBe(100);
    const waiting = await gql.query(`{ township(code: "${TOWNSHIP}") { forwardedToMe { caseNo } } }`);
    const listed = new Set(waiting.data.township.forwardedToMe.map((c: any) => c.caseNo));
    expect(caseNos.every((c) => listed.has(c))).toBe(true);
  });

  it('a village that dies after committing a forward delivers it when it starts again', async () => {
    await fed.stopLevel('township');
    const [caseNo] = await registerAndForward(1);
    await fed.stopLevel('village');
    await fed.restartLevel('township');
    await fed.restartLevel('village');
    for (let i = 0; i < 30 && (await count(fed, 'township', 'InboundCase', { caseNo })) === 0; i++) {
      fed.setNow(new Date(Date.parse('2026-09-28T02:00:00Z') + (i + 1) * 10 * 60_000).toISOString());
      await fed.flushHandovers();
    }
    fed.setNow('2026-09-28T02:00:00Z');
    expect(await count(fed, 'township', 'InboundCase', { caseNo })).toBe(1);
    expect(await count(fed, 'village', 'HandoverOutbox', { caseNo, status: 'DELIVERED' })).toBe(1);
  });

  it('a replayed delivery changes nothing, and a stranger without the token is refused', async () => {
    const [caseNo] = await registerAndForward(1);
    await fed.flushHandovers();
    const row = (await (fed.village.orm.em.fork() as EntityManager).findOneOrFail<any>('HandoverOutbox', { caseNo }));
    const message = { messageId: row.messageId, kind: row.kind, caseNo: row.caseNo, hop: row.hop, target: row.target, payload: JSON.parse(row.payload) };
    const before = { inbound: await count(fed, 'township', 'InboundCase'), inbox: await count(fed, 'township', 'HandoverInbox') };
    const version = (await gql.query(`{ township(code: "${TOWNSHIP}") { forwardedToMe { caseNo version } } }`)).data.township.forwardedToMe.find((c: any) => c.caseNo === caseNo).version;

    // The same message, signed as the village's relay signs it: a copy of a real request sent again.
    const body = JSON.stringify(message);
    const replay = await fetch(`${fed.township.baseUrl}/internal/handover`, {
      method: 'POST', headers: { 'content-type': 'application/json', ...handoverHeaders(handoverSecretFromEnv(), 'VILLAGE', body) }, body,
    });
    expect(replay.status).toBe(200);
    expect(await replay.json()).toMatchObject({ duplicate: true });
    const stranger = await fetch(`${fed.township.baseUrl}/internal/handover`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-scf-handover-token': 'guess' }, body: JSON.stringify({ ...message, messageId: `${caseNo}#9#FORWARD` }),
    });
    expect(stranger.status).toBe(401);

    expect({ inbound: await count(fed, 'township', 'InboundCase'), inbox: await count(fed, 'township', 'HandoverInbox') }).toEqual(before);
    const after = (await gql.query(`{ township(code: "${TOWNSHIP}") { forwardedToMe { caseNo version } } }`)).data.township.forwardedToMe.find((c: any) => c.caseNo === caseNo);
    expect(after.version).toBe(version);
  });

  it('is not reachable through the public supergraph', async () => {
    const { errors } = await gql.query(`{ _entities(representations: [{ __typename: "VillageCase", caseNo: "x" }]) { __typename } }`);
    expect(errors![0]!.message).toMatch(/Cannot query field "_entities"/);
    const res = await fetch(fed.gateway.url.replace('/graphql', '/internal/handover'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(404);
  });
});
