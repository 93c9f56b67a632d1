import { schemaMigration, columns } from '@scf/kit';

export const m0001 = schemaMigration('0001-service-points-staff-items', (schema) =>
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
    })
    .createTable('service_item', (t) => {
      t.increments('id').primary();
      t.string('county_code', 6).notNullable().references('code').inTable('county');
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
      columns.timestamps(t);
      t.unique(['county_code', 'code']);
    })
    .createTable('item_material', (t) => {
      t.increments('id').primary();
      t.integer('item_id').unsigned().notNullable().references('id').inTable('service_item');
      t.integer('position').notNullable();
      t.string('name', 128).notNullable();
      t.string('form', 32).notNullable();
      t.integer('copies').notNullable();
      t.string('note', 255).nullable();
      t.unique(['item_id', 'position']);
    }),
);
