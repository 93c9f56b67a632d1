import type { Knex } from '@mikro-orm/knex';
import { schemaMigration } from '@scf/kit';
import { MASTER_SCOPE, type Level } from './entities.js';

function itemColumns(t: Knex.CreateTableBuilder) {
  t.increments('id').primary();
  // Replicas have no county table: the code is what the rows join on.
  t.string('county_code', 6).notNullable();
  t.string('code', 32).notNullable();
  t.string('name', 128).notNullable();
  t.string('kind', 16).notNullable();
  t.text('legal_basis').notNullable();
  t.string('deciding_level', 16).notNullable();
  t.string('deciding_unit', 64).notNullable();
  t.string('intake_levels', 64).notNullable();
  t.integer('legal_limit_days').notNullable();
  t.integer('promised_limit_days').notNullable();
  t.string('fee', 128).notNullable();
  t.string('fee_basis', 255).nullable();
  t.text('procedure').notNullable();
  t.string('contact_phone', 32).nullable();
  t.string('status', 16).notNullable();
  t.integer('version').notNullable().defaultTo(0);
  t.datetime('created_at', { precision: 3 }).notNullable();
  t.datetime('updated_at', { precision: 3 }).notNullable();
  t.unique(['county_code', 'code']);
  t.index(['version']);
}

function materialColumns(t: Knex.CreateTableBuilder) {
  t.increments('id').primary();
  t.integer('item_id').unsigned().notNullable().references('id').inTable('service_item');
  t.integer('position').notNullable();
  t.string('name', 128).notNullable();
  t.string('form', 32).notNullable();
  t.integer('copies').notNullable();
  t.string('note', 255).nullable();
  t.unique(['item_id', 'position']);
}

/** Tables every level has, beside the items: the change log, calendar overrides and the sync state. */
function sharedTables(schema: Knex.SchemaBuilder): Knex.SchemaBuilder {
  return schema
    .createTable('item_change', (t) => {
      t.increments('id').primary();
      t.integer('item_id').unsigned().notNullable().references('id').inTable('service_item');
      t.string('action', 16).notNullable();
      t.text('changed').notNullable();
      t.string('approved_by', 64).notNullable();
      t.datetime('approved_at', { precision: 3 }).notNullable();
      t.string('note', 255).nullable();
      t.index(['item_id']);
    })
    .createTable('calendar_override', (t) => {
      t.string('date', 10).primary();
      t.boolean('working').notNullable();
      t.string('name', 64).nullable();
      t.string('set_by', 64).notNullable();
      t.datetime('set_at', { precision: 3 }).notNullable();
      t.boolean('cleared').notNullable().defaultTo(false);
      t.integer('version').notNullable().defaultTo(0);
      t.index(['version']);
    })
    .createTable('catalogue_sync', (t) => {
      t.string('scope', 16).primary();
      t.integer('version').notNullable();
      t.datetime('synced_at', { precision: 3 }).nullable();
    });
}

/**
 * The catalogue's migration for one level's list. The county already has `service_item` and
 * `item_material` (its 0001): it gains a version column, the change log, calendar overrides and the
 * master version counter, and the items it already holds become version 1. Townships and villages get
 * the replica tables.
 */
export function catalogueMigration(level: Level) {
  if (level === 'COUNTY') {
    return schemaMigration('0002-catalogue-changes-calendar', (schema) =>
      sharedTables(
        schema.alterTable('service_item', (t) => {
          t.integer('version').notNullable().defaultTo(0);
          t.index(['version']);
        }),
      )
        .raw('update service_item set version = 1')
        .raw(`insert into catalogue_sync (scope, version) values ('${MASTER_SCOPE}', 1)`),
    );
  }
  return schemaMigration('0002-catalogue-replica', (schema) =>
    sharedTables(schema.createTable('service_item', itemColumns).createTable('item_material', materialColumns)),
  );
}

/**
 * A county's master catalogue from nothing: items (they join the county's own table), materials, the
 * change log, calendar overrides and the master's version counter. One migration of the catalogue module,
 * where the county's first two migrations used to make the same tables in two steps.
 */
export function catalogueMasterMigration(name: string) {
  return schemaMigration(name, (schema) =>
    sharedTables(
      schema
        .createTable('service_item', (t) => {
          itemColumns(t);
          t.foreign('county_code').references('code').inTable('county');
        })
        .createTable('item_material', materialColumns),
    ).raw(`insert into catalogue_sync (scope, version) values ('${MASTER_SCOPE}', 1)`),
  );
}

/** A township's or village's replica of its county's catalogue. */
export function catalogueReplicaMigration(name: string) {
  return schemaMigration(name, (schema) =>
    sharedTables(schema.createTable('service_item', itemColumns).createTable('item_material', materialColumns)),
  );
}

/**
 * Items name the window unit or desk that decides them (`window_unit`), and calendar entries belong to a
 * county (`county_code` joins the key): before, one county's director moved every county's deadlines. An
 * entry's county is its director's, the first six digits of `set_by`. At the county, an item whose deciding
 * unit is one of the hall's window units gets that unit; any other item, and every township item, waits for
 * its director to name one (until then only the director acts on its cases) — `npm run seed` names them for
 * the demo catalogue.
 */
export function catalogueScopesMigration(level: Level, name = '0010-item-window-units-county-calendars') {
  return schemaMigration(name, (schema) => {
    let s = schema.alterTable('service_item', (t) => {
      t.string('window_unit', 64).nullable();
    });
    if (level === 'COUNTY') {
      s = s.raw(
        "update service_item set window_unit = deciding_unit where deciding_level = 'COUNTY' and exists " +
          '(select 1 from window_unit w where w.county_code = service_item.county_code and w.name = service_item.deciding_unit)',
      );
    }
    s = s
      .createTable('calendar_override_by_county', (t) => {
        t.string('county_code', 6).notNullable();
        t.string('date', 10).notNullable();
        t.boolean('working').notNullable();
        t.string('name', 64).nullable();
        t.string('set_by', 64).notNullable();
        t.datetime('set_at', { precision: 3 }).notNullable();
        t.boolean('cleared').notNullable().defaultTo(false);
        t.integer('version').notNullable().defaultTo(0);
        t.primary(['county_code', 'date']);
        t.index(['version'], 'calendar_override_county_version_index');
      })
      .raw(
        'insert into calendar_override_by_county (county_code, date, working, name, set_by, set_at, cleared, version) ' +
          'select substr(set_by, 1, 6), date, working, name, set_by, set_at, cleared, version from calendar_override',
      )
      .dropTable('calendar_override');
    // knex types renameTable as a promise; on a builder it queues the statement like the others.
    void s.renameTable('calendar_override_by_county', 'calendar_override');
    return s;
  });
}
