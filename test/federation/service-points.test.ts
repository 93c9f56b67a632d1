import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestFederation, type TestFederation } from '@scf/federation/testing';

const NINGWU = '140925';

describe('service points of a real county, federated across three levels', () => {
  let fed: TestFederation;
  beforeAll(async () => {
    fed = await startTestFederation();
    await fed.seed(NINGWU);
  });
  afterAll(() => fed?.close());

  it('answers one query for 宁武县 with its 14 townships and 209 villages, as in the national data', async () => {
    fed.resetSqlCounts();
    const { data, errors } = await fed.query(`{ county(code: "${NINGWU}") { code name townships { code name villages { code name } } } }`);
    expect(errors).toBeUndefined();
    expect(data.county.code).toBe(NINGWU);
    expect(data.county.name).toBe('宁武县');
    expect(data.county.townships).toHaveLength(14);
    expect(data.county.townships.flatMap((t: any) => t.villages)).toHaveLength(209);
    expect(data.county.townships[0]).toMatchObject({ code: '140925100', name: '凤凰镇' });
    for (const t of data.county.townships) {
      expect(t.code).toMatch(/^140925\d{3}$/);
      for (const v of t.villages) expect(v.code.startsWith(t.code)).toBe(true);
    }
    // Each level was answered from its own database.
    const counts = fed.sqlCounts();
    expect(counts.county).toBeGreaterThan(0);
    expect(counts.township).toBeGreaterThan(0);
    expect(counts.village).toBeGreaterThan(0);
  });

  it('follows a village up to its township and county in one query', async () => {
    const { data, errors } = await fed.query(`{ village(code: "140925100207") { name roomName township { code name county { name centreName } } } }`);
    expect(errors).toBeUndefined();
    expect(data.village.township.code).toBe('140925100');
    expect(data.village.township.county).toEqual({ name: '宁武县', centreName: '宁武县政务服务中心' });
    expect(data.village.roomName).toMatch(/便民服务室$/);
  });

  it('lists a county centre’s staff, to a signed-in colleague, with their window units and windows, and each shows their point', async () => {
    const { data, errors } = await fed.as(`${NINGWU}.w01.a`).query(`{
      county(code: "${NINGWU}") {
        directors: staff(role: DIRECTOR) { name role point { code } }
        windowUnits { name chiefRepresentative { name role } windows { number staff { name post window { number } unit { name } } } }
      }
    }`);
    expect(errors).toBeUndefined();
    expect(data.county.directors).toHaveLength(1);
    expect(data.county.directors[0]).toMatchObject({ role: 'DIRECTOR', point: { code: NINGWU } });
    const police = data.county.windowUnits.find((u: any) => u.name === '县公安局');
    expect(police.chiefRepresentative.role).toBe('CHIEF_REPRESENTATIVE');
    // AB岗: every window has an A and a B holder, who sit at that window of that unit.
    for (const unit of data.county.windowUnits) {
      for (const w of unit.windows) {
        expect(w.staff.map((s: any) => s.post).sort()).toEqual(['A', 'B']);
        for (const s of w.staff) expect(s).toMatchObject({ window: { number: w.number }, unit: { name: unit.name } });
      }
    }
  });

  it('does not tell anonymous callers who works where', async () => {
    const { data, errors } = await fed.query(`{ village(code: "140925100207") { name staff { name } } }`);
    expect(errors![0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, path: ['village', 'staff'] });
    expect(data.village).toBeNull();
  });

  it('lists township and village staff from their own levels, each pointing back at their point', async () => {
    const { data, errors } = await fed.as('140925100207.a').query(`{
      township(code: "140925100") { name staff { name role post desk level point { code name } } }
      village(code: "140925100207") { name staff { name role post level point { code name township { code } } } }
    }`);
    expect(errors).toBeUndefined();
    expect(data.township.staff.length).toBeGreaterThanOrEqual(3);
    expect(data.township.staff.every((s: any) => s.level === 'TOWNSHIP' && s.point.code === '140925100')).toBe(true);
    expect(data.township.staff.some((s: any) => s.role === 'DIRECTOR')).toBe(true);
    expect(data.village.staff.map((s: any) => s.post)).toEqual(['A', 'B']);
    expect(data.village.staff[0]).toMatchObject({ level: 'VILLAGE', point: { code: '140925100207', township: { code: '140925100' } } });
  });

  it('reads the demo service-item catalogue with guides and materials', async () => {
    const { data, errors } = await fed.query(`{
      county(code: "${NINGWU}") {
        all: serviceItems { name decidingLevel intakeLevels legalLimitDays promisedLimitDays materials { name form copies } }
        township: serviceItems(decidedAt: TOWNSHIP) { name }
      }
    }`);
    expect(errors).toBeUndefined();
    const fireworks = data.county.all.find((i: any) => i.name === '烟花爆竹零售经营许可');
    expect(fireworks).toMatchObject({ decidingLevel: 'COUNTY', legalLimitDays: 20, promisedLimitDays: 10 });
    expect(fireworks.intakeLevels).toEqual(['COUNTY', 'TOWNSHIP', 'VILLAGE']);
    expect(fireworks.materials.length).toBeGreaterThan(0);
    for (const item of data.county.all) expect(item.promisedLimitDays * 2).toBeLessThanOrEqual(item.legalLimitDays);
    expect(data.county.township.map((i: any) => i.name)).toContain('流动人口婚育证明');
  });

  describe('a code that is malformed or unknown', () => {
    it.each([
      ['county', '14092', 'county code must be 6 digits'],
      ['county', 'abcdef', 'county code must be 6 digits'],
      ['township', '1409251', 'township code must be 9 digits'],
      ['village', '140925100', 'village code must be 12 digits'],
    ])('refuses %s(code: "%s") with a message that says what a code looks like', async (field, code, message) => {
      const { data, errors } = await fed.query(`{ ${field}(code: "${code}") { code } }`);
      expect(data?.[field] ?? null).toBeNull();
      expect(errors).toHaveLength(1);
      expect(errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
      expect(errors![0]!.message.toLowerCase()).toContain(message);
    });

    it.each([
      ['county', '999999'],
      ['township', '140925999'],
      ['village', '140925100999'],
    ])('reports %s(code: "%s") as not found, naming how to load it', async (field, code) => {
      const { data, errors } = await fed.query(`{ ${field}(code: "${code}") { code } }`);
      expect(data?.[field] ?? null).toBeNull();
      expect(errors![0]!.extensions!.code).toBe('NOT_FOUND');
      expect(errors![0]!.message).toContain(code);
      expect(errors![0]!.message).toContain('npm run seed -- --county');
    });
  });
});
