import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestFederation, type TestFederation } from '@scf/federation/testing';

/**
 * A point's month sheet (R38 月汇总): every member of staff with the month's figures, computed from the
 * punches as each person's own month is, for the centre office — through the gateway, October 2026.
 */
const NINGWU = '140925';
const DIRECTOR = `${NINGWU}.director`;
const A = `${NINGWU}.w01.a`;
const B = `${NINGWU}.w01.b`;
const TOWNSHIP = '140925100';

const SHEET = `query ($p: ID!, $m: String!, $u: String) { attendanceSheet(pointCode: $p, month: $m, unit: $u) {
  pointCode pointName month unit workingDays rows { username name unit post workingDays lateCount earlyLeaveCount missingPunches absenceDays leaveDays monthRules } } }`;
const IMPORT = 'mutation ($p: ID!, $csv: String!) { importPunches(pointCode: $p, csv: $csv) { imported duplicates } }';

const cst = (date: string, time: string) => `${date}T${time}:00+08:00`;
const WORKING_OCTOBER = ['2026-10-08', '2026-10-09', '2026-10-10', '2026-10-12', '2026-10-13', '2026-10-14', '2026-10-15', '2026-10-16', '2026-10-19', '2026-10-20', '2026-10-21', '2026-10-22', '2026-10-23', '2026-10-26', '2026-10-27', '2026-10-28', '2026-10-29', '2026-10-30'];

/** A present every working day of October; B late on four of them and away on the 16th. */
function log(): string {
  const lines = ['username,timestamp'];
  for (const d of WORKING_OCTOBER) {
    for (const t of ['08:20', '12:01', '14:25', '18:03']) lines.push(`${A},${cst(d, t)}`);
    if (d === '2026-10-16') continue;
    const late = ['2026-10-12', '2026-10-13', '2026-10-14', '2026-10-15'].includes(d);
    for (const t of [late ? '08:45' : '08:20', '12:01', '14:25', '18:03']) lines.push(`${B},${cst(d, t)}`);
  }
  return lines.join('\n') + '\n';
}

describe('a point’s month sheet', () => {
  let fed: TestFederation;

  beforeAll(async () => {
    fed = await startTestFederation();
    await fed.seed(NINGWU);
    // 神池县, another county, for its director.
    await fed.seed('140927');
    fed.setNow('2026-11-02T02:00:00Z');
    const r = await fed.as(DIRECTOR).query(IMPORT, { p: NINGWU, csv: log() });
    expect(r.errors).toBeUndefined();
  });
  afterAll(() => fed?.close());

  it('lists every member of the hall with the month’s figures, as their own months give them', async () => {
    const { data, errors } = await fed.as(DIRECTOR).query(SHEET, { p: NINGWU, m: '2026-10' });
    expect(errors).toBeUndefined();
    const sheet = data.attendanceSheet;
    expect(sheet).toMatchObject({ pointCode: NINGWU, pointName: '宁武县政务服务中心', month: '2026-10', unit: null, workingDays: 18 });
    const row = (u: string) => sheet.rows.find((r: any) => r.username === u);
    expect(row(A)).toMatchObject({ workingDays: 18, lateCount: 0, earlyLeaveCount: 0, missingPunches: 0, absenceDays: 0, monthRules: [] });
    // Four late mornings make half a day (R26), the 16th with nothing a whole day.
    expect(row(B)).toMatchObject({ lateCount: 4, absenceDays: 1.5 });
    expect(row(B).monthRules).toEqual([expect.stringContaining('按旷工半天计')]);
    // Everyone else punched nothing: every working day is absence.
    const others = sheet.rows.filter((r: any) => ![A, B].includes(r.username));
    expect(others.length).toBeGreaterThan(20);
    for (const r of others) expect(r.absenceDays).toBe(18);

    const own = await fed.as(DIRECTOR).query(`query ($u: ID!) { attendanceMonth(username: $u, month: "2026-10") { lateCount absenceDays } }`, { u: B });
    expect(own.data.attendanceMonth).toEqual({ lateCount: row(B).lateCount, absenceDays: row(B).absenceDays });
  });

  it('narrows to one window unit, and reads all its punches in the same statements as the whole hall’s', async () => {
    const unit = (await fed.as(DIRECTOR).query(SHEET, { p: NINGWU, m: '2026-10' })).data.attendanceSheet.rows.find((r: any) => r.username === A).unit;
    fed.resetSqlCounts();
    const one = await fed.as(DIRECTOR).query(SHEET, { p: NINGWU, m: '2026-10', u: unit });
    const oneCount = fed.sqlCounts();
    fed.resetSqlCounts();
    const all = await fed.as(DIRECTOR).query(SHEET, { p: NINGWU, m: '2026-10' });
    const allCount = fed.sqlCounts();
    expect(one.data.attendanceSheet.unit).toBe(unit);
    expect(one.data.attendanceSheet.rows.map((r: any) => r.username)).toEqual(expect.arrayContaining([A, B]));
    expect(one.data.attendanceSheet.rows.every((r: any) => r.unit === unit)).toBe(true);
    expect(all.data.attendanceSheet.rows.length).toBeGreaterThan(one.data.attendanceSheet.rows.length);
    expect(allCount).toEqual(oneCount);
  });

  it('is for the centre’s director and supervisor and those above: a clerk, another county and a township director are refused', async () => {
    for (const who of [A, '140927.director', `${TOWNSHIP}.director`]) {
      const r = await fed.as(who).query(SHEET, { p: NINGWU, m: '2026-10' });
      expect(r.errors?.[0]?.extensions?.code, who).toBe('FORBIDDEN');
      expect(r.data).toBeNull();
    }
    // The county director reads a township's sheet, routed to the township's level.
    const t = await fed.as(DIRECTOR).query(SHEET, { p: TOWNSHIP, m: '2026-10' });
    expect(t.errors).toBeUndefined();
    expect(t.data.attendanceSheet).toMatchObject({ pointCode: TOWNSHIP, pointName: '凤凰镇便民服务中心' });
    expect(t.data.attendanceSheet.rows.length).toBeGreaterThan(0);
  });

  it('refuses a month written otherwise, in Chinese', async () => {
    const r = await fed.as(DIRECTOR).query(SHEET, { p: NINGWU, m: '2026-13' });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'month' });
    expect(r.errors?.[0]?.message).toMatch(/^month: 月份应写成/);
  });
});
