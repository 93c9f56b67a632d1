import { schemaMigration, columns } from '@scf/kit';

export const pointsStaffMigration = (name: string) => schemaMigration(name, (schema) =>
  schema
    .createTable('village', (t) => {
      t.string('code', 12).primary();
      t.string('name', 64).notNullable();
      // Township and county live in other databases: codes only, no foreign keys across databases.
      t.string('township_code', 9).notNullable();
      t.string('county_code', 6).notNullable();
      t.string('room_name', 128).notNullable();
      columns.timestamps(t);
      t.index(['township_code']);
      t.index(['county_code']);
    })
    .createTable('staff', (t) => {
      t.increments('id').primary();
      t.string('village_code', 12).notNullable().references('code').inTable('village');
      t.string('username', 64).notNullable().unique();
      t.string('name', 64).notNullable();
      t.string('role', 32).notNullable();
      t.string('post', 1).nullable();
      t.string('phone', 32).nullable();
      t.boolean('active').notNullable().defaultTo(true);
      columns.timestamps(t);
      t.index(['village_code']);
    }),
);
