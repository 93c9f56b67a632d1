import { schemaMigration, columns } from '@scf/kit';

/** The county centre, its window units and windows, and its staff. (Its items are the catalogue module's.) */
export const pointsStaffMigration = (name: string) => schemaMigration(name, (schema) =>
  schema
    .createTable('county', (t) => {
      t.string('code', 6).primary();
      t.string('name', 64).notNullable();
      t.string('city_name', 64).notNullable();
      t.string('province_name', 64).notNullable();
      t.string('centre_name', 128).notNullable();
      t.string('complaint_phone', 32).nullable();
      columns.timestamps(t);
    })
    .createTable('window_unit', (t) => {
      t.increments('id').primary();
      t.string('county_code', 6).notNullable().references('code').inTable('county');
      t.string('name', 64).notNullable();
      t.integer('sort_order').notNullable().defaultTo(0);
      t.unique(['county_code', 'name']);
    })
    .createTable('service_window', (t) => {
      t.increments('id').primary();
      t.string('county_code', 6).notNullable().references('code').inTable('county');
      t.integer('unit_id').unsigned().notNullable().references('id').inTable('window_unit');
      t.string('number', 16).notNullable();
      t.string('business', 128).notNullable();
      t.unique(['county_code', 'number']);
      t.index(['unit_id']);
    })
    .createTable('staff', (t) => {
      t.increments('id').primary();
      t.string('county_code', 6).notNullable().references('code').inTable('county');
      t.string('username', 64).notNullable().unique();
      t.string('name', 64).notNullable();
      t.string('role', 32).notNullable();
      t.string('post', 1).nullable();
      t.integer('unit_id').unsigned().nullable().references('id').inTable('window_unit');
      t.integer('window_id').unsigned().nullable().references('id').inTable('service_window');
      t.string('phone', 32).nullable();
      t.boolean('active').notNullable().defaultTo(true);
      columns.timestamps(t);
      t.index(['county_code']);
      t.index(['unit_id']);
      t.index(['window_id']);
    }),
);
