import { spawn } from 'node:child_process';
import { createServer as listen } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshTestDatabases } from '@scf/kit';
import { DEMO_PASSWORD, seedCounty } from '@scf/seed';
import { county as countyLevel } from '@scf/county';
import { township as townshipLevel } from '@scf/township';
import { village as villageLevel } from '@scf/village';
import { createGateway, subgraphUrlsFromEnv, type RunningGateway } from '@scf/gateway';
import { itemIdByCode, residentId } from './builders.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SECRETS = {
  SCF_AUTH_SECRET: 'auth-secret-for-the-production-start-test-0001',
  SCF_GATEWAY_SECRET: 'gateway-secret-for-the-production-start-test-02',
  SCF_HANDOVER_TOKEN: 'handover-secret-for-the-production-start-test',
  SCF_INTERNAL_TOKEN: 'internal-secret-for-the-production-start-test',
};
const CONFIG_NAMES = [
  'NODE_ENV', ...Object.keys(SECRETS), 'COUNTY_INTERNAL_URL', 'TOWNSHIP_INTERNAL_URL', 'VILLAGE_INTERNAL_URL',
  'COUNTY_HOST', 'TOWNSHIP_HOST', 'VILLAGE_HOST', 'COUNTY_PORT', 'TOWNSHIP_PORT', 'VILLAGE_PORT', 'COUNTY_URL', 'TOWNSHIP_URL', 'VILLAGE_URL', 'GATEWAY_PORT',
];

type Level = 'county' | 'township' | 'village';

/** Starts `subgraphs/<level>/src/main.ts` as production does; resolves when it listens or exits. */
function start(level: Level, env: Record<string, string>, databaseUrl: string): Promise<{ started: boolean; code: number | null; output: string }> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !CONFIG_NAMES.includes(k))) as Record<string, string>;
  const child = spawn(process.execPath, ['--import', 'tsx', `subgraphs/${level}/src/main.ts`], {
    cwd: ROOT,
    env: { ...base, NODE_ENV: 'production', [`${level.toUpperCase()}_PORT`]: '0', [`${level.toUpperCase()}_DATABASE_URL`]: databaseUrl, SCF_CATALOGUE_SYNC_MS: '3600000', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      if (/subgraph at http/.test(output)) {
        clearTimeout(timer);
        child.once('exit', () => resolve({ started: true, code: null, output }));
        child.kill('SIGTERM');
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ started: /subgraph at http/.test(output), code, output });
    });
  });
}

describe('a production start without a required secret or address stops and names it', () => {
  const dbs = freshTestDatabases(['county', 'township', 'village'] as const);
  afterAll(() => dbs.cleanup());
  const { SCF_HANDOVER_TOKEN: _h, SCF_INTERNAL_TOKEN: _i, ...authOnly } = SECRETS;

  it.each([
    ['county', 'SCF_HANDOVER_TOKEN', { ...authOnly, SCF_INTERNAL_TOKEN: SECRETS.SCF_INTERNAL_TOKEN }],
    ['county', 'SCF_INTERNAL_TOKEN', { ...authOnly, SCF_HANDOVER_TOKEN: SECRETS.SCF_HANDOVER_TOKEN }],
    ['township', 'SCF_INTERNAL_TOKEN', { ...authOnly, SCF_HANDOVER_TOKEN: SECRETS.SCF_HANDOVER_TOKEN }],
    ['village', 'SCF_HANDOVER_TOKEN', { ...SECRETS, SCF_HANDOVER_TOKEN: 'dev-handover-token' }],
    ['village', 'COUNTY_INTERNAL_URL', { ...SECRETS, TOWNSHIP_INTERNAL_URL: 'http://10.20.0.2:4002' }],
    ['township', 'VILLAGE_INTERNAL_URL', { ...SECRETS, COUNTY_INTERNAL_URL: 'http://10.20.0.1:4001' }],
    ['village', 'COUNTY_INTERNAL_URL', { ...SECRETS, VILLAGE_HOST: '0.0.0.0' }],
  ] as const)('the %s subgraph refuses to start without %s', async (level, name, env) => {
    const run = await start(level, env, dbs.urls[level]);
    expect(run.started).toBe(false);
    expect(run.code).not.toBe(0);
    expect(run.output).toContain(name);
    expect(run.output).not.toMatch(/\n\s+at .*\.ts:\d+/);
  });

  it('starts when every secret is set (single host, the peers found on their ports)', async () => {
    const run = await start('county', { ...SECRETS }, dbs.urls.county);
    expect(run.output).toContain('county subgraph at http');
    expect(run.started).toBe(true);
  });
});

async function freePort(): Promise<number> {
  const server = listen();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as import('node:net').AddressInfo;
  await new Promise<void>((ok) => server.close(() => ok()));
  return port;
}

/**
 * The four processes of the README on ports other than 4000–4003, configured only by the environment as
 * their main.ts files are (*_PORT, no *_INTERNAL_URL): hand-overs and the catalogue find each level there.
 */
describe('each level finds its hand-over peers and the catalogue from *_PORT', () => {
  const dbs = freshTestDatabases(['county', 'township', 'village'] as const);
  const saved = Object.fromEntries(CONFIG_NAMES.map((k) => [k, process.env[k]]));
  let servers: { county: Awaited<ReturnType<typeof countyLevel.createServer>>; township: Awaited<ReturnType<typeof townshipLevel.createServer>>; village: Awaited<ReturnType<typeof villageLevel.createServer>> };
  let gateway: RunningGateway;

  beforeAll(async () => {
    for (const k of CONFIG_NAMES) if (k !== 'NODE_ENV') delete process.env[k];
    const [county, township, village, gw] = [await freePort(), await freePort(), await freePort(), await freePort()];
    Object.assign(process.env, { COUNTY_PORT: String(county), TOWNSHIP_PORT: String(township), VILLAGE_PORT: String(village), GATEWAY_PORT: String(gw) });
    // As each main.ts does: the port and host from the environment, everything else found from it.
    const c = await countyLevel.createServer({ port: Number(process.env.COUNTY_PORT), databaseUrl: dbs.urls.county });
    const [t, v] = await Promise.all([
      townshipLevel.createServer({ port: Number(process.env.TOWNSHIP_PORT), databaseUrl: dbs.urls.township, catalogueSyncIntervalMs: 3_600_000, relayEveryMs: 3_600_000 }),
      villageLevel.createServer({ port: Number(process.env.VILLAGE_PORT), databaseUrl: dbs.urls.village, catalogueSyncIntervalMs: 3_600_000, relayEveryMs: 3_600_000 }),
    ]);
    servers = { county: c, township: t, village: v };
    gateway = await createGateway({ subgraphUrls: subgraphUrlsFromEnv(), port: Number(process.env.GATEWAY_PORT) });
    await seedCounty({ county: c.orm, township: t.orm, village: v.orm }, '140925', { demoPassword: DEMO_PASSWORD });
  });
  afterAll(async () => {
    await gateway?.stop();
    await Promise.all(Object.values(servers ?? {}).map((s) => s.stop()));
    await dbs.cleanup();
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  });

  const as = async (username: string) => {
    const origin = new URL(gateway.url).origin;
    const signIn = await fetch(`${origin}/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
    const { token } = (await signIn.json()) as { token: string };
    return async (query: string, variables?: Record<string, unknown>) => {
      const res = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
      return (await res.json()) as { data?: any; errors?: any[] };
    };
  };

  it('townships and villages pull the catalogue from the county on COUNTY_PORT', async () => {
    expect(await servers.township.syncCatalogue()).toMatchObject({ applied: expect.any(Number) });
    expect(await servers.village.syncCatalogue()).toMatchObject({ applied: expect.any(Number) });
  });

  it('a village forwards a case and the township on TOWNSHIP_PORT receives it', async () => {
    const village = '140925100207';
    const clerk = await as(`${village}.a`);
    const itemId = await itemIdByCode({ query: (q: string) => clerk(q) } as any, '140925', 'ZM-JS-007');
    const reg = await clerk(`mutation($i: RegisterCaseInput!) { registerVillageCase(input: $i) { caseNo } }`, {
      i: { pointCode: village, itemId, applicant: { type: 'PERSON', name: '李秀英', idNumber: residentId(), phone: '13912345678' }, materialsReceived: [1, 2, 3] },
    });
    expect(reg.errors).toBeUndefined();
    const caseNo = reg.data.registerVillageCase.caseNo;
    await clerk(`mutation($i: CaseActionInput!) { actVillageCase(input: $i) { version } }`, { i: { caseNo, expectedVersion: 1, action: 'accept' } });
    const fwd = await clerk(`mutation($i: CaseActionInput!) { actVillageCase(input: $i) { status } }`, { i: { caseNo, expectedVersion: 2, action: 'forward', toPointCode: '140925100' } });
    expect(fwd.errors).toBeUndefined();
    // The kick after the commit usually sent it already; a flush makes sure nothing still waits.
    expect(await servers.village.relay.flush()).toMatchObject({ failed: 0, pending: 0 });
    const township = await as('140925100.director');
    const waiting = await township(`{ township(code: "140925100") { forwardedToMe { caseNo } } }`);
    expect(waiting.data.township.forwardedToMe).toEqual([{ caseNo }]);
  });
});
