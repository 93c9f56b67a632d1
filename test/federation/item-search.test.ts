import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestFederation, type TestFederation } from '@scf/federation/testing';
import { itemIdByCode, residentId } from './builders.js';

const COUNTY = '140925';
const VILLAGE = '140925100207';
const OTHER_VILLAGE = '140925100209';
const CLERK = `${VILLAGE}.a`;

/** Finding an item at the window: by its pinyin initials, and a point's everyday items first (R4). */
describe('the items a window finds first', () => {
  let fed: TestFederation;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    fed = await startTestFederation();
    await fed.seed(COUNTY);
    await fed.seed('141030');
    for (const code of ['SC-CW-013', 'ZM-JS-007', 'XK-YJ-001']) ids[code] = await itemIdByCode(fed, COUNTY, code);
    let serial = 500;
    const register = async (day: string, code: string, materials: number[]) => {
      fed.setNow(`${day}T02:00:00Z`);
      const r = await fed.as(CLERK).query(`mutation($i: RegisterCaseInput!) { registerVillageCase(input: $i) { caseNo } }`, {
        i: { pointCode: VILLAGE, itemId: ids[code], applicant: { type: 'PERSON', name: '吴建国', idNumber: residentId('19800101', String(serial++)), phone: '13912345678' }, materialsReceived: materials },
      });
      expect(r.errors).toBeUndefined();
    };
    // Long ago (more than 90 days before 30 Sep): the fireworks licence three times.
    for (let n = 0; n < 3; n++) await register('2026-05-01', 'XK-YJ-001', [1, 2, 3, 4]);
    // Lately: the housing check twice, the family-planning certificate once.
    await register('2026-09-10', 'SC-CW-013', [1]);
    await register('2026-09-20', 'SC-CW-013', [1]);
    await register('2026-09-25', 'ZM-JS-007', [1, 2, 3]);
    fed.setNow('2026-09-30T02:00:00Z');
  });
  afterAll(() => fed?.close());

  const itemUse = (who: string, days?: number) =>
    fed.as(who).query(`{ village(code: "${VILLAGE}") { itemUse${days === undefined ? '' : `(days: ${days})`} { itemId cases } } }`);

  it('gives each item its pinyin initials', async () => {
    const r = await fed.query(`{ county(code: "${COUNTY}") { serviceItems { code name nameInitials } } }`);
    const byCode = Object.fromEntries(r.data.county.serviceItems.map((i: any) => [i.code, i]));
    expect(byCode['DJ-MZ-010']).toEqual({ code: 'DJ-MZ-010', name: '内地居民婚姻登记', nameInitials: 'NDJMHYDJ' });
    expect(byCode['ZM-JS-007'].nameInitials).toBe('LDRKHYZM');
  });

  it('counts a village room’s cases per item over the last 90 days, most used first', async () => {
    const r = await itemUse(CLERK);
    expect(r.errors).toBeUndefined();
    expect(r.data.village.itemUse).toEqual([{ itemId: ids['SC-CW-013'], cases: 2 }, { itemId: ids['ZM-JS-007'], cases: 1 }]);
    const year = await itemUse(CLERK, 366);
    expect(year.data.village.itemUse).toEqual([
      { itemId: ids['XK-YJ-001'], cases: 3 }, { itemId: ids['SC-CW-013'], cases: 2 }, { itemId: ids['ZM-JS-007'], cases: 1 },
    ]);
  });

  it('refuses a period of no days or more than a year, in Chinese, with the field named', async () => {
    for (const days of [0, 367]) {
      const r = await itemUse(CLERK, days);
      expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'days' });
      expect(r.errors?.[0]?.message).toContain('统计天数须为 1 至 366 的整数');
    }
  });

  it('is read by the township and the county over the village, and by nobody from another village or county', async () => {
    expect((await itemUse('140925100.director')).data.village.itemUse).toHaveLength(2);
    expect((await itemUse(`${COUNTY}.director`)).data.village.itemUse).toHaveLength(2);
    for (const who of [`${OTHER_VILLAGE}.a`, '141030.director']) {
      const r = await itemUse(who);
      expect(r.data?.village?.itemUse ?? null).toBeNull();
      expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const anonymous = await fed.query(`{ village(code: "${VILLAGE}") { itemUse { itemId cases } } }`);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
