import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { dropDatabase, parseDatabaseUrl } from './database.js';

/**
 * Which database test suites run on: `SCF_TEST_DB=mysql` uses the MySQL/MariaDB server at
 * SCF_TEST_MYSQL_URL (default mysql://root@127.0.0.1:3306) and fails if it is unreachable; anything else
 * uses embedded files.
 */
export const testDatabase: 'mysql' | 'embedded' = process.env.SCF_TEST_DB === 'mysql' ? 'mysql' : 'embedded';

/** Fresh, empty databases named by `names`: their own database names on MySQL, their own files when embedded. */
export function freshTestDatabases<N extends string>(names: readonly N[]): { urls: Record<N, string>; cleanup(): Promise<void> } {
  if (testDatabase === 'mysql') {
    const base = (process.env.SCF_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306').replace(/\/+$/, '');
    const tag = `scf_t${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
    const urls = Object.fromEntries(names.map((n) => [n, `${base}/${tag}_${n.toLowerCase()}`])) as Record<N, string>;
    return { urls, cleanup: async () => void (await Promise.all(names.map((n) => dropDatabase(parseDatabaseUrl(urls[n]))))) };
  }
  const dir = mkdtempSync(join(tmpdir(), 'scf-test-'));
  const urls = Object.fromEntries(names.map((n) => [n, `file:${join(dir, `${n.toLowerCase()}.db`)}`])) as Record<N, string>;
  return { urls, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
}
