// What the generated year is and where it lives: shared by the generator (generate-year.ts) and the runner (run.ts).
import type { Level } from '@scf/kit';

/** 宁武县: the demo county, with its real 14 townships and 209 villages. */
export const BENCH_COUNTY = '140925';
export const BENCH_YEAR = 2026;
/**
 * "Now" for the generated year and for the federation the runner starts: the last working day of the year, as
 * the afternoon session opens (14:00 China time in winter). Everything before it has happened; everything
 * planned after it (decisions, deliveries, evaluations of open cases) has not, so open cases carry their lights.
 * The runner's clock starts here and runs on in real time, so registrations made by the benchmark come after
 * the generated ones in the same day's numbering.
 */
export const DEFAULT_NOW = '2026-12-31T14:00:00+08:00';
export const DEFAULT_CASES = 300_000;
/** Bumped whenever the generator writes different rows: the runner then regenerates instead of reusing. */
export const GENERATOR_VERSION = 4;

export const LEVELS: Level[] = ['COUNTY', 'TOWNSHIP', 'VILLAGE'];

/** The three bench databases on one MariaDB server: scf_bench_county, scf_bench_township, scf_bench_village. */
export function benchDatabaseUrls(env: NodeJS.ProcessEnv = process.env): Record<Level, string> {
  const base = (env.SCF_BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306').replace(/\/+$/, '');
  const prefix = env.SCF_BENCH_DB_PREFIX ?? 'scf_bench';
  return {
    COUNTY: `${base}/${prefix}_county`,
    TOWNSHIP: `${base}/${prefix}_township`,
    VILLAGE: `${base}/${prefix}_village`,
  };
}

/** What the generator records about the year it loaded (table bench_year in the county bench database). */
export interface YearMeta {
  generatorVersion: number;
  /** --cases as asked; `cases` is how many were made (the same, give or take rounding). */
  requested: number;
  cases: number;
  seed: number;
  now: string;
  generatedAt: string;
  seconds: number;
  rows: Record<Level, Record<string, number>>;
}
