import type { EntityManager } from '@mikro-orm/knex';

/**
 * Runs one statement with `?` placeholders and returns its rows. Every statement of the dashboard is plain SQL
 * that MariaDB and SQLite read alike: dates are 'YYYY-MM-DD' strings compared as strings, datetimes are
 * compared with bound Date values (each driver binds them as it stores them), and flags are summed with
 * `case when … then 1 else 0 end`, not with either dialect's boolean arithmetic.
 */
export type Run = <T>(sql: string, params: unknown[]) => Promise<T[]>;

export function runner(em: EntityManager): Run {
  return <T>(sql: string, params: unknown[]) => em.execute(sql, params, 'all') as Promise<T[]>;
}

/** The dimensions every counter is grouped by; the JS side rolls them up into points, items and units. */
export interface Dims {
  point_code: string;
  item_code: string;
  item_name: string;
  deciding_unit: string;
}

/** MariaDB returns SUM() as a decimal string, SQLite as a number; COUNT() as a number on both. */
export function num(value: unknown): number {
  return value == null ? 0 : Number(value);
}

/** A constant list of vocabulary words as an SQL literal list: `('A', 'B')`. Only ever built from our own constants. */
export function sqlList(values: readonly string[]): string {
  for (const v of values) if (!/^[A-Z_]+$/.test(v)) throw new Error(`not a vocabulary word: ${v}`);
  return `(${values.map((v) => `'${v}'`).join(', ')})`;
}
