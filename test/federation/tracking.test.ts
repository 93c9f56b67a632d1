import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestFederation, type TestFederation } from '@scf/federation/testing';
import { itemIdByCode, residentId, staffClient } from './builders.js';

const VILLAGE = '140925100207';
const TOWNSHIP = '140925100';
const TRACK = `caseNo found item { name } status currentLevel currentPoint { code name level } deadline light
  hops { from { code name } to { code name } at by { name } action note }`;

describe('trackCase answers where a case is, whichever level took it in', () => {
  let fed: TestFederation;
  let gql: ReturnType<typeof staffClient>;
  beforeAll(async () => {
    fed = await startTestFederation();
    gql = staffClient(fed, '140925.director');
    await fed.seed('140925');
    fed.setNow('2026-09-28T02:00:00Z');
  });
  afterAll(() => fed?.close());

  const applicant = { type: 'PERSON', name: '李秀英', idNumber: residentId(), phone: '13912345678' };

  it('shows a village case accepted at its room: item, status, where it is, deadline and light', async () => {
    const itemId = await itemIdByCode(fed, '140925', 'SC-CW-013');
    const reg = await gql.query(`mutation($i: RegisterCaseInput!) { registerVillageCase(input: $i) { caseNo } }`, {
      i: { pointCode: VILLAGE, itemId, staff: `${VILLAGE}.a`, applicant, materialsReceived: [1, 2] },
    });
    const caseNo = reg.data.registerVillageCase.caseNo;
    await gql.query(`mutation($i: CaseActionInput!) { actVillageCase(input: $i) { status } }`, {
      i: { caseNo, expectedVersion: 1, action: 'accept', staff: `${VILLAGE}.a` },
    });
    const { data, errors } = await gql.query(`{ trackCase(caseNo: "${caseNo}") { ${TRACK} } }`);
    expect(errors).toBeUndefined();
    expect(data.trackCase).toEqual({
      caseNo, found: true, item: { name: '农村村民住宅建设申请村级审查' }, status: 'ACCEPTED', currentLevel: 'VILLAGE',
      currentPoint: { code: VILLAGE, name: '秃峦妥村委会', level: 'VILLAGE' }, deadline: '2026-10-10', light: 'GREEN', hops: [],
    });
  });

  it('shows a township case from the township’s own database', async () => {
    const itemId = await itemIdByCode(fed, '140925', 'ZM-JS-007');
    const reg = await gql.query(`mutation($i: RegisterCaseInput!) { registerTownshipCase(input: $i) { caseNo } }`, {
      i: { pointCode: TOWNSHIP, itemId, staff: `${TOWNSHIP}.d3.a`, applicant, materialsReceived: [1, 2, 3] },
    });
    const caseNo = reg.data.registerTownshipCase.caseNo;
    const { data } = await gql.query(`{ trackCase(caseNo: "${caseNo}") { status currentLevel currentPoint { name } deadline light } }`);
    expect(data.trackCase).toEqual({ status: 'REGISTERED', currentLevel: 'TOWNSHIP', currentPoint: { name: '凤凰镇' }, deadline: null, light: null });
  });

  it('says plainly when no level knows the case number', async () => {
    const { data, errors } = await gql.query(`{ trackCase(caseNo: "${VILLAGE}-20260928-09999") { found status } }`);
    expect(data.trackCase.found).toBe(false);
    expect(data.trackCase.status).toBeNull();
    expect(errors![0]!.extensions!.code).toBe('NOT_FOUND');
  });

  it('refuses a malformed case number', async () => {
    const { errors } = await gql.query(`{ trackCase(caseNo: "140925-2026") { found } }`);
    expect(errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });
});
