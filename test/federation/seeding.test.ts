import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestFederation, type TestFederation } from '@scf/federation/testing';
import { readCountyDivisions } from '@scf/seed';

describe('seeding a real county', () => {
  let fed: TestFederation;
  beforeAll(async () => {
    fed = await startTestFederation();
  });
  afterAll(() => fed?.close());

  const sizeQuery = (code: string) => `{ county(code: "${code}") { name townships { code villages { code } } } }`;

  it('loads any county of China with exactly its national township and village counts (东城区, Beijing)', async () => {
    const national = await readCountyDivisions('110101');
    expect(national.townships.length).toBeGreaterThan(10);
    const report = await fed.seed('110101');
    expect(report.county.name).toBe('东城区');
    const { data, errors } = await fed.query(sizeQuery('110101'));
    expect(errors).toBeUndefined();
    expect(data.county.name).toBe('东城区');
    expect(data.county.townships.map((t: any) => t.code)).toEqual(national.townships.map((t) => t.code));
    expect(data.county.townships.flatMap((t: any) => t.villages).length).toBe(national.villages.length);
  });

  it('changes nothing when run a second time', async () => {
    const first = await fed.seed('141030');
    expect(first.changed).toBeGreaterThan(0);
    const before = await fed.query(sizeQuery('141030'));
    const second = await fed.seed('141030');
    expect(second.changed).toBe(0);
    for (const stats of Object.values(second.tables)) expect(stats.inserted + stats.updated).toBe(0);
    expect(await fed.query(sizeQuery('141030'))).toEqual(before);
  });

  it('refuses an unknown county code and writes nothing', async () => {
    const counties = await fed.query(`{ counties { code } }`);
    await expect(fed.seed('999999')).rejects.toThrow('There is no county with code 999999 in the national division data');
    expect(await fed.query(`{ counties { code } }`)).toEqual(counties);
  });

  it('refuses a malformed code and writes nothing', async () => {
    const counties = await fed.query(`{ counties { code } }`);
    await expect(fed.seed('14092')).rejects.toThrow(/county code must be 6 digits/i);
    await expect(fed.seed('1409251')).rejects.toThrow(/county code must be 6 digits/i);
    expect(await fed.query(`{ counties { code } }`)).toEqual(counties);
  });
});
