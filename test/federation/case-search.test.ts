import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestFederation, type TestFederation } from '@scf/federation/testing';
import { itemIdByCode, residentId } from './builders.js';

const COUNTY = '140925';
const VILLAGE = '140925100207';
const CLERK = `${VILLAGE}.a`;

/** A clerk finds a case in the room's list by what the applicant brings: a number, an ID, a phone, a name. */
describe('searching a point’s cases', () => {
  let fed: TestFederation;
  const cases: Record<string, { caseNo: string; id: string; phone: string }> = {};

  beforeAll(async () => {
    fed = await startTestFederation();
    await fed.seed(COUNTY);
    const made = [
      ['2026-09-01', '欧阳明月', 'SC-CW-013', '13911112222', [1, 2]],
      ['2026-09-15', '上官晓', 'ZM-JS-007', '13933334444', [1, 2, 3]],
      ['2026-09-29', '欧阳春', 'SC-CW-013', '13955556666', [1, 2]],
    ] as const;
    let serial = 100;
    for (const [day, name, code, phone, materials] of made) {
      fed.setNow(`${day}T02:00:00Z`);
      const id = residentId('19910101', String(serial++));
      const r = await fed.as(CLERK).query(`mutation($i: RegisterCaseInput!) { registerVillageCase(input: $i) { caseNo } }`, {
        i: { pointCode: VILLAGE, itemId: await itemIdByCode(fed, COUNTY, code), applicant: { type: 'PERSON', name, idNumber: id, phone }, materialsReceived: materials },
      });
      expect(r.errors).toBeUndefined();
      cases[name] = { caseNo: r.data.registerVillageCase.caseNo, id, phone };
    }
  });
  afterAll(() => fed?.close());

  const find = async (args: string, who = CLERK) => {
    const r = await fed.as(who).query(`{ village(code: "${VILLAGE}") { cases(${args}) { caseNo applicant { name } } } }`);
    return r;
  };
  const names = async (args: string) => {
    const r = await find(args);
    expect(r.errors).toBeUndefined();
    return r.data.village.cases.map((c: any) => c.applicant.name);
  };

  it('finds by a word of the applicant’s name or of the item’s, newest first', async () => {
    expect(await names('search: "欧阳"')).toEqual(['欧阳春', '欧阳明月']);
    expect(await names('search: "婚育"')).toEqual(['上官晓']);
  });

  it('finds by the whole ID number, the whole phone or its last four digits, and by part of the case number', async () => {
    expect(await names(`search: "${cases['上官晓']!.id}"`)).toEqual(['上官晓']);
    expect(await names(`search: "${cases['欧阳春']!.phone}"`)).toEqual(['欧阳春']);
    expect(await names('search: "2222"')).toEqual(['欧阳明月']);
    expect(await names(`search: "${cases['上官晓']!.caseNo.slice(13)}"`)).toEqual(['上官晓']);
  });

  it('narrows by item and by the day of registration', async () => {
    const housing = await itemIdByCode(fed, COUNTY, 'SC-CW-013');
    expect(await names(`itemId: "${housing}"`)).toEqual(['欧阳春', '欧阳明月']);
    expect(await names('from: "2026-09-10", to: "2026-09-20"')).toEqual(['上官晓']);
    expect(await names(`itemId: "${housing}", from: "2026-09-10"`)).toEqual(['欧阳春']);
  });

  it('treats % and _ as the letters they are, and refuses what cannot be a search', async () => {
    expect(await names('search: "%"')).toEqual([]);
    expect(await names('search: "欧_"')).toEqual([]);
    const long = await find(`search: "${'欧'.repeat(65)}"`);
    expect(long.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'search' });
    const backwards = await find('from: "2026-09-20", to: "2026-09-10"');
    expect(backwards.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
  });

  it('finds nothing for another village’s clerk, who may not read this room’s cases', async () => {
    const r = await find('search: "欧阳"', '140925100209.a');
    expect(r.data?.village?.cases ?? null).toBeNull();
    expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
