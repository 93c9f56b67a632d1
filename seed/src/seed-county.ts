import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { validatePromisedLimit } from '@scf/domain';
import { hashPassword } from '@scf/auth';
import { County, CountyStaff, ServiceWindow, WindowUnit } from '@scf/county';
import { syncCatalogueItems } from '@scf/catalogue';
import { Township, TownshipStaff } from '@scf/township';
import { Village, VillageStaff } from '@scf/village';
import { demoCatalogue } from './catalogue.js';
import { readCountyDivisions, villageRoomName, type CountyDivisions } from './divisions.js';
import { countyRoster, demoUnits, townshipRoster, villageRoster } from './roster.js';
import { syncRows, type SyncStats } from './sync.js';

export interface Databases {
  county: MikroORM;
  township: MikroORM;
  village: MikroORM;
}

export interface SeedReport {
  county: { code: string; name: string };
  tables: Record<string, SyncStats>;
  /** Rows inserted or updated across all three databases; 0 on a repeated run. */
  changed: number;
}

/**
 * Loads one real county — its townships and villages from the national division data — plus the demo
 * item catalogue and demo staff into the three level databases. Safe to run again: it changes nothing
 * the second time. A malformed or unknown code is refused before anything is written.
 */
export interface SeedOptions {
  /**
   * Gives every demo account that has no password yet this one (for `npm start` and tests). Refused in
   * production: real staff get their own passwords from a director.
   */
  demoPassword?: string;
}

/** The demo accounts' password, documented in the README; refused at sign-in in production. */
export { DEMO_PASSWORD } from '@scf/auth';

export async function seedCounty(dbs: Databases, countyCode: string, options: SeedOptions = {}): Promise<SeedReport> {
  if (options.demoPassword && process.env.NODE_ENV === 'production') throw new Error('demo passwords are refused in production (NODE_ENV=production); create accounts with npm run create-director');
  const divisions = await readCountyDivisions(countyCode);
  for (const item of demoCatalogue) validatePromisedLimit(item.legalLimitDays, item.promisedLimitDays);

  const tables: Record<string, SyncStats> = {};
  // Each level commits on its own; a run cut short is completed by running it again.
  await dbs.county.em.fork().transactional((em) => seedCountyLevel(em as EntityManager, divisions, tables));
  await dbs.township.em.fork().transactional((em) => seedTownshipLevel(em as EntityManager, divisions, tables));
  await dbs.village.em.fork().transactional((em) => seedVillageLevel(em as EntityManager, divisions, tables));

  if (options.demoPassword) {
    const usernames = {
      county: countyRoster(divisions.county.code).map((s) => s.username),
      township: divisions.townships.flatMap((t) => townshipRoster(t.code).map((s) => s.username)),
      village: divisions.villages.flatMap((v) => villageRoster(v.code).map((s) => s.username)),
    };
    // One hash for all demo accounts: ~600 slow hashes would take a minute, and they share the password anyway.
    const passwordHash = await demoHash(options.demoPassword);
    const set = async (orm: MikroORM, entity: string, names: string[]) =>
      names.length ? orm.em.fork().nativeUpdate(entity, { username: { $in: names }, passwordHash: null }, { passwordHash, passwordSetAt: new Date() }) : 0;
    const counts = await Promise.all([
      set(dbs.county, 'CountyStaff', usernames.county), set(dbs.township, 'TownshipStaff', usernames.township), set(dbs.village, 'VillageStaff', usernames.village),
    ]);
    tables.demo_passwords = { inserted: 0, updated: counts.reduce((a, b) => a + b, 0), unchanged: usernames.county.length + usernames.township.length + usernames.village.length - counts.reduce((a, b) => a + b, 0) };
  }
  const changed = Object.values(tables).reduce((n, s) => n + s.inserted + s.updated, 0);
  return { county: { code: divisions.county.code, name: divisions.county.name }, tables, changed };
}

const demoHashes = new Map<string, Promise<string>>();
function demoHash(password: string) {
  let h = demoHashes.get(password);
  if (!h) demoHashes.set(password, (h = hashPassword(password)));
  return h;
}

async function seedCountyLevel(em: EntityManager, d: CountyDivisions, tables: Record<string, SyncStats>) {
  const code = d.county.code;
  tables.county = (
    await syncRows(em, County, 'code', [{ ...d.county, centreName: `${d.county.name}政务服务中心`, complaintPhone: '12345' }], { code })
  ).stats;

  const units = await syncRows(em, WindowUnit, 'name', demoUnits.map((u, i) => ({ countyCode: code, name: u.name, sortOrder: i + 1 })), { countyCode: code });
  tables.window_unit = units.stats;
  const windows = await syncRows(
    em, ServiceWindow, 'number',
    demoUnits.flatMap((u) => u.windows.map((w) => ({ countyCode: code, unitId: units.rows.get(u.name)!.id, number: w.number, business: w.business }))),
    { countyCode: code },
  );
  tables.service_window = windows.stats;
  tables.county_staff = (
    await syncRows(
      em, CountyStaff, 'username',
      countyRoster(code).map((s) => ({
        countyCode: code, username: s.username, name: s.name, role: s.role, post: s.post,
        unitId: s.unitName ? units.rows.get(s.unitName)!.id : null,
        windowId: s.windowNumber ? windows.rows.get(s.windowNumber)!.id : null,
      })),
      { countyCode: code },
    )
  ).stats;

  // The demo catalogue goes in like a director's additions: versioned (replicas pull it) and in the change log.
  const catalogue = await syncCatalogueItems(
    em, code, demoCatalogue, { approvedBy: `${code}.director`, note: 'demo catalogue (npm run seed)' }, { windowUnits: demoUnits.map((u) => u.name) },
  );
  tables.service_item = catalogue.service_item;
  tables.item_material = catalogue.item_material;
}

async function seedTownshipLevel(em: EntityManager, d: CountyDivisions, tables: Record<string, SyncStats>) {
  const codes = d.townships.map((t) => t.code);
  tables.township = (
    await syncRows(em, Township, 'code', d.townships.map((t) => ({ ...t, centreName: `${t.name}便民服务中心` })), { countyCode: d.county.code })
  ).stats;
  tables.township_staff = (
    await syncRows(
      em, TownshipStaff, 'username',
      d.townships.flatMap((t) => townshipRoster(t.code).map((s) => ({ ...s, townshipCode: t.code }))),
      { townshipCode: { $in: codes } },
    )
  ).stats;
}

async function seedVillageLevel(em: EntityManager, d: CountyDivisions, tables: Record<string, SyncStats>) {
  tables.village = (
    await syncRows(em, Village, 'code', d.villages.map((v) => ({ ...v, roomName: villageRoomName(v.name) })), { countyCode: d.county.code })
  ).stats;
  const codes = d.villages.map((v) => v.code);
  const desired = d.villages.flatMap((v) => villageRoster(v.code).map((s) => ({ ...s, villageCode: v.code })));
  tables.village_staff = (
    await syncRows(em, VillageStaff, 'username', desired, codes.length ? { villageCode: { $in: codes } } : { id: -1 })
  ).stats;
}
