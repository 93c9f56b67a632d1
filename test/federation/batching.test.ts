import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestFederation, type TestFederation } from '@scf/federation/testing';

// Two real counties: 大宁县 has 5 townships and 64 villages, 凉州区 has 50 townships and 550 villages.
const SMALL = { code: '141030', townships: 5, villages: 64 };
const LARGE = { code: '620602', townships: 50, villages: 550 };

const treeQuery = (code: string) => `{
  county(code: "${code}") {
    code name staff { name point { code } }
    townships {
      code name county { code } staff { name point { code name } }
      villages { code name township { code name } staff { name point { code name } } }
    }
  }
}`;

describe('batching across the federation', () => {
  let fed: TestFederation;
  beforeAll(async () => {
    fed = await startTestFederation();
    await fed.seed(SMALL.code);
    await fed.seed(LARGE.code);
    // Staff lists need a signed-in reader; signing in once here keeps its statements out of the counts.
    await fed.as(`${SMALL.code}.director`).query('{ __typename }');
  });
  afterAll(() => fed?.close());

  async function statementsFor(c: typeof SMALL) {
    fed.resetSqlCounts();
    const { data, errors } = await fed.as(`${SMALL.code}.director`).query(treeQuery(c.code));
    expect(errors).toBeUndefined();
    expect(data.county.townships).toHaveLength(c.townships);
    expect(data.county.townships.flatMap((t: any) => t.villages)).toHaveLength(c.villages);
    return fed.sqlCounts();
  }

  it('issues the same SQL statements, per subgraph, for a county of 5 townships and of 50', async () => {
    const small = await statementsFor(SMALL);
    const large = await statementsFor(LARGE);
    expect(large).toEqual(small);
    // And few of them: one per entity type and level, not one per row.
    expect(small.county + small.township + small.village).toBeLessThanOrEqual(10);
  });

  it('resolves references in one IN (...) query: 50 townships asked for their villages cost one village query', async () => {
    fed.resetSqlCounts();
    const { errors } = await fed.query(`{ county(code: "${LARGE.code}") { townships { villages { code } } } }`);
    expect(errors).toBeUndefined();
    expect(fed.sqlCounts()).toEqual({ county: 1, township: 1, village: 1 });
  });
});
