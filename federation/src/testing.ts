import { freshTestDatabases, type Level } from '@scf/kit';
import { DEMO_PASSWORD, seedCounty, type SeedReport } from '@scf/seed';
import { SUPERVISION_TASK } from '@scf/cases';
import { startFederation, type FederationConfig, type RunningFederation } from './federation.js';

export { testDatabase } from '@scf/kit';

const LEVELS: Level[] = ['COUNTY', 'TOWNSHIP', 'VILLAGE'];

/** Fresh, empty databases for one test file, one per level. */
export function freshDatabaseUrls(): { urls: Record<Level, string>; cleanup(): Promise<void> } {
  return freshTestDatabases(LEVELS);
}

export interface GraphQLResponse<T = any> {
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

export interface GraphQLClient {
  /** POSTs a GraphQL operation to the gateway, over HTTP, as a client would. */
  query<T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
}

export interface TestFederation extends RunningFederation, GraphQLClient {
  /** `query` as an anonymous caller; `as(username).query` as that member of staff, signed in with the demo password. */
  as(username: string): GraphQLClient;
  /** POST /auth/sign-in at the gateway; the raw status and JSON body. */
  signIn(username: string, password?: string): Promise<{ status: number; body: any; headers: Headers }>;
  /** Seeds a county with the demo accounts' password set (DEMO_PASSWORD). */
  seed(countyCode: string): Promise<SeedReport>;
  /** The gateway's origin, e.g. http://127.0.0.1:40123. */
  gatewayOrigin: string;
  /** SQL statements each subgraph has issued since the last reset. */
  sqlCounts(): Record<'county' | 'township' | 'village', number>;
  resetSqlCounts(): void;
  /** Runs 电子监察 now at every level, as its timer would; returns the records raised per level. */
  runSupervision(): Promise<Record<'county' | 'township' | 'village', number>>;
  /** Moves the clock of every subgraph; `null` goes back to real time. */
  setNow(at: string | Date | null): void;
  close(): Promise<void>;
}

export interface TestFederationOptions {
  /**
   * How long the gateway trusts an account's status. Default an hour, so the statement counts tests make
   * are the query's alone; tests that deactivate accounts or reset passwords pass 0 (ask every request).
   */
  accountCheckMs?: number;
  /** A built web site for the gateway to serve at `/` (browser tests). */
  webRoot?: string;
  /** Levels to run in place of the standard ones (see FederationConfig.levels). */
  levels?: FederationConfig['levels'];
  /** Runs the gateway in production mode (the subgraphs and the seed stay as in development). */
  production?: boolean;
}

export async function startTestFederation(options: TestFederationOptions = {}): Promise<TestFederation> {
  const dbs = freshDatabaseUrls();
  let fed: RunningFederation;
  let fixedNow: Date | null = null;
  try {
    // Background polling would blur the SQL statement counts tests make; hand-overs still go at once (the
    // kick after each commit) and tests can flushHandovers().
    fed = await startFederation({ databaseUrls: dbs.urls, clock: () => fixedNow ?? new Date(), relayEveryMs: 3_600_000, accountCheckMs: options.accountCheckMs ?? 3_600_000, webRoot: options.webRoot, production: options.production, levels: options.levels });
  } catch (e) {
    await dbs.cleanup().catch(() => undefined);
    throw e;
  }
  // The same object as the federation, so a level restarted by restartLevel is the one tests see.
  const gatewayOrigin = new URL(fed.gateway.url).origin;
  const post = async (query: string, variables: Record<string, unknown> | undefined, token?: string) => {
    const res = await fetch(fed.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as GraphQLResponse;
  };
  const signIn = async (username: string, password = DEMO_PASSWORD) => {
    const res = await fetch(`${gatewayOrigin}/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    return { status: res.status, body: (await res.json()) as any, headers: res.headers };
  };
  // One sign-in per user per file: each costs a deliberately slow password hash.
  const tokens = new Map<string, Promise<string>>();
  const tokenFor = (username: string) => {
    let t = tokens.get(username);
    if (!t) {
      t = signIn(username).then(({ status, body }) => {
        if (status !== 200) throw new Error(`test sign-in as ${username} failed: ${status} ${JSON.stringify(body)}`);
        return body.token as string;
      });
      tokens.set(username, t);
      t.catch(() => tokens.delete(username));
    }
    return t;
  };
  const extra: Omit<TestFederation, keyof RunningFederation> = {
    gatewayOrigin,
    query: (query, variables) => post(query, variables),
    as: (username) => ({ query: async (query, variables) => post(query, variables, await tokenFor(username)) }),
    signIn,
    // Seeding writes the catalogue into the county database; the replicas pull it over HTTP as they would in production.
    async seed(code) {
      const report = await seedCounty({ county: fed.county.orm, township: fed.township.orm, village: fed.village.orm }, code, { demoPassword: DEMO_PASSWORD });
      await fed.syncCatalogues();
      return report;
    },
    sqlCounts: () => ({ county: fed.county.sql.count, township: fed.township.sql.count, village: fed.village.sql.count }),
    async runSupervision() {
      const [county, township, village] = await Promise.all([fed.county, fed.township, fed.village].map((s) => s.runTask(SUPERVISION_TASK)));
      return { county: county as number, township: township as number, village: village as number };
    },
    setNow(at) {
      fixedNow = at === null ? null : new Date(at);
    },
    resetSqlCounts() {
      for (const s of [fed.county, fed.township, fed.village]) s.sql.reset();
    },
    async close() {
      await fed.stop();
      await dbs.cleanup();
    },
  };
  return Object.assign(fed, extra);
}
