import { schemaMigration } from '@scf/kit';

/** Complaints (投诉, R23), their steps, and each county's daily numbering. */
export const complaintsMigration = (name: string) => schemaMigration(name, (schema) =>
  schema
    .createTable('complaint', (t) => {
      t.increments('id').primary();
      t.string('number', 32).notNullable().unique();
      t.string('county_code', 6).notNullable().references('code').inTable('county');
      t.string('point_code', 12).notNullable();
      t.string('point_level', 16).notNullable();
      t.string('unit', 64).nullable();
      t.string('staff_username', 64).nullable();
      t.string('channel', 16).notNullable();
      t.string('category', 16).notNullable();
      t.text('content').notNullable();
      t.string('case_no', 32).nullable();
      t.string('complainant_name', 64).nullable();
      t.string('complainant_phone', 32).nullable();
      t.integer('units_involved').notNullable();
      t.datetime('received_at', { precision: 3 }).notNullable();
      t.string('received_on', 10).notNullable();
      t.string('received_by', 64).notNullable();
      t.string('received_by_name', 64).notNullable();
      t.string('answer_due', 10).notNullable();
      t.string('status', 16).notNullable();
      t.integer('version').notNullable().defaultTo(1);
      t.text('answer').nullable();
      t.datetime('answered_at', { precision: 3 }).nullable();
      t.string('answered_on', 10).nullable();
      t.string('answered_by', 64).nullable();
      t.string('reply_form', 16).nullable();
      t.boolean('verified').nullable();
      t.boolean('serious_impact').nullable();
      t.integer('points_deducted').notNullable().defaultTo(0);
      t.datetime('closed_at', { precision: 3 }).nullable();
      t.string('closed_on', 10).nullable();
      t.string('closed_by', 64).nullable();
      t.datetime('updated_at', { precision: 3 }).notNullable();
      t.index(['county_code', 'status', 'answer_due']);
      t.index(['county_code', 'received_on', 'point_code']);
      t.index(['point_code']);
    })
    .createTable('complaint_event', (t) => {
      t.increments('id').primary();
      t.integer('complaint_id').unsigned().notNullable().references('id').inTable('complaint');
      t.string('step', 16).notNullable();
      t.datetime('at', { precision: 3 }).notNullable();
      t.string('by_username', 64).notNullable();
      t.string('by_name', 64).notNullable();
      t.text('note').nullable();
      t.index(['complaint_id']);
    })
    .createTable('complaint_sequence', (t) => {
      t.string('county_code', 6).notNullable();
      t.string('day', 8).notNullable();
      t.integer('last_seq').notNullable();
      t.primary(['county_code', 'day']);
    }),
);
