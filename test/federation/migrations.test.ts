import { afterAll, describe, expect, it } from 'vitest';
import type { EntityManager } from '@mikro-orm/knex';
import { freshTestDatabases } from '@scf/kit';
import { county } from '@scf/county';
import { township } from '@scf/township';
import { village } from '@scf/village';

/**
 * Databases migrated before the module contract recorded their migrations under hand-numbered names, one
 * list per level. Opening one with the modules must adopt those records under the modules' names and run
 * nothing twice (re-running a CREATE TABLE would stop the server at start-up).
 */
const LEGACY = {
  COUNTY: ['0001-service-points-staff-items', '0002-catalogue-changes-calendar', '0003-cases', '0004-delegation', '0005-handover', '0006-dashboard', '0007-accounts', '0008-complaints', '0009-personal-data-reads', '0010-item-window-units-county-calendars', '0010-handover-review'],
  TOWNSHIP: ['0001-service-points-staff', '0002-catalogue-replica', '0003-cases', '0004-delegation', '0005-handover', '0006-dashboard', '0007-accounts', '0009-personal-data-reads', '0010-item-window-units-county-calendars', '0010-handover-review'],
  VILLAGE: ['0001-service-points-staff', '0002-catalogue-replica', '0003-cases', '0004-delegation', '0005-handover', '0006-dashboard', '0007-accounts', '0009-personal-data-reads', '0010-item-window-units-county-calendars', '0010-handover-review'],
} as const;

/**
 * Migrations added after the renaming, with no old name. The fixture database below is built by this
 * release, so its tables already carry their changes: it records them as an earlier release that ran them
 * would have (a database that never did runs them, like any pending migration).
 */
const ADDED_SINCE_RENAMING = ['0004-forwarded-case-details', '0001-schedules-punches'];

const dbs = freshTestDatabases(['COUNTY', 'TOWNSHIP', 'VILLAGE'] as const);
afterAll(() => dbs.cleanup());

const recorded = async (em: EntityManager) =>
  (await em.getConnection().execute<{ name: string }[]>('select name from schema_migrations order by id')).map((r) => r.name);

describe.each([
  ['COUNTY', county],
  ['TOWNSHIP', township],
  ['VILLAGE', village],
] as const)('a %s database migrated under the old names', (level, mounted) => {
  it('is adopted under the modules’ names, keeps its rows, and runs no migration again', async () => {
    const url = dbs.urls[level];
    const first = await mounted.openDatabase(url);
    const em = first.orm.em.fork() as EntityManager;
    // As an earlier release left it: the same tables, a row of data, the old names recorded.
    const table = level === 'COUNTY' ? 'county' : level.toLowerCase();
    await em.getConnection().execute(
      level === 'COUNTY'
        ? `insert into county (code, name, city_name, province_name, centre_name, created_at, updated_at) values ('140925', '宁武县', '忻州市', '山西省', '宁武县政务服务中心', '2026-01-01 00:00:00', '2026-01-01 00:00:00')`
        : level === 'TOWNSHIP'
          ? `insert into township (code, name, county_code, centre_name, created_at, updated_at) values ('140925100', '凤凰镇', '140925', '凤凰镇便民服务中心', '2026-01-01 00:00:00', '2026-01-01 00:00:00')`
          : `insert into village (code, name, township_code, county_code, room_name, created_at, updated_at) values ('140925100207', '秃峦妥村委会', '140925100', '140925', '秃峦妥村便民服务室', '2026-01-01 00:00:00', '2026-01-01 00:00:00')`,
    );
    await em.getConnection().execute('delete from schema_migrations');
    const since = mounted.migrationNames().filter((n) => ADDED_SINCE_RENAMING.some((id) => n.endsWith(id)));
    for (const name of [...LEGACY[level], ...since]) await em.getConnection().execute(`insert into schema_migrations (name, executed_at) values ('${name}', '2026-01-01 00:00:00')`);
    await first.orm.close(true);

    const again = await mounted.openDatabase(url);
    const em2 = again.orm.em.fork() as EntityManager;
    expect(await recorded(em2)).toEqual(expect.arrayContaining(mounted.migrationNames()));
    expect((await recorded(em2)).sort()).toEqual([...mounted.migrationNames()].sort());
    expect(await em2.getConnection().execute(`select count(*) as n from ${table}`)).toEqual([{ n: 1 }]);
    await again.orm.close(true);
  });
});
