// The benchmarks on a real county's year: one command.
//
//   npm run bench -- [--cases 300000] [--iterations 300] [--regenerate] [--no-hive]
//
// 1. The year: reuses the one in scf_bench_county/_township/_village (MariaDB, SCF_BENCH_MYSQL_URL) if it was made
//    by this generator with the same --cases, else generates it (generate-year.ts: drops and recreates them).
// 2. Starts the federation in this process on those databases (startFederation, clock at the year's "now" and
//    running on), and Hive Gateway over the same supergraph and subgraphs.
// 3. Scenarios, each with p50/p95 latency and throughput: trackCase and the county dashboard (a month, the year)
//    through both gateways, the dashboard's SQL floor, registration at a village (1 and 8 in flight), accepting
//    and forwarding to the township (the relay hands over in the background).
// 4. Prints a markdown table for BENCHMARKS.md with the machine it ran on.
process.env.APOLLO_TELEMETRY_DISABLED = '1';
// A benchmark is a flood from one account by design: the gateway's per-client rate limits would measure themselves.
process.env.SCF_GRAPHQL_RATE_ANONYMOUS ??= '0';
process.env.SCF_GRAPHQL_RATE_STAFF ??= '0';
// Not production: development secrets, the demo password (refused in production) and introspection are fine.

import os from 'node:os';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { authConfigFromEnv, gatewayCredentialSource } from '@scf/auth';
import { loadCalendar } from '@scf/catalogue';
import { chinaToday } from '@scf/domain';
import { loadSupergraph } from '@scf/schema';
import { DEMO_PASSWORD } from '@scf/seed';
import { startFederation } from '@scf/federation';
import { generateYear, printRowCounts, readYearMeta } from './generate-year.js';
import { startHiveGateway, type RunningHiveGateway } from './hive.js';
import { residentId } from './ids.js';
import { removeBenchCases } from './reset.js';
import { openFloorPools, sqlFloor } from './sql-floor.js';
import { measure, measureInterleaved, type Measured } from './stats.js';
import { BENCH_COUNTY, benchDatabaseUrls, DEFAULT_CASES, GENERATOR_VERSION, LEVELS, type YearMeta } from './year.js';

const { values } = parseArgs({
  options: {
    cases: { type: 'string' },
    iterations: { type: 'string', default: '300' },
    'dashboard-iterations': { type: 'string' },
    regenerate: { type: 'boolean', default: false },
    'no-hive': { type: 'boolean', default: false },
  },
});
const ITERATIONS = Number(values.iterations);
const DASHBOARD_ITERATIONS = Number(values['dashboard-iterations'] ?? Math.max(10, Math.round(ITERATIONS / 6)));
const urls = benchDatabaseUrls();

/**
 * The county dashboard as the window app asks for it (`countyDashboard`, packages/dashboard): the selection is kept
 * here in one place so it is easy to adjust. The arguments are written into the query, as a client would, so
 * that the scalar types of the arguments (ID, String) need no matching variable declarations. The runner skips
 * the dashboard scenarios, saying why, when the supergraph has no such field or refuses this selection.
 */
export const DASHBOARD_SELECTION = /* GraphQL */ `{
    totals { received accepted finished immediateRate onTimeRate earlyRate overdueNow dailyAverage satisfactionRate participationRate onlineShare }
    townships { code name totals { received finished } }
    daily { date received finished }
    alerts { red yellow cases { caseNo light } }
  }`;
export function dashboardQuery(code: string, from: string, to: string): string {
  return `{ countyDashboard(code: ${JSON.stringify(code)}, from: ${JSON.stringify(from)}, to: ${JSON.stringify(to)}) ${DASHBOARD_SELECTION} }`;
}
const PERIODS = [
  { name: 'dashboard, one month (June)', from: '2026-06-01', to: '2026-06-30', iterations: DASHBOARD_ITERATIONS },
  { name: 'dashboard, the whole year', from: '2026-01-01', to: '2026-12-31', iterations: Math.max(10, Math.round(DASHBOARD_ITERATIONS / 2)) },
];

const TRACK = `query Track($c: ID!) { trackCase(caseNo: $c) { caseNo found item { name } status currentLevel currentPoint { code name } deadline light
  hops { from { code name } to { code name } at by { name } action note } } }`;
const REGISTER = `mutation Register($i: RegisterCaseInput!) { registerVillageCase(input: $i) { caseNo status version } }`;
const ACT = `mutation Act($i: CaseActionInput!) { actVillageCase(input: $i) { caseNo status version } }`;

interface GraphQLAnswer {
  data?: any;
  errors?: { message: string; extensions?: { code?: string } }[];
}
async function gql(url: string, query: string, variables: Record<string, unknown>, token: string): Promise<GraphQLAnswer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as GraphQLAnswer;
}
async function must(url: string, query: string, variables: Record<string, unknown>, token: string): Promise<any> {
  const answer = await gql(url, query, variables, token);
  if (answer.errors?.length || !answer.data) throw new Error(`${url}: ${JSON.stringify(answer.errors ?? answer)}`);
  return answer.data;
}

function versionOf(pkg: string): string {
  try {
    return (JSON.parse(readFileSync(new URL(`../../node_modules/${pkg}/package.json`, import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}

// ---------------------------------------------------------------------------------------------------------
// 1. The year.
// ---------------------------------------------------------------------------------------------------------

const wanted = values.cases === undefined ? undefined : Number(values.cases);
let meta: YearMeta | null = await readYearMeta(urls);
if (values.regenerate || !meta || meta.generatorVersion !== GENERATOR_VERSION || (wanted !== undefined && meta.requested !== wanted)) {
  console.log(meta ? `regenerating the year (${wanted ?? DEFAULT_CASES} cases)` : `no generated year in the bench databases: generating ${wanted ?? DEFAULT_CASES} cases`);
  meta = await generateYear({ cases: wanted ?? DEFAULT_CASES });
  console.log(`generated ${meta.cases.toLocaleString('en')} cases in ${meta.seconds.toFixed(1)} s`);
  printRowCounts(meta);
} else {
  console.log(`reusing the generated year: ${meta.cases.toLocaleString('en')} cases as of ${meta.now} (generated ${meta.generatedAt} in ${meta.seconds.toFixed(0)} s; --regenerate to make it again)`);
}

// ---------------------------------------------------------------------------------------------------------
// 2. The federation on the year's databases, and Hive Gateway beside our gateway.
// ---------------------------------------------------------------------------------------------------------

const nowMs = Date.parse(meta.now);
const floor = await openFloorPools(urls);
const removed = await removeBenchCases(floor.pools, new Date(nowMs));
if (removed) console.log(`removed the ${removed} cases earlier runs registered: measuring the generated year as it was`);
const startedAt = Date.now();
const clock = () => new Date(nowMs + (Date.now() - startedAt));
const fed = await startFederation({ databaseUrls: urls, clock }).catch(async (e) => {
  await floor.close();
  throw e;
});
let hive: RunningHiveGateway | null = null;
const rows: string[] = [];
const ms = (n: number) => n.toFixed(1);
const row = (scenario: string, path: string, m: Measured) => rows.push(`| ${scenario} | ${path} | ${m.iterations} | ${m.concurrency} | ${ms(m.p50)} | ${ms(m.p95)} | ${m.perSecond.toFixed(1)} |`);
const ratio = (scenario: string, what: string, a: Measured, b: Measured) =>
  rows.push(`| ${scenario} | **${what}** | | | **${(a.p50 / b.p50).toFixed(2)}** | **${(a.p95 / b.p95).toFixed(2)}** | |`);
const notes: string[] = [];
const loadAtStart = os.loadavg()[0]!;

try {
  const origin = new URL(fed.gateway.url).origin;
  // Sign-in is rate limited (30 a minute per address): once per user.
  const signIn = async (username: string) => {
    const res = await fetch(`${origin}/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
    const body = (await res.json()) as { token?: string };
    if (res.status !== 200 || !body.token) throw new Error(`sign-in as ${username} failed: ${res.status} ${JSON.stringify(body)}`);
    return body.token;
  };
  const director = await signIn(`${BENCH_COUNTY}.director`);
  const gateways: { name: string; url: string }[] = [{ name: `our gateway (Apollo Gateway ${versionOf('@apollo/gateway')})`, url: fed.gateway.url }];
  if (!values['no-hive']) {
    hive = await startHiveGateway({
      supergraph: loadSupergraph(),
      subgraphUrls: { county: fed.county.url, township: fed.township.url, village: fed.village.url },
      credential: gatewayCredentialSource(authConfigFromEnv().gatewaySecret),
    });
    gateways.push({ name: `Hive Gateway ${versionOf('@graphql-hive/gateway')}`, url: hive.url });
  }
  const [ours, theirs] = gateways;
  const calendar = await loadCalendar(fed.county.orm.em.fork() as never, BENCH_COUNTY);
  const today = chinaToday(clock());

  // -------------------------------------------------------------------------------------------------------
  // trackCase: a sample of the year's cases, drawn across the three levels in proportion to their intake.
  // -------------------------------------------------------------------------------------------------------
  const total = LEVELS.reduce((n, l) => n + (meta!.rows[l].case_file ?? 0), 0);
  const sample: string[] = [];
  for (const level of LEVELS) {
    const k = Math.max(1, Math.round((500 * (meta.rows[level].case_file ?? 0)) / total));
    const [r] = await floor.pools[level].query(`select case_no from case_file where registered_on < ? order by rand(7) limit ${k}`, [today]);
    sample.push(...(r as { case_no: string }[]).map((x) => x.case_no));
  }
  sample.sort((a, b) => (a.split('').reverse().join('') < b.split('').reverse().join('') ? -1 : 1)); // mix the levels
  const pick = (i: number) => sample[i % sample.length]!;
  for (const g of gateways) for (let i = 0; i < 50; i++) await must(g.url, TRACK, { c: pick(i) }, director);
  if (theirs) {
    for (let i = 0; i < 20; i++) {
      const [a, b] = await Promise.all(gateways.map((g) => must(g.url, TRACK, { c: pick(i) }, director)));
      if (JSON.stringify(a) !== JSON.stringify(b)) notes.push(`trackCase ${pick(i)}: the two gateways answered differently`);
    }
  }
  const track = await measureInterleaved(ITERATIONS, Object.fromEntries(gateways.map((g) => [g.name, (i: number) => must(g.url, TRACK, { c: pick(i) }, director)])));
  for (const g of gateways) row('`trackCase`', g.name, track[g.name]!);
  if (theirs) ratio('`trackCase`', 'ours ÷ Hive', track[ours!.name]!, track[theirs.name]!);

  // -------------------------------------------------------------------------------------------------------
  // The county dashboard, if the supergraph has it yet.
  // -------------------------------------------------------------------------------------------------------
  const probe = await gql(ours!.url, dashboardQuery(BENCH_COUNTY, PERIODS[0]!.from, PERIODS[0]!.to), {}, director);
  const validation = probe.errors?.find((e) => e.extensions?.code === 'GRAPHQL_VALIDATION_FAILED');
  let dashboard = 'skipped';
  if (validation) {
    dashboard = /Cannot query field "countyDashboard"/.test(validation.message)
      ? `skipped: the supergraph has no \`countyDashboard\` yet`
      : `skipped: the supergraph refuses the dashboard query (adjust DASHBOARD_SELECTION in bench/src/run.ts): ${probe.errors!.map((e) => e.message).join('; ')}`;
    console.log(`dashboard scenarios ${dashboard}`);
  } else if (probe.errors?.length || !probe.data?.countyDashboard) {
    dashboard = `skipped: countyDashboard answered ${JSON.stringify(probe.errors ?? probe.data).slice(0, 300)}`;
    console.log(`dashboard scenarios ${dashboard}`);
  } else {
    dashboard = 'ran';
    for (const p of PERIODS) {
      const query = dashboardQuery(BENCH_COUNTY, p.from, p.to);
      const floorRun = () => sqlFloor(floor.pools, calendar, BENCH_COUNTY, p.from, p.to, today);
      for (let i = 0; i < 3; i++) {
        for (const g of gateways) await must(g.url, query, {}, director);
        await floorRun();
      }
      // The same figures? (received and finished must agree; rates are the API's to compute.)
      const api = (await must(ours!.url, query, {}, director)).countyDashboard;
      const sql = await floorRun();
      for (const k of ['received', 'accepted', 'finished'] as const) {
        if (api.totals[k] !== sql.totals[k]) notes.push(`${p.name}: totals.${k} is ${api.totals[k]} through the gateway, ${sql.totals[k]} by SQL`);
      }
      if (api.alerts.red !== sql.totals.red || api.alerts.yellow !== sql.totals.yellow) {
        notes.push(`${p.name}: red/yellow ${api.alerts.red}/${api.alerts.yellow} through the gateway, ${sql.totals.red}/${sql.totals.yellow} by SQL`);
      }
      const runs: Record<string, (i: number) => Promise<unknown>> = Object.fromEntries(gateways.map((g) => [g.name, () => must(g.url, query, {}, director)]));
      runs['SQL floor'] = floorRun;
      const m = await measureInterleaved(p.iterations, runs);
      for (const g of gateways) row(p.name, g.name, m[g.name]!);
      row(p.name, 'SQL floor: the same GROUP BYs on the 3 databases in parallel', m['SQL floor']!);
      ratio(p.name, 'ours ÷ SQL floor', m[ours!.name]!, m['SQL floor']!);
      if (theirs) {
        ratio(p.name, 'Hive ÷ SQL floor', m[theirs.name]!, m['SQL floor']!);
        ratio(p.name, 'ours ÷ Hive', m[ours!.name]!, m[theirs.name]!);
      }
      console.log(`${p.name}: received ${sql.totals.received}, finished ${sql.totals.finished}, red ${sql.totals.red}, yellow ${sql.totals.yellow}`);
    }
  }

  // -------------------------------------------------------------------------------------------------------
  // Registration at village rooms, then accepting and forwarding to the township (through our gateway).
  // -------------------------------------------------------------------------------------------------------
  const [villageRows] = await floor.pools.VILLAGE.query(`select code from village where county_code = ? order by code limit 8`, [BENCH_COUNTY]);
  const villages = (villageRows as { code: string }[]).map((v) => v.code);
  const clerks = new Map<string, string>();
  for (const v of villages) clerks.set(v, await signIn(`${v}.a`));
  const [itemRows] = await floor.pools.VILLAGE.query(`select id from service_item where county_code = ? and code = 'ZM-JS-007'`, [BENCH_COUNTY]);
  const itemId = String((itemRows as { id: number }[])[0]!.id);
  const stamp = Date.now() % 1000;
  const register = (village: string, i: number) =>
    must(ours!.url, REGISTER, {
      i: { pointCode: village, itemId, applicant: { type: 'PERSON', name: `申请人${i}`, idNumber: residentId(stamp + i), phone: '13912345678' }, materialsReceived: [1, 2, 3] },
    }, clerks.get(village)!).then((d) => d.registerVillageCase.caseNo as string);
  const home = villages[0]!;
  for (let i = 0; i < 10; i++) await register(home, i); // warm-up
  const registered: string[] = [];
  const reg1 = await measure(ITERATIONS, async (i) => registered.push(await register(home, i)));
  row('`registerVillageCase`', ours!.name, reg1);
  const reg8 = await measure(ITERATIONS, (i) => register(villages[i % villages.length]!, ITERATIONS + i), { concurrency: 8 });
  row('`registerVillageCase`, 8 villages at once', ours!.name, reg8);
  const accept = await measure(registered.length, (i) => must(ours!.url, ACT, { i: { caseNo: registered[i], expectedVersion: 1, action: 'accept' } }, clerks.get(home)!));
  row('`actVillageCase` accept', ours!.name, accept);
  const township = home.slice(0, 9);
  const forwarded = Date.now();
  const forward = await measure(registered.length, (i) => must(ours!.url, ACT, { i: { caseNo: registered[i], expectedVersion: 2, action: 'forward', toPointCode: township, note: '代办上报' } }, clerks.get(home)!));
  row('`actVillageCase` forward to the township (relay hands over in the background)', ours!.name, forward);
  // The relay was kicked after every commit; see how much was still on its way when the last forward returned.
  const [left] = await floor.pools.VILLAGE.query(`select count(*) n from outbox where status = 'PENDING' and case_no in (?)`, [registered]);
  const pendingAtEnd = Number((left as { n: number }[])[0]!.n);
  let drained = Date.now();
  for (let k = 0; k < 600; k++) {
    const [r] = await floor.pools.VILLAGE.query(`select count(*) n from outbox where status = 'PENDING' and case_no in (?)`, [registered]);
    if (Number((r as { n: number }[])[0]!.n) === 0) break;
    await new Promise((res) => setTimeout(res, 100));
  }
  drained = Date.now() - drained;
  const [arrived] = await floor.pools.TOWNSHIP.query(`select count(*) n from inbound_case where case_no in (?)`, [registered]);
  notes.push(`forwarding: ${pendingAtEnd} of ${registered.length} hand-overs were still pending when the last forward returned, all delivered ${drained} ms later; ` +
    `${Number((arrived as { n: number }[])[0]!.n)} arrived at the township (whole forwarding phase ${((Date.now() - forwarded) / 1000).toFixed(1)} s)`);

  // -------------------------------------------------------------------------------------------------------
  // 4. The table.
  // -------------------------------------------------------------------------------------------------------
  const [[db]] = (await floor.pools.COUNTY.query(`select version() v, @@innodb_buffer_pool_size pool`)) as unknown as [{ v: string; pool: number }[]];
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log('');
  const asOf = new Date(nowMs + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
  console.log(`Year: ${meta.cases.toLocaleString('en')} cases of 2026 at ${BENCH_COUNTY} (宁武县: county hall, 14 townships, 209 villages) on MariaDB, as of ${asOf} China time; generated in ${meta.seconds.toFixed(0)} s.`);
  console.log(`Machine: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, MariaDB ${db!.v} (innodb_buffer_pool_size ${(Number(db!.pool) / 2 ** 20).toFixed(0)} MiB), ${new Date().toISOString().slice(0, 10)}.`);
  console.log(`Load average (1 min) ${loadAtStart.toFixed(1)} at the start, ${os.loadavg()[0]!.toFixed(1)} at the end (2 cores: anything above ~1 is other work competing).`);
  console.log('Everything in one Node process: three subgraphs, both gateways, the client; latencies in ms; the gateways measured alternately over the same inputs.');
  console.log(`Dashboard scenarios: ${dashboard}.`);
  console.log('');
  console.log('| scenario | path | requests | in flight | p50 ms | p95 ms | per second |');
  console.log('|---|---|---:|---:|---:|---:|---:|');
  for (const r of rows) console.log(r);
  if (notes.length) {
    console.log('');
    for (const n of notes) console.log(`- ${n}`);
  }
} finally {
  await hive?.stop();
  await floor.close();
  await fed.stop();
}
