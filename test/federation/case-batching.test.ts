import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestFederation, type TestFederation } from '@scf/federation/testing';
import { itemIdByCode, residentId, staffClient } from './builders.js';

const A = '140925100207';
const B = '140925100209';

describe('a point’s case list is batched', () => {
  let fed: TestFederation;
  let gql: ReturnType<typeof staffClient>;
  beforeAll(async () => {
    fed = await startTestFederation();
    gql = staffClient(fed, '140925.director');
    await fed.seed('140925');
    fed.setNow('2026-09-28T02:00:00Z');
    const itemId = await itemIdByCode(fed, '140925', 'SC-CW-013');
    const take = (point: string, n: number) =>
      Array.from({ length: n }, (_, i) =>
        gql.query(`mutation($i: RegisterCaseInput!) { registerVillageCase(input: $i) { caseNo } }`, {
          i: { pointCode: point, itemId, staff: `${point}.a`, applicant: { type: 'PERSON', name: `申请人${i}`, idNumber: residentId(), phone: '13912345678' }, materialsReceived: [1, 2] },
        }),
      );
    for (const r of [...take(A, 2)]) expect((await r).errors).toBeUndefined();
    for (const r of [...take(B, 12)]) expect((await r).errors).toBeUndefined();
    // Signing in reads the account; done here so the counts below are the list's alone.
    await gql.query('{ __typename }');
  });
  afterAll(() => fed?.close());

  const list = (point: string) => `{ village(code: "${point}") { cases { caseNo light responsible { name } materials { name } history { action } supervisionRecords { kind } point { name } } } }`;

  it('costs the same SQL statements for 2 cases as for 12', async () => {
    fed.resetSqlCounts();
    const few = await gql.query(list(A));
    const fewCount = fed.sqlCounts();
    fed.resetSqlCounts();
    const many = await gql.query(list(B));
    const manyCount = fed.sqlCounts();
    expect(few.data.village.cases).toHaveLength(2);
    expect(many.data.village.cases).toHaveLength(12);
    expect(manyCount).toEqual(fewCount);
  });
});
