import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { dropDatabase, parseDatabaseUrl, type Level } from '@scf/kit';
import { seedCounty, type SeedReport } from '@scf/seed';
import { startFederation, type RunningFederation } from './federation.js';

/**
 * Which database the test suite runs on: `SCF_TEST_DB=mysql` uses the MySQL/MariaDB server at
 * SCF_TEST_MYSQL_URL (default mysql://root@127.0.0.1:3306) and fails if it is unreachable; anything else
 * uses the embedded database.
 */
export const testDatabase: 'mysql' | 'embedded' = process.env.SCF_TEST_DB === 'mysql' ? 'mysql' : 'embedded';

const LEVELS: Level[] = ['COUNTY', 'TOWNSHIP', 'VILLAGE'];

/** Fresh, empty databases for one test file: their own names on MySQL, their own files when embedded. */
export function freshDatabaseUrls(): { urls: Record<Level, string>; cleanup(): Promise<void> } {
  if (testDatabase === 'mysql') {
    const base = (process.env.SCF_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306').replace(/\/+$/, '');
    const tag = `scf_t${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
    const urls = Object.fromEntries(LEVELS.map((l) => [l, `${base}/${tag}_${l.toLowerCase()}`])) as Record<Level, string>;
    return { urls, cleanup: () => Promise.all(LEVELS.map((l) => dropDatabase(parseDatabaseUrl(urls[l])))).then(() => undefined) };
  }
  const dir = mkdtempSync(join(tmpdir(), 'scf-test-'));
  const urls = Object.fromEntries(LEVELS.map((l) => [l, `file:${join(dir, `${l.toLowerCase()}.db`)}`])) as Record<Level, string>;
  return { urls, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
}

export interface GraphQLResponse<T = any> {
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

export interface TestFederation extends RunningFederation {
  /** POSTs a GraphQL operation to the gateway, over HTTP, as a client would. */
  query<T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  seed(countyCode: string): Promise<SeedReport>;
  /** SQL statements each subgraph has issued since the last reset. */
  sqlCounts(): Record<'county' | 'township' | 'village', number>;
  resetSqlCounts(): void;
  /** Runs 电子监察 now at every level, as its timer would; returns the records raised per level. */
  runSupervision(): Promise<Record<'county' | 'township' | 'village', number>>;
  /** Moves the clock of every subgraph; `null` goes back to real time. */
  setNow(at: string | Date | null): void;
  close(): Promise<void>;
}

export async function startTestFederation(): Promise<TestFederation> {
  const dbs = freshDatabaseUrls();
  let fed: RunningFederation;
  let fixedNow: Date | null = null;
  try {
    fed = await startFederation({ databaseUrls: dbs.urls, clock: () => fixedNow ?? new Date() });
  } catch (e) {
    await dbs.cleanup().catch(() => undefined);
    throw e;
  }
  return {
    ...fed,
    async query(query, variables) {
      const res = await fetch(fed.gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as GraphQLResponse;
    },
    // Seeding writes the catalogue into the county database; the replicas pull it over HTTP as they would in production.
    async seed(code) {
      const report = await seedCounty({ county: fed.county.orm, township: fed.township.orm, village: fed.village.orm }, code);
      await fed.syncCatalogues();
      return report;
    },
    sqlCounts: () => ({ county: fed.county.sql.count, township: fed.township.sql.count, village: fed.village.sql.count }),
    async runSupervision() {
      const [county, township, village] = await Promise.all([fed.county, fed.township, fed.village].map((s) => s.runTask('supervision')));
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
}
