import { mkdirSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MikroORM, type EntitySchema, type Options } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import type { MigrationObject } from '@mikro-orm/core';
import { SqlCounter, countingLoggerFactory } from './sql-counter.js';
import { ColumnLengthGuard } from './column-limits.js';

import type { Level } from '@scf/domain';

export type { Level };

/** Where one subgraph keeps its data: an embedded file (libSQL) or a MySQL/MariaDB database. */
export type DatabaseTarget =
  | { driver: 'embedded'; file: string; url: string }
  | { driver: 'mysql'; host: string; port: number; user: string; password: string; database: string; url: string };

/**
 * Accepts `file:relative/or/absolute.db`, `:memory:` or `mysql://user:pass@host:port/database`
 * (`mariadb://` is taken as an alias). Anything else is a configuration mistake worth stopping for.
 */
/** The repository root: the default home of the embedded databases, whichever workspace a command runs in. */
export const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * npm runs workspace scripts inside the workspace folder; a relative path means relative to where the
 * user typed the command (INIT_CWD), so `npm start` and `npm run seed` find the same files.
 */
function resolveUserPath(path: string): string {
  return isAbsolute(path) ? path : resolve(process.env.INIT_CWD ?? process.cwd(), path);
}

export function parseDatabaseUrl(url: string): DatabaseTarget {
  if (url === ':memory:') return { driver: 'embedded', file: ':memory:', url };
  if (url.startsWith('file:')) {
    const file = resolveUserPath(url.slice('file:'.length).replace(/^\/\/(?=\/)/, ''));
    return { driver: 'embedded', file, url };
  }
  if (url.startsWith('mysql://') || url.startsWith('mariadb://')) {
    const u = new URL(url.replace(/^mariadb:/, 'mysql:'));
    const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
    if (!/^[A-Za-z0-9_]+$/.test(database)) {
      throw new Error(`Database name in ${redact(url)} must be letters, digits or _, got "${database}"`);
    }
    return {
      driver: 'mysql',
      host: u.hostname || '127.0.0.1',
      port: u.port ? Number(u.port) : 3306,
      user: decodeURIComponent(u.username || 'root'),
      password: decodeURIComponent(u.password),
      database,
      url,
    };
  }
  throw new Error(`Unsupported database URL "${redact(url)}": use file:<path>, :memory: or mysql://user:pass@host:port/database`);
}

export function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

/** The database URL a level uses when nothing is configured: see README "Configuration". */
export function databaseUrlFor(level: Level, env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env[`${level}_DATABASE_URL`];
  if (explicit) return explicit;
  const name = level.toLowerCase();
  if (env.SCF_DB === 'mysql') {
    const base = env.SCF_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';
    return `${base.replace(/\/+$/, '')}/scf_${name}`;
  }
  const dir = env.SCF_DATA_DIR ? resolveUserPath(env.SCF_DATA_DIR) : resolve(projectRoot, 'data');
  return `file:${resolve(dir, `${name}.db`)}`;
}

async function withMysqlServer<T>(t: Extract<DatabaseTarget, { driver: 'mysql' }>, fn: (c: import('mysql2/promise').Connection) => Promise<T>): Promise<T> {
  const mysql = await import('mysql2/promise');
  let conn;
  try {
    conn = await mysql.createConnection({ host: t.host, port: t.port, user: t.user, password: t.password });
  } catch (e) {
    throw new Error(`Cannot reach MySQL/MariaDB at ${t.host}:${t.port} as ${t.user}: ${(e as Error).message}`);
  }
  try {
    return await fn(conn);
  } finally {
    await conn.end();
  }
}

export async function ensureDatabase(target: DatabaseTarget): Promise<void> {
  if (target.driver === 'embedded') {
    if (target.file !== ':memory:') mkdirSync(dirname(target.file), { recursive: true });
    return;
  }
  await withMysqlServer(target, (c) =>
    c.query(`CREATE DATABASE IF NOT EXISTS \`${target.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`),
  );
}

export async function dropDatabase(target: DatabaseTarget): Promise<void> {
  if (target.driver === 'embedded') {
    const { rmSync } = await import('node:fs');
    if (target.file !== ':memory:') for (const f of [target.file, `${target.file}-wal`, `${target.file}-shm`]) rmSync(f, { force: true });
    return;
  }
  await withMysqlServer(target, (c) => c.query(`DROP DATABASE IF EXISTS \`${target.database}\``));
}

export interface OpenDatabaseOptions {
  url: string;
  entities: EntitySchema<any, any>[];
  migrations: MigrationObject[];
  /** Apply pending migrations on open (start-up does; the `migrate` command does it explicitly). */
  migrate?: boolean;
  sqlCounter?: SqlCounter;
  poolSize?: number;
  /** Migrations recorded under older names (see ModuleMigration.replaces): adopted before pending ones run. */
  renamedMigrations?: { name: string; replaces: string[] }[];
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<{ orm: MikroORM; target: DatabaseTarget; sql: SqlCounter }> {
  const target = parseDatabaseUrl(options.url);
  await ensureDatabase(target);
  const sql = options.sqlCounter ?? new SqlCounter();
  const common: Partial<Options> = {
    entities: options.entities,
    discovery: { warnWhenNoEntities: false },
    extensions: [Migrator],
    migrations: {
      migrationsList: options.migrations,
      // MySQL commits DDL implicitly, so a transaction around a migration there only pretends; libSQL's is real.
      transactional: target.driver === 'embedded',
      allOrNothing: target.driver === 'embedded',
      snapshot: false,
      silent: true,
      tableName: 'schema_migrations',
    },
    // A request must work on its own forked EntityManager: a shared identity map would leak data between users.
    allowGlobalContext: false,
    // No string longer than its column reaches the database, on either driver (see ColumnLengthGuard).
    subscribers: [new ColumnLengthGuard()],
    forceUtcTimezone: true,
    loggerFactory: countingLoggerFactory(sql),
    debug: process.env.SCF_SQL_DEBUG === '1' ? ['query', 'query-params'] : false,
  };
  let orm: MikroORM;
  if (target.driver === 'embedded') {
    const { LibSqlDriver } = await import('@mikro-orm/libsql');
    orm = await MikroORM.init({ ...common, driver: LibSqlDriver, dbName: target.file } as Options);
    // WAL lets dashboard reads proceed while a clerk's write commits.
    if (target.file !== ':memory:') await orm.em.getConnection().execute('pragma journal_mode = wal');
    await orm.em.getConnection().execute('pragma foreign_keys = on');
  } else {
    const { MySqlDriver } = await import('@mikro-orm/mysql');
    orm = await MikroORM.init({
      ...common,
      driver: MySqlDriver,
      host: target.host,
      port: target.port,
      user: target.user,
      password: target.password,
      dbName: target.database,
      charset: 'utf8mb4',
      pool: { min: 0, max: options.poolSize ?? 10 },
    } as Options);
  }
  if (options.migrate !== false) {
    await adoptRenamedMigrations(orm, options.renamedMigrations ?? []);
    await orm.getMigrator().up();
  }
  sql.reset();
  return { orm, target, sql };
}

const MIGRATIONS_TABLE = 'schema_migrations';

/**
 * A database migrated before its migrations were renamed has run them under their old names: record each
 * under its new name instead, so it is not run twice. One old migration may be split into several new ones.
 */
async function adoptRenamedMigrations(orm: MikroORM, renamed: { name: string; replaces: string[] }[]): Promise<void> {
  if (renamed.length === 0) return;
  const knex = (orm.em as unknown as { getKnex(): import('@mikro-orm/knex').Knex }).getKnex();
  if (!(await knex.schema.hasTable(MIGRATIONS_TABLE))) return;
  const done = new Set((await knex(MIGRATIONS_TABLE).select('name')).map((r: { name: string }) => r.name));
  const adopt = renamed.filter((m) => !done.has(m.name) && m.replaces.every((old) => done.has(old)));
  if (adopt.length === 0) return;
  const old = [...new Set(adopt.flatMap((m) => m.replaces))].filter((n) => done.has(n));
  await knex.transaction(async (trx) => {
    await trx(MIGRATIONS_TABLE).insert(adopt.map((m) => ({ name: m.name, executed_at: new Date() })));
    await trx(MIGRATIONS_TABLE).whereIn('name', old).delete();
  });
}
