import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestFederation, type GraphQLResponse, type TestFederation } from '@scf/federation/testing';
import { DASHBOARD_QUERY, presetPeriod } from '../../web/src/dashboard/data.js';
import { itemIdByCode, residentId } from './builders.js';

const COUNTY = '140925';
const TOWNSHIP = '140925100';
const VILLAGE = '140925100207';
const CLERK = `${VILLAGE}.a`;
const TOWNSHIP_CLERK = `${TOWNSHIP}.d3.a`;
const COUNTY_CLERK = `${COUNTY}.w08.a`;
const DIRECTOR = `${COUNTY}.director`;
const TODAY = '2026-09-28';
const CHINESE_FIRST = /^[\u4e00-\u9fff]/;

/** The 15-alias tree of the adversarial review: 13.5 MB and seconds of CPU per request before the fix. */
const TREE_WITH_CATALOGUES = `{ ${Array.from({ length: 15 }, (_, i) => `a${i}: county(code: "${COUNTY}") { townships { villages { itemsTakenIn { materials { name form copies } changes { action changed approvedBy } } } } }`).join(' ')} }`;

const DASHBOARD = (from: string, to: string, alias = '') => `${alias}countyDashboard(code: "${COUNTY}", from: "${from}", to: "${to}") { totals { received finished } }`;

describe('what one request may cost, through the gateway', () => {
  let fed: TestFederation;
  let caseNo: string;
  /** The window app's field lists, from its own source (web/src/app/data.ts). */
  let web: { CASE_FIELDS: string; LIST_FIELDS: string };

  const post = async (query: string, token?: string, variables?: Record<string, unknown>) => {
    const res = await fetch(fed.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const text = await res.text();
    return { status: res.status, bytes: text.length, body: JSON.parse(text) as GraphQLResponse };
  };
  const tokenOf = async (username: string) => (await fed.signIn(username)).body.token as string;
  const tokens: Record<string, string> = {};

  /** Refused before any level's database was asked anything. */
  const refusedUpFront = async (query: string, token?: string) => {
    fed.resetSqlCounts();
    const res = await post(query, token);
    expect(fed.sqlCounts()).toEqual({ county: 0, township: 0, village: 0 });
    expect(res.body.data ?? null).toBeNull();
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors![0]!.message).toMatch(CHINESE_FIRST);
    return res;
  };

  beforeAll(async () => {
    // Variable specifier: the module is read for its strings only, and type-checked with the web app (DOM).
    web = (await import(new URL('../../web/src/app/data.ts', import.meta.url).href)) as typeof web;
    fed = await startTestFederation();
    await fed.seed(COUNTY);
    fed.setNow(`${TODAY}T02:00:00Z`);
    for (const u of [CLERK, TOWNSHIP_CLERK, COUNTY_CLERK, DIRECTOR]) tokens[u] = await tokenOf(u);
    // Each account's first request asks its level whether it is still active; done here, so the statement
    // counts below are the queries' own.
    for (const u of Object.keys(tokens)) await post('{ __typename }', tokens[u]);
    const itemId = await itemIdByCode(fed, COUNTY, 'SC-CW-013');
    const reg = await fed.as(CLERK).query(`mutation($i: RegisterCaseInput!) { registerVillageCase(input: $i) { caseNo } }`, {
      i: { pointCode: VILLAGE, itemId, applicant: { type: 'PERSON', name: '李秀英', idNumber: residentId(), phone: '13912345678' }, materialsReceived: [1, 2] },
    });
    caseNo = reg.data.registerVillageCase.caseNo;
    const accepted = await fed.as(CLERK).query(`mutation($i: CaseActionInput!) { actVillageCase(input: $i) { status } }`, { i: { caseNo, expectedVersion: 1, action: 'accept' } });
    expect(accepted.errors).toBeUndefined();
  });
  afterAll(() => fed?.close());

  describe('a query that would cost seconds is refused before any subgraph is asked', () => {
    it('fifteen copies of the county tree with every village’s catalogue, from a caller who is not signed in', async () => {
      const res = await refusedUpFront(TREE_WITH_CATALOGUES);
      expect(res.status).toBe(400);
      expect(res.body.errors![0]).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'cost', max: 25_000, signedIn: false } });
      expect(res.body.errors![0]!.extensions!.cost).toBeGreaterThan(1_000_000);
      expect(res.bytes).toBeLessThan(1000);
    });

    it('and one copy of it, even from the county’s director', async () => {
      const res = await refusedUpFront(`{ county(code: "${COUNTY}") { townships { villages { itemsTakenIn { materials { name } changes { action } } } } } }`, tokens[DIRECTOR]);
      expect(res.status).toBe(400);
      expect(res.body.errors![0]).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'cost', max: 1_000_000, signedIn: true } });
    });

    it('a page of a hundred thousand cases, asked for in a variable', async () => {
      const query = `query($n: Int) { village(code: "${VILLAGE}") { cases(first: $n) { caseNo history { action at } } } }`;
      expect((await post(query, tokens[CLERK], { n: 50 })).body.errors).toBeUndefined();
      fed.resetSqlCounts();
      const res = await post(query, tokens[CLERK], { n: 100_000 });
      expect(fed.sqlCounts()).toEqual({ county: 0, township: 0, village: 0 });
      expect(res.status).toBe(400);
      expect(res.body.errors![0]).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'cost' } });
    });
  });

  describe('ordinary queries still pass', () => {
    const README_PUBLIC = [
      `{ county(code: "${COUNTY}") { name townships { code name villages { code name } } } }`,
      `{ county(code: "${COUNTY}") { code name townships { code name villages { code name } } } }`,
      `{ county(code: "${COUNTY}") { serviceItems { code name kind decidingLevel intakeLevels legalLimitDays promisedLimitDays fee materials { name form copies } } } }`,
      `{ county(code: "${COUNTY}") { itemsTakenIn { code name } itemsDecided { code name } }
         township(code: "${TOWNSHIP}") { itemsTakenIn { code name decidingLevel } itemsDecided { code name } }
         village(code: "${VILLAGE}") { itemsTakenIn { code name decidingLevel } itemsDecided { code name } } }`,
      `{ workingDaysAfter(date: "2026-09-30", days: 3, countyCode: "140925") }`,
      `{ calendarDay(date: "2026-02-14", countyCode: "140925") { working name source } }`,
      `{ calendarYears(countyCode: "140925") }`,
      `{ calendarOverrides(year: 2027, countyCode: "140925") { countyCode date working name setBy setAt } }`,
    ];
    it.each(README_PUBLIC)('the README’s %s, not signed in', async (query) => {
      const res = await post(query);
      expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
    });

    it('the README’s queries for staff, each as the member of staff it is for', async () => {
      const queries: [string, () => string][] = [
        [CLERK, () => `{ village(code: "${VILLAGE}") { name cases { caseNo status light } } }`],
        [DIRECTOR, () => `{
          county(code: "${COUNTY}") { centreName staff(role: DIRECTOR) { name point { name } } windowUnits { name chiefRepresentative { name } windows { number business staff { name post } } } }
          township(code: "${TOWNSHIP}") { name staff { name role post desk point { name } } }
          village(code: "${VILLAGE}") { name roomName township { name county { name } } staff { name post } } }`],
        [CLERK, () => `{ villageCase(caseNo: "${caseNo}") { status light notice(kind: ACCEPTANCE) { html } } }`],
        [CLERK, () => `{ trackCase(caseNo: "${caseNo}") { caseNo found item { name } status currentLevel currentPoint { code name } deadline light hops { from { code name } to { code name } at by { name } action note } } }`],
        [TOWNSHIP_CLERK, () => `{ township(code: "${TOWNSHIP}") { forwardedToMe { caseNo hop status itemName originPointCode deadline light version } } }`],
        [CLERK, () => `{ village(code: "${VILLAGE}") { casesAway { caseNo status light } } }`],
        [DIRECTOR, () => `{ countyDashboard(code: "${COUNTY}", from: "2026-09-01", to: "2026-09-30") {
          name today workingDays
          totals { received accepted finished immediateRate onTimeRate earlyRate overdueNow dailyAverage participationRate satisfactionRate onlineShare complaints }
          levels { level totals { received finished } }
          townships { code name totals { received finished onTimeRate } centre { received } villages { code name totals { received finished } } }
          area(code: "${VILLAGE}") { name totals { received } }
          units { name totals { received finished } }
          items { code name totals { received immediateRate } }
          daily { date received finished }
          alerts { red yellow cases { caseNo level pointName itemName unit status deadline light } } } }`],
      ];
      for (const [user, query] of queries) {
        const res = await post(query(), tokens[user]);
        expect(res.body.errors, `${user}: ${JSON.stringify(res.body.errors)}`).toBeUndefined();
      }
    });

    it('the README’s public tracking, not signed in', async () => {
      const res = await post(`{ trackMyCase(caseNo: "${caseNo}", phoneLast4: "5678") { found itemName pointName statusText deadline whatToBring complaintPhone steps { on text } } }`);
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data.trackMyCase.found).toBe(true);
    });

    it('the window app’s queries, at a village, a township and a county window', async () => {
      const at: [string, 'village' | 'township' | 'county', string, string][] = [
        [CLERK, 'village', VILLAGE, 'roomName'],
        [TOWNSHIP_CLERK, 'township', TOWNSHIP, 'centreName'],
        [COUNTY_CLERK, 'county', COUNTY, 'centreName'],
      ];
      for (const [user, field, code, centre] of at) {
        // web/src/app/data.ts, lists.ts and case.ts, as they send them.
        const queries = [
          `query($c: ID!) { p: ${field}(code: $c) { itemsTakenIn { id code name kind decidingLevel decidingUnit legalBasis legalLimitDays promisedLimitDays fee procedure contactPhone materials { name form copies note } } } }`,
          `query($c: ID!) { p: ${field}(code: $c) { code name ${centre} } }`,
          `query($c: ID!) { p: ${field}(code: $c) { list: cases { ${web.LIST_FIELDS} } } }`,
          `query($c: ID!) { p: ${field}(code: $c) { list: casesAway { ${web.LIST_FIELDS} } } }`,
          `query($c: ID!) { p: ${field}(code: $c) { forwardedToMe { caseNo hop status version itemId itemName originPointCode fromPointCode applicantName receivedAt deadline light reason } } }`,
        ];
        for (const query of queries) {
          const res = await post(query, tokens[user], { c: code });
          expect(res.body.errors, `${user}: ${query.slice(0, 60)}: ${JSON.stringify(res.body.errors)}`).toBeUndefined();
        }
      }
      const opened = await post(`query($c: ID!) { c: villageCase(caseNo: $c) { ${web.CASE_FIELDS} } }`, tokens[CLERK], { c: caseNo });
      expect(opened.body.errors).toBeUndefined();
      const notice = await post(`query($c: ID!, $k: NoticeKind!) { c: villageCase(caseNo: $c) { notice(kind: $k) { title html } } }`, tokens[CLERK], { c: caseNo, k: 'ACCEPTANCE' });
      expect(notice.body.errors).toBeUndefined();
    });

    it('the tracking page’s query, not signed in (web/src/track/main.ts)', async () => {
      const res = await post(
        `query($n: ID!, $p: String!) { t: trackMyCase(caseNo: $n, phoneLast4: $p) { found itemName pointName statusText deadline whatToBring complaintPhone contactPhone steps { on text } } }`,
        undefined,
        { n: caseNo, p: '5678' },
      );
      expect(res.body.errors).toBeUndefined();
    });

    it('the dashboard page’s query, for the whole year, by the director', async () => {
      const res = await post(DASHBOARD_QUERY, tokens[DIRECTOR], { code: COUNTY, ...presetPeriod('year', TODAY) });
      expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
      expect(res.body.data.countyDashboard.daily).toHaveLength(365);
    });
  });

  describe('the county dashboard, the costliest field there is, is limited before any level is asked', () => {
    it('two dashboards in one request are refused', async () => {
      const res = await refusedUpFront(`{ ${DASHBOARD('2026-09-01', '2026-09-30', 'a: ')} ${DASHBOARD('2026-08-01', '2026-08-31', 'b: ')} }`, tokens[DIRECTOR]);
      expect(res.status).toBe(400);
      expect(res.body.errors![0]).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'perRequest', field: 'countyDashboard', max: 1 } });
    });

    it('so are two spread from one fragment', async () => {
      const res = await refusedUpFront(`{ ...D ...E } fragment D on Query { a: ${DASHBOARD('2026-09-01', '2026-09-30')} } fragment E on Query { ...D }`, tokens[DIRECTOR]);
      expect(res.body.errors![0]).toMatchObject({ extensions: { limit: 'perRequest', field: 'countyDashboard' } });
    });

    it('a period of two years is refused, naming `to` and the limit', async () => {
      const res = await refusedUpFront(`{ ${DASHBOARD('2024-10-01', '2026-09-30')} }`, tokens[DIRECTOR]);
      expect(res.status).toBe(400);
      expect(res.body.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'to', max: 366 }, message: expect.stringContaining('730 天') });
    });

    it('so is one sent in variables', async () => {
      fed.resetSqlCounts();
      const res = await post(`query($f: String!, $t: String!) { countyDashboard(code: "${COUNTY}", from: $f, to: $t) { totals { received } } }`, tokens[DIRECTOR], { f: '2025-01-01', t: '2026-12-31' });
      expect(fed.sqlCounts()).toEqual({ county: 0, township: 0, village: 0 });
      expect(res.body.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'to' } });
    });

    it('a period in the year 9999 is refused with BAD_USER_INPUT naming the argument, not an internal one', async () => {
      for (const [from, to, field] of [['9999-01-01', '9999-12-31', 'from'], ['2026-01-01', '9999-12-31', 'to'], ['1900-01-01', '1900-12-31', 'from']]) {
        const res = await refusedUpFront(`{ ${DASHBOARD(from!, to!)} }`, tokens[DIRECTOR]);
        expect(res.body.errors![0], `${from}…${to}`).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field } });
        expect(res.body.errors![0]!.message).toContain(field!);
      }
    });

    it('a dashboard asked for without signing in is refused as UNAUTHENTICATED', async () => {
      const res = await refusedUpFront(`{ ${DASHBOARD('2026-09-01', '2026-09-30')} }`);
      expect(res.status).toBe(401);
      expect(res.body.errors![0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED', field: 'countyDashboard' } });
    });

    it('one dashboard for a year is answered', async () => {
      const res = await post(`{ ${DASHBOARD('2026-01-01', '2026-12-31')} }`, tokens[DIRECTOR]);
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data.countyDashboard.totals.received).toBe(1);
    });
  });
});
