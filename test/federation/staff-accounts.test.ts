import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestFederation, type GraphQLClient, type TestFederation } from '@scf/federation/testing';
import { itemIdByCode, residentId } from './builders.js';

const COUNTY = '140925';
const TOWNSHIP = '140925100'; // 凤凰镇
const VILLAGE = '140925100207';
const OTHER_TOWNSHIP = '140925101'; // 阳方口镇
const OTHER_TOWNSHIP_VILLAGE = '140925101200'; // 三岔村, under 阳方口镇
const DIRECTOR = `${COUNTY}.director`;
const TOWNSHIP_DIRECTOR = `${TOWNSHIP}.director`;
// Monday 28 September 2026, 10:00 in China.
const MONDAY = '2026-09-28T02:00:00Z';

const STAFF_FIELDS = 'username name role post level point { code }';

describe('directors manage staff accounts, through the gateway', () => {
  let fed: TestFederation;
  let villageItem: string;

  beforeAll(async () => {
    fed = await startTestFederation({ accountCheckMs: 0 });
    await fed.seed(COUNTY);
    fed.setNow(MONDAY);
    villageItem = await itemIdByCode(fed, COUNTY, 'SC-CW-013');
  });
  afterAll(() => fed?.close());

  /** A client holding a token from a sign-in the test made itself (for accounts without the demo password). */
  const withToken = (token: string): GraphQLClient => ({
    async query(query, variables) {
      const res = await fetch(fed.gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as any;
    },
  });

  const staffCount = (level: 'county' | 'township' | 'village') =>
    fed[level].orm.em.fork().count(`${level[0]!.toUpperCase()}${level.slice(1)}Staff`, {});
  const villageCases = () => fed.village.orm.em.fork().count('CaseFile', {});
  const staffRow = (level: 'county' | 'township' | 'village', username: string) =>
    fed[level].orm.em.fork().findOne<{ username: string; active: boolean }>(`${level[0]!.toUpperCase()}${level.slice(1)}Staff`, { username });

  const ADD_VILLAGE_STAFF = `mutation($input: NewStaffInput!) { addVillageStaff(input: $input) { ${STAFF_FIELDS} } }`;
  const REGISTER = `mutation($input: RegisterCaseInput!) { registerVillageCase(input: $input) { caseNo version status responsibleName responsible { username } } }`;
  const registration = () => ({
    pointCode: VILLAGE, itemId: villageItem, materialsReceived: [1, 2],
    applicant: { type: 'PERSON', name: '李秀英', idNumber: residentId(), phone: '13912345678' },
  });
  const newClerk = (override: Record<string, unknown> = {}) => ({
    pointCode: VILLAGE, username: `${VILLAGE}.zhao`, name: '赵小红', role: 'CLERK', post: 'B', password: 'Zhao-first-2026', ...override,
  });

  it('the township director adds a clerk to a village of the township; the new clerk signs in with the first password and registers a case', async () => {
    const before = await staffCount('village');
    const added = await fed.as(TOWNSHIP_DIRECTOR).query(ADD_VILLAGE_STAFF, {
      input: { pointCode: VILLAGE, username: `${VILLAGE}.wang`, name: '王小明', role: 'CLERK', post: 'A', password: 'Fenghuang#2026' },
    });
    expect(added.errors).toBeUndefined();
    expect(added.data.addVillageStaff).toEqual({ username: `${VILLAGE}.wang`, name: '王小明', role: 'CLERK', post: 'A', level: 'VILLAGE', point: { code: VILLAGE } });
    expect(await staffCount('village')).toBe(before + 1);

    const signIn = await fed.signIn(`${VILLAGE}.wang`, 'Fenghuang#2026');
    expect(signIn.status).toBe(200);
    expect(signIn.body.staff).toMatchObject({ username: `${VILLAGE}.wang`, level: 'VILLAGE', pointCode: VILLAGE, roles: ['CLERK'] });

    const reg = await withToken(signIn.body.token).query(REGISTER, { input: registration() });
    expect(reg.errors).toBeUndefined();
    expect(reg.data.registerVillageCase).toMatchObject({ status: 'REGISTERED', responsibleName: '王小明', responsible: { username: `${VILLAGE}.wang` } });
    expect(reg.data.registerVillageCase.caseNo).toMatch(new RegExp(`^${VILLAGE}-20260928-\\d{5}$`));
  });

  it('refuses a village clerk who tries to add staff, even to their own village, with FORBIDDEN', async () => {
    const before = await staffCount('village');
    const res = await fed.as(`${VILLAGE}.a`).query(ADD_VILLAGE_STAFF, { input: newClerk() });
    expect(res.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect(res.data).toBeNull();
    expect(await staffCount('village')).toBe(before);
  });

  it('refuses the township director who tries to add staff to a village of another township or to the county centre, with FORBIDDEN', async () => {
    const villagesBefore = await staffCount('village');
    const countyBefore = await staffCount('county');
    const elsewhere = await fed.as(TOWNSHIP_DIRECTOR).query(ADD_VILLAGE_STAFF, {
      input: newClerk({ pointCode: OTHER_TOWNSHIP_VILLAGE, username: `${OTHER_TOWNSHIP_VILLAGE}.zhao` }),
    });
    expect(elsewhere.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const county = await fed.as(TOWNSHIP_DIRECTOR).query(`mutation($input: NewStaffInput!) { addCountyStaff(input: $input) { ${STAFF_FIELDS} } }`, {
      input: { pointCode: COUNTY, username: `${COUNTY}.zhao`, name: '赵小红', role: 'SUPERVISOR', password: 'Zhao-first-2026' },
    });
    expect(county.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect(await staffCount('village')).toBe(villagesBefore);
    expect(await staffCount('county')).toBe(countyBefore);
  });

  describe('bad input is refused with BAD_USER_INPUT naming the field, and nothing is written', () => {
    it.each([
      ['a username that does not start with the point code', { username: '140925100209.zhao' }, 'username'],
      ['a username without any point code', { username: 'zhao' }, 'username'],
      ['a password shorter than 10 characters', { password: 'Zh-2026!' }, 'password'],
      ['a password of digits only', { password: '20260928123' }, 'password'],
      ['a password containing the username', { password: `x${VILLAGE}.zhao!` }, 'password'],
      ['markup in the name', { name: '<b>赵小红</b>' }, 'name'],
      ['a username that is taken', { username: `${VILLAGE}.a` }, 'username'],
    ])('refuses %s', async (_what, override, field) => {
      const before = await staffCount('village');
      const res = await fed.as(TOWNSHIP_DIRECTOR).query(ADD_VILLAGE_STAFF, { input: newClerk(override) });
      expect(res.errors).toHaveLength(1);
      expect(res.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
      // The field as the input names it, e.g. `name` or, by the path of the variable, `input.name`.
      expect(res.errors![0]!.extensions!.field).toMatch(new RegExp(`^(input\\.)?${field}$`));
      expect(res.data).toBeNull();
      expect(await staffCount('village')).toBe(before);
    });
  });

  it('the county director resets a township clerk’s password: the old one no longer signs in, the new one does', async () => {
    const clerk = `${TOWNSHIP}.d2.a`;
    const res = await fed.as(DIRECTOR).query(`mutation { setTownshipStaffPassword(username: "${clerk}", password: "Reset-pass-2026") { username level point { code } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.setTownshipStaffPassword).toEqual({ username: clerk, level: 'TOWNSHIP', point: { code: TOWNSHIP } });

    expect((await fed.signIn(clerk)).status).toBe(401);
    const fresh = await fed.signIn(clerk, 'Reset-pass-2026');
    expect(fresh.status).toBe(200);
    expect(fresh.body.staff).toMatchObject({ username: clerk, pointCode: TOWNSHIP });
  });

  it('refuses a township clerk who tries to reset a colleague’s password, with FORBIDDEN, and the password stays', async () => {
    const res = await fed.as(`${TOWNSHIP}.d1.a`).query(`mutation { setTownshipStaffPassword(username: "${TOWNSHIP}.d3.a", password: "Taken-over-2026") { username } }`);
    expect(res.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect((await fed.signIn(`${TOWNSHIP}.d3.a`, 'Taken-over-2026')).status).toBe(401);
  });

  it('the county director deactivates a village clerk: they can no longer sign in, and the token they hold can no longer register or act on a case', async () => {
    const clerk = `${VILLAGE}.b`;
    // The clerk signed in this morning and holds a token.
    const morning = await fed.as(clerk).query(`{ village(code: "${VILLAGE}") { code } }`);
    expect(morning.errors).toBeUndefined();
    const open = (await fed.as(`${VILLAGE}.a`).query(REGISTER, { input: registration() })).data.registerVillageCase;

    const off = await fed.as(DIRECTOR).query(`mutation { setVillageStaffActive(username: "${clerk}", active: false) { username } }`);
    expect(off.errors).toBeUndefined();
    expect(off.data.setVillageStaffActive.username).toBe(clerk);

    const signIn = await fed.signIn(clerk);
    expect(signIn.status).toBe(401);
    expect(signIn.body.token).toBeUndefined();

    const casesBefore = await villageCases();
    // The gateway asks the village whether the account is still active before trusting the token.
    const reg = await fed.as(clerk).query(REGISTER, { input: registration() });
    expect(reg.errors![0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringContaining('deactivated') });
    expect(reg.data ?? null).toBeNull();
    expect(await villageCases()).toBe(casesBefore);

    const act = await fed.as(clerk).query(`mutation($input: CaseActionInput!) { actVillageCase(input: $input) { status version } }`, {
      input: { caseNo: open.caseNo, expectedVersion: open.version, action: 'accept' },
    });
    expect(act.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    const after = await fed.as(`${VILLAGE}.a`).query(`{ villageCase(caseNo: "${open.caseNo}") { status version history { action } } }`);
    expect(after.data.villageCase).toEqual({ status: 'REGISTERED', version: 1, history: [{ action: 'register' }] });

    // Reactivated, the clerk signs in again.
    const on = await fed.as(DIRECTOR).query(`mutation { setVillageStaffActive(username: "${clerk}", active: true) { username } }`);
    expect(on.errors).toBeUndefined();
    expect((await fed.signIn(clerk)).status).toBe(200);
  });

  it('a director cannot deactivate themself', async () => {
    for (const [director, level, type] of [[DIRECTOR, 'county', 'County'], [TOWNSHIP_DIRECTOR, 'township', 'Township']] as const) {
      const res = await fed.as(director).query(`mutation { set${type}StaffActive(username: "${director}", active: false) { username } }`);
      expect(res.errors![0]!.extensions, director).toMatchObject({ code: 'BAD_USER_INPUT', field: 'active' });
      expect((await staffRow(level, director))?.active, director).toBe(true);
    }
  });

  it('a township director the county director deactivated can no longer manage staff with the token they still hold', async () => {
    const deputy = `${OTHER_TOWNSHIP}.deputy`;
    const added = await fed.as(DIRECTOR).query(`mutation($input: NewStaffInput!) { addTownshipStaff(input: $input) { ${STAFF_FIELDS} } }`, {
      input: { pointCode: OTHER_TOWNSHIP, username: deputy, name: '钱副主任', role: 'DIRECTOR', password: 'Deputy-first-2026' },
    });
    expect(added.errors).toBeUndefined();
    const signIn = await fed.signIn(deputy, 'Deputy-first-2026');
    expect(signIn.status).toBe(200);
    const deputyClient = withToken(signIn.body.token);

    const off = await fed.as(DIRECTOR).query(`mutation { setTownshipStaffActive(username: "${deputy}", active: false) { username } }`);
    expect(off.errors).toBeUndefined();

    // Refused either way: as no longer allowed (FORBIDDEN) or as no longer signed in (UNAUTHENTICATED).
    const REFUSED = ['FORBIDDEN', 'UNAUTHENTICATED'];
    const before = await staffCount('village');
    const add = await deputyClient.query(ADD_VILLAGE_STAFF, {
      input: newClerk({ pointCode: OTHER_TOWNSHIP_VILLAGE, username: `${OTHER_TOWNSHIP_VILLAGE}.zhao` }),
    });
    expect.soft(REFUSED).toContain(add.errors?.[0]?.extensions?.code);
    expect.soft(await staffCount('village')).toBe(before);

    // Nor take over a clerk's account by setting their password.
    const reset = await deputyClient.query(`mutation { setVillageStaffPassword(username: "${OTHER_TOWNSHIP_VILLAGE}.a", password: "Taken-over-2026") { username } }`);
    expect.soft(REFUSED).toContain(reset.errors?.[0]?.extensions?.code);
    expect((await fed.signIn(`${OTHER_TOWNSHIP_VILLAGE}.a`, 'Taken-over-2026')).status).toBe(401);
  });

  describe('who may create and change directors and supervisors', () => {
    const ADD_TOWNSHIP_STAFF = `mutation($input: NewStaffInput!) { addTownshipStaff(input: $input) { ${STAFF_FIELDS} } }`;
    const townshipPerson = (username: string, role: string, over: Record<string, unknown> = {}) => ({
      input: { pointCode: TOWNSHIP, username: `${TOWNSHIP}.${username}`, name: '孙建华', role, password: 'Sun-first-2026', ...over },
    });

    it('a township director may not add a supervisor or a second director to their township', async () => {
      const before = await staffCount('township');
      for (const [username, role] of [['inspector', 'SUPERVISOR'], ['second', 'DIRECTOR']]) {
        const res = await fed.as(TOWNSHIP_DIRECTOR).query(ADD_TOWNSHIP_STAFF, townshipPerson(username!, role!));
        expect(res.errors?.[0], role).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringContaining('县中心主任') });
      }
      expect(await staffCount('township')).toBe(before);
      expect((await fed.signIn(`${TOWNSHIP}.second`, 'Sun-first-2026')).status).toBe(401);
    });

    it('a township director adds a clerk at a desk, and is told to name the desk when it is missing', async () => {
      const ok = await fed.as(TOWNSHIP_DIRECTOR).query(ADD_TOWNSHIP_STAFF, townshipPerson('sun', 'CLERK', { desk: '社保', post: 'B' }));
      expect(ok.errors).toBeUndefined();
      expect(ok.data.addTownshipStaff).toMatchObject({ username: `${TOWNSHIP}.sun`, role: 'CLERK' });
      const signedIn = await fed.signIn(`${TOWNSHIP}.sun`, 'Sun-first-2026');
      expect(signedIn.body.staff.unit).toBe('社保');
      const deskless = await fed.as(TOWNSHIP_DIRECTOR).query(ADD_TOWNSHIP_STAFF, townshipPerson('li', 'CLERK'));
      expect(deskless.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'desk' } });
    });

    it('a second township director the county added cannot be disabled by the first, nor disable them', async () => {
      const deputy = `${TOWNSHIP}.deputy`;
      const added = await fed.as(DIRECTOR).query(ADD_TOWNSHIP_STAFF, { input: { pointCode: TOWNSHIP, username: deputy, name: '钱副主任', role: 'DIRECTOR', password: 'Deputy-first-2026' } });
      expect(added.errors).toBeUndefined();
      const deputyClient = withToken((await fed.signIn(deputy, 'Deputy-first-2026')).body.token);

      for (const [client, target] of [[fed.as(TOWNSHIP_DIRECTOR), deputy], [deputyClient, TOWNSHIP_DIRECTOR]] as const) {
        const off = await client.query(`mutation { setTownshipStaffActive(username: "${target}", active: false) { username } }`);
        expect(off.errors?.[0], target).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
        const reset = await client.query(`mutation { setTownshipStaffPassword(username: "${target}", password: "Taken-over-2026") { username } }`);
        expect(reset.errors?.[0], target).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
        expect((await staffRow('township', target))?.active, target).toBe(true);
        expect((await fed.signIn(target, 'Taken-over-2026')).status, target).toBe(401);
      }
      // The county director, the level above, does both.
      const off = await fed.as(DIRECTOR).query(`mutation { setTownshipStaffActive(username: "${deputy}", active: false) { username } }`);
      expect(off.errors).toBeUndefined();
    });

    it('the county director may not add another county director or a county supervisor: that is done on the county’s server', async () => {
      const before = await staffCount('county');
      for (const role of ['DIRECTOR', 'SUPERVISOR']) {
        const res = await fed.as(DIRECTOR).query(`mutation($input: NewStaffInput!) { addCountyStaff(input: $input) { username } }`, {
          input: { pointCode: COUNTY, username: `${COUNTY}.${role.toLowerCase()}2`, name: '周志强', role, password: 'Zhou-first-2026' },
        });
        expect(res.errors?.[0], role).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringContaining('create-director') });
      }
      expect(await staffCount('county')).toBe(before);
    });
  });

  it('a password reset ends a sign-in made in the same second as the reset, and the owner’s new sign-in works', async () => {
    const clerk = `${TOWNSHIP}.d4.a`;
    const issuedAt = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')).iat as number;
    const read = (client: GraphQLClient) => client.query(`{ township(code: "${TOWNSHIP}") { code } }`);
    let password = 'demo-pass-2026';
    // A token's issue time has whole seconds; the reset must fall in the same second as the sign-in for the
    // case to arise, so start each try at the top of a second and try again until it does.
    for (let attempt = 1; attempt <= 10; attempt++) {
      await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000)));
      const before = await fed.signIn(clerk, password);
      expect(before.status).toBe(200);
      const next = `Reset-${attempt}-pass-2026`;
      const reset = await fed.as(DIRECTOR).query(`mutation { setTownshipStaffPassword(username: "${clerk}", password: "${next}") { username } }`);
      expect(reset.errors).toBeUndefined();
      password = next;
      const row = await fed.township.orm.em.fork().findOne<{ username: string; passwordSetAt: Date }>('TownshipStaff', { username: clerk });
      if (issuedAt(before.body.token) !== Math.floor(row!.passwordSetAt.getTime() / 1000)) continue;

      const stale = await read(withToken(before.body.token));
      expect(stale.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringContaining('密码已更改') });
      const fresh = await fed.signIn(clerk, password);
      expect(fresh.status).toBe(200);
      const now = await read(withToken(fresh.body.token));
      expect(now.errors).toBeUndefined();
      expect(now.data.township.code).toBe(TOWNSHIP);
      return;
    }
    throw new Error('no sign-in fell in the same second as the reset after it in 10 tries');
  });
});
