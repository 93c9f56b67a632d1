import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager } from '@mikro-orm/knex';
import { startTestFederation, type TestFederation } from '@scf/federation/testing';

/**
 * Staff on duty (issue 14, first part; DOMAIN R25, R26, R38): working hours, four punches a day, a punch
 * machine's log imported, and each person's month computed — through the gateway, on the real 2026
 * calendar (National Day 1–7 October, adjusted working days Sunday 20 September and Saturday 10 October).
 */
const NINGWU = '140925';
const DIRECTOR = `${NINGWU}.director`;
const SUPERVISOR = `${NINGWU}.supervisor`;
const CLERK_A = `${NINGWU}.w01.a`;
const CLERK_B = `${NINGWU}.w01.b`;
const TOWNSHIP = '140925100';
const TOWNSHIP_DIRECTOR = `${TOWNSHIP}.director`;
const VILLAGE = '140925100207';
const VILLAGE_CLERK = `${VILLAGE}.a`;
const SHENCHI_DIRECTOR = '140927.director';

const MONTH = `query ($u: ID!, $m: String!) { countyAttendanceMonth(username: $u, month: $m) {
  username workingDays lateCount earlyLeaveCount missingPunches absenceDays leaveDays monthRules
  days { date working status punches { at kind } rule } } }`;
const PUNCH = 'mutation { countyPunch { at kind } }';
const IMPORT = 'mutation ($p: ID!, $csv: String!) { importCountyPunches(pointCode: $p, csv: $csv) { imported duplicates } }';

/** An instant from a China wall-clock time. */
const cst = (date: string, time: string) => `${date}T${time}:00+08:00`;

/** w01.b's October, as the hall's face-recognition machine logged it. */
function octoberLog(): string {
  const lines = ['username,timestamp'];
  const day = (date: string, times: string[]) => times.forEach((t) => lines.push(`${CLERK_B},${cst(date, t)}`));
  for (const d of ['2026-10-08', '2026-10-09', '2026-10-10']) day(d, ['08:20', '12:01', '14:25', '18:03']);
  // Four late mornings: half a day by the monthly rule (R26).
  for (const d of ['2026-10-12', '2026-10-13', '2026-10-14', '2026-10-15']) day(d, ['08:45', '12:01', '14:25', '18:03']);
  // 16 October: nothing at all — a whole day's absence.
  // 19 October: no morning at all — half a day.
  day('2026-10-19', ['14:25', '18:03']);
  // Four days without the evening punch: four missing punches, half a day (R26).
  for (const d of ['2026-10-20', '2026-10-21', '2026-10-22', '2026-10-23']) day(d, ['08:20', '12:01', '14:25']);
  for (const d of ['2026-10-26', '2026-10-27', '2026-10-28', '2026-10-29', '2026-10-30']) day(d, ['08:20', '12:01', '14:25', '18:03']);
  // A punch on the holiday and a double tap: kept, not counted.
  day('2026-10-03', ['09:00']);
  day('2026-10-30', ['18:04']);
  return lines.join('\n') + '\n';
}

describe('staff on duty, through the gateway', () => {
  let fed: TestFederation;
  const ok = (r: { data?: any; errors?: any }) => {
    expect(r.errors).toBeUndefined();
    return r.data;
  };
  const code = (r: { errors?: any[] }) => r.errors?.[0]?.extensions?.code;
  const month = async (username: string, m = '2026-10', as = DIRECTOR) => ok(await fed.as(as).query(MONTH, { u: username, m })).countyAttendanceMonth;
  const punchRows = () => (fed.county.orm.em.fork() as EntityManager).count('DutyPunch', {});

  beforeAll(async () => {
    fed = await startTestFederation();
    await fed.seed(NINGWU);
    await fed.seed('140927');
  });
  afterAll(() => fed?.close());

  it('gives every point the county default hours of R25 until its director sets its own', async () => {
    const s = ok(await fed.as(CLERK_A).query(`{ countyWorkSchedule(pointCode: "${NINGWU}") {
      pointCode own morningStart morningEnd summerAfternoonStart summerAfternoonEnd winterAfternoonStart winterAfternoonEnd
      summerFromMonth summerToMonth punchInEarlyMinutes punchOutLateMinutes lateEarlyHalfDayAt lateEarlyWholeDayAt missingHalfDayAt missingWholeDayAt setBy } }`)).countyWorkSchedule;
    expect(s).toEqual({
      pointCode: NINGWU, own: false, morningStart: '08:30', morningEnd: '12:00', summerAfternoonStart: '14:30', summerAfternoonEnd: '18:00',
      winterAfternoonStart: '14:00', winterAfternoonEnd: '17:30', summerFromMonth: 5, summerToMonth: 10, punchInEarlyMinutes: 60, punchOutLateMinutes: 60,
      lateEarlyHalfDayAt: 4, lateEarlyWholeDayAt: null, missingHalfDayAt: 4, missingWholeDayAt: 8, setBy: null,
    });
    const village = ok(await fed.as(VILLAGE_CLERK).query(`{ villageWorkSchedule(pointCode: "${VILLAGE}") { own morningStart } }`)).villageWorkSchedule;
    expect(village).toEqual({ own: false, morningStart: '08:30' });
  });

  it('punches four times a day at the server time, each given its kind by the schedule', async () => {
    const at = async (iso: string) => {
      fed.setNow(iso);
      return ok(await fed.as(CLERK_A).query(PUNCH)).countyPunch;
    };
    expect(await at(cst('2026-10-12', '08:20'))).toEqual({ at: '2026-10-12T00:20:00.000Z', kind: 'MORNING_IN' });
    expect(await at(cst('2026-10-12', '12:04'))).toEqual({ at: '2026-10-12T04:04:00.000Z', kind: 'MORNING_OUT' });
    expect((await at(cst('2026-10-12', '14:28'))).kind).toBe('AFTERNOON_IN');
    expect((await at(cst('2026-10-12', '18:01'))).kind).toBe('AFTERNOON_OUT');
    // A late arrival and an early leave the next day.
    expect((await at(cst('2026-10-13', '08:41'))).kind).toBe('MORNING_IN');
    expect((await at(cst('2026-10-13', '11:40'))).kind).toBe('MORNING_OUT');
    expect((await at(cst('2026-10-13', '14:20'))).kind).toBe('AFTERNOON_IN');
    expect((await at(cst('2026-10-13', '18:00'))).kind).toBe('AFTERNOON_OUT');
    // The adjusted working Saturday is a working day.
    expect((await at(cst('2026-10-10', '08:29'))).kind).toBe('MORNING_IN');
  });

  it('refuses a punch outside the windows and on a holiday, in Chinese, writing nothing', async () => {
    const before = await punchRows();
    fed.setNow(cst('2026-10-12', '13:10'));
    const lunch = await fed.as(CLERK_A).query(PUNCH);
    expect(code(lunch)).toBe('BAD_USER_INPUT');
    expect(lunch.errors![0]!.message).toMatch(/不在打卡时间内.*上午 07:30–13:00，下午 13:30–19:00/);
    fed.setNow(cst('2026-10-03', '09:00'));
    const holiday = await fed.as(CLERK_A).query(PUNCH);
    expect(holiday.errors![0]!.message).toMatch(/国庆节.*休息日/);
    expect(await punchRows()).toBe(before);
  });

  it('cannot punch for someone else: no argument names whom, and another level cannot punch here', async () => {
    fed.setNow(cst('2026-10-14', '08:20'));
    const proxy = await fed.as(CLERK_A).query(`mutation { countyPunch(username: "${CLERK_B}") { at kind } }`);
    expect(code(proxy)).toBe('GRAPHQL_VALIDATION_FAILED');
    const village = await fed.as(VILLAGE_CLERK).query(PUNCH);
    expect(code(village)).toBe('FORBIDDEN');
    expect(village.errors![0]!.message).toMatch(/^只能在本人所在的/);
    // The village clerk punches at the village, on the township's replica of the county calendar.
    expect(ok(await fed.as(VILLAGE_CLERK).query('mutation { villagePunch { at kind } }')).villagePunch.kind).toBe('MORNING_IN');
    const anonymous = await fed.query(PUNCH);
    expect(code(anonymous)).toBe('UNAUTHENTICATED');
  });

  it('shows a day with four punches as present and a late, early day with the punches and the rule', async () => {
    fed.setNow(cst('2026-10-14', '09:00'));
    const m = await month(CLERK_A, '2026-10', CLERK_A);
    const day = (d: string) => m.days.find((x: any) => x.date === d);
    expect(day('2026-10-12')).toMatchObject({ working: true, status: 'PRESENT' });
    expect(day('2026-10-12').punches.map((p: any) => p.kind)).toEqual(['MORNING_IN', 'MORNING_OUT', 'AFTERNOON_IN', 'AFTERNOON_OUT']);
    expect(day('2026-10-13').status).toBe('LATE');
    expect(day('2026-10-13').rule).toContain('上午上班卡 08:41 晚于 08:30，迟到');
    expect(day('2026-10-13').rule).toContain('上午下班卡 11:40 早于 12:00，早退');
    expect(day('2026-10-01')).toMatchObject({ working: false, status: 'REST_DAY' });
    expect(day('2026-10-01').rule).toContain('国庆节');
    // The adjusted Saturday with only a morning punch-in so far: judged with the rest of the month.
    expect(day('2026-10-10')).toMatchObject({ working: true });
    expect(day('2026-10-10').rule).toContain('国庆节调休上班');
    expect(day('2026-10-15').status).toBe('UPCOMING');
    expect(m.lateCount).toBe(1);
    expect(m.earlyLeaveCount).toBe(1);
  });

  describe("a punch machine's month", () => {
    const CSV = octoberLog();
    let sheet: any;

    it('imports the log and sums the month by the monthly rules', async () => {
      fed.setNow('2026-11-02T02:00:00Z');
      expect(ok(await fed.as(SUPERVISOR).query(IMPORT, { p: NINGWU, csv: CSV })).importCountyPunches).toEqual({ imported: 64, duplicates: 0 });
      sheet = await month(CLERK_B);
      expect(sheet).toMatchObject({ workingDays: 18, lateCount: 4, earlyLeaveCount: 0, missingPunches: 4, absenceDays: 2.5, leaveDays: 0 });
      expect(sheet.monthRules).toEqual([
        '本月迟到 4 次、早退 0 次，共 4 次，达到 4 次，按旷工半天计（R26）',
        '本月缺卡 4 次，达到 4 次，按旷工半天计（R26）',
      ]);
      const day = (d: string) => sheet.days.find((x: any) => x.date === d);
      expect(sheet.days).toHaveLength(31);
      expect(day('2026-10-08').status).toBe('PRESENT');
      expect(day('2026-10-10')).toMatchObject({ working: true, status: 'PRESENT' });
      expect(day('2026-10-11')).toMatchObject({ working: false, status: 'REST_DAY' });
      expect(day('2026-10-03')).toMatchObject({ status: 'REST_DAY', punches: [{ kind: 'MORNING_IN' }] });
      expect(day('2026-10-12').status).toBe('LATE');
      expect(day('2026-10-16')).toMatchObject({ status: 'ABSENT_DAY', punches: [] });
      expect(day('2026-10-16').rule).toContain('全天无打卡记录');
      expect(day('2026-10-19').status).toBe('ABSENT_HALF');
      expect(day('2026-10-19').rule).toContain('上午旷工');
      expect(day('2026-10-20')).toMatchObject({ status: 'MISSING_PUNCH' });
      expect(day('2026-10-20').rule).toContain('缺下午下班卡');
      // The double tap at 18:04 is the evening punch; 18:03 stays a punch of the afternoon.
      expect(day('2026-10-30').status).toBe('PRESENT');
      expect(day('2026-10-30').punches).toHaveLength(5);
    });

    it('changes nothing when the same file is imported again', async () => {
      const rows = await punchRows();
      expect(ok(await fed.as(DIRECTOR).query(IMPORT, { p: NINGWU, csv: CSV })).importCountyPunches).toEqual({ imported: 0, duplicates: 64 });
      expect(await punchRows()).toBe(rows);
      expect(await month(CLERK_B)).toEqual(sheet);
    });

    it('refuses a file with bad rows, naming each line, and writes nothing', async () => {
      const rows = await punchRows();
      const csv = [
        'username,timestamp',
        `${CLERK_B},${cst('2026-10-31', '08:20')}`,
        `${CLERK_B},2026-10-31 08:25`,
        `${NINGWU}.nobody,${cst('2026-10-31', '08:20')}`,
        `${VILLAGE_CLERK},${cst('2026-10-31', '08:20')}`,
        '',
        `${CLERK_B},${cst('2026-10-31', '08:20')},extra`,
        `${CLERK_B},2026-02-30T08:20:00+08:00`,
        `${CLERK_B},${cst('2026-12-01', '08:20')}`,
      ].join('\r\n');
      const r = await fed.as(DIRECTOR).query(IMPORT, { p: NINGWU, csv });
      expect(code(r)).toBe('BAD_USER_INPUT');
      expect(r.errors![0]!.message).toMatch(/^csv: 6 行有误，未导入任何记录：第 3 行的时间/);
      expect(r.errors![0]!.extensions!.rows.map((x: any) => x.line)).toEqual([3, 4, 5, 7, 8, 9]);
      expect(r.errors![0]!.extensions!.rows[1].problem).toMatch(/^第 4 行：140925.nobody 不是 140925 的工作人员/);
      expect(await punchRows()).toBe(rows);
      const header = await fed.as(DIRECTOR).query(IMPORT, { p: NINGWU, csv: 'name,time\nx,y' });
      expect(header.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', rows: [{ line: 1 }] });
      // A hall's month fits (up to 15 000 rows); more is refused by the module, a body over 1 MB by the gateway.
      const line = `${CLERK_B},${cst('2026-10-31', '08:20')}\n`;
      const many = await fed.as(DIRECTOR).query(IMPORT, { p: NINGWU, csv: 'username,timestamp\n' + line.repeat(15_001) });
      expect(many.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'csv' });
      expect(many.errors![0]!.message).toMatch(/打卡记录过多（15001 行），一次最多导入 15000 行/);
      const huge = await fed.as(DIRECTOR).query(IMPORT, { p: NINGWU, csv: 'username,timestamp\n' + line.repeat(30_000) });
      expect(JSON.stringify(huge)).toMatch(/PAYLOAD_TOO_LARGE/);
      expect(await punchRows()).toBe(rows);
    });

    it("follows the centre's own schedule and thresholds, recorded with who and when", async () => {
      const clerk = await fed.as(CLERK_A).query(`mutation { setCountyWorkSchedule(pointCode: "${NINGWU}", input: { morningStart: "09:00" }) { own } }`);
      expect(code(clerk)).toBe('FORBIDDEN');
      expect(clerk.errors![0]!.message).toMatch(/^无权设置 140925 的作息时间/);
      const bad = await fed.as(DIRECTOR).query(`mutation { setCountyWorkSchedule(pointCode: "${NINGWU}", input: { morningStart: "12:30" }) { own } }`);
      expect(code(bad)).toBe('BAD_USER_INPUT');
      // The township variant of R38: 5 or more late arrivals or early leaves are a whole day.
      const set = ok(await fed.as(DIRECTOR).query(`mutation { setCountyWorkSchedule(pointCode: "${NINGWU}", input: { lateEarlyHalfDayAt: 3, lateEarlyWholeDayAt: 4 }) { own lateEarlyHalfDayAt lateEarlyWholeDayAt setBy setAt } }`)).setCountyWorkSchedule;
      expect(set).toEqual({ own: true, lateEarlyHalfDayAt: 3, lateEarlyWholeDayAt: 4, setBy: DIRECTOR, setAt: '2026-11-02T02:00:00.000Z' });
      const strict = await month(CLERK_B);
      expect(strict.absenceDays).toBe(3);
      expect(strict.monthRules[0]).toContain('按旷工一天计（R38）');
      // Starting at 09:00, 08:45 is on time: no late arrivals left.
      ok(await fed.as(DIRECTOR).query(`mutation { setCountyWorkSchedule(pointCode: "${NINGWU}", input: { morningStart: "09:00" }) { morningStart } }`));
      const later = await month(CLERK_B);
      expect(later).toMatchObject({ lateCount: 0, absenceDays: 2 });
      expect(later.days.find((d: any) => d.date === '2026-10-12').status).toBe('PRESENT');
      // The township director sets their own centre's, not the county's.
      expect(code(await fed.as(TOWNSHIP_DIRECTOR).query(`mutation { setCountyWorkSchedule(pointCode: "${NINGWU}", input: { morningStart: "08:00" }) { own } }`))).toBe('FORBIDDEN');
      expect(ok(await fed.as(TOWNSHIP_DIRECTOR).query(`mutation { setVillageWorkSchedule(pointCode: "${VILLAGE}", input: { morningStart: "08:00" }) { own morningStart setBy } }`)).setVillageWorkSchedule)
        .toEqual({ own: true, morningStart: '08:00', setBy: TOWNSHIP_DIRECTOR });
    });
  });

  it("follows the county's own calendar entries: a day it closes is a rest day, a Saturday it opens a working day", async () => {
    fed.setNow('2026-11-02T02:00:00Z');
    const set = (date: string, working: boolean, name: string) =>
      fed.as(DIRECTOR).query(`mutation { setCalendarDay(date: "${date}", working: ${working}, name: "${name}", countyCode: "${NINGWU}") { date working } }`);
    ok(await set('2026-10-29', false, '县城停电'));
    ok(await set('2026-10-31', true, '集中办公日'));
    const m = await month(CLERK_B);
    expect(m.workingDays).toBe(18);
    expect(m.days.find((d: any) => d.date === '2026-10-29')).toMatchObject({ working: false, status: 'REST_DAY' });
    expect(m.days.find((d: any) => d.date === '2026-10-29').rule).toContain('县城停电');
    // Nobody punched on the opened Saturday: a whole day's absence more.
    expect(m.days.find((d: any) => d.date === '2026-10-31')).toMatchObject({ working: true, status: 'ABSENT_DAY' });
    for (const date of ['2026-10-29', '2026-10-31']) ok(await fed.as(DIRECTOR).query(`mutation { clearCalendarDay(date: "${date}", countyCode: "${NINGWU}") { date } }`));
    expect((await month(CLERK_B)).days.find((d: any) => d.date === '2026-10-31').status).toBe('REST_DAY');
  });

  describe("the issue's shapes, each sent by the gateway to the level it is for", () => {
    it('punch is the signed-in member of staff\'s, at their own level', async () => {
      fed.setNow(cst('2026-11-03', '08:25'));
      expect(ok(await fed.as(CLERK_A).query('mutation { punch { at kind } }')).punch).toEqual({ at: '2026-11-03T00:25:00.000Z', kind: 'MORNING_IN' });
      // The village room keeps 08:00 since its township director set it: 08:25 is late there.
      expect(ok(await fed.as(VILLAGE_CLERK).query('mutation { p: punch { at kind } }')).p).toEqual({ at: '2026-11-03T00:25:00.000Z', kind: 'MORNING_IN' });
      fed.setNow(cst('2026-11-03', '12:02'));
      expect(ok(await fed.as(`${TOWNSHIP}.d1.a`).query('mutation { punch { kind } }')).punch.kind).toBe('MORNING_OUT');
      expect(code(await fed.as(CLERK_A).query(`mutation { punch(username: "${CLERK_B}") { kind } }`))).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(code(await fed.query('mutation { punch { kind } }'))).toBe('UNAUTHENTICATED');
    });

    it('attendanceMonth, workSchedule, setWorkSchedule and importPunches follow the username or point they name', async () => {
      fed.setNow(cst('2026-11-03', '20:00'));
      const q = `query ($u: ID!) { attendanceMonth(username: $u, month: "2026-11") { username workingDays lateCount earlyLeaveCount missingPunches absenceDays leaveDays
        days { date working status punches { at kind } rule } } }`;
      const csv = `username,timestamp\n${VILLAGE_CLERK},${cst('2026-11-03', '17:31')}\n`;
      const imp = 'mutation ($p: ID!, $csv: String!) { importPunches(pointCode: $p, csv: $csv) { imported duplicates } }';
      expect(ok(await fed.as(TOWNSHIP_DIRECTOR).query(imp, { p: VILLAGE, csv })).importPunches).toEqual({ imported: 1, duplicates: 0 });
      expect(ok(await fed.as(TOWNSHIP_DIRECTOR).query(imp, { p: VILLAGE, csv })).importPunches).toEqual({ imported: 0, duplicates: 1 });
      const v = ok(await fed.as(TOWNSHIP_DIRECTOR).query(q, { u: VILLAGE_CLERK })).attendanceMonth;
      expect(v.username).toBe(VILLAGE_CLERK);
      const nov3 = v.days.find((d: any) => d.date === '2026-11-03');
      // The machine's 17:31 is the afternoon's punch-out; its punch-in is missing.
      expect(nov3.status).toBe('MISSING_PUNCH');
      expect(nov3.rule).toContain('缺下午上班卡');
      expect(nov3.punches.map((p: any) => p.kind)).toEqual(['MORNING_IN', 'AFTERNOON_OUT']);
      expect(nov3.rule).toContain('08:25 晚于 08:00，迟到');
      // November: winter afternoons, 14:00–17:30.
      expect(ok(await fed.as(TOWNSHIP_DIRECTOR).query(`{ workSchedule(pointCode: "${TOWNSHIP}") { pointCode winterAfternoonStart } }`)).workSchedule).toEqual({ pointCode: TOWNSHIP, winterAfternoonStart: '14:00' });
      expect(ok(await fed.as(TOWNSHIP_DIRECTOR).query(`mutation { setWorkSchedule(pointCode: "${TOWNSHIP}", input: { lateEarlyWholeDayAt: 5 }) { pointCode own lateEarlyWholeDayAt setBy } }`)).setWorkSchedule)
        .toEqual({ pointCode: TOWNSHIP, own: true, lateEarlyWholeDayAt: 5, setBy: TOWNSHIP_DIRECTOR });
      expect(code(await fed.as(SHENCHI_DIRECTOR).query(q, { u: VILLAGE_CLERK }))).toBe('FORBIDDEN');
      expect(code(await fed.as(CLERK_A).query(q, { u: CLERK_B }))).toBe('FORBIDDEN');
      expect(ok(await fed.as(CLERK_A).query(q, { u: CLERK_A })).attendanceMonth.days.find((d: any) => d.date === '2026-11-03').punches).toEqual([{ at: '2026-11-03T00:25:00.000Z', kind: 'MORNING_IN' }]);
    });
  });

  describe('who sees and does what', () => {
    it('lets a clerk read only their own month; their centre and the directors above read it', async () => {
      const other = await fed.as(CLERK_A).query(MONTH, { u: CLERK_B, m: '2026-10' });
      expect(code(other)).toBe('FORBIDDEN');
      expect(other.errors![0]!.message).toMatch(/^无权查看/);
      expect((await month(CLERK_B, '2026-10', SUPERVISOR)).workingDays).toBe(18);
      const VILLAGE_MONTH = `query ($u: ID!) { villageAttendanceMonth(username: $u, month: "2026-10") { username workingDays } }`;
      expect(ok(await fed.as(VILLAGE_CLERK).query(VILLAGE_MONTH, { u: VILLAGE_CLERK })).villageAttendanceMonth.workingDays).toBe(18);
      expect(ok(await fed.as(TOWNSHIP_DIRECTOR).query(VILLAGE_MONTH, { u: VILLAGE_CLERK })).villageAttendanceMonth.username).toBe(VILLAGE_CLERK);
      expect(ok(await fed.as(DIRECTOR).query(VILLAGE_MONTH, { u: VILLAGE_CLERK })).villageAttendanceMonth.username).toBe(VILLAGE_CLERK);
      // Another village of the same township, and another county.
      const villages = ok(await fed.query(`{ township(code: "${TOWNSHIP}") { villages { code } } }`)).township.villages.map((v: any) => v.code);
      const neighbour = villages.find((c: string) => c !== VILLAGE);
      expect(code(await fed.as(`${neighbour}.a`).query(VILLAGE_MONTH, { u: VILLAGE_CLERK }))).toBe('FORBIDDEN');
      expect(code(await fed.as(SHENCHI_DIRECTOR).query(VILLAGE_MONTH, { u: VILLAGE_CLERK }))).toBe('FORBIDDEN');
      expect(code(await fed.as(SHENCHI_DIRECTOR).query(MONTH, { u: CLERK_B, m: '2026-10' }))).toBe('FORBIDDEN');
    });

    it('lets only the centre and the directors above import its log or set its hours', async () => {
      const csv = `username,timestamp\n${VILLAGE_CLERK},${cst('2026-10-30', '08:20')}\n`;
      const VILLAGE_IMPORT = 'mutation ($p: ID!, $csv: String!) { importVillagePunches(pointCode: $p, csv: $csv) { imported duplicates } }';
      expect(code(await fed.as(VILLAGE_CLERK).query(VILLAGE_IMPORT, { p: VILLAGE, csv }))).toBe('FORBIDDEN');
      expect(code(await fed.as(SHENCHI_DIRECTOR).query(VILLAGE_IMPORT, { p: VILLAGE, csv }))).toBe('FORBIDDEN');
      expect(code(await fed.as(SHENCHI_DIRECTOR).query(IMPORT, { p: NINGWU, csv }))).toBe('FORBIDDEN');
      expect(code(await fed.as(CLERK_A).query(IMPORT, { p: NINGWU, csv }))).toBe('FORBIDDEN');
      expect(ok(await fed.as(TOWNSHIP_DIRECTOR).query(VILLAGE_IMPORT, { p: VILLAGE, csv })).importVillagePunches).toEqual({ imported: 1, duplicates: 0 });
      expect(code(await fed.as(SHENCHI_DIRECTOR).query(`{ countyWorkSchedule(pointCode: "${NINGWU}") { own } }`))).toBe('FORBIDDEN');
      expect(code(await fed.as(SHENCHI_DIRECTOR).query(`mutation { setVillageWorkSchedule(pointCode: "${VILLAGE}", input: { morningStart: "08:00" }) { own } }`))).toBe('FORBIDDEN');
      const neighbourVillageClerk = await fed.as(VILLAGE_CLERK).query(`mutation { setVillageWorkSchedule(pointCode: "${VILLAGE}", input: { morningStart: "08:00" }) { own } }`);
      expect(code(neighbourVillageClerk)).toBe('FORBIDDEN');
    });
  });
});
