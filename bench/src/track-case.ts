// trackCase through the gateway against reading the same views from each subgraph directly (in parallel,
// the best a client could do without the gateway). Run: npm run bench:track [-- --cases 200 --iterations 1000]
// SCF_BENCH_DB=mysql uses MariaDB at 127.0.0.1:3306; the default is the embedded database.
process.env.APOLLO_TELEMETRY_DISABLED = '1';
// A benchmark is a flood from one account by design: the gateway's per-client rate limits would measure themselves.
process.env.SCF_GRAPHQL_RATE_ANONYMOUS ??= '0';
process.env.SCF_GRAPHQL_RATE_STAFF ??= '0';
if (process.env.SCF_BENCH_DB === 'mysql') process.env.SCF_TEST_DB = 'mysql';

import os from 'node:os';
import { parseArgs } from 'node:util';
import { residentId } from './ids.js';
import { measure, post } from './stats.js';

const { startTestFederation, testDatabase } = await import('@scf/federation/testing');
const { values } = parseArgs({ options: { cases: { type: 'string', default: '100' }, iterations: { type: 'string', default: '1000' } } });
const CASES = Number(values.cases);
const ITERATIONS = Number(values.iterations);
const VILLAGE = '140925100207';
const TOWNSHIP = '140925100';
const COUNTY = '140925';

const { authConfigFromEnv, GATEWAY_CREDENTIAL_HEADER, signGatewayCredential } = await import('@scf/auth');
const fed = await startTestFederation();
try {
  await fed.seed(COUNTY);
  const bearer = async (username: string) => ({ authorization: `Bearer ${(await fed.signIn(username)).body.token}` });
  const [asVillage, asTownship, asCounty, asDirector] = await Promise.all([`${VILLAGE}.a`, `${TOWNSHIP}.d3.a`, '140925.w08.a', '140925.director'].map(bearer));
  // Reading the subgraphs directly needs what the gateway would send them: its credential and the token.
  const asGateway = { ...asDirector!, [GATEWAY_CREDENTIAL_HEADER]: await signGatewayCredential(authConfigFromEnv().gatewaySecret, 3600) };
  fed.setNow('2026-09-28T02:00:00Z');
  const items = await post(fed.gateway.url, `{ county(code: "${COUNTY}") { serviceItems { id code } } }`);
  const fireworks = items.county.serviceItems.find((i: any) => i.code === 'XK-YJ-001').id;

  // Realistic journeys: village → township → county, decided there, result back at the village.
  const caseNos: string[] = [];
  for (let i = 0; i < CASES; i++) {
    const reg = await post(fed.gateway.url, `mutation($i: RegisterCaseInput!) { registerVillageCase(input: $i) { caseNo } }`, {
      i: { pointCode: VILLAGE, itemId: fireworks, applicant: { type: 'PERSON', name: `申请人${i}`, idNumber: residentId(i), phone: '13912345678' }, materialsReceived: [1, 2, 3, 4] },
    }, asVillage);
    const caseNo = reg.registerVillageCase.caseNo;
    const act = (input: object) => post(fed.gateway.url, `mutation($i: CaseActionInput!) { actVillageCase(input: $i) { version } }`, { i: { caseNo, ...input } }, asVillage);
    await act({ expectedVersion: 1, action: 'accept' });
    await act({ expectedVersion: 2, action: 'forward', toPointCode: TOWNSHIP });
    await fed.flushHandovers();
    await post(fed.gateway.url, `mutation($i: ForwardedCaseActionInput!) { handleForwardedTownshipCase(input: $i) { version } }`, { i: { caseNo, expectedVersion: 1, action: 'forward', toPointCode: COUNTY } }, asTownship);
    await fed.flushHandovers();
    await post(fed.gateway.url, `mutation($i: ForwardedCaseActionInput!) { handleForwardedCountyCase(input: $i) { version } }`, { i: { caseNo, expectedVersion: 1, action: 'decide', outcome: 'GRANTED' } }, asCounty);
    await fed.flushHandovers();
    caseNos.push(caseNo);
  }

  const TRACK = `query($c: ID!) { trackCase(caseNo: $c) { caseNo item { name } status currentLevel currentPoint { code name } deadline light
    hops { from { code name } to { code name } at by { name } action note } } }`;
  const VIEW = 'level pointCode pointName holds status itemId itemName registeredAt deadline light hops { hop fromCode toCode at byUsername byName action note }';
  const entities = (field: string) => `query($r: [_Any!]!) { _entities(representations: $r) { ... on CaseTrack { ${field} { ${VIEW} } } } }`;
  const direct = (c: string) => {
    const r = [{ __typename: 'CaseTrack', caseNo: c }];
    return Promise.all([
      post(fed.village.url, entities('villageView'), { r }, asGateway),
      post(fed.township.url, entities('townshipView'), { r }, asGateway),
      post(fed.county.url, entities('countyView'), { r }, asGateway),
      post(fed.county.url, `query($id: [_Any!]!) { _entities(representations: $id) { ... on ServiceItem { name } } }`, { id: [{ __typename: 'ServiceItem', id: fireworks }] }, asGateway),
    ]);
  };
  const pick = (i: number) => caseNos[i % caseNos.length]!;
  // Warm both paths (query plans, JIT, connection pools) before measuring.
  for (let i = 0; i < 100; i++) {
    await post(fed.gateway.url, TRACK, { c: pick(i) }, asDirector);
    await direct(pick(i));
  }
  const viaGateway = await measure(ITERATIONS, (i) => post(fed.gateway.url, TRACK, { c: pick(i) }, asDirector));
  const viaSubgraphs = await measure(ITERATIONS, (i) => direct(pick(i)).then(() => undefined));

  const ms = (n: number) => n.toFixed(2);
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(`trackCase, ${CASES} cases of 3 hops each, ${ITERATIONS} sequential requests, database: ${testDatabase}`);
  console.log(`machine: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
  console.log(`| path | p50 ms | p95 ms | requests/s |`);
  console.log(`|---|---|---|---|`);
  console.log(`| gateway trackCase | ${ms(viaGateway.p50)} | ${ms(viaGateway.p95)} | ${viaGateway.perSecond.toFixed(0)} |`);
  console.log(`| each subgraph directly, in parallel | ${ms(viaSubgraphs.p50)} | ${ms(viaSubgraphs.p95)} | ${viaSubgraphs.perSecond.toFixed(0)} |`);
  console.log(`| ratio gateway ÷ direct | ${(viaGateway.p50 / viaSubgraphs.p50).toFixed(2)} | ${(viaGateway.p95 / viaSubgraphs.p95).toFixed(2)} | |`);
} finally {
  await fed.close();
}
