import { schemaMigration, columns } from '@scf/kit';

export const pointsStaffMigration = (name: string) => schemaMigration(name, (schema) =>
  schema
    .createTable('township', (t) => {
      t.string('code', 9).primary();
      t.string('name', 64).notNullable();
      // The county lives in another database: no foreign key, only the code the gateway joins on.
      t.string('county_code', 6).notNullable();
      t.string('centre_name', 128).notNullable();
      columns.timestamps(t);
      t.index(['county_code']);
    })
    .createTable('staff', (t) => {
      t.increments('id').primary();
      t.string('township_code', 9).notNullable().references('code').inTable('township');
      t.string('username', 64).notNullable().unique();
      t.string('name', 64).notNullable();
      t.string('role', 32).notNullable();
      t.string('post', 1).nullable();
      t.string('desk', 64).nullable();
      t.string('phone', 32).nullable();
      t.boolean('active').notNullable().defaultTo(true);
      columns.timestamps(t);
      t.index(['township_code']);
    }),
);
